import { createHash } from 'node:crypto';
import { CorruptCheckpointError } from '../errors/corrupt-checkpoint.error';
import { encodeValue, decodeValue, type JsonValue } from './value-codec';
import { stableStringify } from './stable-json';

/** The task id under which a workflow's run record is stored; no task can take it (`#`). */
export const RUN_RECORD_ID = '#run';

/** What a checkpoint holds: a status envelope, so a `null` result still counts as done. */
export interface CheckpointEnvelope {
  /** The envelope format, always 1. */
  readonly format: 1;
  /** Always `'Completed'`: only completed tasks are checkpointed. */
  readonly status: 'Completed';
  /** The task the checkpoint belongs to. */
  readonly taskId: string;
  /** The workflow the checkpoint belongs to. */
  readonly workflowId: string;
  /** When the task completed (ISO 8601). */
  readonly time: string;
  /** The task's result, encoded by `encodeValue`. */
  readonly storage: JsonValue;
}

/** What the run record holds: the fingerprint of the initial contexts that wrote the checkpoints. */
export interface RunRecord {
  /** The record format, always 1. */
  readonly format: 1;
  /** The workflow the record belongs to. */
  readonly workflowId: string;
  /** A hash of every task's initial context, in task order: a resumed run compares it with its own. */
  readonly fingerprint: string;
  /** When the record was last written (ISO 8601). */
  readonly updatedAt: string;
}

/** A checkpoint read back: the decoded result and when it was made. */
export interface RestoredCheckpoint {
  readonly storage: unknown;
  readonly time: Date;
}

/** Builds the envelope of a completed task. @throws UnserializableValueError */
export function makeEnvelope(workflowId: string, taskId: string, value: unknown, time: Date, iso: string = time.toISOString()): CheckpointEnvelope {
  return {
    format: 1,
    status: 'Completed',
    taskId,
    workflowId,
    time: iso,
    storage: encodeValue(value, () => `the result of task "${taskId}"`),
  };
}

/**
 * Checks and decodes a stored envelope: it must be this workflow's checkpoint of this task (a file
 * copied from another workflow's folder is not), with a valid time.
 *
 * @throws CorruptCheckpointError naming `location`
 */
export function readEnvelope(raw: unknown, workflowId: string, taskId: string, location: string): RestoredCheckpoint {
  const e = raw as Partial<CheckpointEnvelope> | null;
  if (
    typeof e !== 'object' || e === null || e.format !== 1 || e.status !== 'Completed' || e.taskId !== taskId ||
    e.workflowId !== workflowId || typeof e.time !== 'string' || !('storage' in e)
  ) {
    throw new CorruptCheckpointError(location);
  }
  const time = new Date(e.time);
  if (Number.isNaN(time.getTime())) throw new CorruptCheckpointError(location);
  try {
    return { storage: decodeValue(e.storage), time };
  } catch (cause) {
    throw new CorruptCheckpointError(location, { cause });
  }
}

/** Checks a stored run record. @throws CorruptCheckpointError naming `location` */
export function readRunRecord(raw: unknown, location: string): RunRecord | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) throw new CorruptCheckpointError(location);
  const r = raw as Partial<RunRecord>;
  if (r.format !== 1 || typeof r.fingerprint !== 'string') throw new CorruptCheckpointError(location);
  return r as RunRecord;
}

/**
 * SHA-256 of the JSON list of every task's initial context, keys sorted (values that JSON cannot
 * hold are encoded first, so a Date or a Map counts by its content).
 *
 * @throws UnserializableValueError for an initial context that cannot be encoded.
 */
export function fingerprintOf(initialContexts: readonly { readonly taskId: string; readonly value: unknown }[]): string {
  const list = initialContexts.map((c) => encodeValue(c.value, `the initial context of task "${c.taskId}"`));
  return createHash('sha256').update(stableStringify(list)).digest('hex');
}

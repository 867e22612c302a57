import {
  RUN_RECORD_ID,
  fingerprintOf,
  makeEnvelope,
  readEnvelope,
  readRunRecord,
  type RestoredCheckpoint,
  type RunRecord,
} from '../checkpoint/checkpoint';
import { InputChangedError } from '../errors/input-changed.error';
import type { NormalizedStartOptions } from '../options/start-options';
import type { TaskDefinition } from '../plan/task-definition';
import type { Storage } from '../providers/storage';

/** What a run restores and how it gives back its claim. */
export interface PreparedCheckpoints {
  readonly restored: ReadonlyMap<string, RestoredCheckpoint>;
  release(): Promise<void>;
}

/**
 * Before a run's first event: claims the workflow id on the storage (every run does, so two runs
 * of one id never mix or wipe each other's checkpoints), then prepares them. Without `resume`, a
 * run starts afresh: the workflow's old checkpoints (and run record) are deleted. With `resume`,
 * the fingerprint policy is applied and every checkpoint of a planned task read and checked, so a
 * corrupt one rejects before any step runs. On a rejection the claim is given back.
 *
 * @throws WorkflowLockedError, InputChangedError, CorruptCheckpointError, UnserializableValueError
 */
export async function prepareCheckpoints(
  storage: Storage,
  workflowId: string,
  tasks: readonly TaskDefinition[],
  options: NormalizedStartOptions,
  fingerprint: string | undefined,
  now: () => Date,
): Promise<PreparedCheckpoints> {
  const release = await storage.claim(workflowId);
  try {
    const prefix = storage.prefix(workflowId);
    if (!options.resume) {
      const stale = storage.keysSync ? storage.keysSync(prefix) : await storage.keys(prefix);
      if (stale.length > 0) await storage.deletePrefix(prefix);
      return { restored: NO_CHECKPOINTS, release };
    }
    fingerprint ??= runFingerprint(tasks, options); // callers compute it up front; kept for direct use
    const recordKey = storage.key(workflowId, RUN_RECORD_ID);
    const record = readRunRecord(await read(storage, recordKey), locate(storage, recordKey));
    const fresh: RunRecord = { format: 1, workflowId, fingerprint, updatedAt: now().toISOString() };
    if (record === undefined) {
      await storage.set(recordKey, fresh);
    } else if (record.fingerprint !== fingerprint) {
      if (options.onInputChange === 'raise') throw new InputChangedError(workflowId);
      if (options.onInputChange === 'reset') {
        await storage.deletePrefix(prefix);
        await storage.set(recordKey, fresh);
        return { restored: NO_CHECKPOINTS, release };
      }
    }
    const wanted = new Map(tasks.map((t) => [storage.key(workflowId, t.taskId), t.taskId]));
    const restored = new Map<string, RestoredCheckpoint>();
    for (const key of storage.keysSync ? storage.keysSync(prefix) : await storage.keys(prefix)) {
      const taskId = wanted.get(key);
      if (taskId === undefined) continue;
      const raw = await read(storage, key);
      if (raw !== undefined) restored.set(taskId, readEnvelope(raw, workflowId, taskId, locate(storage, key)));
    }
    return { restored, release };
  } catch (error) {
    await release();
    throw error;
  }
}

const NO_CHECKPOINTS: ReadonlyMap<string, RestoredCheckpoint> = new Map();

/**
 * The fingerprint of a run's initial contexts (each task's own, else the run's). Pure and
 * synchronous, so a value the codec refuses is reported when the run is asked for.
 *
 * @throws UnserializableValueError for an initial context that cannot be stored.
 */
export function runFingerprint(tasks: readonly TaskDefinition[], options: NormalizedStartOptions): string {
  return fingerprintOf(tasks.map((t) => ({ taskId: t.taskId, value: t.initialContext ? t.initialContext.value : options.initialContext })));
}

function read(storage: Storage, key: string): unknown {
  return storage.getSync ? storage.getSync(key) : storage.get(key);
}

function locate(storage: Storage, key: string): string {
  return storage.locate ? storage.locate(key) : `storage key "${key}"`;
}

/** Writes the checkpoint of each completed task; synchronously when the storage can. */
export class CheckpointWriter {
  private readonly keys = new Map<string, string>();
  private missed: Set<string> | undefined;
  private lastMs = Number.NaN;
  private lastIso = '';

  public constructor(
    private readonly storage: Storage,
    private readonly workflowId: string,
  ) {}

  /** True when the storage only lives as long as the process. */
  public get volatile(): boolean {
    return this.storage.volatile === true;
  }

  /** True the first time a task's result could not be checkpointed (to warn once per task). */
  public firstMiss(taskId: string): boolean {
    const missed = (this.missed ??= new Set());
    if (missed.has(taskId)) return false;
    missed.add(taskId);
    return true;
  }

  /** @throws UnserializableValueError (synchronously) for a result that cannot be stored. */
  public save(taskId: string, value: unknown, time: Date): Promise<void> | undefined {
    let key = this.keys.get(taskId);
    if (key === undefined) {
      key = this.storage.key(this.workflowId, taskId);
      this.keys.set(taskId, key);
    }
    const ms = time.getTime();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = time.toISOString();
    }
    const envelope = makeEnvelope(this.workflowId, taskId, value, time, this.lastIso);
    if (this.storage.setSync) {
      this.storage.setSync(key, envelope);
      return undefined;
    }
    return this.storage.set(key, envelope);
  }
}

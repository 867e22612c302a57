import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CorruptCheckpointError, type DotFlow, FileStorage, action } from '@dotflow/core';
import { newFlow, quietConfig, record, tempDir } from './helpers';

/** The file of a workflow's run record (`key(workflowId, '#run')`). */
const runRecordFile = (storage: FileStorage, workflowId: string): string => storage.fileOf(storage.key(workflowId, '#run'));

describe('a corrupt run record', () => {
  let storage: FileStorage;
  let calls: string[];
  const build = (): DotFlow => {
    const flow = newFlow({ config: quietConfig({ storage }), workflowId: 'rec' });
    flow.task.add({ step: [action(function one() { calls.push('one'); return 1; }), action(function two() { calls.push('two'); return 2; })] });
    return flow;
  };

  beforeEach(async () => {
    storage = new FileStorage({ path: tempDir('dotflow-run-record-') });
    calls = [];
    await build().start({ resume: true });
    expect(existsSync(runRecordFile(storage, 'rec'))).toBe(true);
    calls = [];
  });

  it.each([
    ['invalid JSON', '{"format": 1, "finger'],
    ['an empty file', ''],
    ['null', 'null'],
    ['a string', '"text"'],
    ['an array', '[]'],
    ['an object without a fingerprint', '{"format":1,"workflowId":"rec"}'],
    ['a fingerprint that is not a string', '{"format":1,"workflowId":"rec","fingerprint":7}'],
    ['an unknown format', '{"format":2,"workflowId":"rec","fingerprint":"f"}'],
  ])('(%s) rejects start({ resume: true }) with CorruptCheckpointError naming the file, before any event', async (_label, text) => {
    const file = runRecordFile(storage, 'rec');
    writeFileSync(file, text);
    const flow = build();
    const events = record(flow);
    const rejection = flow.start({ resume: true });
    await expect(rejection).rejects.toThrow(CorruptCheckpointError);
    await expect(rejection).rejects.toThrow(`The checkpoint at ${file} is unreadable or corrupt.`);
    expect(events).toEqual([]);
    expect(calls).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // The claim was given back: once the record is whole again, a resume runs.
    writeFileSync(file, JSON.stringify({ format: 1, workflowId: 'rec', fingerprint: 'old', updatedAt: 'x' }));
    await expect(build().start({ resume: true })).resolves.toMatchObject({ status: 'Completed' });
  });
});

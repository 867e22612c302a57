import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type DotFlow, FileStorage, TaskStatus, WorkflowStatus, action } from '@dotflow/core';
import { newFlow, quietConfig, record, tempDir, trail } from './helpers';

const tmp = (): string => tempDir('dotflow-long-ids-');
const LONG_TASK = 'n'.repeat(250);
const CJK_TASK = '数据处理流程'.repeat(5);

/** Longest temporary-file suffix FileStorage adds while writing: `.<pid>.<counter>.tmp`, 10 digits each. */
const TMP_SUFFIX = '.4294967295.ffffffff.9999999999.tmp';

/** long → cjk → last (fails while `failing.last` is set); counts calls per task. */
function build(storage: FileStorage, workflowId: string, failing: { last: boolean }, calls: string[]): DotFlow {
  const flow = newFlow({ config: quietConfig({ storage }), workflowId });
  flow.task.add({ step: action({ name: LONG_TASK }, () => { calls.push('long'); return { long: 1 }; }) });
  flow.task.add({ step: action({ name: CJK_TASK }, () => { calls.push('cjk'); return { cjk: 2 }; }) });
  flow.task.add({ step: action({ name: 'last' }, () => {
    calls.push('last');
    if (failing.last) throw new Error('last is down');
    return 'done';
  }) });
  return flow;
}

describe.each([
  ['a short workflow id', 'wf'],
  ['a 300-character workflow id', 'w'.repeat(300)],
  ['a workflow id of 30 CJK characters', '工作流'.repeat(10)],
])('FileStorage with %s and long task names', (_label, workflowId) => {
  it('completes a run whose task is named "n" × 250 and resumes it', async () => {
    const path = tmp();
    const storage = new FileStorage({ path });
    const calls: string[] = [];
    const failing = { last: true };
    const first = await build(storage, workflowId, failing, calls).start({ resume: true });
    expect(first.status).toBe(WorkflowStatus.Failed);
    expect(first.tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Completed, TaskStatus.Failed]);
    expect(first.tasks[0]?.errors).toEqual([]);

    failing.last = false;
    const flow = build(storage, workflowId, failing, calls);
    const events = record(flow);
    const second = await flow.start({ resume: true });
    expect(second.status).toBe(WorkflowStatus.Completed);
    expect(trail(events)).toEqual([
      'workflow:In progress', `${LONG_TASK}:Skipped`, `${CJK_TASK}:Skipped`, 'last:In progress', 'last:Completed', 'workflow:Completed',
    ]);
    expect(flow.resultStorage()).toEqual([{ long: 1 }, { cjk: 2 }, 'done']);
    expect(calls).toEqual(['long', 'cjk', 'last', 'last']);

    const [folder] = readdirSync(path);
    const names = readdirSync(join(path, folder ?? ''));
    expect(names).toHaveLength(4); // three checkpoints and the run record; the lock is released
    for (const name of [folder ?? '', ...names]) expect(Buffer.byteLength(name + TMP_SUFFIX)).toBeLessThan(255);
  });
});

describe('FileStorage file names', () => {
  it('keeps names of up to 200 characters as they were, and cuts longer ones to 200', () => {
    const storage = new FileStorage({ path: tmp() });
    expect(storage.key('wf', 'n'.repeat(200))).toBe(`wf/${'n'.repeat(200)}`);
    expect(storage.key('Wf', `${'检'.repeat(22)}x`)).toBe(`^wf/${'%E6%A3%80'.repeat(22)}x`);
    for (const id of ['n'.repeat(201), LONG_TASK, CJK_TASK, 'x'.repeat(10_000)]) {
      const name = basename(storage.fileOf(storage.key('wf', id)), '.json');
      expect(name).toHaveLength(200);
      expect(name).toMatch(/^[^~]{135}~[0-9a-f]{64}$/);
    }
  });
});

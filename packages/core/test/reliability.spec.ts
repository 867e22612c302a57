import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import {
  Config,
  ConsoleLog,
  CorruptCheckpointError,
  FileStorage,
  TaskStatus,
  WorkflowStatus,
  action,
} from '@dotflow/core';
import { fixtureCommand } from './fixture-command';
import { newFlow, record, tempDir, trail } from './helpers';

describe('a step that cancels its own run and then rejects', () => {
  it('ends Cancelled and the process lives on (by signal, honouring it or not, and by BackgroundRun.cancel())', () => {
    const { command, args, env } = fixtureCommand('self-cancel.fixture.ts');
    const child = spawnSync(command, args, { env, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trim().split('\n')).toEqual(['Cancelled:Cancelled', 'Cancelled:Cancelled', 'Cancelled:Cancelled']);
  }, 60_000);
});

describe('a result whose then getter throws', () => {
  it.each([['synchronous', false], ['asynchronous', true]] as const)('fails its task (%s step), with every final event and onFailure', async (_kind, async) => {
    const hostile = (): object => Object.defineProperty({}, 'then', { get(): never { throw new Error('no then for you'); } });
    const flow = newFlow({ workflowId: 'then' });
    flow.task.add({ step: action(async ? async function bad() { await Promise.resolve(); return hostile(); } : function bad() { return hostile(); }) });
    const events = record(flow);
    const failures: string[] = [];
    const result = await flow.start({ onFailure: (r) => { failures.push(r.status); } });
    expect(result.status).toBe(WorkflowStatus.Failed);
    expect(result.tasks[0]?.status).toBe(TaskStatus.Failed);
    expect(result.tasks[0]?.errors[0]?.message).toBe('no then for you');
    expect(trail(events)).toEqual(['workflow:In progress', 'bad:In progress', 'bad:Failed', 'workflow:Failed']);
    expect(failures).toEqual([WorkflowStatus.Failed]);
  });
});

describe('checkpoints that are not this workflow\'s own', () => {
  function resumed(path: string, workflowId: string) {
    const flow = newFlow({ workflowId, config: new Config({ storage: new FileStorage({ path }), log: new ConsoleLog({ level: 'silent' }) }) });
    flow.task.add({ step: action(function a() { return 'A'; }) });
    return flow;
  }

  it('a checkpoint copied from another workflow\'s folder is a CorruptCheckpointError naming the file', async () => {
    const path = tempDir('dotflow-foreign-');
    const storage = new FileStorage({ path });
    await resumed(path, 'other').start();
    const foreign = await storage.get(storage.key('other', 'a'));
    await storage.set(storage.key('mine', 'a'), foreign);
    const flow = resumed(path, 'mine');
    await expect(flow.start({ resume: true })).rejects.toThrow(CorruptCheckpointError);
    await expect(flow.start({ resume: true })).rejects.toThrow(storage.fileOf(storage.key('mine', 'a')));
  });

  it('following its advice works: a plain run replaces the corrupt checkpoint, and a resume after it restores the new one', async () => {
    const path = tempDir('dotflow-advice-');
    const storage = new FileStorage({ path });
    await resumed(path, 'wf').start();
    writeFileSync(storage.fileOf(storage.key('wf', 'a')), '{ not json');
    await expect(resumed(path, 'wf').start({ resume: true })).rejects.toThrow(/start the workflow once without resume/);
    expect((await resumed(path, 'wf').start()).status).toBe(WorkflowStatus.Completed);
    // the plain run wrote a sound checkpoint in its place: the resume restores it
    const again = await resumed(path, 'wf').start({ resume: true });
    expect(again.tasks.map((t) => [t.status, t.currentContext.storage])).toEqual([[TaskStatus.Skipped, 'A']]);
  });

  it.each([['not a date'], [''], ['2026-13-45T99:00:00Z']])('an envelope whose time is %p is a CorruptCheckpointError naming the file', async (time) => {
    const path = tempDir('dotflow-time-');
    const storage = new FileStorage({ path });
    await resumed(path, 'wf').start();
    const file = storage.fileOf(storage.key('wf', 'a'));
    const envelope = (await storage.get(storage.key('wf', 'a'))) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...envelope, time }));
    await expect(resumed(path, 'wf').start({ resume: true })).rejects.toThrow(CorruptCheckpointError);
    await expect(resumed(path, 'wf').start({ resume: true })).rejects.toThrow(file);
  });
});

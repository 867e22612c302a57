import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileStorage } from '@dotflow/core';
import { announced, fixtureCommand, startFixture } from './fixture-command';
import { tempDir } from './helpers';
import { deadPid, startTimeOf } from './storage-processes';

const tmp = (): string => tempDir('dotflow-fs-leftovers-');

/** Runs the write fixture's `killed` mode: a writer SIGKILLed mid-write. The name of the temporary file it left. */
function killedWriter(path: string): string {
  const fixture = fixtureCommand('file-storage-write.fixture.ts', ['killed', path]);
  const child = spawnSync(fixture.command, fixture.args, { env: fixture.env, encoding: 'utf8', timeout: 20_000 });
  expect(child.signal).toBe('SIGKILL');
  return child.stdout.trim();
}

/** The names in a folder, sorted. */
const namesIn = (folder: string): string[] => readdirSync(folder).sort();

/** The temporary name a writer with this pid (and start time in base 36) gives the checkpoint `a`. */
const tempOf = (pid: number, start?: string): string => `a.json.${pid}${start === undefined ? '' : `-${start}`}.0123abcd.1.tmp`;

describe('FileStorage.claim removes what writers that died left in the folder', () => {
  it('the partial temporary file of a writer killed mid-write', async () => {
    const path = tmp();
    const left = killedWriter(path);
    expect(namesIn(join(path, 'wf'))).toEqual([left]);
    const storage = new FileStorage({ path });
    const release = await storage.claim('wf');
    expect(namesIn(join(path, 'wf'))).toEqual(['.lock']);
    await release();
  }, 30_000);

  it("never the temporary file of a writer that is still writing", async () => {
    const path = tmp();
    const writer = startFixture('file-storage-write.fixture.ts', ['writing', path]);
    const name = await new Promise<string>((resolve) => {
      let out = '';
      writer.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
    });
    const release = await new FileStorage({ path }).claim('wf');
    expect(namesIn(join(path, 'wf'))).toEqual(['.lock', name]);
    await release();
    const ended = announced(writer, '{"ok":true,"files":["' + name + '"]}');
    writer.stdin.end();
    await ended;
  }, 30_000);

  it('temporary names of earlier versions and other processes, judged by their pid and start time', async () => {
    const path = tmp();
    const folder = join(path, 'wf');
    mkdirSync(folder);
    const dead = deadPid();
    const parent = process.ppid;
    const parentStart = BigInt(startTimeOf(parent)).toString(36);
    const gone = [
      tempOf(dead, '1a'), // a process that is gone
      tempOf(parent, (BigInt(startTimeOf(parent)) + 1n).toString(36)), // an earlier process with the pid of a live one
      `a.json.${dead}.0123abcd.1.tmp`, // earlier versions: no start time
      `a.json.${dead}.3.tmp`, // and no random part
      `.lock.${dead}-1a.0123abcd.1.tmp`, // a claim's
    ];
    const kept = [
      tempOf(parent, parentStart), // a live writer
      `a.json.${parent}.0123abcd.1.tmp`, // a live pid, no start time to tell otherwise
      'a.json.tmp', // not a name FileStorage gives
      'README.tmp',
      'a.json',
    ];
    for (const name of [...gone, ...kept]) writeFileSync(join(folder, name), '{"half');
    const release = await new FileStorage({ path }).claim('wf');
    expect(namesIn(folder)).toEqual(['.lock', ...kept].sort());
    await release();
  });
});

describe('FileStorage.deletePrefix deletes only what FileStorage writes', () => {
  it("leaves foreign files alone: names it would not give, other folders' files, live writers' temporary files", async () => {
    const path = tmp();
    const storage = new FileStorage({ path });
    for (const task of ['a', 'B', '#run', 'x'.repeat(300)]) await storage.set(storage.key('wf', task), task);
    const folder = join(path, 'wf');
    const live = tempOf(process.ppid, BigInt(startTimeOf(process.ppid)).toString(36));
    // not names FileStorage gives: upper case (it writes ^b), %41 (it writes ^a), dots, spaces, …
    const foreign = ['README.tmp', 'Notes.json', '%41.json', 'notes.JSON', 'data.json.bak', 'my data.json', '.hidden.json', `${'y'.repeat(135)}~xyz.json`, live];
    for (const name of foreign) writeFileSync(join(folder, name), '{}');
    writeFileSync(join(folder, tempOf(deadPid(), '1a')), '{"half'); // a dead writer's: removed
    writeFileSync(join(path, 'data.json'), '{}'); // a user's, beside the workflow folders
    mkdirSync(join(folder, 'sub'));
    writeFileSync(join(folder, 'sub', 'a.json'), '{}');

    expect((await storage.keys(storage.prefix('wf'))).sort()).toEqual(['a', 'B', '#run', 'x'.repeat(300)].map((t) => storage.key('wf', t)).sort());
    expect(await storage.deletePrefix(storage.prefix('wf'))).toBe(4);
    expect(namesIn(folder)).toEqual([...foreign, 'sub'].sort());
    expect(namesIn(path)).toEqual(['data.json', 'wf']);
    expect(namesIn(join(folder, 'sub'))).toEqual(['a.json']);
  });

  // By name alone a foreign `notes.json` cannot be told from the checkpoint of a task named 'notes':
  // that one is FileStorage's (keep other files out of its folders).
  it("deletes a file named as one of its checkpoints", async () => {
    const storage = new FileStorage({ path: tmp() });
    mkdirSync(join(storage.path, 'wf'));
    writeFileSync(join(storage.path, 'wf', 'notes.json'), '{}');
    expect(await storage.keys(storage.prefix('wf'))).toEqual([storage.key('wf', 'notes')]);
    expect(await storage.deletePrefix(storage.prefix('wf'))).toBe(1);
  });
});

// Processes as the FileStorage specs see them: their /proc state and start time, the text a lock
// names them by, and the pid of a process that has ended.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** The fields of `/proc/<pid>/stat` after the command name (field 3 first); undefined when gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** A process's state letter (`R`, `S`, `Z`…), undefined once it is reaped. */
export function stateOf(pid: number): string | undefined {
  return statFields(pid)?.[0];
}

/** A live process's start time, field 22 of `/proc/<pid>/stat`. */
export function startTimeOf(pid: number): string {
  const start = statFields(pid)?.[19];
  if (start === undefined) throw new Error(`no /proc/${pid}/stat`);
  return start;
}

/** What a FileStorage lock taken by `pid` (its main thread) holds: `host:pid:starttime`. */
export function holderText(pid: number): string {
  return `${hostname()}:${pid}:${startTimeOf(pid)}`;
}

/** The pid of a process that has exited (and been reaped). */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { timeout: 20_000 });
  if (child.error !== undefined) throw child.error;
  return child.pid;
}

import * as fs from 'node:fs';

/**
 * The state (3rd field) and start time (22nd field, `starttime`, in clock ticks since boot) of a
 * process, from `/proc/<pid>/stat`; undefined where there is no `/proc` or it does not show that
 * process. The command name (2nd field) may hold spaces and parentheses, so the fields are
 * counted from the last `)`.
 */
function statOf(pid: number | 'self'): { readonly state: string; readonly start: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, start] = [fields[0], fields[19]];
  return state !== undefined && start !== undefined && /^[0-9]+$/.test(start) ? { state, start } : undefined;
}

let ownStart: string | undefined | null = null;

/**
 * This process's start time as `/proc/self/stat` gives it (read once), or undefined without
 * `/proc` (macOS, Windows). With the pid, it names this process among every process the host has
 * had: a later process given the same pid (a restarted container is often pid 1 again) starts later.
 */
export function ownStartTime(): string | undefined {
  if (ownStart === null) ownStart = statOf('self')?.start;
  return ownStart;
}

/**
 * False when the process `pid` of this host is no longer the one that was there: there is no such
 * process, it is a zombie (killed or ended, not yet reaped by its parent: it runs nothing), or its
 * start time differs from `start` (the pid was given to another process since). A process this
 * one may not signal (another user's) counts as alive, as does one `/proc` does not show.
 */
export function isProcessAlive(pid: number, start?: string): boolean {
  let mayNotSignal = false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
    mayNotSignal = true;
  }
  const stat = statOf(pid);
  // no /proc, or one that hides other users' processes: the signal is all there is to go on; a
  // process we may signal that /proc no longer shows has ended meanwhile
  if (stat === undefined) return mayNotSignal || ownStartTime() === undefined;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return start === undefined || stat.start === start;
}

/**
 * The plain functions both sides run and the floors written by hand. This module imports no
 * Dotflow, so a child process that runs a floor (`child.ts`) does not load it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { expectEqual } from './workload';

/** What each trivial step returns: a small object, as a real step would. */
export interface Value {
  readonly i: number;
  readonly sum: number;
}

export type SyncFn = (prev: Value | null) => Value;
export type AsyncFn = (prev: Value | null) => Promise<Value>;

/** `n` trivial synchronous functions, each reading the previous value. */
export function syncFns(n: number): SyncFn[] {
  return Array.from({ length: n }, (_, i): SyncFn => (prev) => ({ i, sum: (prev?.sum ?? 0) + i }));
}

/** `n` trivial `async` functions (no I/O: each resolves at once). */
export function asyncFns(n: number): AsyncFn[] {
  // eslint-disable-next-line @typescript-eslint/require-await -- an async step with no await is the point
  return Array.from({ length: n }, (_, i): AsyncFn => async (prev) => ({ i, sum: (prev?.sum ?? 0) + i }));
}

/** The floor: a hand-written async chain of the same functions. */
export async function handChain(fns: readonly (SyncFn | AsyncFn)[]): Promise<Value | null> {
  let prev: Value | null = null;
  for (const f of fns) prev = await f(prev);
  return prev;
}

/** The same chain keeping every result, as Dotflow keeps every task's context (W7's floor). */
export async function handChainKept(fns: readonly (SyncFn | AsyncFn)[]): Promise<Value[]> {
  const kept: Value[] = [];
  let prev: Value | null = null;
  for (const f of fns) kept.push((prev = await f(prev)));
  return kept;
}

/** The final `sum` of a chain of `n` steps. */
export const expectedSum = (n: number): number => (n * (n - 1)) / 2;

export function checkFloor(value: Value | null, n: number): void {
  expectEqual('floor result', value?.sum, expectedSum(n));
}

/** Waits `ms` on a timer. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** W6: the step sleeps this long, honouring its signal… */
export const SLOW_STEP_MS = 5000;
/** …and its `timeout` is this. */
export const TIMEOUT_MS = 1000;

/**
 * W6's floor: an `AbortController` aborted by a `TIMEOUT_MS` timer, racing the same abortable
 * `SLOW_STEP_MS` sleep; resolves with the sleep's rejection (an `AbortError`), or `'completed'`.
 */
export async function handTimeout(): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    await delay(SLOW_STEP_MS, undefined, { signal: controller.signal });
    return 'completed';
  } catch (error) {
    return error;
  } finally {
    clearTimeout(timer);
  }
}

/** Throws unless `handTimeout` ended on the abort. */
export function checkHandTimeout(outcome: unknown): void {
  expectEqual('floor outcome', (outcome as Error | undefined)?.name, 'AbortError');
}

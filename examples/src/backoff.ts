/**
 * Backoff: the wait after failed attempt k (1-based) is
 *   - `retryDelay`                                       without backoff,
 *   - `retryDelay * 2^(k-1)`                              with `backoff: true`,
 *   - `min(retryDelay * factor^(k-1), maxDelay)`          with `backoff: { factor, maxDelay }`
 * (`backoff: { jitter: true }` draws each wait uniformly from [0, delay]).
 *
 * Run: npm run build && node examples/dist/backoff.js
 */
import 'reflect-metadata';
import { DotFlow, action, type ActionOptions, type StepContext } from '@dotflow/core';

/** A step that fails until its last attempt, noting when each attempt started. */
function flaky(name: string, options: ActionOptions & { retry: number }, startedAt: number[]) {
  return action({ ...options, name }, function flakyStep({ task }: StepContext) {
    startedAt.push(performance.now());
    if (task.attempt < options.retry) throw new Error(`attempt ${task.attempt} failed`);
    return `ok after ${task.attempt} attempts`;
  });
}

/** The waits between consecutive attempts, in ms. */
const gapsOf = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));

export interface BackoffOutcome {
  /** `backoff: true`, retryDelay 20: expect about 20, 40, 80. */
  readonly doubling: number[];
  /** `backoff: { factor: 3, maxDelay: 100 }`, retryDelay 10: expect about 10, 30, 90, 100. */
  readonly capped: number[];
}

export async function main(log: (line: string) => void = console.log): Promise<BackoffOutcome> {
  const doublingAt: number[] = [];
  const cappedAt: number[] = [];

  const workflow = new DotFlow({ name: 'backoff-example' });
  workflow.task.add({ step: flaky('doubling', { retry: 4, retryDelay: 20, backoff: true }, doublingAt) });
  workflow.task.add({
    step: flaky('capped', { retry: 5, retryDelay: 10, backoff: { factor: 3, maxDelay: 100 } }, cappedAt),
  });
  await workflow.start();

  const outcome: BackoffOutcome = { doubling: gapsOf(doublingAt), capped: gapsOf(cappedAt) };
  const ms = (gaps: number[]): string => gaps.map((g) => `${Math.round(g)} ms`).join(', ');
  log(`doubling (backoff: true): waits ${ms(outcome.doubling)}`);
  log(`capped (factor 3, maxDelay 100): waits ${ms(outcome.capped)}`);
  for (const task of workflow.resultTask()) log(`Task ${task.taskId}: ${task.status} (retryCount ${task.retryCount})`);
  return outcome;
}

if (require.main === module) void main();

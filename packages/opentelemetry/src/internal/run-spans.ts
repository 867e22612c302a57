import type { Context, Span } from '@opentelemetry/api';

/** A task's open span, and the retries it has seen. */
export interface TaskSpan {
  readonly span: Span;
  retries: number;
}

/** A run's open spans: its workflow span (and the context that parents its tasks) and its open task spans. */
export interface RunSpans {
  readonly span: Span;
  /** `trace.setSpan(ROOT_CONTEXT, span)`: the parent of the run's task spans. */
  readonly context: Context;
  readonly tasks: Map<string, TaskSpan>;
}

/**
 * The open runs, by run id, at most `max` of them: adding one more evicts the oldest (handed to
 * `evict`, which ends its spans), and its id is remembered (the last `max` such ids) so that late
 * events of an evicted run are ignored rather than opening new spans that nothing would end.
 * A run normally leaves on its workflow's final event; eviction only happens when final events were
 * lost (an observer queue that dropped events, an executor that died).
 */
export class RunSpanTable {
  readonly #open = new Map<string, RunSpans>();
  readonly #evicted = new Set<string>();

  public constructor(
    private readonly max: number,
    private readonly evict: (run: RunSpans) => void,
  ) {}

  /** Open runs. */
  public get size(): number {
    return this.#open.size;
  }

  public get(runId: string): RunSpans | undefined {
    return this.#open.get(runId);
  }

  /** True for a run evicted to make room: its late events are ignored. */
  public isEvicted(runId: string): boolean {
    return this.#evicted.has(runId);
  }

  /** Adds an open run, evicting the oldest when `max` are open. */
  public add(runId: string, run: RunSpans): void {
    this.#open.set(runId, run);
    // the table is consistent before `evict` runs (it may throw: a span processor that throws)
    while (this.#open.size > this.max) {
      const [oldestId, oldest] = this.#open.entries().next().value as [string, RunSpans];
      this.#open.delete(oldestId);
      this.#evicted.add(oldestId);
      if (this.#evicted.size > this.max) this.#evicted.delete(this.#evicted.values().next().value as string);
      this.evict(oldest);
    }
  }

  /** Removes a run (on its final event); returns it. */
  public take(runId: string): RunSpans | undefined {
    const run = this.#open.get(runId);
    if (run !== undefined) this.#open.delete(runId);
    return run;
  }

  /** Removes every open run; returns them, oldest first. */
  public takeAll(): RunSpans[] {
    const runs = [...this.#open.values()];
    this.#open.clear();
    return runs;
  }
}

/** Requests waiting or in flight, at most, per notifier or server reporter. @internal */
export const MAX_PENDING = 1_000;

/**
 * Runs jobs one after another per lane (a workflow's messages, a run's reports), lanes side by
 * side; tracks what is in flight so `idle()` can wait for it. Past {@link MAX_PENDING} jobs, a new
 * one is refused with the error `refused(what)` makes.
 * @internal
 */
export class Lanes {
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #running = new Set<Promise<unknown>>();

  public constructor(private readonly refused: (what: string) => Error) {}

  /** Jobs waiting or in flight. */
  public get size(): number {
    return this.#running.size;
  }

  /** Runs `job` after the lane's earlier jobs; resolves or rejects as the job does. */
  public run<T>(lane: string, what: string, job: () => Promise<T>): Promise<T> {
    if (this.#running.size >= MAX_PENDING) {
      return Promise.reject(this.refused(what));
    }
    const previous = this.#tails.get(lane) ?? Promise.resolve();
    const result = previous.then(job);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(lane, settled);
    this.#running.add(settled);
    void settled.then(() => {
      this.#running.delete(settled);
      if (this.#tails.get(lane) === settled) this.#tails.delete(lane);
    });
    return result;
  }

  /** Resolves once every job started so far, and any started meanwhile, has settled. */
  public async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }
}

import { DotflowError } from '../errors/dotflow.error';
import type { Clock, TimerHandle } from '../providers/clock';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** Lets pending promise callbacks run (a macrotask turn of the real event loop). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A {@link Clock} on virtual time, for tests of retry, backoff and timeout that run in
 * microseconds. Time moves only when you call `advance()` or `runAll()`.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * const flow = new DotFlow({ config: new Config({ clock }) });
 * const done = flow.start();
 * await clock.advance(1_000); // fires every timer due within the next second, in order
 * ```
 */
export class VirtualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: Timer[] = [];
  #seed: number;

  /**
   * @param start - the initial time in ms since the epoch. @defaultValue 0
   * @param seed - the seed of {@link VirtualClock.random}, so jitter is the same on every run. @defaultValue 1
   */
  public constructor(start = 0, seed = 1) {
    this.#now = start;
    this.#seed = seed >>> 0;
  }

  /** A seeded uniform draw from [0, 1) (mulberry32): backoff jitter on virtual time is reproducible. */
  public random(): number {
    let t = (this.#seed = (this.#seed + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  public now(): number {
    return this.#now;
  }

  /** Schedules `callback` at `now() + ms` of virtual time; it runs when `advance` or `runAll` gets there. */
  public setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), callback };
    this.#timers.push(timer);
    return timer.id;
  }

  /** Cancels a timer that has not fired yet. */
  public clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t.id !== handle);
  }

  /** Timers not yet fired nor cleared. */
  public get pending(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting promises settle between them. */
  public async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await flush();
      const next = this.#earliest();
      if (next === undefined || next.at > target) break;
      this.#fire(next);
    }
    this.#now = target;
    await flush();
  }

  /** Fires every timer, including those scheduled meanwhile, until none is left (at most `limit`). */
  public async runAll(limit = 10_000): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await flush();
      const next = this.#earliest();
      if (next === undefined) return;
      this.#fire(next);
    }
    throw new DotflowError(`VirtualClock.runAll(): still ${this.#timers.length} timer(s) after ${limit} steps`);
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers) if (best === undefined || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }

  #fire(timer: Timer): void {
    this.#timers = this.#timers.filter((t) => t !== timer);
    this.#now = Math.max(this.#now, timer.at);
    timer.callback();
  }
}

import type { DotflowEvent, Observer } from '@dotflow/core';
import { Lanes } from './http/lanes';
import type { ResolvedChatOptions } from './options/notify-options';
import type { Digest, StatusEvent } from './render/text';
import { Throttle } from './throttle/throttle';

/** What a chat service adds to {@link ChatNotifier}: how a message looks and how it is sent. @internal */
export interface ChatChannel<TPayload> {
  render(event: StatusEvent): TPayload;
  renderDigest(digest: Digest): TPayload;
  /** Sends one message; rejects with a `NotifyDeliveryError` (whose text names `what`). */
  post(payload: TPayload, what: string): Promise<void>;
  /** The error of a message refused because too many wait. */
  refused(what: string): Error;
}

/**
 * The observer behind `TelegramNotify` and `DiscordNotify` (their base class): picks the events
 * to send, throttles them, and sends them in order per workflow. `onEvent` resolves when its
 * message was delivered and rejects when it was not (so the core's log writes why); a digest
 * sent by a window's timer that fails is reported by the next `onEvent` or `flush()`.
 *
 * @example
 * ```ts
 * const notify: ChatNotifier<string> = new TelegramNotify({ token, chatId });
 * await notify.flush();
 * ```
 */
export class ChatNotifier<TPayload> implements Observer {
  readonly #lanes: Lanes;
  readonly #throttle: Throttle | undefined;
  #failed: Error | undefined;
  #closed = false;

  protected constructor(
    private readonly options: ResolvedChatOptions,
    private readonly channel: ChatChannel<TPayload>,
  ) {
    this.#lanes = new Lanes((what) => channel.refused(what));
    const throttle = options.throttle;
    this.#throttle = throttle === undefined ? undefined : new Throttle(throttle, options.clock, (d) => this.#sendDigest(d));
  }

  /** Sends a message for a chosen event: resolves once the service took it, rejects (with no secret in the error) when it did not. */
  public onEvent(event: DotflowEvent): void | Promise<void> {
    if (this.#closed || (event.type !== 'task' && event.type !== 'workflow') || !this.#wanted(event)) return;
    const label = event.type === 'task' ? event.status : `workflow ${event.status}`;
    if (this.#throttle !== undefined && !this.#throttle.admit(event.workflowId, label)) return this.#reportLater();
    const what = `the ${event.status} message of ${event.type === 'task' ? `task ${event.taskId}` : `workflow ${event.name}`}`;
    const payload = this.channel.render(event);
    return this.#lanes.run(event.workflowId, what, () => this.channel.post(payload, what)).then(() => this.#reportLater());
  }

  /** Sends the throttle's pending digests; resolves when every message in flight was delivered or given up. */
  public async flush(): Promise<void> {
    this.#throttle?.flush();
    await this.#lanes.idle();
    this.#reportLater();
  }

  /** Flushes, then stops the throttle's timers; later events are ignored. */
  public async close(): Promise<void> {
    if (this.#closed) return this.flush();
    try {
      await this.flush();
    } finally {
      this.#closed = true;
      this.#throttle?.stop();
    }
  }

  #wanted(event: StatusEvent): boolean {
    const statuses = event.type === 'task' ? this.options.statuses : this.options.workflowStatuses;
    return statuses === 'all' || statuses.has(event.status);
  }

  #sendDigest(digest: Digest): void {
    const what = `the throttle's digest of workflow ${digest.workflowId}`;
    const payload = this.channel.renderDigest(digest);
    const record = (error: unknown): void => {
      this.#failed = error instanceof Error ? error : new Error(String(error));
    };
    this.#lanes.run(digest.workflowId, what, () => this.channel.post(payload, what).catch(record)).catch(record);
  }

  /** Rethrows the failure of a digest sent by a timer, once. */
  #reportLater(): void {
    const failed = this.#failed;
    if (failed === undefined) return;
    this.#failed = undefined;
    throw failed;
  }
}

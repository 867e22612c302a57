import type { DotflowEvent, Observer, TaskEvent, WorkflowEvent } from '@dotflow/core';
import { NodeClient, Scope, defaultStackParser, makeNodeTransport, type Event } from '@sentry/node';
import { redact } from './dsn';
import { taskBreadcrumb, taskEventToSentry, workflowEventToSentry, type RunInfo, type StackParser } from './sentry-event';
import { resolveSentryOptions, type ResolvedSentryOptions, type SentryNotifyOptions } from './sentry-notify-options';

/** A run being watched: its scope (its breadcrumbs) and what its first event told. */
interface Run {
  readonly scope: Scope;
  readonly info: RunInfo;
}

/** Runs whose final event never came (a process that stopped mid-run) are forgotten past this. */
const MAX_OPEN_RUNS = 10_000;
const FINAL_WORKFLOW_STATUSES: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Cancelled']);

/**
 * Sends Dotflow failures to Sentry: an {@link Observer} on a `NodeClient` and a `Scope` of its own.
 * It never calls `Sentry.init`, installs no integration and no global handler, and never touches
 * the process-wide Sentry hub, so it lives beside your app's own Sentry setup (or none).
 *
 * - A task whose status is in `statuses` (default `['Failed']`) becomes an event: the step's
 *   error as the exception (type, message, frames parsed from its stack), level `error`, tags
 *   `dotflow.workflow_id`, `dotflow.run_id`, `dotflow.task_id`, `dotflow.workflow`, `dotflow.task`,
 *   `dotflow.attempt`…
 * - Each run has its own scope: `Retry` (and `Failed`) events become breadcrumbs there, so a
 *   Failed event carries the retries before it. The scope is dropped at the run's final event.
 * - A workflow status in `workflowStatuses` (default none) becomes a message event
 *   `Workflow <name>: <status>` with the run's breadcrumbs.
 *
 * Events come through the observer's queue, after the run moved on: capturing only queues the
 * event in the client, whose transport sends it in the background. A slow, failing or absent
 * Sentry never changes a run's result or its duration. `flush()` waits for delivery (at most
 * `flushTimeoutMs`); `close()` also closes the client it created (never a client you gave it).
 *
 * @throws {@link InvalidSentryOptionsError} from the constructor, naming the wrong option (a DSN is never shown).
 *
 * @example
 * ```ts
 * const sentry = new SentryNotify({ dsn: process.env.SENTRY_DSN, environment: 'production' });
 * const config = new Config({ notify: sentry });
 * await new DotFlow({ config }).task.add({ step: [load, save] }).start();
 * await config.close(); // before the process exits: delivers what is queued, closes the client
 * ```
 */
export class SentryNotify implements Observer {
  /** The client events go to: the one given as `client`, or the one created from `dsn`. */
  public readonly client: NodeClient;
  readonly #options: ResolvedSentryOptions;
  readonly #ownsClient: boolean;
  readonly #base = new Scope();
  readonly #parse: StackParser;
  readonly #runs = new Map<string, Run>();
  #closed: Promise<void> | undefined;

  public constructor(options: SentryNotifyOptions) {
    const resolved = resolveSentryOptions(options);
    this.#options = resolved;
    this.#ownsClient = resolved.client === undefined;
    this.client = resolved.client ?? createClient(resolved);
    this.#parse = this.client.getOptions().stackParser ?? defaultStackParser;
    this.#base.setClient(this.client);
    this.#base.setTags(resolved.tags);
  }

  /** Captures the selected statuses and records breadcrumbs; called by the observer queue. */
  public onEvent(event: DotflowEvent): void {
    if (this.#closed !== undefined) return;
    try {
      if (event.type === 'task') this.#onTask(event);
      else if (event.type === 'workflow') this.#onWorkflow(event);
    } catch (error) {
      throw this.#scrub(error);
    }
  }

  /** Resolves when the client delivered what it holds, or after `flushTimeoutMs`. */
  public async flush(): Promise<void> {
    try {
      await this.client.flush(this.#options.flushTimeoutMs);
    } catch (error) {
      throw this.#scrub(error);
    }
  }

  /** Flushes, stops capturing, and closes the client if this created it (a given client is only flushed). */
  public close(): Promise<void> {
    this.#closed ??= this.#shutdown();
    return this.#closed;
  }

  async #shutdown(): Promise<void> {
    this.#runs.clear();
    try {
      if (this.#ownsClient) await this.client.close(this.#options.flushTimeoutMs);
      else await this.client.flush(this.#options.flushTimeoutMs);
    } catch (error) {
      throw this.#scrub(error);
    }
  }

  #onTask(event: TaskEvent): void {
    const run = this.#run(event, undefined);
    if (this.#options.statuses.has(event.status)) this.#capture(taskEventToSentry(event, run.info, this.#parse), run);
    if (this.#options.breadcrumbStatuses.has(event.status)) run.scope.addBreadcrumb(taskBreadcrumb(event), this.#options.maxBreadcrumbs);
  }

  #onWorkflow(event: WorkflowEvent): void {
    const run = this.#run(event, event.name);
    if (this.#options.workflowStatuses.has(event.status)) this.#capture(workflowEventToSentry(event), run);
    if (FINAL_WORKFLOW_STATUSES.has(event.status)) this.#runs.delete(event.runId);
  }

  #run(event: TaskEvent | WorkflowEvent, workflowName: string | undefined): Run {
    const known = this.#runs.get(event.runId);
    if (known !== undefined) return known;
    if (this.#runs.size >= MAX_OPEN_RUNS) {
      const oldest = this.#runs.keys().next();
      if (oldest.done !== true) this.#runs.delete(oldest.value);
    }
    const run: Run = { scope: this.#base.clone(), info: { workflowName } };
    this.#runs.set(event.runId, run);
    return run;
  }

  #capture(event: Event, run: Run): void {
    const { environment, release } = this.#options;
    if (environment !== undefined) event.environment = environment;
    if (release !== undefined) event.release = release;
    // A copy: the client reads the scope while it processes the event, and the run goes on adding breadcrumbs.
    run.scope.clone().captureEvent(event);
  }

  /** An error without the DSN (nor the client's public key) in its message or stack. */
  #scrub(error: unknown): Error {
    const dsn = this.client.getOptions().dsn;
    const key = this.client.getDsn()?.publicKey;
    const secrets = [dsn ?? '', key !== undefined && key.length >= 8 ? key : ''];
    const original = error instanceof Error ? error : new Error(String(error));
    const clean = new Error(redact(original.message, secrets));
    clean.name = original.name;
    clean.stack = redact(original.stack ?? '', secrets);
    return clean;
  }
}

/** The client of a `dsn`: Sentry's transport and stack parser, no integrations, no global hooks. */
function createClient(options: ResolvedSentryOptions): NodeClient {
  const extra = options.clientOptions;
  // No `client.init()`: with no integrations it has nothing to set up, and NodeClient.init() would
  // install an async-context strategy on Sentry's process-wide carrier (the host app's to choose).
  return new NodeClient({
    ...extra,
    dsn: options.dsn,
    environment: options.environment ?? extra.environment,
    release: options.release ?? extra.release,
    transport: extra.transport ?? makeNodeTransport,
    stackParser: extra.stackParser ?? defaultStackParser,
    integrations: [],
    // NodeClient's default installs module-loading hooks (diagnostics-channel injection) process-wide.
    enableRuntimeChannelInjection: false,
  });
}

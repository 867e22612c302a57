import type { DotflowEvent, Observer } from '@dotflow/core';
import { MissingServerOptionError, type ServerOptionName } from '../errors/missing-server-option.error';
import type { NotifyDeliveryError } from '../errors/notify-delivery.error';
import { deliver } from '../http/deliver';
import { deliveryError, type ServiceErrors } from '../http/explain';
import { Lanes } from '../http/lanes';
import { InvalidNotifyOptionsError } from '../errors/invalid-notify-options.error';
import { resolveDelivery, urlOption, type DeliveryOptions, type ResolvedDelivery } from '../options/notify-options';
import { ServerRuns, type ServerCall } from './server-runs';

/**
 * Options of {@link HttpServer}.
 *
 * @example
 * ```ts
 * const options: HttpServerOptions = { baseUrl: 'https://host.example/api/v1', token: process.env.DOTFLOW_TOKEN, timeoutMs: 5_000 };
 * ```
 */
export interface HttpServerOptions extends DeliveryOptions {
  /** The server's API root (a trailing `/` is dropped). @defaultValue the `SERVER_BASE_URL` environment variable */
  readonly baseUrl?: string;
  /** The user's API token, sent as `Authorization: Bearer <token>`. A secret: never in a log line or an error. @defaultValue the `SERVER_USER_TOKEN` environment variable */
  readonly token?: string;
  /** Where `SERVER_BASE_URL` and `SERVER_USER_TOKEN` are read. @defaultValue process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const PROVIDER = 'HttpServer';

function fix(status: number): string {
  if (status === 401 || status === 403) return 'check "token" (or SERVER_USER_TOKEN): the server refused it.';
  if (status === 404) return 'check "baseUrl" (or SERVER_BASE_URL): it must be the API root that serves /cli/workflows; or the workflow or task was never created (see an earlier error).';
  if (status === 400 || status === 422) return 'the server refused the body; see what it said.';
  if (status >= 500) return 'the server is failing; the report was dropped (raise "retries" to try longer).';
  return 'see what the server said; the report was dropped.';
}

const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value);

/**
 * Reports runs to a Dotflow server, with the reference's endpoints and bodies: `POST /cli/workflows`
 * (once per workflow id), `PATCH /cli/workflows/{id}` with `{"status": …}` on each workflow status,
 * `POST /cli/workflows/{id}/tasks` when a task first shows up in a run, and
 * `PATCH /cli/workflows/{id}/tasks/{taskId}` with its final body. Each request carries
 * `Authorization: Bearer <token>`. An observer: requests go out asynchronously and in order per
 * run; a run never waits for the server, and a failure is logged without the token.
 *
 * @throws MissingServerOptionError when `baseUrl` or `token` is neither given nor in the environment.
 * @throws InvalidNotifyOptionsError when an option has a value it cannot use.
 * @example
 * ```ts
 * // SERVER_BASE_URL=https://api.example.com/api/v1 SERVER_USER_TOKEN=… node main.js
 * const config = new Config({ server: new HttpServer() });
 * await flow.start();
 * await config.flush();
 * ```
 */
export class HttpServer implements Observer {
  readonly #base: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #policy: ResolvedDelivery;
  readonly #errors: ServiceErrors;
  readonly #runs = new ServerRuns();
  readonly #lanes: Lanes;
  #closed = false;

  public constructor(options: HttpServerOptions = {}) {
    const env = options.env ?? process.env;
    const baseUrl = given(options.baseUrl) ?? given(env.SERVER_BASE_URL);
    const token = given(options.token) ?? given(env.SERVER_USER_TOKEN);
    const missing: ServerOptionName[] = [...(baseUrl === undefined ? ['baseUrl' as const] : []), ...(token === undefined ? ['token' as const] : [])];
    if (baseUrl === undefined || token === undefined) throw new MissingServerOptionError(missing);
    if (/[\r\n]/.test(token)) throw new InvalidNotifyOptionsError(PROVIDER, 'token', '(hidden: it is a secret)', 'must be one line');
    const url = urlOption(PROVIDER, 'baseUrl', baseUrl, false);
    this.#base = url.href.replace(/\/+$/, '');
    this.#headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    this.#policy = resolveDelivery(PROVIDER, options);
    const secrets = [`Bearer ${token}`, token, ...(url.password === '' ? [] : [url.password])];
    this.#errors = { service: 'Dotflow server', secrets, where: '"baseUrl" (or SERVER_BASE_URL)', fix };
    this.#lanes = new Lanes((what) => deliveryError({ ok: false, kind: 'queue-full', attempts: 0 }, what, this.#errors, this.#policy));
  }

  /** Sends the requests of a workflow or task event, after the earlier ones of its run; rejects (without the token) when one was not delivered. */
  public onEvent(event: DotflowEvent): void | Promise<void> {
    if (this.#closed || (event.type !== 'workflow' && event.type !== 'task')) return;
    const calls = event.type === 'workflow' ? this.#runs.onWorkflow(event) : this.#runs.onTask(event);
    if (calls.length === 0) return;
    const what = calls.map((c) => `${c.method} ${c.path}`).join(' and ');
    return this.#lanes.run(event.runId, what, () => this.#send(calls));
  }

  /** Resolves when every request in flight was delivered or given up. */
  public flush(): Promise<void> {
    return this.#lanes.idle();
  }

  /** Flushes; later events are ignored. */
  public async close(): Promise<void> {
    this.#closed = true;
    await this.#lanes.idle();
  }

  async #send(calls: readonly ServerCall[]): Promise<void> {
    let failed: NotifyDeliveryError | undefined;
    for (const call of calls) {
      const outcome = await deliver({ method: call.method, url: `${this.#base}${call.path}`, headers: this.#headers, body: call.body }, this.#policy);
      if (outcome.ok || (call.create && outcome.status === 409)) continue;
      call.undo?.();
      failed ??= deliveryError(outcome, `${call.method} ${call.path}`, this.#errors, this.#policy);
    }
    if (failed !== undefined) throw failed;
  }
}

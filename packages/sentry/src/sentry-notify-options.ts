import { TaskStatus, WorkflowStatus } from '@dotflow/core';
import type { NodeClient } from '@sentry/node';
import { InvalidSentryOptionsError } from './invalid-sentry-options.error';
import { dsnProblem } from './dsn';

/** Options of the `NodeClient` that {@link SentryNotify} creates from a `dsn` (all but `dsn` and `integrations`). */
export type SentryClientOptions = Omit<Partial<ConstructorParameters<typeof NodeClient>[0]>, 'dsn' | 'integrations'>;

/**
 * Options of {@link SentryNotify}. Give `dsn` (a client of its own is created) or `client` (yours,
 * used as is), not both.
 *
 * @example
 * ```ts
 * const options: SentryNotifyOptions = { dsn: process.env.SENTRY_DSN, environment: 'production', statuses: ['Failed'] };
 * ```
 */
export interface SentryNotifyOptions {
  /** Your project's DSN, `https://<public key>@<host>/<project id>`; never logged or shown in an error. */
  readonly dsn?: string;
  /** A `NodeClient` of yours, used as is: its own options apply, and `close()` does not close it. */
  readonly client?: NodeClient;
  /** The events' environment. @defaultValue the client's (Sentry's default: `'production'`) */
  readonly environment?: string;
  /** The events' release. @defaultValue the client's (none) */
  readonly release?: string;
  /** Task statuses captured as events. @defaultValue ['Failed'] */
  readonly statuses?: readonly TaskStatus[];
  /** Workflow statuses captured as events (`['Failed']` adds one event for the run's final failure). @defaultValue [] */
  readonly workflowStatuses?: readonly WorkflowStatus[];
  /** Task statuses recorded as breadcrumbs on their run's scope, so later events of the run carry them. @defaultValue ['Retry', 'Failed'] */
  readonly breadcrumbStatuses?: readonly TaskStatus[];
  /** Tags added to every event. @defaultValue {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Breadcrumbs kept per run (the oldest go first). @defaultValue 100 */
  readonly maxBreadcrumbs?: number;
  /** How long `flush()` and `close()` wait for Sentry, in ms. @defaultValue 2000 */
  readonly flushTimeoutMs?: number;
  /** More options of the client created from `dsn` (`beforeSend`, `sampleRate`, `serverName`, `transportOptions`…). @defaultValue {} */
  readonly clientOptions?: SentryClientOptions;
}

/**
 * The defaults of {@link SentryNotifyOptions}.
 *
 * @example
 * ```ts
 * new SentryNotify({ dsn, maxBreadcrumbs: SENTRY_NOTIFY_DEFAULTS.maxBreadcrumbs * 2 });
 * ```
 */
export const SENTRY_NOTIFY_DEFAULTS: {
  /** Task statuses sent as events: `[Failed]`. */
  readonly statuses: readonly TaskStatus[];
  /** Workflow statuses sent as events: none. */
  readonly workflowStatuses: readonly WorkflowStatus[];
  /** Task statuses recorded as breadcrumbs: `[Retry, Failed]`. */
  readonly breadcrumbStatuses: readonly TaskStatus[];
  /** Breadcrumbs kept per run: 100. */
  readonly maxBreadcrumbs: number;
  /** How long `flush()` and `close()` wait, in ms: 2000. */
  readonly flushTimeoutMs: number;
} = Object.freeze({
  statuses: Object.freeze([TaskStatus.Failed]),
  workflowStatuses: Object.freeze([]),
  breadcrumbStatuses: Object.freeze([TaskStatus.Retry, TaskStatus.Failed]),
  maxBreadcrumbs: 100,
  flushTimeoutMs: 2000,
});

/** {@link SentryNotifyOptions} checked, with their defaults. */
export interface ResolvedSentryOptions {
  readonly dsn: string | undefined;
  readonly client: NodeClient | undefined;
  readonly environment: string | undefined;
  readonly release: string | undefined;
  readonly statuses: ReadonlySet<string>;
  readonly workflowStatuses: ReadonlySet<string>;
  readonly breadcrumbStatuses: ReadonlySet<string>;
  readonly tags: Readonly<Record<string, string>>;
  readonly maxBreadcrumbs: number;
  readonly flushTimeoutMs: number;
  readonly clientOptions: SentryClientOptions;
}

const KNOWN = new Set<string>([
  'dsn', 'client', 'environment', 'release', 'statuses', 'workflowStatuses', 'breadcrumbStatuses', 'tags', 'maxBreadcrumbs', 'flushTimeoutMs', 'clientOptions',
]);
const TASK_STATUSES: readonly string[] = Object.values(TaskStatus);
const WORKFLOW_STATUSES: readonly string[] = Object.values(WorkflowStatus);
const CLIENT_METHODS = ['captureEvent', 'flush', 'close', 'getOptions'] as const;

/**
 * Checks `options` at the edge and fills in the defaults.
 *
 * @throws {@link InvalidSentryOptionsError} naming the first wrong option (a DSN is described, never shown).
 */
export function resolveSentryOptions(options: SentryNotifyOptions): ResolvedSentryOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidSentryOptionsError('options', `pass an options object ({ dsn } or { client }), got ${kind(options)}.`);
  }
  const unknown = Object.keys(options).find((key) => !KNOWN.has(key));
  if (unknown !== undefined) {
    throw new InvalidSentryOptionsError(unknown, `unknown option "${unknown}"; the options are ${[...KNOWN].join(', ')}.`);
  }
  const { dsn, client } = options;
  if (dsn !== undefined && client !== undefined) {
    throw new InvalidSentryOptionsError('dsn', 'pass "dsn" or "client", not both; to send with your own client, leave "dsn" out (the client has its own).');
  }
  if (dsn === undefined && client === undefined) {
    throw new InvalidSentryOptionsError('dsn', 'pass "dsn" (your project\'s DSN, e.g. process.env.SENTRY_DSN) or "client" (a NodeClient of yours).');
  }
  if (dsn !== undefined) checkDsn(dsn);
  if (client !== undefined) checkClient(client);
  return {
    dsn: dsn?.trim(),
    client,
    environment: optionalText(options, 'environment'),
    release: optionalText(options, 'release'),
    statuses: statusSet(options, 'statuses', TASK_STATUSES, SENTRY_NOTIFY_DEFAULTS.statuses, 'task'),
    workflowStatuses: statusSet(options, 'workflowStatuses', WORKFLOW_STATUSES, SENTRY_NOTIFY_DEFAULTS.workflowStatuses, 'workflow'),
    breadcrumbStatuses: statusSet(options, 'breadcrumbStatuses', TASK_STATUSES, SENTRY_NOTIFY_DEFAULTS.breadcrumbStatuses, 'task'),
    tags: checkTags(options.tags),
    maxBreadcrumbs: count(options, 'maxBreadcrumbs', SENTRY_NOTIFY_DEFAULTS.maxBreadcrumbs, 0),
    flushTimeoutMs: count(options, 'flushTimeoutMs', SENTRY_NOTIFY_DEFAULTS.flushTimeoutMs, 1),
    clientOptions: checkClientOptions(options.clientOptions, client !== undefined),
  };
}

function checkDsn(dsn: unknown): void {
  if (typeof dsn !== 'string') throw new InvalidSentryOptionsError('dsn', `"dsn" must be a string, got ${kind(dsn)}.`);
  const problem = dsnProblem(dsn);
  if (problem !== undefined) {
    throw new InvalidSentryOptionsError(
      'dsn',
      `"dsn" must be a Sentry DSN, http(s)://<public key>@<host>/<project id>; got a string of ${dsn.length} characters ${problem} ` +
        '(not shown: a DSN holds your project\'s key). Copy it from your project\'s Settings > Client Keys (DSN).',
    );
  }
}

function checkClient(client: unknown): void {
  const missing = typeof client === 'object' && client !== null
    ? CLIENT_METHODS.find((m) => typeof (client as Record<string, unknown>)[m] !== 'function')
    : CLIENT_METHODS[0];
  if (missing !== undefined) {
    throw new InvalidSentryOptionsError('client', `"client" must be a NodeClient of @sentry/node (it lacks ${missing}()), got ${kind(client)}.`);
  }
}

function optionalText(options: SentryNotifyOptions, key: 'environment' | 'release'): string | undefined {
  const value: unknown = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new InvalidSentryOptionsError(key, `"${key}" must be a non-empty string, got ${shown(value)}.`);
  return value;
}

function statusSet(
  options: SentryNotifyOptions,
  key: 'statuses' | 'workflowStatuses' | 'breadcrumbStatuses',
  valid: readonly string[],
  fallback: readonly string[],
  of: string,
): ReadonlySet<string> {
  const value: unknown = options[key];
  if (value === undefined) return new Set(fallback);
  if (!Array.isArray(value)) throw new InvalidSentryOptionsError(key, `"${key}" must be an array of ${of} statuses (${valid.join(', ')}), got ${shown(value)}.`);
  const items = value as unknown[];
  const bad = items.findIndex((s) => typeof s !== 'string' || !valid.includes(s));
  if (bad >= 0) {
    throw new InvalidSentryOptionsError(key, `"${key}"[${bad}] must be a ${of} status (${valid.join(', ')}), got ${shown(items[bad])}.`);
  }
  return new Set(items as string[]);
}

function checkTags(tags: unknown): Readonly<Record<string, string>> {
  if (tags === undefined) return {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw new InvalidSentryOptionsError('tags', `"tags" must be an object of strings ({ team: 'data' }), got ${shown(tags)}.`);
  }
  for (const [name, value] of Object.entries(tags)) {
    if (typeof value !== 'string') throw new InvalidSentryOptionsError('tags', `"tags.${name}" must be a string, got ${shown(value)}.`);
  }
  return { ...(tags as Record<string, string>) };
}

function count(options: SentryNotifyOptions, key: 'maxBreadcrumbs' | 'flushTimeoutMs', fallback: number, min: number): number {
  const value: unknown = options[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidSentryOptionsError(key, `"${key}" must be an integer ≥ ${min}, got ${shown(value)}.`);
  }
  return value;
}

function checkClientOptions(value: unknown, withClient: boolean): SentryClientOptions {
  if (value === undefined) return {};
  if (withClient) throw new InvalidSentryOptionsError('clientOptions', '"clientOptions" apply to the client created from "dsn"; with "client", configure your client instead.');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidSentryOptionsError('clientOptions', `"clientOptions" must be an object of NodeClient options, got ${kind(value)}.`);
  }
  for (const key of ['dsn', 'integrations']) {
    if (key in value) throw new InvalidSentryOptionsError('clientOptions', `"clientOptions.${key}" is not taken: ${key === 'dsn' ? 'pass "dsn" itself' : 'SentryNotify installs no integrations (they patch globals)'}.`);
  }
  return value;
}

/** The kind of a value, without showing it (for values that may be secret). */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A short rendering of a value that is not secret. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  return kind(value);
}

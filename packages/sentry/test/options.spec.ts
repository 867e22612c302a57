import { DotflowError } from '@dotflow/core';
import * as Sentry from '@sentry/node';
import { InvalidSentryOptionsError, SENTRY_NOTIFY_DEFAULTS, SentryNotify, type SentryNotifyOptions } from '@dotflow/sentry';

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** The error `new SentryNotify(options)` throws. */
function errorOf(options: unknown): InvalidSentryOptionsError {
  try {
    new SentryNotify(options as SentryNotifyOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSentryOptionsError);
    return error as InvalidSentryOptionsError;
  }
  throw new Error('new SentryNotify() did not throw');
}

describe('SentryNotify options', () => {
  it('the defaults: Failed tasks captured, Retry and Failed as breadcrumbs, no workflow event, 100 breadcrumbs, 2 s flush', () => {
    expect(SENTRY_NOTIFY_DEFAULTS).toEqual({
      statuses: ['Failed'],
      workflowStatuses: [],
      breadcrumbStatuses: ['Retry', 'Failed'],
      maxBreadcrumbs: 100,
      flushTimeoutMs: 2000,
    });
  });

  it.each([
    ['https://o1.ingest.sentry.io/42', 'without a public key'],
    [`ftp://${KEY}@o1.ingest.sentry.io/42`, 'neither http nor https'],
    [`${KEY}@o1.ingest.sentry.io/42`, 'does not start with http'],
    [`https://${KEY}@o1.ingest.sentry.io/project`, 'project id'],
    [`https://${KEY}:${KEY.slice(0, 8)}@o1.ingest.sentry.io`, 'not of that form'],
  ])('a malformed DSN is refused, described but never shown: %s', (dsn, problem) => {
    const error = errorOf({ dsn });
    expect(error).toBeInstanceOf(DotflowError);
    expect(error.name).toBe('InvalidSentryOptionsError');
    expect(error.option).toBe('dsn');
    expect(error.message).toContain('"dsn" must be a Sentry DSN');
    expect(error.message).toContain(problem);
    expect(error.message).toContain(`a string of ${dsn.length} characters`);
    expect(error.message).not.toContain(dsn);
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain('o1.ingest');
  });

  it.each<[string, unknown, string]>([
    ['options', null, 'pass an options object'],
    ['dsn', {}, 'pass "dsn" (your project\'s DSN, e.g. process.env.SENTRY_DSN) or "client"'],
    ['dsn', { dsn: 42 }, '"dsn" must be a string, got number'],
    ['dsn', { dsn: `https://${KEY}@h/1`, client: {} }, 'not both'],
    ['client', { client: { captureEvent: () => '' } }, 'it lacks flush()'],
    ['environment', { dsn: 'https://k@h/1', environment: '' }, '"environment" must be a non-empty string, got ""'],
    ['statuses', { dsn: 'https://k@h/1', statuses: 'Failed' }, '"statuses" must be an array of task statuses'],
    ['statuses', { dsn: 'https://k@h/1', statuses: ['Failed', 'Faild'] }, '"statuses"[1] must be a task status (Not started, In progress, Completed, Paused, Retry, Failed, Skipped, Cancelled), got "Faild"'],
    ['workflowStatuses', { dsn: 'https://k@h/1', workflowStatuses: ['Retry'] }, '"workflowStatuses"[0] must be a workflow status'],
    ['tags', { dsn: 'https://k@h/1', tags: { team: 7 } }, '"tags.team" must be a string, got 7'],
    ['flushTimeoutMs', { dsn: 'https://k@h/1', flushTimeoutMs: 0 }, '"flushTimeoutMs" must be an integer ≥ 1, got 0'],
    ['maxBreadcrumbs', { dsn: 'https://k@h/1', maxBreadcrumbs: 1.5 }, '"maxBreadcrumbs" must be an integer ≥ 0, got 1.5'],
    ['clientOptions', { dsn: 'https://k@h/1', clientOptions: { integrations: [] } }, 'installs no integrations'],
    ['clientOptions', { client: { captureEvent() {}, flush() {}, close() {}, getOptions() {} }, clientOptions: {} }, 'configure your client instead'],
    ['enviroment', { dsn: 'https://k@h/1', enviroment: 'prod' }, 'unknown option "enviroment"'],
  ])('a wrong "%s" (case %#) is named, with what is wrong', (option, options, fragment) => {
    const error = errorOf(options);
    expect(error.option).toBe(option);
    expect(error.message).toContain(fragment);
    expect(error.message.startsWith('new SentryNotify(): ')).toBe(true);
  });

  it('creates its client without touching Sentry\'s global state: no current client, no init, no listener left after close()', async () => {
    const listeners = process.listenerCount('beforeExit');
    const notify = new SentryNotify({ dsn: `http://${KEY}@127.0.0.1:9/1` });
    expect(Sentry.getClient()).toBeUndefined();
    expect(Sentry.isInitialized()).toBe(false);
    expect(Sentry.getCurrentScope().getClient()).toBeUndefined();
    expect(notify.client.getIntegrationNames()).toEqual([]);
    await notify.close();
    await notify.close(); // idempotent
    expect(process.listenerCount('beforeExit')).toBe(listeners);
  });
});

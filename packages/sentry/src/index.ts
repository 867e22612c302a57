// The public entry of @dotflow/sentry.
export { SentryNotify } from './sentry-notify';
export { SENTRY_NOTIFY_DEFAULTS, type SentryNotifyOptions, type SentryClientOptions } from './sentry-notify-options';
export { InvalidSentryOptionsError } from './invalid-sentry-options.error';

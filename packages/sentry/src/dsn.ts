// The shape Sentry's own parser accepts (@sentry/core's dsn.ts), checked here first: the SDK
// prints a DSN it cannot parse to the console, and a client with a bad DSN sends nothing, silently.
const DSN = /^(\w+):\/\/(\w+)(?::(\w*))?@(\[[:.%\w]+\]|[\w.-]+)(?::(\d+))?\/(.+)$/;

/**
 * What is wrong with a DSN, in words that never repeat it (`undefined` when it is well formed).
 *
 * @example
 * ```ts
 * dsnProblem('https://key@o1.ingest.sentry.io/42'); // undefined
 * dsnProblem('https://o1.ingest.sentry.io/42');     // 'without a public key before "@"'
 * ```
 */
export function dsnProblem(dsn: string): string | undefined {
  const match = DSN.exec(dsn.trim());
  if (match === null) {
    if (!/^\w+:\/\//.test(dsn)) return 'that does not start with http:// or https://';
    if (!/^\w+:\/\/[^/]*@/.test(dsn)) return 'without a public key before "@"';
    return 'that is not of that form';
  }
  const [, protocol = '', , , , , path = ''] = match;
  if (protocol !== 'http' && protocol !== 'https') return 'whose protocol is neither http nor https';
  const projectId = path.split('/').pop() ?? '';
  if (!/^\d+$/.test(projectId)) return 'whose project id (its last path segment) is not a number';
  return undefined;
}

/**
 * `text` with every occurrence of the given secrets replaced by `<redacted>`.
 *
 * @example
 * ```ts
 * redact('cannot reach https://key@host/1', ['https://key@host/1']); // 'cannot reach <redacted>'
 * ```
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join('<redacted>');
  return out;
}

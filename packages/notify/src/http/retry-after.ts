/** The wait a 429 asks for, in ms: the body's `retry_after` (Discord) or `parameters.retry_after` (Telegram), else the `Retry-After` header. @internal */
export function retryAfterMs(headers: Headers, text: string, now: number): number | undefined {
  const body = parseJson(text);
  const fromBody = seconds(field(body, 'retry_after') ?? field(field(body, 'parameters'), 'retry_after'));
  if (fromBody !== undefined) return fromBody;
  const header = headers.get('retry-after');
  if (header === null) return undefined;
  const fromHeader = seconds(header.trim() === '' ? undefined : Number(header));
  if (fromHeader !== undefined) return fromHeader;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A response body as JSON, or `undefined`. @internal */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `value[key]` when `value` is an object. @internal */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value * 1000) : undefined;
}

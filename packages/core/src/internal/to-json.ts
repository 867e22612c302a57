/**
 * A JSON-safe copy of a value, as `JSON.parse(JSON.stringify(value))` would give, except that
 * BigInt becomes a string, Map an object, Set an array, `undefined` null, and a value JSON cannot
 * hold at all (a cycle) its string form.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    const text = JSON.stringify(value, replacer);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return String(value);
  }
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), v]));
  if (value instanceof Set) return [...value];
  return value;
}

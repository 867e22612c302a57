/**
 * A JSON-safe copy of a value, as `JSON.parse(JSON.stringify(value))` would give, except that
 * BigInt becomes a string, Map an object, Set an array, `undefined` null, and a reference back to
 * an enclosing object the string `'[Circular]'`.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    const text = JSON.stringify(value, safeReplacer());
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return '[Unserializable]';
  }
}

function safeReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value !== 'object' || value === null) return value;
    while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
    if (ancestors.includes(value)) return '[Circular]';
    ancestors.push(value);
    if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), v]));
    if (value instanceof Set) return [...value];
    return value;
  };
}

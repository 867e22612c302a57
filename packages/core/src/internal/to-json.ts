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
  // The enclosing objects of the value being converted, and what the replacer returned for each:
  // the object JSON.stringify then walks (and passes as `this`), a new one for a Map or a Set.
  const ancestors: unknown[] = [];
  const holders: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value !== 'object' || value === null) return value;
    while (holders.length > 0 && holders[holders.length - 1] !== this) {
      holders.pop();
      ancestors.pop();
    }
    if (ancestors.includes(value)) return '[Circular]';
    const out = value instanceof Map ? Object.fromEntries([...value].map(([k, v]) => [String(k), v])) : value instanceof Set ? [...value] : value;
    ancestors.push(value);
    holders.push(out);
    return out;
  };
}

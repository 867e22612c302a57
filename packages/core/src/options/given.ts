/** An option's value, or `fallback` when it is left out; `null` is a value (and a bad one). */
export function given(o: Record<string, unknown>, key: string, fallback: unknown): unknown {
  const v = o[key];
  return v === undefined ? fallback : v;
}

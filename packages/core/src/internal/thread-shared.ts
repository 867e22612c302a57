/**
 * A value shared by every copy of this package loaded in the current thread (kept on `globalThis`
 * under `Symbol.for(name)`), made by `make` on first use. Each worker thread has its own.
 */
export function threadShared<T>(name: string, make: () => T): T {
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(name);
  return (holder[key] ??= make());
}

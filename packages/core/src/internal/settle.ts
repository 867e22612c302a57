/**
 * A promise of what `run` returns, rejected with what it throws: a synchronous implementation
 * behind an async method reports its errors as rejections, never as throws.
 */
export function settle<T>(run: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(run()));
}

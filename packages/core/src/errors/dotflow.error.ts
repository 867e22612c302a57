const BRAND = Symbol.for('@dotflow/core/error');

/**
 * The root of every error Dotflow throws. Catch it to handle any Dotflow misuse at once;
 * `instanceof` works across copies of the package thanks to a brand symbol.
 *
 * @example
 * ```ts
 * try { await flow.start({ mode: 'nope' as never }); }
 * catch (e) { if (DotflowError.is(e)) console.error(e.message); }
 * ```
 */
export class DotflowError extends Error {
  /** The class name of the error (`'TaskTimeoutError'`…), set by the constructor that made it. */
  public override readonly name: string;

  /**
   * @param message - What went wrong and how to fix it.
   * @param options - `cause`: the error that led to this one, forwarded to `Error`.
   */
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for any Dotflow error, even one thrown by another copy of this package. */
  public static is(value: unknown): value is DotflowError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

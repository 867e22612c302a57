import { DotflowError } from '@dotflow/core';

/**
 * An option of `HttpServer` that can come from the environment.
 *
 * @example
 * ```ts
 * const needed: ServerOptionName[] = ['baseUrl', 'token'];
 * ```
 */
export type ServerOptionName = 'baseUrl' | 'token';

const VARIABLE: Readonly<Record<ServerOptionName, string>> = { baseUrl: 'SERVER_BASE_URL', token: 'SERVER_USER_TOKEN' };

/**
 * `new HttpServer()` was given no `baseUrl` or no `token`, and the environment has none either
 * (`SERVER_BASE_URL`, `SERVER_USER_TOKEN`).
 *
 * @example
 * ```ts
 * try { new HttpServer(); }
 * catch (e) { if (e instanceof MissingServerOptionError) console.error(e.missing); } // ['baseUrl', 'token']
 * ```
 */
export class MissingServerOptionError extends DotflowError {
  public constructor(
    /** The options that were missing, in order. */
    public readonly missing: readonly ServerOptionName[],
  ) {
    const names = missing.map((m) => `"${m}"`).join(' and ');
    const pass = missing.map((m) => (m === 'baseUrl' ? "baseUrl: 'https://…'" : 'token')).join(', ');
    const vars = missing.map((m) => VARIABLE[m]).join(' and ');
    super(`new HttpServer(): ${names} ${missing.length > 1 ? 'are' : 'is'} missing; pass new HttpServer({ ${pass} }) or set ${vars} in the environment.`);
  }
}

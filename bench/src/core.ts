/**
 * Which build of `@dotflow/core` a run measures: this checkout's (the default), or another
 * checkout's built `packages/core` (`--baseline=DIR`), loaded side by side in the same process.
 * Nothing here loads a package until asked, so a floor's child process never loads Dotflow.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type * as Dotflow from '@dotflow/core';

/** The package's public API, as the bench uses it (an older build has the same shape). */
export type Core = typeof Dotflow;

const load = createRequire(__filename);

/**
 * This checkout's package, or the built package in `dir` (a `packages/core` folder whose `dist`
 * is built). Both share this checkout's `rxjs`, `tsyringe` and `reflect-metadata` when `dir`'s
 * checkout links its `node_modules` to this one's.
 *
 * @throws Error when `dir` holds no built Dotflow.
 */
export function loadCore(dir?: string): Core {
  if (dir === undefined) return load('@dotflow/core') as Core;
  const path = resolve(dir);
  let loaded: Partial<Core>;
  try {
    loaded = load(path) as Partial<Core>;
  } catch (error) {
    throw new Error(`--baseline=${dir}: cannot load a built @dotflow/core from ${path} (build it: npx tsc -b packages/core): ${String(error)}`);
  }
  if (typeof loaded.DotFlow !== 'function' || typeof loaded.action !== 'function') {
    throw new Error(`--baseline=${dir}: ${path} is not @dotflow/core (no DotFlow, no action)`);
  }
  return loaded as Core;
}

import './reflect';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { UnresolvableClassError, type ResolvedClassRole } from '../errors/unresolvable-class.error';
import { isStandardDecorated } from '../metadata/standard-metadata';

/**
 * A class a container can build: any constructor, whatever its parameters.
 *
 * @example
 * ```ts
 * const cls: ResolvableClass<Etl> = Etl;
 * ```
 */
export type ResolvableClass<T> = new (...args: never[]) => T;

// What tsyringe reads (`reflection-helpers.ts`): the types TypeScript emits, and `@inject` tokens.
const PARAM_TYPES = 'design:paramtypes';
const INJECTION_TOKENS = 'injectionTokens';

/**
 * Resolves a workflow or step class from a container. Where tsyringe cannot build it for want of
 * types, throws {@link UnresolvableClassError} (which says how to fix it) instead of tsyringe's
 * terse error; a parameter without `@inject` and without an emitted type (which tsyringe would
 * silently pass as `undefined`) is refused the same way.
 */
export function resolveClass<T>(container: DependencyContainer, target: ResolvableClass<T>, role: ResolvedClassRole): T {
  const className = target.name || '(anonymous)';
  const token = target as unknown as InjectionToken<T>;
  if (!container.isRegistered(token, true)) {
    const missing = uninjectedParameters(target);
    if (missing.length > 0) throw new UnresolvableClassError(className, role, { kind: 'missing-inject', parameters: missing });
  }
  try {
    return container.resolve(token);
  } catch (error) {
    if (error instanceof Error && error.message === `TypeInfo not known for "${target.name}"`) {
      throw new UnresolvableClassError(className, role, { kind: 'no-type-info', standardDecorators: isStandardDecorated(target) }, { cause: error });
    }
    throw error;
  }
}

/** Constructor parameters with an `@inject` token on some but not all, and no emitted types. */
function uninjectedParameters(target: ResolvableClass<unknown>): number[] {
  if (target.length === 0 || Reflect.getMetadata(PARAM_TYPES, target) !== undefined) return [];
  const tokens = Reflect.getOwnMetadata(INJECTION_TOKENS, target) as Record<string, unknown> | undefined;
  if (tokens === undefined) return [];
  return Array.from({ length: target.length }, (_, i) => i).filter((i) => !Object.prototype.hasOwnProperty.call(tokens, String(i)));
}

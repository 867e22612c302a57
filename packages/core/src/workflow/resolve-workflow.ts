import type { DependencyContainer } from 'tsyringe';
import { resolveClass, type ResolvableClass } from '../internal/resolve-class';
import type { Runnable } from './runnable-surface';

/**
 * Resolves a `Workflow` subclass from a container, its constructor's services injected, as
 * `container.resolve(Class)` does; where the container cannot build the class for want of types
 * (no `@injectable()`, no emitted `design:paramtypes` metadata, a parameter without `@inject`,
 * standard decorators), it throws an {@link UnresolvableClassError} that names the class and says
 * how to fix it, instead of tsyringe's `TypeInfo not known for "…"`.
 *
 * @param container - the container to resolve from, e.g. tsyringe's root `container` or a child.
 * @param workflowClass - the `Workflow` subclass.
 * @returns the workflow instance.
 * @throws UnresolvableClassError when the container knows no types for the constructor.
 * @example
 * ```ts
 * import { container } from 'tsyringe';
 * const etl = resolveWorkflow(container, Etl);
 * await etl.start();
 * ```
 */
export function resolveWorkflow<TWorkflow extends Runnable>(container: DependencyContainer, workflowClass: ResolvableClass<TWorkflow>): TWorkflow {
  return resolveClass(container, workflowClass, 'workflow');
}

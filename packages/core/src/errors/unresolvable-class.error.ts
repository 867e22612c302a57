import { DotflowError } from './dotflow.error';

/**
 * Why tsyringe cannot build a class: it knows no types for its constructor's parameters
 * (`'no-type-info'`; `standardDecorators` when the class was compiled with standard decorators),
 * or some parameters have neither an `@inject(Token)` nor an emitted type (`'missing-inject'`,
 * their positions from 0).
 *
 * @example
 * ```ts
 * if (e instanceof UnresolvableClassError && e.reason.kind === 'missing-inject') console.log(e.reason.parameters);
 * ```
 */
export type UnresolvableReason =
  | {
    /** No types for the constructor's parameters. */
    readonly kind: 'no-type-info';
    /** True when the class was compiled with standard decorators. */
    readonly standardDecorators: boolean;
  }
  | {
    /** Some parameters have no `@inject(Token)`, and no type was emitted. */
    readonly kind: 'missing-inject';
    /** Their positions, from 0. */
    readonly parameters: readonly number[];
  };

/**
 * What a resolved class is to Dotflow, as messages name it.
 *
 * @example
 * ```ts
 * const role: ResolvedClassRole = 'workflow';
 * ```
 */
export type ResolvedClassRole = 'workflow' | 'step class';

const EMIT =
  '"emitDecoratorMetadata": true (with "experimentalDecorators": true) in tsconfig.json compilerOptions, using a compiler ' +
  'that emits it (tsc, ts-node, or swc with decoratorMetadata; esbuild and tsx do not)';

/**
 * tsyringe cannot build a workflow or step class: its constructor takes parameters and the
 * container knows no types for them, as when the class is not `@injectable()`, was compiled
 * without emitted metadata (esbuild, tsx), or with standard decorators.
 *
 * @example
 * ```ts
 * try { resolveWorkflow(container, Pipeline); }
 * catch (e) { if (e instanceof UnresolvableClassError) console.error(e.message); }
 * ```
 */
export class UnresolvableClassError extends DotflowError {
  /**
   * @param className - The class's name.
   * @param role - What the class is to Dotflow.
   * @param reason - Why it cannot be built.
   * @param options - `cause`: the container's own error.
   */
  public constructor(
    /** The class's name. */
    public readonly className: string,
    /** What the class is to Dotflow: a workflow or a step class. */
    public readonly role: ResolvedClassRole,
    /** Why the container cannot build it. */
    public readonly reason: UnresolvableReason,
    options?: { cause?: unknown },
  ) {
    super(`Cannot resolve ${role} ${className}: ${explain(className, reason)}`, options);
  }
}

function explain(name: string, reason: UnresolvableReason): string {
  if (reason.kind === 'missing-inject') {
    const which = reason.parameters.map((p) => `#${p}`).join(', ');
    return `constructor parameter ${which} has no @inject(Token), and no type was emitted for it. ` +
      `Put @inject(Token) on each constructor parameter, or set ${EMIT}.`;
  }
  if (reason.standardDecorators) {
    return 'its constructor takes parameters, but the class was compiled with standard decorators, which cannot ' +
      'decorate parameters and emit no types: constructor injection needs legacy decorators. Set ' +
      '"experimentalDecorators": true in tsconfig.json compilerOptions and mark the class @injectable(), then either set ' +
      '"emitDecoratorMetadata": true (tsc, ts-node, or swc with decoratorMetadata) or put @inject(Token) on each ' +
      `constructor parameter (esbuild, tsx). Or keep standard decorators and register a factory: ` +
      `container.register(${name}, { useFactory: (c) => new ${name}(c.resolve(Token)) }).`;
  }
  return 'its constructor takes parameters, and tsyringe knows no types for them (the class is not @injectable(), ' +
    `or was compiled without emitted "design:paramtypes" metadata). Mark it @injectable(), then either set ${EMIT}, ` +
    'or put @inject(Token) on each constructor parameter (no emitted metadata needed).';
}

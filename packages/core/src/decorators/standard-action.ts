import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { addStandardActionMethod, getStandardActionMethods } from '../metadata/action-metadata';
import { WORKFLOW_BRAND } from '../metadata/metadata-keys';
import type { StandardMetadata } from '../metadata/standard-metadata';
import { fieldAdvice, memberName, recordActionMethod } from './record-action';

/** What a standard decorator receives as its second argument (the fields `@Action` reads). */
export interface StandardDecoratorContext {
  readonly kind: string;
  readonly name: string | symbol | undefined;
  readonly static?: boolean;
  readonly private?: boolean;
  readonly metadata?: StandardMetadata;
}

/** True when a decorator's second argument is a standard (TC39) decorator context. */
export function isStandardContext(value: unknown): value is StandardDecoratorContext {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { addInitializer?: unknown }).addInitializer === 'function';
}

const LEGACY_FOR_ISOLATE =
  `on a method needs legacy decorators: set "experimentalDecorators": true in tsconfig.json compilerOptions ` +
  `(a standard method decorator is not told its class, which a worker must rebuild), or isolate a function: action({ isolate: 'worker' }, fn)`;

/**
 * `@Action` as a standard decorator (TypeScript 5+ without `experimentalDecorators`, esbuild,
 * tsx): called with the method and its context. A standard method decorator is not told its
 * class, so the method is recorded in `context.metadata`, which becomes `Class[Symbol.metadata]`
 * (the package sets `Symbol.metadata` on Node versions without it), and messages name the member.
 */
export function decorateStandard(context: StandardDecoratorContext, options: unknown): void {
  const key = context.name ?? '(anonymous)';
  const where = context.kind === 'class' ? `@Action() on class ${memberName(key)}` : `@Action() on ${memberName(key)}`;
  if (context.kind === 'field') throw new InvalidActionOptionsError(where, 'target', 'field', fieldAdvice(key));
  if (context.kind !== 'method') {
    throw new InvalidActionOptionsError(where, 'target', context.kind, context.kind === 'class' ? 'must be a method of the class' : 'must be a method');
  }
  if (context.static === true) {
    throw new InvalidActionOptionsError(where, 'target', 'static method', 'must be an instance method (remove "static")');
  }
  if (context.private === true) {
    throw new InvalidActionOptionsError(
      where, 'target', 'private method',
      'must be a public or protected method (drop the "#": a #private method cannot be called from outside its class)',
    );
  }
  const metadata = context.metadata;
  if (metadata === undefined) {
    throw new InvalidActionOptionsError(
      where, 'context.metadata', undefined,
      'must be an object: import @dotflow/core before the class is defined (it sets Symbol.metadata), ' +
        'or compile with legacy decorators ("experimentalDecorators": true in tsconfig.json compilerOptions)',
    );
  }
  recordActionMethod(
    {
      where,
      key,
      isWorkflow: WORKFLOW_BRAND in metadata,
      own: getStandardActionMethods(metadata),
      describeClass: (twin) => `the class of ${memberName(twin.key)}() and ${memberName(key)}()`,
      isolate: () => {
        throw new InvalidActionOptionsError(where, 'isolate', 'worker', LEGACY_FOR_ISOLATE);
      },
      add: (entry) => addStandardActionMethod(metadata, entry),
    },
    options,
  );
}

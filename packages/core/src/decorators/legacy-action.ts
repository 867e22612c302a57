import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { addOwnActionMethod, getOwnActionMethods } from '../metadata/action-metadata';
import { WORKFLOW_BRAND } from '../metadata/metadata-keys';
import { isolateStep } from './isolation';
import { fieldAdvice, memberName, recordActionMethod } from './record-action';

type Constructor = abstract new (...args: never[]) => unknown;

/**
 * `@Action` as a legacy decorator (`experimentalDecorators`): called with the prototype (the class
 * for a static member), the member's key and its descriptor (none for a field).
 */
export function decorateLegacy(
  target: unknown,
  propertyKey: unknown,
  descriptor: PropertyDescriptor | undefined,
  options: unknown,
  file: string | undefined,
): void {
  if (typeof propertyKey !== 'string' && typeof propertyKey !== 'symbol') {
    // On a class (or a constructor parameter): the target is the class itself.
    const name = typeof target === 'function' ? `class ${target.name || '(anonymous)'}` : 'a value';
    throw new InvalidActionOptionsError(`@Action() on ${name}`, 'target', typeof target === 'function' ? 'class' : target, 'must be a method of the class');
  }
  const isStatic = typeof target === 'function';
  const ctor = (isStatic ? target : (target as object).constructor) as Constructor;
  const member = memberName(propertyKey);
  const where = `@Action() on ${ctor.name}.${member}`;
  if (isStatic) {
    throw new InvalidActionOptionsError(where, 'target', 'static method', 'must be an instance method (remove "static")');
  }
  if (descriptor === undefined) throw new InvalidActionOptionsError(where, 'target', 'field', fieldAdvice(propertyKey));
  if (typeof descriptor.value !== 'function') {
    throw new InvalidActionOptionsError(where, 'target', descriptor.get ? 'accessor' : typeof descriptor.value, 'must be a method');
  }
  recordActionMethod(
    {
      where,
      key: propertyKey,
      isWorkflow: WORKFLOW_BRAND in (target as object),
      own: getOwnActionMethods(ctor),
      describeClass: () => `class ${ctor.name}`,
      isolate: () => isolateStep(where, file, `${ctor.name}.${member}`, { kind: 'method', ctor, property: propertyKey }, ctor),
      add: (entry) => addOwnActionMethod(ctor, entry),
    },
    options,
  );
}

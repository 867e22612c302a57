// A TypeDoc plugin for `npm run docs:check`: every exported class and function, and every
// interface named in `requireExampleFor`, must carry an `@example` block; a `{@link}` that
// TypeDoc cannot resolve is reported by TypeDoc's own `invalidLink` validation.
import { Converter, ParameterType, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.options.addDeclaration({
    name: 'requireExampleFor',
    help: 'Interfaces and type aliases that must carry an @example, besides every exported class and function.',
    type: ParameterType.Array,
    defaultValue: [],
  });

  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    const named = new Set(app.options.getValue('requireExampleFor'));
    const kinds = ReflectionKind.Class | ReflectionKind.Function | ReflectionKind.Interface | ReflectionKind.TypeAlias;
    for (const reflection of project.getReflectionsByKind(kinds)) {
      // Only the entry's own exports: a module's direct children.
      if (!reflection.parent || !reflection.parent.kindOf(ReflectionKind.SomeModule | ReflectionKind.Project)) continue;
      const needs = reflection.kindOf(ReflectionKind.Class | ReflectionKind.Function) || named.has(reflection.name);
      if (!needs) continue;
      const comments = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)];
      const hasExample = comments.some((c) => c?.blockTags.some((t) => t.tag === '@example'));
      if (!hasExample) {
        app.logger.warn(`${reflection.getFriendlyFullName()}, defined in ${reflection.sources?.[0]?.fileName ?? project.name}, has no @example`);
      }
    }
  });
}

// A TypeDoc plugin for `npm run docs:check`: every exported class and function, and every
// interface named in `requireExampleFor`, must carry an `@example` block, and every comment a
// summary (not only tags); a `{@link}` that
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
    // A comment made only of tags (`@defaultValue 0`) passes notDocumented; a summary is still required.
    for (const reflection of Object.values(project.reflections)) {
      const comment = reflection.comment;
      if (comment === undefined || comment.summary.some((part) => part.text.trim() !== '')) continue;
      const tagsOnly = ReflectionKind.SomeModule | ReflectionKind.Project | ReflectionKind.TypeParameter | ReflectionKind.Parameter |
        ReflectionKind.Constructor | ReflectionKind.ConstructorSignature; // a constructor's `@param` tags are enough
      if (reflection.kindOf(tagsOnly) || (reflection.parent?.kindOf(ReflectionKind.Constructor) ?? false)) continue;
      if ('inheritedFrom' in reflection && reflection.inheritedFrom !== undefined) continue; // checked where it is declared
      app.logger.warn(`${reflection.getFriendlyFullName()}, defined in ${project.name}, has a comment without a summary`);
    }
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

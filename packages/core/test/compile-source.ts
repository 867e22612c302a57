import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

/** How a user's project compiles its decorators. */
export interface DecoratorSettings {
  /** false: standard (TC39) decorators, as TypeScript 5+, esbuild and tsx without it in the tsconfig. */
  readonly experimentalDecorators: boolean;
  /** @defaultValue false (as esbuild and tsx, which never emit it) */
  readonly emitDecoratorMetadata?: boolean;
}

/** Sources compiled to CommonJS in a temp folder, loadable by their name. */
export interface CompiledProject {
  /** Requires the compiled `<name>.js` (its module's exports); `@dotflow/core` is this package's source. */
  load(name: string): Record<string, unknown>;
  /** Removes the temp folder. */
  remove(): void;
}

/**
 * Type-checks and compiles TypeScript sources (name → text) as a user's project would, with the
 * TypeScript of the repository and the given decorator settings, to CommonJS files in a temp
 * folder. `@dotflow/core` resolves to this package's source, the other packages to the
 * repository's `node_modules`. Throws the diagnostics when the sources do not compile.
 */
export function compileSources(sources: Readonly<Record<string, string>>, settings: DecoratorSettings): CompiledProject {
  const dir = mkdtempSync(join(tmpdir(), 'dotflow-decorators-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const files = Object.entries(sources).map(([name, text]) => {
    const file = join(dir, 'src', `${name}.ts`);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(file, text);
    return file;
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    experimentalDecorators: settings.experimentalDecorators,
    emitDecoratorMetadata: settings.emitDecoratorMetadata ?? false,
    baseUrl: ROOT,
    paths: { '@dotflow/core': ['packages/core/src/index.ts'], '*': ['node_modules/*', 'node_modules/@types/*'] },
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  };
  const program = ts.createProgram(files, options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    rmSync(dir, { recursive: true, force: true });
    const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' };
    throw new Error(ts.formatDiagnostics(diagnostics, host));
  }
  for (const file of files) {
    const source = program.getSourceFile(file);
    program.emit(source, (name, text) => {
      if (name.endsWith('.js')) writeFileSync(file.replace(/\.ts$/, '.js'), text);
    });
  }
  return {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the compiled module as a user's entry point would
    load: (name) => require(join(dir, 'src', `${name}.js`)) as Record<string, unknown>,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { container } from 'tsyringe';
import { DotFlow, ModuleLoadError, Workflow, resolveWorkflow, type ResolvableClass, type Runnable } from '@dotflow/core';
import { UsageError } from './errors';

/** A `<file>[#Export]` argument split into its parts. */
export interface WorkflowSpecifier {
  /** The file, absolute. */
  readonly file: string;
  /** The export named after `#`, if any. */
  readonly exportName?: string;
}

/**
 * Splits `<file>[#Export]`, resolving the file from `cwd`.
 *
 * @example
 * ```ts
 * parseSpecifier('src/workflow.ts#HelloWorkflow', '/work/app');
 * // { file: '/work/app/src/workflow.ts', exportName: 'HelloWorkflow' }
 * ```
 */
export function parseSpecifier(spec: string, cwd: string): WorkflowSpecifier {
  const hash = spec.lastIndexOf('#');
  const file = hash > 0 ? spec.slice(0, hash) : spec;
  const exportName = hash > 0 ? spec.slice(hash + 1) : undefined;
  if (exportName === '') throw new UsageError(`'${spec}' names no export after '#': write <file>#<Export>, or leave '#' out`);
  return { file: resolve(cwd, file), exportName };
}

const LOADABLE = new Set(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts']);

/** Makes sure a TypeScript file can be required (ts-node, resolved from `cwd`), else throws a `ModuleLoadError` saying how. */
function ensureTypeScript(file: string, cwd: string): void {
  const extensions = require.extensions as Record<string, unknown>;
  if (extensions['.ts'] !== undefined) return; // a loader is already registered (node -r ts-node/register …)
  let loader: string;
  try {
    loader = require.resolve('ts-node/register', { paths: [cwd] });
  } catch (cause) {
    const error = new ModuleLoadError(file, { cause });
    error.message =
      `Cannot load '${file}': running a .ts file needs a TypeScript loader that keeps decorator metadata. ` +
      `Install ts-node in your project (npm i -D ts-node), or compile the file (tsc) and run the .js`;
    throw error;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a loader registers itself when required
  require(loader);
}

/** Loads the module of `spec`: throws a `UsageError` for a missing or unloadable file. */
export function loadModule(spec: WorkflowSpecifier, cwd: string): Record<string, unknown> {
  const { file } = spec;
  if (!existsSync(file)) throw new UsageError(`No such file: '${file}' (paths are relative to the current folder)`);
  const ext = extname(file);
  if (!LOADABLE.has(ext)) throw new UsageError(`Cannot load '${file}': expected a .js, .cjs, .mjs or .ts file`);
  if (ext === '.ts' || ext === '.cts' || ext === '.mts') ensureTypeScript(file, cwd);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's file, by path (Node >= 20.19 requires ES modules too)
    const loaded: unknown = require(file);
    return (typeof loaded === 'object' && loaded !== null) || typeof loaded === 'function' ? (loaded as Record<string, unknown>) : { default: loaded };
  } catch (cause) {
    const error = new ModuleLoadError(file, { cause });
    error.message = `Cannot load '${file}': it threw while loading: ${describeError(cause)}`;
    throw error;
  }
}

/** `Name: message` of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

type Constructor = abstract new (...args: never[]) => unknown;

function isRunnable(value: unknown): value is Runnable {
  if (value instanceof Workflow || value instanceof DotFlow) return true;
  // a workflow made by another copy of @dotflow/core
  const v = value as Partial<Record<'start' | 'describe' | 'run$', unknown>> | null;
  return typeof value === 'object' && v !== null && typeof v.start === 'function' && typeof v.describe === 'function' && typeof v.run$ === 'function';
}

function isWorkflowClass(value: unknown): value is Constructor {
  if (typeof value !== 'function') return false;
  const proto: unknown = (value as { prototype?: unknown }).prototype;
  if (proto instanceof Workflow) return true;
  const p = proto as Partial<Record<'start' | 'describe' | 'run$', unknown>> | undefined;
  return typeof p === 'object' && p !== null && typeof p.start === 'function' && typeof p.describe === 'function' && typeof p.run$ === 'function';
}

function isCandidate(value: unknown): boolean {
  return isRunnable(value) || isWorkflowClass(value);
}

/** Picks the export: the named one, else `default`, else the only workflow export. */
function pick(mod: Record<string, unknown>, spec: WorkflowSpecifier): { name: string; value: unknown } {
  const where = `'${spec.file}'`;
  if (spec.exportName !== undefined) {
    if (!(spec.exportName in mod)) {
      throw new UsageError(`${where} has no export '${spec.exportName}' (exports: ${Object.keys(mod).join(', ') || 'none'})`);
    }
    return { name: spec.exportName, value: mod[spec.exportName] };
  }
  if (isCandidate(mod)) return { name: 'module.exports', value: mod };
  if (mod.default !== undefined) return { name: 'default', value: mod.default };
  const found = Object.entries(mod).filter(([, v]) => isCandidate(v));
  if (found.length === 1) return { name: found[0]![0], value: found[0]![1] };
  if (found.length > 1) {
    throw new UsageError(`${where} exports several workflows (${found.map(([n]) => n).join(', ')}): name one, as <file>#<Export>`);
  }
  throw new UsageError(`${where} has no default export and no Workflow or DotFlow export: export one, or name a factory as <file>#<Export>`);
}

/**
 * Loads the workflow of `<file>[#Export]`: a `Workflow` subclass (resolved through tsyringe's
 * root container, so its constructor's services are injected), a `DotFlow` (or `Workflow`)
 * instance, or a function returning one (or a promise of one).
 *
 * @throws UsageError for a missing file, a missing export or an export that is not a workflow;
 * `ModuleLoadError` for a module that throws while loading, or a `.ts` file with no loader;
 * `UnresolvableClassError` for a class the container cannot build (no emitted types, no `@inject`).
 *
 * @example
 * ```ts
 * const flow = await loadWorkflow('src/workflow.ts#HelloWorkflow', process.cwd());
 * const result = await flow.start({ initialContext: { name: 'Ada' } });
 * ```
 */
export async function loadWorkflow(specifier: string, cwd: string): Promise<Runnable> {
  const spec = parseSpecifier(specifier, cwd);
  const mod = loadModule(spec, cwd);
  const { name, value } = pick(mod, spec);
  const notWorkflow = (what: string): UsageError =>
    new UsageError(`Export '${name}' of '${spec.file}' is ${what}, not a workflow: export a Workflow subclass, a DotFlow, or a function returning one`);
  if (isWorkflowClass(value)) return resolveWorkflow(container, value as unknown as ResolvableClass<Runnable>);
  if (isRunnable(value)) return value;
  if (typeof value === 'function') {
    let made: unknown;
    try {
      made = await (value as () => unknown)();
    } catch (cause) {
      throw new UsageError(`The factory '${name}' of '${spec.file}' threw: ${describeError(cause)}`);
    }
    if (isWorkflowClass(made)) return resolveWorkflow(container, made as unknown as ResolvableClass<Runnable>);
    if (isRunnable(made)) return made;
    throw notWorkflow(`a function returning ${made === null ? 'null' : typeof made}`);
  }
  throw notWorkflow(value === null ? 'null' : typeof value);
}

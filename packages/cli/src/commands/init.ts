import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../errors';
import type { CliIo } from '../io';

/** The workflow file `dotflow init` writes, relative to the project folder. */
export const STARTER_FILE = 'src/workflow.ts';

/** The test file `dotflow init` writes, relative to the project folder. */
export const STARTER_TEST_FILE = 'test/workflow.test.ts';

/** The starter workflow: a `Workflow` subclass with a service injected by tsyringe, and two steps. */
export const STARTER_WORKFLOW = `// A starter Dotflow workflow. Run it: npm start (or npx dotflow start src/workflow.ts -i '{"name":"Ada"}')
import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { Action, Workflow, type StepContext } from '@dotflow/core';

/** A service the workflow gets from tsyringe: swap it for a fake in tests. */
@injectable()
export class Greeter {
  public greet(name: string): string {
    return \`Hello, \${name}!\`;
  }
}

@injectable()
export default class HelloWorkflow extends Workflow {
  public constructor(private readonly greeter: Greeter) {
    super({ name: 'hello' });
  }

  /** The first step reads the run's initial context. */
  @Action()
  public greet({ initialContext }: StepContext<unknown, { name?: string } | null>): string {
    return this.greeter.greet(initialContext.storage?.name ?? 'world');
  }

  /** The next step gets the previous one's result; it is tried up to 3 times, 5 s each. */
  @Action({ retry: 3, timeout: 5_000 })
  public shout({ previousContext }: StepContext<string>): string {
    return previousContext.storage.toUpperCase();
  }
}
`;

/** The starter test, on Node's own test runner: the workflow as it is, then with a fake service. */
export const STARTER_TEST = `import 'reflect-metadata';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { container } from 'tsyringe';
import HelloWorkflow, { Greeter } from '../src/workflow';

test('greets by name, then shouts', async () => {
  const result = await container.resolve(HelloWorkflow).start({ initialContext: { name: 'Ada' } });
  assert.equal(result.status, 'Completed');
  assert.deepEqual(result.tasks.map((task) => task.currentContext.storage), ['Hello, Ada!', 'HELLO, ADA!']);
});

test('runs with a fake service, registered in a child container', async () => {
  const scope = container.createChildContainer();
  scope.register(Greeter, { useValue: { greet: (name: string) => \`Hi \${name}\` } });
  const result = await scope.resolve(HelloWorkflow).start({ initialContext: { name: 'Bo' } });
  assert.deepEqual(result.tasks.map((task) => task.currentContext.storage), ['Hi Bo', 'HI BO']);
});
`;

/**
 * The `tsconfig.json` `dotflow init` writes: decorators, with their metadata (constructor injection
 * needs it); valid for TypeScript 5.x and 7.x (no `moduleResolution: node10`, which 7 removed).
 */
export const STARTER_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      lib: ['ES2022'],
      rootDir: '.',
      outDir: 'dist',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
    include: ['src', 'test'],
  },
  null,
  2,
)}\n`;

/** The `.gitignore` `dotflow init` writes. */
export const STARTER_GITIGNORE = 'node_modules/\ndist/\n.output/\n';

interface Manifest {
  readonly version: string;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

function manifest(path: string): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/**
 * A package name made from a folder name (lower case, npm's allowed characters).
 *
 * @example
 * ```ts
 * packageNameOf('My Project'); // 'my-project'
 * ```
 */
export function packageNameOf(folder: string): string {
  const name = basename(folder).toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  return name === '' ? 'dotflow-project' : name;
}

/**
 * The `package.json` `dotflow init` writes: `npm start` runs the workflow through `dotflow start`,
 * `npm test` runs the test on Node's test runner through ts-node (type-checked), `npm run build`
 * compiles it. The versions are those of this `@dotflow/cli` and the peers of its `@dotflow/core`.
 *
 * @example
 * ```ts
 * writeFileSync('package.json', starterPackageJson(packageNameOf(basename(process.cwd()))));
 * ```
 */
export function starterPackageJson(name: string): string {
  const cli = manifest(join(__dirname, '..', '..', 'package.json'));
  const core = manifest(require.resolve('@dotflow/core/package.json'));
  const peer = (dep: string): string => core.peerDependencies?.[dep] ?? cli.peerDependencies?.[dep] ?? '*';
  return `${JSON.stringify(
    {
      name,
      version: '0.1.0',
      private: true,
      scripts: {
        start: 'dotflow start src/workflow.ts',
        graph: 'dotflow graph src/workflow.ts',
        build: 'tsc',
        test: `node --require ts-node/register --test ${STARTER_TEST_FILE}`,
      },
      dependencies: {
        '@dotflow/core': `^${core.version}`,
        'reflect-metadata': peer('reflect-metadata'),
        rxjs: peer('rxjs'),
        tsyringe: peer('tsyringe'),
      },
      devDependencies: {
        '@dotflow/cli': `^${cli.version}`,
        '@types/node': '^20.19.0',
        'ts-node': '^10.9.2',
        typescript: '~5.9.3',
      },
    },
    null,
    2,
  )}\n`;
}

/**
 * Runs `dotflow init [dir]`: scaffolds a project in `dir` (default: the current folder; created if
 * missing) — `package.json`, `tsconfig.json`, `.gitignore`, `src/workflow.ts` and
 * `test/workflow.test.ts`. It never overwrites: an existing workflow or test file is a usage error
 * (nothing is written); an existing `package.json`, `tsconfig.json` or `.gitignore` is kept.
 *
 * @example
 * ```ts
 * process.exitCode = initCommand('hello-flow', processIo());
 * ```
 */
export function initCommand(dir: string | undefined, io: CliIo): ExitCode {
  const folder = resolve(io.cwd, dir ?? '.');
  const shown = (path: string): string => relative(io.cwd, path) || '.';
  const own = [
    { path: STARTER_FILE, content: STARTER_WORKFLOW },
    { path: STARTER_TEST_FILE, content: STARTER_TEST },
  ];
  for (const file of own) {
    const path = join(folder, file.path);
    if (existsSync(path)) throw new UsageError(`'${path}' exists: dotflow init never overwrites a file; pick another folder (dotflow init <dir>)`);
  }
  const shared = [
    { path: 'package.json', content: () => starterPackageJson(packageNameOf(folder)) },
    { path: 'tsconfig.json', content: () => STARTER_TSCONFIG },
    { path: '.gitignore', content: () => STARTER_GITIGNORE },
  ];
  const kept: string[] = [];
  for (const file of shared) {
    const path = join(folder, file.path);
    if (existsSync(path)) {
      kept.push(file.path);
      continue;
    }
    mkdirSync(folder, { recursive: true });
    writeFileSync(path, file.content(), { flag: 'wx' });
    io.out(`Wrote ${shown(path)}\n`);
  }
  for (const file of own) {
    const path = join(folder, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content, { flag: 'wx' });
    io.out(`Wrote ${shown(path)}\n`);
  }
  if (kept.length > 0) {
    io.out(
      `Kept the existing ${kept.join(', ')}: the workflow needs @dotflow/core, tsyringe, reflect-metadata and rxjs, ` +
        `and a tsconfig with "experimentalDecorators" and "emitDecoratorMetadata" (see dotflow init in an empty folder)\n`,
    );
  }
  const cd = folder === io.cwd ? '' : `cd ${shown(folder)} && `;
  io.out(`Next: ${cd}npm install && npm test && npm start\n`);
  return ExitCode.Ok;
}

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../errors';
import type { CliIo } from '../io';

/** The file `dotflow init` writes in its folder. */
export const STARTER_FILE = 'workflow.ts';

/** The starter workflow: a `Workflow` subclass with a service injected by tsyringe, and two steps. */
export const STARTER_WORKFLOW = `// A starter Dotflow workflow. Run it: npx dotflow start workflow.ts --initial-context '{"name":"Ada"}'
// (a .ts file needs ts-node and a tsconfig with "experimentalDecorators" and "emitDecoratorMetadata").
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
    super();
  }

  /** The first step reads the run's initial context. */
  @Action()
  public greet({ initialContext }: StepContext<unknown, { name?: string } | null>): string {
    return this.greeter.greet(initialContext.storage?.name ?? 'world');
  }

  /** The next step gets the previous one's result; it is tried up to 3 times. */
  @Action({ retry: 3, timeout: 5_000 })
  public shout({ previousContext }: StepContext<string>): string {
    return previousContext.storage.toUpperCase();
  }
}
`;

/** The `tsconfig.json` `dotflow init` writes when the folder has none: decorators, with their metadata (DI needs it). */
export const STARTER_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node10',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  },
  null,
  2,
)}\n`;

/** Runs `dotflow init [dir]`: writes the starter workflow, and a `tsconfig.json` when there is none; never overwrites a file. */
export function initCommand(dir: string | undefined, io: CliIo): ExitCode {
  const folder = resolve(io.cwd, dir ?? '.');
  const file = join(folder, STARTER_FILE);
  if (existsSync(file)) throw new UsageError(`'${file}' exists: dotflow init never overwrites a file; pick another folder (dotflow init <dir>)`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, STARTER_WORKFLOW, { flag: 'wx' });
  const shown = relative(io.cwd, file) || STARTER_FILE;
  const tsconfig = join(folder, 'tsconfig.json');
  if (!existsSync(tsconfig)) {
    writeFileSync(tsconfig, STARTER_TSCONFIG, { flag: 'wx' });
    io.out(`Wrote ${relative(io.cwd, tsconfig)}\n`);
  }
  io.out(`Wrote ${shown}\nRun it: npx dotflow start ${shown} --initial-context '{"name":"Ada"}'\nSee its plan: npx dotflow graph ${shown}\n`);
  return ExitCode.Ok;
}

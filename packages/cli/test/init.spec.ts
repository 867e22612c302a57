import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  STARTER_GITIGNORE,
  STARTER_TEST,
  STARTER_TEST_FILE,
  STARTER_TSCONFIG,
  STARTER_WORKFLOW,
  packageNameOf,
  starterPackageJson,
} from '../src/commands/init';
import { BIN, finished, runBuilt, tempDir, type CliResult } from './cli-command';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..');

/**
 * Gives the project the packages its package.json names, from this workspace (offline): npm would
 * install the same into node_modules, with `.bin/dotflow` linking the CLI's binary.
 */
function linkDependencies(project: string): void {
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '@dotflow'), { recursive: true });
  mkdirSync(join(modules, '@types'), { recursive: true });
  mkdirSync(join(modules, '.bin'), { recursive: true });
  symlinkSync(join(root, 'packages', 'core'), join(modules, '@dotflow', 'core'));
  symlinkSync(join(root, 'packages', 'cli'), join(modules, '@dotflow', 'cli'));
  symlinkSync(join(root, 'node_modules', '@types', 'node'), join(modules, '@types', 'node'));
  for (const name of ['reflect-metadata', 'rxjs', 'tsyringe', 'ts-node', 'typescript']) symlinkSync(join(root, 'node_modules', name), join(modules, name));
  symlinkSync(BIN, join(modules, '.bin', 'dotflow'));
  chmodSync(BIN, 0o755); // npm makes a package's bin executable when it links it; tsc writes it 0644
}

/** Runs `npm <args>` in `cwd` offline, with none of this test run's npm or ts-node settings. */
function npm(args: readonly string[], cwd: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm_|TS_NODE_|CI$|NO_COLOR$)/i.test(key)) env[key] = value;
  env.npm_config_offline = 'true';
  return finished(spawn('npm', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('dotflow init', () => {
  it('scaffolds a project whose own npm test passes and whose npm start runs the workflow (its service injected)', async () => {
    const cwd = tempDir();
    const r = await runBuilt(['init', 'my-flows'], cwd);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      'Wrote my-flows/package.json\nWrote my-flows/tsconfig.json\nWrote my-flows/.gitignore\n' +
        'Wrote my-flows/src/workflow.ts\nWrote my-flows/test/workflow.test.ts\n' +
        'Next: cd my-flows && npm install && npm test && npm start\n',
    );
    const project = join(cwd, 'my-flows');
    const file = (path: string): string => readFileSync(join(project, path), 'utf8');
    expect([file('tsconfig.json'), file('.gitignore'), file('src/workflow.ts'), file(STARTER_TEST_FILE)]).toEqual([
      STARTER_TSCONFIG,
      STARTER_GITIGNORE,
      STARTER_WORKFLOW,
      STARTER_TEST,
    ]);
    const manifest = JSON.parse(file('package.json')) as { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(manifest.name).toBe('my-flows');
    expect(manifest.dependencies['@dotflow/core']).toBe('^0.1.0');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@dotflow/core', 'reflect-metadata', 'rxjs', 'tsyringe']);
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@dotflow/cli', '@types/node', 'ts-node', 'typescript']);

    linkDependencies(project);
    const test = await npm(['test'], project);
    expect([test.code, test.stderr]).toEqual([0, '']);
    expect(test.stdout).toMatch(/^# pass 2$/m);
    expect(test.stdout).toMatch(/^# fail 0$/m);

    const start = await npm(['start', '--silent', '--', '--output', 'json', '-i', '{"name":"Ada"}'], project);
    expect([start.code, start.stderr]).toEqual([0, '']);
    const result = JSON.parse(start.stdout) as { status: string; tasks: { currentContext: { storage: unknown } }[] };
    expect([result.status, result.tasks.map((t) => t.currentContext.storage)]).toEqual(['Completed', ['Hello, Ada!', 'HELLO, ADA!']]);
  });

  it('a failing starter test fails npm test (the scaffolded test asserts what the workflow returns)', async () => {
    const cwd = tempDir();
    expect((await runBuilt(['init'], cwd)).code).toBe(0);
    writeFileSync(join(cwd, 'src', 'workflow.ts'), STARTER_WORKFLOW.replace('`Hello, ${name}!`', '`Bye, ${name}!`'));
    linkDependencies(cwd);
    const test = await npm(['test'], cwd);
    expect(test.code).toBe(1);
    expect(test.stdout).toMatch(/^# fail 1$/m);
  });

  it('never overwrites: an existing workflow is a usage error and nothing is written; an existing package.json is kept', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'package.json'), '{"name":"mine"}\n');
    const first = await runBuilt(['init'], cwd);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toBe(
      'Wrote tsconfig.json\nWrote .gitignore\nWrote src/workflow.ts\nWrote test/workflow.test.ts\n' +
        'Kept the existing package.json: the workflow needs @dotflow/core, tsyringe, reflect-metadata and rxjs, ' +
        'and a tsconfig with "experimentalDecorators" and "emitDecoratorMetadata" (see dotflow init in an empty folder)\n' +
        'Next: npm install && npm test && npm start\n',
    );
    expect(readFileSync(join(cwd, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');

    writeFileSync(join(cwd, 'src', 'workflow.ts'), '// mine\n');
    const again = await runBuilt(['init'], cwd);
    expect([again.code, again.stdout]).toEqual([2, '']);
    expect(again.stderr).toMatch(/^dotflow: '.*\/src\/workflow\.ts' exists: dotflow init never overwrites a file; pick another folder \(dotflow init <dir>\)\n$/);
    expect(readFileSync(join(cwd, 'src', 'workflow.ts'), 'utf8')).toBe('// mine\n');
  });

  it('names the package after its folder, in the characters npm allows', () => {
    expect(packageNameOf('/tmp/My Flows!')).toBe('my-flows');
    expect(packageNameOf('/tmp/___')).toBe('dotflow-project');
    expect(JSON.parse(starterPackageJson('x')) as { devDependencies: Record<string, string> }).toMatchObject({ devDependencies: { '@dotflow/cli': '^0.1.0' } });
  });
});

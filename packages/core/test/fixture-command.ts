import { join } from 'node:path';

/** A fixture (a TypeScript file in `test/fixtures`) as a command for `spawn` / `spawnSync`. */
export interface FixtureCommand {
  readonly command: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * How to run `test/fixtures/<name>` in a process of its own (through ts-node, no build needed),
 * with `args` after the script and `env` over this process's environment.
 */
export function fixtureCommand(name: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): FixtureCommand {
  return {
    command: process.execPath,
    args: ['-r', 'ts-node/register/transpile-only', join(__dirname, 'fixtures', name), ...args],
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', '..', 'tsconfig.test.json'), ...env },
  };
}

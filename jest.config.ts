import type { Config } from 'jest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// One jest project per package (and one for the examples' smoke tests). Tests import packages
// by name; the mapper points those names at the sources, so no build is needed to test.
const root = __dirname;
const moduleNameMapper = {
  '^@dotflow/([a-z-]+)$': join(root, 'packages/$1/src/index.ts'),
  '^@dotflow/([a-z-]+)/testing$': join(root, 'packages/$1/src/testing/index.ts'),
};
const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: join(root, 'tsconfig.test.json') }],
};

const project = (displayName: string, dir: string): Config => ({
  displayName,
  rootDir: join(root, dir),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper,
  transform,
});

const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => project(d.name, join('packages', d.name)));

const config: Config = {
  projects: [...packages, project('examples', 'examples')],
};

export default config;

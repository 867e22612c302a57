// ts-jest compiles with tsconfig.json (decorator metadata on) and type-checks each test file.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
};

#!/usr/bin/env node
// The `dotflow` binary: the command line runs in src/program.ts; this only wires the process.
import { processIo } from './io';
import { runCli } from './program';

runCli(process.argv.slice(2), processIo()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`dotflow: internal error: ${String(error)}\n`);
    process.exit(1);
  },
);

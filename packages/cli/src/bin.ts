#!/usr/bin/env node
// The `dotflow` binary: the command line runs in src/program.ts; this only wires the process.
import { ExitCode } from './errors';
import { processIo } from './io';
import { runCli } from './program';

// Should the event loop drain before the command ends (a step awaiting a promise nothing will
// settle), the process must not exit 0 as if the run had completed.
process.exitCode = ExitCode.Failed;
process.once('beforeExit', () => {
  process.stderr.write('dotflow: the run stalled: a step is awaiting a promise that nothing is left to settle (no timer, socket or file open)\n');
});

runCli(process.argv.slice(2), processIo()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`dotflow: internal error: ${String(error)}\n`);
    process.exit(ExitCode.Failed);
  },
);

#!/usr/bin/env node
// Runs jest with --detectOpenHandles and fails the run when jest reports an open handle (a timer,
// socket or child process that a test left behind): jest itself only prints a warning for those.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jest = require.resolve('jest/bin/jest');
const child = spawn(process.execPath, [jest, '--detectOpenHandles', ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'pipe'],
});
let leaked = false;
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  if (!leaked && /open handles? potentially keeping Jest from exiting/.test(String(chunk))) {
    leaked = true;
    // jest would wait for the handle forever: let it finish printing, then stop it
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  }
});
child.on('close', (code, signal) => {
  if (leaked) console.error('\nA test left an open handle (see above): close it in the test or the code under test.');
  process.exit(leaked ? 1 : (code ?? (signal ? 1 : 0)));
});

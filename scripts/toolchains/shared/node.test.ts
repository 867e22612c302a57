// The cell's node:test file: the seed example and the class workflow, as a user's test file.
import 'reflect-metadata';
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { main } from './async-actions';
import { PIPELINE_LINES, SEED_LINES } from './expected';
import { runPipeline } from './pipeline';

void describe('dotflow under this toolchain', () => {
  void it('runs the seed example', async () => {
    const lines: string[] = [];
    await main((line) => lines.push(line));
    assert.deepEqual(lines, SEED_LINES);
  });

  void it('runs a class workflow with an injected service', async () => {
    assert.deepEqual(await runPipeline(), PIPELINE_LINES);
  });
});

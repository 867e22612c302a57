// The cell's program (CommonJS): runs the seed example and the class workflow, asserts both.
import 'reflect-metadata';
import { strict as assert } from 'node:assert';
import { main } from './async-actions';
import { PIPELINE_LINES, SEED_LINES } from './expected';
import { runPipeline } from './pipeline';

async function run(): Promise<void> {
  const seed: string[] = [];
  await main((line) => seed.push(line));
  assert.deepEqual(seed, SEED_LINES);
  console.log(`ok seed: ${seed.join(' | ')}`);
  const pipeline = await runPipeline();
  assert.deepEqual(pipeline, PIPELINE_LINES);
  console.log(`ok pipeline: ${pipeline.join(' | ')}`);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

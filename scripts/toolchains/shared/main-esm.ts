// The cell's program (ES module): runs the seed example and the class workflow, asserts both.
import 'reflect-metadata';
import { strict as assert } from 'node:assert';
import { main } from './async-actions.js';
import { PIPELINE_LINES, SEED_LINES } from './expected.js';
import { runPipeline } from './pipeline.js';

const seed: string[] = [];
await main((line) => seed.push(line));
assert.deepEqual(seed, SEED_LINES);
console.log(`ok seed: ${seed.join(' | ')}`);
const pipeline = await runPipeline();
assert.deepEqual(pipeline, PIPELINE_LINES);
console.log(`ok pipeline: ${pipeline.join(' | ')}`);

// The cell's jest test: the seed example and the class workflow, as a user's test file.
import 'reflect-metadata';
import { main } from './async-actions';
import { PIPELINE_LINES, SEED_LINES } from './expected';
import { runPipeline } from './pipeline';

describe('dotflow under this toolchain', () => {
  it('runs the seed example', async () => {
    const lines: string[] = [];
    await main((line) => lines.push(line));
    expect(lines).toEqual(SEED_LINES);
  });

  it('runs a class workflow with an injected service', async () => {
    expect(await runPipeline()).toEqual(PIPELINE_LINES);
  });
});

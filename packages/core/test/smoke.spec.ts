import 'reflect-metadata';
import { DotFlow, action, TaskStatus, type StepContext } from '@dotflow/core';

test('a two-step builder run completes and chains contexts', async () => {
  const a = action(function a() { return 1; });
  const b = action(async function b({ previousContext }: StepContext<number>) { return previousContext.storage + 1; });
  // `new DotFlow()` with no options on purpose: the zero-configuration path (tsyringe's root
  // container, which this test only reads, and the default Config) must work as it stands.
  const flow = new DotFlow();
  flow.task.add({ step: [a, b] });
  const result = await flow.start();
  expect(result.tasks.map((t) => t.status)).toEqual([TaskStatus.Completed, TaskStatus.Completed]);
  expect(flow.resultStorage()).toEqual([1, 2]);
});

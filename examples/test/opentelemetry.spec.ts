import 'reflect-metadata';
import { WorkflowStatus } from '@dotflow/core';
import { main as openTelemetry } from '../src/opentelemetry';

// Smoke test of the OpenTelemetry example: it runs offline and prints the span tree.
test('opentelemetry: a workflow span, a task span per task, the steps\' own spans under their tasks, and the counters', async () => {
  const lines: string[] = [];
  const { result, tree, counters } = await openTelemetry((line) => lines.push(line));
  expect(result.status).toBe(WorkflowStatus.Completed);
  expect(tree).toEqual([
    'workflow:users-sync [OK]',
    '  task:fetchUsers [OK]',
    '    GET /users [UNSET]',
    '  task:enrich [OK] retries: 1 events: dotflow.task.retry',
    '  task:save [OK]',
    '    INSERT users [UNSET]',
  ]);
  expect(counters).toEqual({
    'dotflow_workflow_total{started}': 1,
    'dotflow_workflow_total{completed}': 1,
    'dotflow_task_total{completed}': 3,
    'dotflow_task_retry_total': 1,
  });
  expect(lines[0]).toMatch(/^workflow users-sync: Completed in \d+ ms$/);
  expect(lines.slice(1, 1 + tree.length)).toEqual(tree);
});

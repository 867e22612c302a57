import type { TaskPlanJson, WorkflowPlanJson } from '@dotflow/core';
import { ExitCode, UsageError } from '../errors';
import type { CliIo } from '../io';
import { loadWorkflow } from '../load';

/** The flags of `dotflow graph`. */
export interface GraphFlags {
  /** `text` (default), `json` or `mermaid`. */
  readonly format?: string;
  /** `json`: the same as `--format json`. */
  readonly output?: string;
}

/**
 * A task's options that differ from the defaults, as text: `retry 3, timeout 5000 ms, backoff x2`.
 *
 * @example
 * ```ts
 * flow.describe().tasks.map(optionsText); // ['retry 3 every 1000 ms, timeout 5000 ms', '']
 * ```
 */
export function optionsText(task: TaskPlanJson): string {
  const o = task.options;
  const parts: string[] = [];
  if (o.retry > 1) parts.push(`retry ${o.retry}${o.retryDelay > 0 ? ` every ${o.retryDelay} ms` : ''}`);
  if (o.timeout > 0 && Number.isFinite(o.timeout)) parts.push(`timeout ${o.timeout} ms`);
  if (o.backoff !== null) parts.push(`backoff x${o.backoff.factor}${o.backoff.maxDelay !== null ? ` max ${o.backoff.maxDelay} ms` : ''}${o.backoff.jitter ? ' jitter' : ''}`);
  if (o.isolate !== null) parts.push(`isolate ${o.isolate}`);
  if (task.ownInitialContext) parts.push('own initial context');
  if (task.callback) parts.push('callback');
  return parts.join(', ');
}

/**
 * The plan as text: a header, then one line per task in run order.
 *
 * @example
 * ```ts
 * process.stdout.write(planText(flow.describe()));
 * ```
 */
export function planText(plan: WorkflowPlanJson): string {
  const width = Math.max(0, ...plan.tasks.map((t) => t.taskId.length));
  const lines = plan.tasks.map((t, i) => {
    const options = optionsText(t);
    return `  ${i + 1}. ${t.taskId.padEnd(width)}  group ${t.group}${options !== '' ? `  ${options}` : ''}`;
  });
  return `${plan.name} (workflow ${plan.workflowId}): ${plan.tasks.length} tasks, mode ${plan.mode}\n${lines.map((l) => `${l}\n`).join('')}`;
}

const label = (t: TaskPlanJson): string => {
  const options = optionsText(t);
  return `${t.taskId}${options !== '' ? `<br/>${options}` : ''}`.replace(/"/g, '#quot;');
};

/**
 * The plan as a Mermaid flowchart: tasks in order; in the group modes each group a subgraph
 * (side by side from the start for `parallel_group`, one after another for `sequential_group`);
 * in `parallel` every task fans out from the start.
 *
 * @example
 * ```ts
 * writeFileSync('plan.mmd', planMermaid(flow.describe()));
 * ```
 */
export function planMermaid(plan: WorkflowPlanJson): string {
  const id = new Map(plan.tasks.map((t, i) => [t.taskId, `t${i}`]));
  const node = (t: TaskPlanJson): string => `${id.get(t.taskId) ?? ''}["${label(t)}"]`;
  const lines = ['flowchart LR', '  start(("start"))', '  finish(("end"))'];
  if (plan.mode === 'parallel') {
    for (const t of plan.tasks) lines.push(`  start --> ${node(t)} --> finish`);
    return `${lines.join('\n')}\n`;
  }
  const groups = new Map<string, TaskPlanJson[]>();
  const grouped = plan.mode === 'parallel_group' || plan.mode === 'sequential_group';
  for (const t of plan.tasks) {
    const key = grouped ? t.group : '';
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  let previous = 'start';
  [...groups].forEach(([group, tasks], g) => {
    const chain = tasks.map((t) => id.get(t.taskId) ?? '');
    if (grouped) {
      lines.push(`  subgraph g${g}["${group.replace(/"/g, '#quot;')}"]`);
      for (const t of tasks) lines.push(`    ${node(t)}`);
      lines.push('  end');
    } else {
      for (const t of tasks) lines.push(`  ${node(t)}`);
    }
    const from = plan.mode === 'parallel_group' ? 'start' : previous;
    lines.push(`  ${[from, ...chain].join(' --> ')}${plan.mode === 'parallel_group' ? ' --> finish' : ''}`);
    previous = chain[chain.length - 1] ?? previous;
  });
  if (plan.mode !== 'parallel_group') lines.push(`  ${previous} --> finish`);
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `dotflow graph <file>[#Export]`: prints the plan from `describe()`, runs nothing.
 *
 * @example
 * ```ts
 * await graphCommand('src/workflow.ts', { format: 'mermaid' }, processIo());
 * ```
 */
export async function graphCommand(specifier: string, flags: GraphFlags, io: CliIo): Promise<ExitCode> {
  const format = flags.output === 'json' ? 'json' : (flags.format ?? 'text');
  if (flags.output !== undefined && flags.output !== 'json' && flags.output !== 'text') {
    throw new UsageError(`Invalid --output '${flags.output}': expected one of text, json`);
  }
  if (format !== 'text' && format !== 'json' && format !== 'mermaid') {
    throw new UsageError(`Invalid --format '${format}': expected one of text, json, mermaid`);
  }
  const plan = (await loadWorkflow(specifier, io.cwd)).describe();
  io.out(format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : format === 'mermaid' ? planMermaid(plan) : planText(plan));
  return ExitCode.Ok;
}

import 'reflect-metadata';
import { container } from 'tsyringe';
import { Config, ConsoleLog, DotFlow, action, type DotflowEvent, type ScheduleEvent, type StepContext, type WorkflowEvent } from '@dotflow/core';
import type { VirtualClock } from '@dotflow/core/testing';
import type { CronScheduler } from '@dotflow/scheduler';

/** 2026-01-01T00:00:00.000Z: the virtual start of every test. */
export const START = Date.parse('2026-01-01T00:00:00.000Z');
export const MINUTE = 60_000;

/** The ISO time `minutes` after {@link START}. */
export function at(minutes: number): string {
  return new Date(START + minutes * MINUTE).toISOString();
}

/** Waits `ms` on `clock`, or rejects when `signal` aborts (a step that honours cancellation). */
export function wait(clock: VirtualClock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = clock.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clock.clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    }, { once: true });
  });
}

/** A flow on `clock` and `scheduler` whose one step `work` takes `minutes` of virtual time. */
export function slowFlow(clock: VirtualClock, scheduler: CronScheduler, minutes: number, workflowId = 'nightly') {
  const calls = { started: 0, ended: 0, aborted: 0 };
  const config = new Config({ clock, scheduler, log: new ConsoleLog({ level: 'silent' }) });
  const flow = new DotFlow({ config, workflowId, container: container.createChildContainer() });
  flow.task.add({
    step: action(async function work({ signal }: StepContext) {
      calls.started++;
      try {
        await wait(clock, minutes * MINUTE, signal);
      } catch (error) {
        calls.aborted++;
        throw error;
      }
      calls.ended++;
      return calls.ended;
    }),
  });
  const events: DotflowEvent[] = [];
  flow.events$.subscribe((event) => events.push(event));
  /** `action@scheduledAt` of each schedule event, in order. */
  const schedule = (): string[] =>
    events.filter((e): e is ScheduleEvent => e.type === 'schedule').map((e) => `${e.action}@${e.scheduledAt.toISOString()}`);
  /** The workflow events' `workflowId:status`, in order. */
  const runs = (): string[] =>
    events.filter((e): e is WorkflowEvent => e.type === 'workflow').map((e) => `${e.workflowId}:${e.status}`);
  return { flow, calls, events, schedule, runs };
}

// The public entry of @dotflow/scheduler: named exports only.
export { CronScheduler, type CronSchedulerOptions, type Overlap } from './cron.scheduler';
export { InvalidScheduleError } from './errors/invalid-schedule.error';
export { stopOnSignals, type StopOnSignalsOptions, type Stoppable } from './stop-on-signals';

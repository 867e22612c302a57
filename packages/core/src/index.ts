import './internal/reflect';

export { Action, RESERVED_WORKFLOW_MEMBERS, type ActionDecorator } from './decorators/action.decorator';
export { action, type ActionFunction, type ActionWrapper, type StepFunction } from './decorators/action.function';
export { Context, type ContextInit } from './context/context';
export type { StepContext, StepTaskInfo } from './context/step-context';
export {
  DotflowError,
  MissingActionDecoratorError,
  InvalidActionOptionsError,
  ExecutionModeNotExistError,
  InvalidOnInputChangeError,
  InputChangedError,
  DuplicateTaskNameError,
  TaskTimeoutError,
  TaskCancelledError,
  StorageKeyError,
  CorruptCheckpointError,
  ModuleLoadError,
  InvalidWorkflowIdError,
  InvalidStartOptionsError,
  UnnamedTaskError,
  InvalidConfigError,
  UnserializableValueError,
  WorkflowLockedError,
  UncloneableValueError,
  WorkerStepError,
  StoragePathError,
  InvalidStorageOptionsError,
  UnresolvableClassError,
  type UnresolvableReason,
  type ResolvedClassRole,
} from './errors/index';
export { encodeValue, decodeValue, type JsonValue } from './checkpoint/value-codec';
export type { CheckpointEnvelope, RunRecord } from './checkpoint/checkpoint';
export type { DotflowEvent, TaskEvent, WorkflowEvent, CallbackErrorEvent, ScheduleEvent, ScheduleAction } from './events/dotflow-event';
export { describeEvent } from './events/describe-event';
export {
  DEFAULT_ACTION_OPTIONS,
  MAX_DELAY_MS,
  retryDelayFor,
  type ActionOptions,
  type BackoffOptions,
  type IsolateMode,
  type ResolvedActionOptions,
} from './options/action-options';
export { ExecutionMode, EXECUTION_MODES } from './options/execution-mode';
export type { StartOptions, OnInputChange } from './options/start-options';
export type { TaskCallback } from './plan/task-definition';
export { Config, type ConfigOptions, type FlushOptions } from './providers/config';
export type { Observer, Observers, AttemptInfo } from './providers/observer';
export { OBSERVER_QUEUE_DEFAULTS, type ObserverQueueOptions } from './observers/observer-queue';
export type { Executor, RunJob, RunRequest, RunRequestOptions, StartedRun } from './executor/executor';
export { InProcessExecutor } from './executor/in-process.executor';
export type { Invoker } from './invoker/invoker';
export type { InvokableStep } from './plan/task-definition';
export { LocalInvoker } from './worker/local.invoker';
export { WorkerInvoker } from './worker/worker.invoker';
export type { IsolatedStepRef } from './metadata/isolated-steps';
export { systemClock, type Clock, type TimerHandle } from './providers/clock';
export {
  NoopSink,
  NoopNotify,
  NoopTracer,
  NoopMetrics,
  NoopServer,
  type EventSink,
  type Notify,
  type Tracer,
  type Metrics,
  type Server,
} from './providers/event-sink';
export { isLevelEnabled, type Log, type LogLevel, type LogRecord } from './providers/log';
export { LOG_LEVELS } from './providers/log';
export type { JsonLogLine } from './providers/defaults/log-format';
export { InvalidLogOptionsError } from './errors/invalid-log-options.error';
export { logLevelOf } from './executor/log-listener';
export type { ErrorReporter } from './providers/error-reporter';
export type { Storage } from './providers/storage';
export type { Scheduler, ScheduleTarget, ScheduleHandle, StopOptions, TriggerOptions } from './providers/scheduler';
export { RunningTriggers } from './providers/defaults/running-triggers';
export { MemoryStorage, type MemoryStorageOptions } from './providers/defaults/memory.storage';
export { FileStorage, type FileStorageOptions } from './providers/defaults/file.storage';
export { ConsoleLog, type ConsoleLogOptions } from './providers/defaults/console.log';
export type { LogConsole } from './providers/defaults/console.log';
export { DEFAULT_LOG_PATH, LOG_LEVEL_ENV } from './providers/defaults/log-options';
export { ManualScheduler } from './providers/defaults/manual.scheduler';
export { TaskStatus, statusSymbol } from './status/task-status';
export { WorkflowStatus } from './status/workflow-status';
export type { Task, TaskError } from './task/task';
export type { WorkflowResult, BackgroundRun } from './task/workflow-result';
export { Workflow, type WorkflowOptions } from './workflow/workflow';
export { DotFlow, type DotFlowOptions } from './workflow/dotflow';
export { resolveWorkflow } from './workflow/resolve-workflow';
export type { ResolvableClass } from './internal/resolve-class';
export { TaskBuilder, type AddTaskOptions, type Step, type StepClass } from './workflow/task-builder';
export type { Runnable, BackgroundStartOptions, ForegroundStartOptions } from './workflow/runnable-surface';
export type { WorkflowJson, TaskJson, ContextJson } from './workflow/workflow-json';
export type { WorkflowPlanJson, TaskPlanJson, TaskOptionsJson } from './workflow/plan-json';

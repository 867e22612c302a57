// The public entry of @dotflow/cli: the commands as functions, so they run in-process too.
export { runCli } from './program';
export { processIo, type CliIo } from './io';
export { ExitCode, UsageError } from './errors';
export { loadWorkflow, parseSpecifier, type WorkflowSpecifier } from './load';
export { startCommand, parseStartFlags, cliConfig, type StartFlags, type StartSettings, type Interrupt } from './commands/start';
export {
  PlainView,
  LiveView,
  PlainScheduleView,
  LiveScheduleView,
  summary,
  formatDuration,
  triggerLine,
  runEndLine,
  type RunView,
  type ScheduleView,
} from './render';
export { graphCommand, planText, planMermaid, optionsText, type GraphFlags } from './commands/graph';
export { logsCommand, followHistory, followLine, readHistory, runsText, runText, type LogsFlags, type RunHistory, type TaskHistory } from './commands/logs';
export {
  initCommand,
  packageNameOf,
  starterPackageJson,
  STARTER_FILE,
  STARTER_GITIGNORE,
  STARTER_TEST,
  STARTER_TEST_FILE,
  STARTER_TSCONFIG,
  STARTER_WORKFLOW,
} from './commands/init';
export { scheduleCommand, type ScheduleFlags } from './commands/schedule';

import { loadCore } from './core';
import { dotflowSteps } from './dotflow-steps';

export * from './floors';
export { dotflowSteps, type DotflowSteps } from './dotflow-steps';

/** The helpers on this checkout's package (`dotflowSteps(core)` for another build). */
export const { asSteps, silentConfig, buildFlow, checkStatuses, checkRun } = dotflowSteps(loadCore());

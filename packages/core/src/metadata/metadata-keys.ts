/** Own metadata of a class: the `@Action` methods it declares, in declaration order. */
export const ACTION_METHODS_KEY: unique symbol = Symbol.for('@dotflow/core/action-methods');
/** Metadata of a function wrapped by `action()`. */
export const ACTION_FUNCTION_KEY: unique symbol = Symbol.for('@dotflow/core/action-function');
/** Set on `Workflow.prototype`, so decorators can tell a workflow class without importing it. */
export const WORKFLOW_BRAND: unique symbol = Symbol.for('@dotflow/core/workflow');

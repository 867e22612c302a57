// Without emitted metadata (esbuild, tsx), a workflow injected by constructor parameter types
// cannot be built: resolveWorkflow names the class and the fix, not tsyringe's "TypeInfo not known".
import 'reflect-metadata';
import { strict as assert } from 'node:assert';
import { container } from 'tsyringe';
import { UnresolvableClassError, resolveWorkflow } from '@dotflow/core';
import { Pipeline } from './pipeline-by-type';

let message = '';
assert.throws(
  () => resolveWorkflow(container, Pipeline),
  (error: unknown) => {
    assert.ok(error instanceof UnresolvableClassError, `expected an UnresolvableClassError, got ${String(error)}`);
    message = error.message;
    assert.match(message, /\bPipeline\b/);
    assert.match(message, /@inject\(Token\)/);
    assert.match(message, /emitDecoratorMetadata/);
    return true;
  },
);
console.log(`ok unresolvable: ${message}`);

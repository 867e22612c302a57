import { StorageKeyError } from '../../errors/storage-key.error';

/**
 * Encodes one id for a key: `%` and `/` are percent-escaped, so the encoding is injective and
 * the result never contains `/`, the separator between workflow and task.
 */
export function encodeKeyPart(field: string, id: string): string {
  if (typeof id !== 'string' || id.length === 0) throw new StorageKeyError(field, id);
  return id.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** `<workflow>/<task>` with both parts encoded. */
export function checkpointKey(workflowId: string, taskId: string): string {
  return `${encodeKeyPart('workflowId', workflowId)}/${encodeKeyPart('taskId', taskId)}`;
}

/** `<workflow>/`: the prefix of every key of that workflow and of no other. */
export function workflowPrefix(workflowId: string): string {
  return `${encodeKeyPart('workflowId', workflowId)}/`;
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage, MemoryStorage, type Storage } from '@dotflow/core';
import { describeStorageContract } from '@dotflow/core/testing';
import { deadPid } from './storage-processes';

describeStorageContract('MemoryStorage', () => new MemoryStorage());

// The one-argument form.
describeStorageContract(() => new MemoryStorage());

/** A FileStorage lock naming a process of this host that has exited. */
function deadHolder(storage: Storage, workflowId: string): void {
  const folder = join((storage as FileStorage).path, storage.prefix(workflowId));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '.lock'), `${hostname()}:${deadPid()}`);
}

const cleanup = (storage: Storage): void => rmSync((storage as FileStorage).path, { recursive: true, force: true });

describeStorageContract('FileStorage', () => new FileStorage({ path: mkdtempSync(join(tmpdir(), 'dotflow-contract-')) }), { cleanup, deadHolder });

describeStorageContract('FileStorage (durable)', () => new FileStorage({ path: mkdtempSync(join(tmpdir(), 'dotflow-contract-')), durable: true }), {
  cleanup,
  deadHolder,
});

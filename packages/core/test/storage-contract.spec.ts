import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage, MemoryStorage } from '@dotflow/core';
import { describeStorageContract } from '@dotflow/core/testing';

describeStorageContract('MemoryStorage', () => new MemoryStorage());

// The one-argument form.
describeStorageContract(() => new MemoryStorage());

describeStorageContract('FileStorage', () => new FileStorage({ path: mkdtempSync(join(tmpdir(), 'dotflow-contract-')) }), {
  cleanup: (storage) => rmSync((storage as FileStorage).path, { recursive: true, force: true }),
});

describeStorageContract('FileStorage (durable)', () => new FileStorage({ path: mkdtempSync(join(tmpdir(), 'dotflow-contract-')), durable: true }), {
  cleanup: (storage) => rmSync((storage as FileStorage).path, { recursive: true, force: true }),
});

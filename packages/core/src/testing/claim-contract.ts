/// <reference types="jest" />
import { DotflowError } from '../errors/dotflow.error';
import type { Storage } from '../providers/storage';

/** What a claim that must fail rejected with (a claim that succeeded is released, and fails the test). */
async function refusal(claim: Promise<() => Promise<void>>): Promise<unknown> {
  let release: (() => Promise<void>) | undefined;
  try {
    release = await claim;
  } catch (error) {
    return error;
  }
  await release();
  throw new Error('the claim succeeded while another claim of that workflow id was held');
}

/**
 * Expects `error` to be a `WorkflowLockedError` (from any copy of Dotflow) for `workflowId`: a
 * Dotflow error of that name, whose `workflowId` is the id.
 */
function expectLocked(error: unknown, workflowId: string): void {
  expect(DotflowError.is(error)).toBe(true);
  expect(error).toMatchObject({ name: 'WorkflowLockedError', workflowId });
}

/**
 * The claim part of `describeStorageContract`, on the storage `current()` returns (a fresh one per
 * test): exclusive per id, independent across ids, released once, and taken over from a dead
 * holder when `deadHolder` says how to leave one.
 */
export function describeClaimContract(
  current: () => Storage,
  deadHolder: ((storage: Storage, workflowId: string) => void | Promise<void>) | undefined,
): void {
  describe('claim', () => {
    it('refuses a second claim of one id while the first is held, with WorkflowLockedError', async () => {
      const storage = current();
      const release = await storage.claim('wf');
      expectLocked(await refusal(storage.claim('wf')), 'wf');
      expectLocked(await refusal(storage.claim('wf')), 'wf');
      await release();
    });

    it('keeps claims of different ids independent, ids that look alike or like paths too', async () => {
      const storage = current();
      const ids = ['wf', 'wf2', 'w', 'WF', 'wf/x', '../wf', 'x'.repeat(300)];
      const releases = await Promise.all(ids.map((id) => storage.claim(id)));
      for (const id of ids) expectLocked(await refusal(storage.claim(id)), id);
      await releases[0]?.();
      const again = await storage.claim('wf');
      expectLocked(await refusal(storage.claim('wf2')), 'wf2');
      await Promise.all([again, ...releases.slice(1)].map((release) => release()));
    });

    it('lets the id be claimed again once released', async () => {
      const storage = current();
      for (let i = 0; i < 3; i++) {
        const release = await storage.claim('wf');
        await release();
      }
      await (await storage.claim('wf'))();
    });

    it('makes a second release harmless: it does not release a later claim of the id', async () => {
      const storage = current();
      const first = await storage.claim('wf');
      await first();
      await first();
      const second = await storage.claim('wf');
      await first();
      expectLocked(await refusal(storage.claim('wf')), 'wf');
      await second();
      await second();
      await (await storage.claim('wf'))();
    });

    it('refuses an empty id', async () => {
      await expect(current().claim('')).rejects.toThrow(/non-empty/);
    });

    if (deadHolder !== undefined) {
      it('takes over a claim whose holder has died', async () => {
        const storage = current();
        await deadHolder(storage, 'wf');
        const release = await storage.claim('wf');
        expectLocked(await refusal(storage.claim('wf')), 'wf');
        await release();
        await (await storage.claim('wf'))();
      });
    }
  });
}

/**
 * Runs `work` on every item, at most `limit` at a time, in item order. Work that finishes
 * synchronously (returns undefined) costs no promise.
 */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void> | undefined): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const pending = work(items[next++] as T);
      if (pending !== undefined) await pending;
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(limit, items.length); i++) workers.push(worker());
  await Promise.all(workers);
}

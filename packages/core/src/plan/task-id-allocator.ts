import { DuplicateTaskNameError } from '../errors/duplicate-task-name.error';

/**
 * Hands out stable task ids in add order: the name, then `name#2`, `name#3`… when taken.
 * Two different steps with the same explicit name are an error. Allocations since a `mark()`
 * can be rolled back, so a failed `add` leaves nothing behind.
 *
 * Each allocation is O(1) amortised: for a name given a suffix, the allocator remembers the suffix
 * below which every id is taken and probes from there (from the bare name for a name without
 * one). The ids are those of probing from the bare name each time (the smallest free one), as no
 * id below that suffix is ever free: only `rollback` releases ids, and it restores the suffixes.
 */
export class TaskIdAllocator {
  private readonly used = new Set<string>();
  /** Per name given a suffix: every id of a suffix below this one is taken (the bare name counting as 1). */
  private readonly next = new Map<string, number>();
  private readonly explicitOwners = new Map<string, unknown>();
  // The undo log, one entry per allocation in parallel arrays (fewer objects than a record each).
  private readonly logIds: string[] = [];
  private readonly logNames: string[] = [];
  /** The name's `next` before the allocation (0: the name had none). */
  private readonly logNext: number[] = [];
  /** Log positions of the allocations that claimed an explicit name, ascending. */
  private readonly claims: number[] = [];

  public constructor(private readonly where: string) {}

  /** The id for a step named `name`; `identity` tells one step from another. */
  public allocate(name: string, explicit: boolean, identity: unknown): string {
    let claimed = false;
    if (explicit) {
      const owner = this.explicitOwners.get(name);
      if (owner !== undefined && owner !== identity) throw new DuplicateTaskNameError(name, this.where);
      if (owner === undefined) {
        this.explicitOwners.set(name, identity);
        claimed = true;
      }
    }
    const before = this.next.get(name) ?? 0;
    let n = before === 0 ? 1 : before;
    let id = n === 1 ? name : `${name}#${n}`;
    while (this.used.has(id)) id = `${name}#${++n}`;
    this.used.add(id);
    // A name used once needs no entry (most names): without one, probing starts at the bare name.
    if (n > 1) this.next.set(name, n + 1);
    if (claimed) this.claims.push(this.logIds.length);
    this.logIds.push(id);
    this.logNames.push(name);
    this.logNext.push(before);
    return id;
  }

  /** A point to roll back to. */
  public mark(): number {
    return this.logIds.length;
  }

  /** Undoes every allocation made since `mark`, leaving the allocator as it was then. */
  public rollback(mark: number): void {
    for (let i = this.logIds.length - 1; i >= Math.max(mark, 0); i--) {
      const name = this.logNames[i] as string;
      const before = this.logNext[i] as number;
      this.used.delete(this.logIds[i] as string);
      if (before === 0) this.next.delete(name);
      else this.next.set(name, before);
      if (this.claims.length > 0 && this.claims[this.claims.length - 1] === i) {
        this.claims.pop();
        this.explicitOwners.delete(name);
      }
    }
    if (mark < this.logIds.length) {
      this.logIds.length = mark;
      this.logNames.length = mark;
      this.logNext.length = mark;
    }
  }
}

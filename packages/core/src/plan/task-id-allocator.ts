import { DuplicateTaskNameError } from '../errors/duplicate-task-name.error';
import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';

/** The owner of a name that only steps without an explicit name have used so far. */
const NO_OWNER: unique symbol = Symbol('no explicit owner');

/**
 * Hands out stable task ids in add order: the name, then `name#2`, `name#3`… when taken.
 * Two different steps with the same explicit name are an error. Allocations since a `mark()`
 * can be rolled back, so a failed `add` leaves nothing behind.
 *
 * Each allocation is O(1): a name's ids are taken in order (names cannot contain `#`, so no other
 * name's id looks like `name#k`, and only `rollback`, last taken first, gives ids back), so the
 * allocator only remembers, per name, who owns it and, once it has been suffixed, the next suffix.
 * One table lookup for a new name, where probing `name#2`… took O(k) for the k-th copy.
 */
export class TaskIdAllocator {
  /** Every name used so far: its explicit owner, or {@link NO_OWNER}. */
  private readonly names = new Map<string, unknown>();
  /** The next suffix of each name used more than once. */
  private readonly next = new Map<string, number>();
  // The undo log, one entry per allocation in parallel arrays (fewer objects than a record each).
  private readonly logNames: string[] = [];
  /** The name's owner before the allocation (`undefined`: the name was new). */
  private readonly logOwners: unknown[] = [];
  /** The name's next suffix before the allocation (0: it had none). */
  private readonly logNext: number[] = [];

  public constructor(private readonly where: string) {}

  /**
   * The id for a step named `name`; `identity` tells one step from another.
   *
   * @throws DuplicateTaskNameError when another step has claimed `name` as its explicit name.
   * @throws InvalidActionOptionsError for a name with `#` (the options and the decorators never
   *   let one through: `#` is reserved for the suffixes).
   */
  public allocate(name: string, explicit: boolean, identity: unknown): string {
    if (name.includes('#')) throw new InvalidActionOptionsError(this.where, 'name', name, 'must be a non-empty string without "#"');
    const owner = this.names.get(name);
    if (explicit && owner !== undefined && owner !== NO_OWNER && owner !== identity) {
      throw new DuplicateTaskNameError(name, this.where);
    }
    const claim = explicit && identity !== undefined ? identity : NO_OWNER;
    if (owner === undefined) this.names.set(name, claim);
    else if (owner === NO_OWNER && claim !== NO_OWNER) this.names.set(name, claim);
    let id = name;
    let before = 0;
    if (owner !== undefined) {
      before = this.next.get(name) ?? 0;
      const n = before === 0 ? 2 : before;
      id = `${name}#${n}`;
      this.next.set(name, n + 1);
    }
    this.logNames.push(name);
    this.logOwners.push(owner);
    this.logNext.push(before);
    return id;
  }

  /** A point to roll back to. */
  public mark(): number {
    return this.logNames.length;
  }

  /** Undoes every allocation made since `mark`, leaving the allocator as it was then. */
  public rollback(mark: number): void {
    const to = Math.max(mark, 0);
    for (let i = this.logNames.length - 1; i >= to; i--) {
      const name = this.logNames[i] as string;
      const owner = this.logOwners[i];
      const before = this.logNext[i] as number;
      if (owner === undefined) this.names.delete(name);
      else this.names.set(name, owner);
      if (before !== 0) this.next.set(name, before);
      else if (owner !== undefined) this.next.delete(name);
    }
    if (to < this.logNames.length) {
      this.logNames.length = to;
      this.logOwners.length = to;
      this.logNext.length = to;
    }
  }
}

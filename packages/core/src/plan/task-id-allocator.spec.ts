import 'reflect-metadata';
import { container } from 'tsyringe';
import { action } from '../decorators/action.function';
import { DuplicateTaskNameError } from '../errors/duplicate-task-name.error';
import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { MissingActionDecoratorError } from '../errors/missing-action-decorator.error';
import { Config } from '../providers/config';
import { ConsoleLog } from '../providers/defaults/console.log';
import { DotFlow } from '../workflow/dotflow';
import { TaskIdAllocator } from './task-id-allocator';

/** The allocator as it was before ids became O(1): probes `name`, `name#2`… from the start each time. */
class ProbingAllocator {
  private readonly used = new Set<string>();
  private readonly explicitOwners = new Map<string, unknown>();
  private readonly log: { id: string; explicit: string | undefined }[] = [];

  public allocate(name: string, explicit: boolean, identity: unknown): string {
    let claimed: string | undefined;
    if (explicit) {
      const owner = this.explicitOwners.get(name);
      if (owner !== undefined && owner !== identity) throw new DuplicateTaskNameError(name, 'the oracle');
      if (owner === undefined) {
        this.explicitOwners.set(name, identity);
        claimed = name;
      }
    }
    let id = name;
    for (let n = 2; this.used.has(id); n++) id = `${name}#${n}`;
    this.used.add(id);
    this.log.push({ id, explicit: claimed });
    return id;
  }

  public mark(): number {
    return this.log.length;
  }

  public rollback(mark: number): void {
    while (this.log.length > mark) {
      const entry = this.log.pop() as { id: string; explicit: string | undefined };
      this.used.delete(entry.id);
      if (entry.explicit !== undefined) this.explicitOwners.delete(entry.explicit);
    }
  }
}

/** What an allocation gave: the id, or the error's class. */
function outcome(allocate: () => string): string {
  try {
    return allocate();
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

/** A seeded generator in [0, 1) (Park–Miller), so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function quietFlow(): DotFlow {
  return new DotFlow({
    config: new Config({ log: new ConsoleLog({ level: 'silent' }) }),
    container: container.createChildContainer(),
    workflowId: 'ids',
  });
}

describe('TaskIdAllocator', () => {
  it('gives the name, then name#2, name#3… per name, in add order', () => {
    const ids = new TaskIdAllocator('workflow "w"');
    const a = {};
    const b = {};
    expect([
      ids.allocate('a', false, a),
      ids.allocate('b', false, b),
      ids.allocate('a', false, a),
      ids.allocate('a', false, b), // another step of the same (implicit) name shares the sequence
      ids.allocate('b', false, b),
    ]).toEqual(['a', 'b', 'a#2', 'a#3', 'b#2']);
  });

  it('suffixes the same step under an explicit name, refuses another step under it', () => {
    const ids = new TaskIdAllocator('workflow "w"');
    const load = {};
    expect(ids.allocate('load', true, load)).toBe('load');
    expect(ids.allocate('load', true, load)).toBe('load#2');
    expect(() => ids.allocate('load', true, {})).toThrow(DuplicateTaskNameError);
    expect(() => ids.allocate('load', true, {})).toThrow('workflow "w"');
    // an implicit name equal to an explicit one is not a clash: it takes the next suffix
    expect(ids.allocate('load', false, {})).toBe('load#3');
    // a refused allocation took nothing
    expect(ids.allocate('load', true, load)).toBe('load#4');
  });

  it('lets an explicit name be claimed after only implicit uses of it', () => {
    const ids = new TaskIdAllocator('w');
    const implicit = {};
    const named = {};
    expect(ids.allocate('x', false, implicit)).toBe('x');
    expect(ids.allocate('x', true, named)).toBe('x#2');
    expect(() => ids.allocate('x', true, implicit)).toThrow(DuplicateTaskNameError);
  });

  it('rolls back to a mark exactly: ids, suffixes and explicit claims', () => {
    const ids = new TaskIdAllocator('w');
    const a = {};
    const b = {};
    ids.allocate('a', false, a);
    ids.allocate('a', false, a);
    const mark = ids.mark();
    expect(mark).toBe(2);
    ids.allocate('a', false, a); // a#3
    ids.allocate('n', true, a); // claims n
    ids.allocate('n', true, a); // n#2
    ids.allocate('fresh', false, b);
    ids.rollback(mark);
    expect(ids.mark()).toBe(2);
    expect(ids.allocate('a', false, a)).toBe('a#3');
    expect(ids.allocate('n', true, b)).toBe('n'); // the claim by `a` was undone
    expect(ids.allocate('fresh', false, b)).toBe('fresh');
    expect(() => ids.allocate('n', true, a)).toThrow(DuplicateTaskNameError);
  });

  it('ignores a rollback to the current mark or beyond it', () => {
    const ids = new TaskIdAllocator('w');
    ids.allocate('a', false, 1);
    ids.rollback(ids.mark());
    ids.rollback(ids.mark() + 5);
    expect(ids.allocate('a', false, 1)).toBe('a#2');
    ids.rollback(0);
    expect(ids.allocate('a', false, 1)).toBe('a');
  });

  it('refuses a name with "#" (reserved for the suffixes; the options and decorators never pass one)', () => {
    const ids = new TaskIdAllocator('workflow "w"');
    expect(() => ids.allocate('x#2', false, 1)).toThrow(InvalidActionOptionsError);
    expect(() => ids.allocate('x#2', true, 1)).toThrow('workflow "w": "name" must be a non-empty string without "#", got "x#2"');
    expect(ids.mark()).toBe(0);
    expect(ids.allocate('x', false, 1)).toBe('x');
  });

  it('treats an undefined identity as no owner, as before', () => {
    const ids = new TaskIdAllocator('w');
    expect(ids.allocate('n', true, undefined)).toBe('n');
    expect(ids.allocate('n', true, 'a')).toBe('n#2');
    expect(() => ids.allocate('n', true, undefined)).toThrow(DuplicateTaskNameError);
  });

  it('gives the same ids as probing, over random adds and rollbacks (seeded)', () => {
    const names = ['a', 'b', 'c', 'd'];
    const steps = [{}, {}, {}, undefined];
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
      const subject = new TaskIdAllocator('w');
      const oracle = new ProbingAllocator();
      const marks: number[] = [];
      const got: string[] = [];
      const expected: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const r = next();
        if (r < 0.05) {
          marks.push(subject.mark());
        } else if (r < 0.1 && marks.length > 0) {
          const mark = marks.splice(Math.floor(next() * marks.length)).shift() as number;
          subject.rollback(mark);
          oracle.rollback(mark);
          got.push(`${i}: rollback ${subject.mark()}`);
          expected.push(`${i}: rollback ${oracle.mark()}`);
        } else {
          const name = pick(names);
          const explicit = next() < 0.3;
          const step = pick(steps);
          got.push(`${i}: ${outcome(() => subject.allocate(name, explicit, step))}`);
          expected.push(`${i}: ${outcome(() => oracle.allocate(name, explicit, step))}`);
        }
      }
      expect({ seed, ids: got }).toEqual({ seed, ids: expected });
    }
  });
});

describe('task ids through DotFlow', () => {
  it('gives 100,000 copies of one step the ids step, step#2 … step#100000', () => {
    const flow = quietFlow();
    const step = action(function copy() { return 1; });
    const n = 100_000;
    for (let i = 0; i < n; i++) flow.task.add({ step });
    const ids = flow.task.definitions().map((t) => t.taskId);
    expect(ids.length).toBe(n);
    expect(ids[0]).toBe('copy');
    const wrong = ids.findIndex((id, i) => id !== (i === 0 ? 'copy' : `copy#${i + 1}`));
    expect(wrong).toBe(-1);
  });

  it('leaves nothing behind after a failed add, and starts afresh after clear()', () => {
    const flow = quietFlow();
    const step = action(function s() { return 1; });
    const named = action({ name: 'named' }, () => 2);
    function plain(): number { return 3; }
    flow.task.add({ step: [step, step] });
    expect(() => flow.task.add({ step: [step, named, step, plain as never] })).toThrow(MissingActionDecoratorError);
    flow.task.add({ step: [step, action({ name: 'named' }, () => 4)] });
    expect(flow.task.definitions().map((t) => t.taskId)).toEqual(['s', 's#2', 's#3', 'named']);
    flow.task.clear();
    flow.task.add({ step: [step, named] });
    expect(flow.task.definitions().map((t) => t.taskId)).toEqual(['s', 'named']);
  });
});

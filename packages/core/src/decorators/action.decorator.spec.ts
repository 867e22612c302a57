import 'reflect-metadata';
import { DuplicateTaskNameError } from '../errors/duplicate-task-name.error';
import { InvalidActionOptionsError } from '../errors/invalid-action-options.error';
import { collectActionMethods, getOwnActionMethods } from '../metadata/action-metadata';
import { Workflow } from '../workflow/workflow';
import { Action } from './action.decorator';

const names = (ctor: abstract new (...args: never[]) => unknown): string[] => collectActionMethods(ctor).map((m) => m.name);

describe('@Action', () => {
  it('records methods in declaration order, not alphabetically', () => {
    class Steps {
      @Action() f() {}
      @Action() e() {}
      @Action() d() {}
      @Action() run() {}
      @Action() run_all() {}
      helper() {}
    }
    expect(names(Steps)).toEqual(['f', 'e', 'd', 'run', 'run_all']);
  });

  it('puts a subclass steps after its parent and never edits the parent', () => {
    class Base {
      @Action() a() {}
      @Action() b() {}
    }
    class Child extends Base {
      @Action() c() {}
    }
    expect(names(Child)).toEqual(['a', 'b', 'c']);
    expect(names(Base)).toEqual(['a', 'b']);
    expect(getOwnActionMethods(Child).map((m) => m.name)).toEqual(['c']);
    expect(Object.isFrozen(getOwnActionMethods(Base))).toBe(true);
  });

  it('keeps an overridden method at its base position; a decorated override replaces options', () => {
    class Base {
      @Action({ retry: 2 }) a() {}
      @Action() b() {}
    }
    class Plain extends Base {
      @Action() c() {}
      override a() {}
    }
    class Decorated extends Base {
      @Action({ retry: 5 }) override a() {}
    }
    expect(names(Plain)).toEqual(['a', 'b', 'c']);
    expect(collectActionMethods(Plain)[0]?.options.retry).toBe(2);
    expect(names(Decorated)).toEqual(['a', 'b']);
    expect(collectActionMethods(Decorated)[0]?.options.retry).toBe(5);
  });

  it('validates options when the class is defined, naming class, method, option and value', () => {
    expect(() => {
      class Etl {
        @Action({ retry: 0 }) transform() {}
      }
      return Etl;
    }).toThrow(new InvalidActionOptionsError('@Action() on Etl.transform', 'retry', 0, 'must be an integer ≥ 1 (attempts in all)'));
  });

  it('rejects static methods', () => {
    expect(() => {
      class S {
        @Action() static go() {}
      }
      return S;
    }).toThrow('@Action() on S.go: "target" must be an instance method (remove "static"), got "static method"');
  });

  it('rejects fields and classes, naming the member', () => {
    expect(() => {
      class F {
        // @ts-expect-error -- a field is no method: the decorator's type says so too
        @Action() handler = () => 1;
      }
      return F;
    }).toThrow('@Action() on F.handler: "target" must be a method (write handler() { … } rather than a field holding a function), got "field"');
    expect(() => {
      // @ts-expect-error -- a class is no method
      @Action()
      class C {}
      return C;
    }).toThrow('@Action() on class C: "target" must be a method of the class, got "class"');
  });

  it('returns a decorator usable where a MethodDecorator is expected', () => {
    const decorator: MethodDecorator = Action({ retry: 2 });
    class M {
      @decorator m() {}
    }
    expect(collectActionMethods(M)[0]?.options.retry).toBe(2);
  });

  it('rejects reserved Workflow member names on workflows only', () => {
    expect(() => {
      class W extends Workflow {
        // @ts-expect-error -- overriding a reserved member is the misuse under test
        @Action() result() {}
      }
      return W;
    }).toThrow(`@Action() on W.result: "method name" is reserved by Workflow; rename the method (e.g. 'resultStep'), got "result"`);
    class NotAWorkflow {
      @Action() result() {}
    }
    expect(names(NotAWorkflow)).toEqual(['result']);
  });

  it('rejects two methods with the same explicit name', () => {
    expect(() => {
      class Twice {
        @Action({ name: 'load' }) a() {}
        @Action({ name: 'load' }) b() {}
      }
      return Twice;
    }).toThrow(DuplicateTaskNameError);
  });

  it('names a symbol-keyed method only with an explicit name', () => {
    const key = Symbol('step');
    expect(() => {
      class Sym {
        @Action() [key]() {}
      }
      return Sym;
    }).toThrow('"name" is required for a symbol-keyed method');
  });
});

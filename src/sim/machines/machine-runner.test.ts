import { assign, setup } from 'xstate';
import { describe, expect, test } from 'vitest';
import { startActor, startFlat, type MachineRunner } from './machine-runner';

type Ev = { type: 'inc'; by: number } | { type: 'stop' } | { type: 'noop' } | { type: 'other' };

/** A machine shaped like ours: guards on the events, actions that mutate a model held by the context. */
const counter = setup({
  types: { context: {} as { m: { n: number; log: string[] } }, events: {} as Ev, input: {} as { start: number } },
  guards: {
    small: ({ context, event }) => event.type === 'inc' && context.m.n + event.by < 10,
    atLeast: ({ event }, params: { min: number }) => event.type === 'inc' && event.by >= params.min,
  },
  actions: {
    add: ({ context, event }) => {
      if (event.type === 'inc') context.m.n += event.by;
      context.m.log.push(`add ${context.m.n}`);
    },
    note: ({ context }, params: { text: string }) => context.m.log.push(params.text),
    cap: ({ context }) => {
      context.m.n = 10;
      context.m.log.push('cap');
    },
  },
}).createMachine({
  id: 'counter',
  context: ({ input }) => ({ m: { n: input.start, log: [] } }),
  initial: 'low',
  states: {
    low: {
      on: {
        inc: [
          { guard: 'small', actions: ['add', { type: 'note', params: { text: 'still low' } }] },
          { guard: { type: 'atLeast', params: { min: 100 } }, target: 'done', actions: { type: 'note', params: { text: 'huge' } } },
          { target: 'high', actions: 'cap' },
        ],
        stop: { target: 'done' },
      },
    },
    high: { on: { inc: { actions: 'add' }, stop: 'done' } },
    done: { type: 'final' },
  },
});

function play(r: MachineRunner<typeof counter>, events: Ev[]) {
  const states = [r.value];
  for (const e of events) {
    r.send(e);
    states.push(r.value);
  }
  return { states, log: [...r.context.m.log], n: r.context.m.n, done: r.done };
}

describe('the flat stepper', () => {
  test.each<[string, Ev[]]>([
    ['the first transition whose guard holds is taken; unhandled events are ignored', [{ type: 'inc', by: 3 }, { type: 'noop' }, { type: 'inc', by: 4 }]],
    ['a guard with params, and a targetless transition after a move', [{ type: 'inc', by: 5 }, { type: 'inc', by: 5 }, { type: 'inc', by: 1 }]],
    ['the guarded branch to a final state', [{ type: 'inc', by: 100 }, { type: 'inc', by: 1 }]],
    ['a final state ignores every later event', [{ type: 'stop' }, { type: 'inc', by: 1 }, { type: 'stop' }]],
    ['shorthand targets', [{ type: 'inc', by: 20 }, { type: 'stop' }, { type: 'inc', by: 1 }]],
  ])('%s: same states, actions and context as createActor', (_name, events) => {
    const flat = play(startFlat(counter, { start: 1 }), events);
    const actor = play(startActor(counter, { start: 1 }), events);
    expect(flat).toEqual(actor);
    expect(flat.states.length).toBe(events.length + 1);
  });

  test('it runs the machine’s own implementations (provide() overrides them)', () => {
    const log: string[] = [];
    const provided = counter.provide({ actions: { cap: () => log.push('provided cap') } });
    const r = startFlat(provided, { start: 9 });
    r.send({ type: 'inc', by: 5 });
    expect(r.value).toBe('high');
    expect(log).toEqual(['provided cap']);
  });

  const refuses = (machine: Parameters<typeof startFlat>[0], why: RegExp) =>
    expect(() => startFlat(machine, undefined as never)).toThrow(why);

  test('it refuses machines that use more than flat states with guarded, named actions', () => {
    const base = setup({ types: { events: {} as { type: 'go' } }, actions: { a: () => {} }, guards: { g: () => true } });
    refuses(base.createMachine({ initial: 'x', states: { x: { initial: 'y', states: { y: {} } } } }), /compound state "x"/);
    refuses(base.createMachine({ type: 'parallel', states: { x: {}, y: {} } }), /parallel root/);
    refuses(base.createMachine({ initial: 'x', states: { x: { entry: 'a' } } }), /entry or exit actions on "x"/);
    refuses(base.createMachine({ initial: 'x', states: { x: { exit: 'a' } } }), /entry or exit actions on "x"/);
    refuses(base.createMachine({ initial: 'x', states: { x: { always: { target: 'y' } }, y: {} } }), /eventless, delayed or invoked/);
    refuses(base.createMachine({ initial: 'x', states: { x: { after: { 10: 'y' } }, y: {} } }), /eventless, delayed or invoked/);
    refuses(base.createMachine({ initial: 'x', on: { go: { actions: 'a' } }, states: { x: {} } }), /behaviour on its root/);
    refuses(base.createMachine({ initial: 'x', states: { x: { on: { '*': { actions: 'a' } } } } }), /wildcard/);
    refuses(base.createMachine({ initial: 'x', states: { x: { on: { go: { actions: () => {} } } } } }), /inline action/);
    refuses(base.createMachine({ initial: 'x', states: { x: { on: { go: { guard: () => true } } } } }), /inline guard/);
    refuses(base.createMachine({ initial: 'x', states: { x: { on: { go: { actions: 'missing' as 'a' } } } } }), /without an implementation/);
    refuses(base.createMachine({ initial: 'x', states: { x: { on: { go: { target: 'x', reenter: true } } } } }), /re-enters/);
    const withAssign = setup({
      types: { context: {} as { n: number }, events: {} as { type: 'go' } },
      actions: { bump: assign({ n: ({ context }) => context.n + 1 }) },
    }).createMachine({ context: { n: 0 }, initial: 'x', states: { x: { on: { go: { actions: 'bump' } } } } });
    refuses(withAssign, /built-in action "bump"/);
  });
});

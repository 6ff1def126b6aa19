import { assign, createActor, setup } from 'xstate';

/**
 * XState's own floor on this machine: `createActor` on a machine with two states, one guarded transition and one
 * `assign` per event, sent in a loop. The simulation's speed is judged against it (a fraction of the floor), so a
 * slow or busy machine does not read as a slow simulation.
 */
const floorMachine = setup({
  types: { context: {} as { n: number }, events: {} as { type: 'tick' } },
  guards: { even: ({ context }) => context.n % 2 === 0 },
}).createMachine({
  context: { n: 0 },
  initial: 'a',
  states: {
    a: { on: { tick: { guard: 'even', target: 'b', actions: assign({ n: ({ context }) => context.n + 1 }) } } },
    b: { on: { tick: { target: 'a', actions: assign({ n: ({ context }) => context.n + 1 }) } } },
  },
});

/** Events per second through `createActor`, the median of `runs` loops of `events` sends. */
export function xstateFloorEventsPerSec(events = 200_000, runs = 5): number {
  const rates: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const actor = createActor(floorMachine).start();
    const t0 = performance.now();
    for (let i = 0; i < events; i++) actor.send({ type: 'tick' });
    const ms = performance.now() - t0;
    actor.stop();
    if (r > 0) rates.push(events / (ms / 1000)); // the first loop warms up
  }
  rates.sort((a, b) => a - b);
  return Math.round(rates[Math.floor(rates.length / 2)]!);
}

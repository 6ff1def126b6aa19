// npx tsx bench/xstate-work.ts [--messages N]
// What XState itself does in the benchmark's run, and what that work costs on this machine: the steps and actions
// its inspection API reports per trace event, and how fast the floor's machine runs when its step is done the way
// the parties' steps are (`enqueueActions`, an `assign`, then one action more of each kind). Printed, not written to
// bench/results.json: it explains the simulation's figures rather than being one.
import { assign, createActor, enqueueActions, setup, type AnyActorRef } from 'xstate';
import { runSimulation } from '../src/sim/run-simulation';
import { benchScenario } from './sim-bench';
import { xstateFloorEventsPerSec } from './xstate-floor';

type Extra = 'none' | 'custom' | 'emit' | 'raise';

/** The floor's machine, its guarded step done by `enqueueActions` with its `assign` and one more action of a kind. */
function stepMachine(extra: Extra | null) {
  return setup({
    types: { context: {} as { n: number }, events: {} as { type: 'tick' } | { type: 'fact' }, emitted: {} as { type: 'record' } },
    guards: { even: ({ context }) => context.n % 2 === 0 },
  }).createMachine({
    context: { n: 0 },
    initial: 'a',
    states: {
      a: {
        on: {
          tick: {
            guard: 'even',
            target: 'b',
            actions:
              extra === null
                ? assign({ n: ({ context }) => context.n + 1 })
                : enqueueActions(({ context, enqueue }) => {
                    enqueue.assign({ n: context.n + 1 });
                    if (extra === 'custom') enqueue(() => {});
                    else if (extra === 'emit') enqueue.emit({ type: 'record' });
                    else if (extra === 'raise') enqueue.raise({ type: 'fact' });
                  }),
          },
        },
      },
      b: { on: { tick: { target: 'a', actions: assign({ n: ({ context }) => context.n + 1 }) } } },
    },
  });
}

function eventsPerSec(machine: ReturnType<typeof stepMachine>, events = 200_000, runs = 5): number {
  const rates: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const actor = createActor(machine).start();
    // The recorder listens to every emitted record in the simulation; so does this.
    actor.on('record', () => {});
    const t0 = performance.now();
    for (let i = 0; i < events; i++) actor.send({ type: 'tick' });
    const ms = performance.now() - t0;
    actor.stop();
    if (r > 0) rates.push(events / (ms / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

const argv = process.argv.slice(2);
const messages = argv[0] === '--messages' ? Number(argv[1]) : 10_000;
const byActor = new Map<AnyActorRef, { events: number; micro: number; actions: number }>();
const of = (a: AnyActorRef) => byActor.get(a) ?? byActor.set(a, { events: 0, micro: 0, actions: 0 }).get(a)!;
const trace = runSimulation(benchScenario(messages, 0.1), {
  inspect: (e) => {
    const actor = e.actorRef as AnyActorRef;
    if (e.type === '@xstate.event') of(actor).events++;
    else if (e.type === '@xstate.microstep') of(actor).micro++;
    else if (e.type === '@xstate.action') of(actor).actions++;
  },
});
// An actor's steps: the events it processed, or its microsteps where raised events added more. Batches' actors run
// in small systems of their own: they are counted by the events sent to them.
const kinds = new Map<string, { steps: number; actions: number }>();
for (const [actor, c] of byActor) {
  const kind = actor.id.replace(/-\d+$/, '').replace(/^x:\d+$/, 'root');
  const k = kinds.get(kind) ?? kinds.set(kind, { steps: 0, actions: 0 }).get(kind)!;
  k.steps += Math.max(c.events, c.micro);
  k.actions += c.actions;
}
const n = trace.events.length;
let steps = 0;
let actions = 0;
console.log(`${n} trace events (${messages} messages, loss rate 0.1): XState's work per trace event, by actor`);
for (const [kind, k] of [...kinds].sort((a, b) => b[1].steps + b[1].actions - a[1].steps - a[1].actions)) {
  steps += k.steps;
  actions += k.actions;
  console.log(`  ${kind.padEnd(12)} ${(k.steps / n).toFixed(2)} steps  ${(k.actions / n).toFixed(2)} actions`);
}
console.log(`  all          ${(steps / n).toFixed(2)} steps  ${(actions / n).toFixed(2)} actions`);
const floor = xstateFloorEventsPerSec();
console.log(`Floor ${Math.round(floor)} events/s; its step done by enqueueActions (× the floor):`);
const base = eventsPerSec(stepMachine('none'));
console.log(`  assign only            ${(base / floor).toFixed(2)}`);
for (const extra of ['custom', 'emit', 'raise'] as const) {
  const rate = eventsPerSec(stepMachine(extra));
  // Every other event takes the step: one action more adds its cost to half of them.
  const cost = 2 * (1 / rate - 1 / base) * floor;
  console.log(`  one ${extra.padEnd(6)} action more ${(rate / floor).toFixed(2)}   (the action: ${cost.toFixed(2)} floor events${extra === 'raise' ? ', with the microstep it makes' : ''})`);
}

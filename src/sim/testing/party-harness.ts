import { createActor, setup, type AnyActorRef, type AnyStateMachine, type EventFromLogic, type InputFrom } from 'xstate';
import { Kernel, type SimClock } from '../kernel/kernel';
import type { TraceEventInput } from '../machines/effects';
import type { TraceEmitted } from '../machines/trace-emit';
import type { LogRecord } from '../trace/types';

/** What a party asked for in one step, as the tests read it back from XState. */
export type Observed =
  | { type: 'record'; ev: TraceEventInput }
  | { type: 'append'; records: Omit<LogRecord, 'event'>[] }
  /** A delayed event of the party's own (`raise` with a delay). */
  | { type: 'timer'; delayMs: number; event: { type: string } & Record<string, unknown>; id: string }
  /** A delayed event the party withdrew (`cancel`). */
  | { type: 'cancel'; id: string }
  /** An event the party sent another party (by system id), with its delay (undefined: at once). */
  | { type: 'sent'; to: string; delayMs: number | undefined; event: { type: string } & Record<string, unknown> };

interface ScheduledEvent {
  source: AnyActorRef;
  target: AnyActorRef;
  event: { type: string } & Record<string, unknown>;
  delay: number;
  id: string;
}

/**
 * Runs one party's machine with XState's interpreter in a small system of its own, with the simulation's kernel as
 * its clock and the other parties replaced by stubs that remember what they get. `send(event, now)` delivers an event
 * at a virtual time and returns what the party did: its trace records, the delayed events it scheduled or withdrew,
 * and what it sent to whom. The test moves time itself: the kernel's queue is read, never run.
 */
export function partyHarness<TMachine extends AnyStateMachine>(
  machine: TMachine,
  systemId: string,
  input: (clock: SimClock) => InputFrom<TMachine>,
  stubs: readonly string[],
) {
  const clock = new Kernel();
  const received: { to: string; event: { type: string } & Record<string, unknown> }[] = [];
  const stub = (name: string) =>
    setup({}).createMachine({
      on: { '*': { actions: ({ event }) => received.push({ to: name, event: event as { type: string } & Record<string, unknown> }) } },
    });
  const invoke = [
    { src: machine, id: systemId, systemId, input: input(clock) },
    ...stubs.map((name) => ({ src: stub(name), id: name, systemId: name })),
  ];
  const root = setup({}).createMachine({ invoke: invoke as never });
  const system = createActor(root, { clock });
  system.start();
  const actor = system.system.get(systemId) as AnyActorRef;
  const names = new Map<AnyActorRef, string>(stubs.map((name) => [system.system.get(name) as AnyActorRef, name]));
  let out: Observed[] = [];
  actor.on('trace', (e: TraceEmitted) => {
    for (const ev of e.records) out.push({ type: 'record', ev });
    if (e.log) out.push({ type: 'append', records: e.log });
  });
  const scheduled = () => (system.system.getSnapshot() as { _scheduledEvents: Record<string, ScheduledEvent> })._scheduledEvents;

  return {
    actor,
    clock,
    /** Delivers an event at virtual time `now` (default: the clock's time) and returns what the party did. */
    send(event: EventFromLogic<TMachine>, now = clock.now): Observed[] {
      clock.now = now;
      const before = scheduled();
      out = [];
      received.length = 0;
      actor.send(event);
      const after = scheduled();
      const result = out;
      for (const key of Object.keys(before)) {
        if (!(key in after) && before[key]!.source === actor) result.push({ type: 'cancel', id: before[key]!.id });
      }
      for (const [key, s] of Object.entries(after)) {
        if (key in before || s.source !== actor) continue;
        if (s.target === actor) result.push({ type: 'timer', delayMs: s.delay, event: s.event, id: s.id });
        else result.push({ type: 'sent', to: names.get(s.target) ?? s.target.id, delayMs: s.delay, event: s.event });
      }
      for (const r of received) result.push({ type: 'sent', to: r.to, delayMs: undefined, event: r.event });
      return result;
    },
    /** The party's state value. */
    value: () => actor.getSnapshot().value as unknown,
  };
}

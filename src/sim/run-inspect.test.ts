import type { InspectionEvent } from 'xstate';
import { describe, expect, test } from 'vitest';
import { runSimulation } from './run-simulation';
import { scenario } from './testing/scenario';

describe("runSimulation's inspect option", () => {
  const s = scenario({ seed: 7, workload: { messages: 4, intervalMs: 5 }, faults: { rates: { loseRequest: 0.3, loseResponse: 0.3 } } });

  test("hands XState's inspection of the run to the caller: events, microsteps and actions of every party", () => {
    const seen: InspectionEvent[] = [];
    const trace = runSimulation(s, { inspect: (e) => seen.push(e) });
    const ids = (type: string) => new Set(seen.filter((e) => e.type === type).map((e) => (e.actorRef as unknown as { id: string }).id));
    expect([...ids('@xstate.event')]).toEqual(expect.arrayContaining(['producer-1', 'network', 'broker']));
    expect([...ids('@xstate.microstep')]).toEqual(expect.arrayContaining(['producer-1', 'network', 'broker']));
    expect(seen.some((e) => e.type === '@xstate.action')).toBe(true);
    // Each request the producer sent reached the network as an event.
    const sends = seen.filter((e) => e.type === '@xstate.event' && (e as { event: { type: string } }).event.type === 'packet.send').length;
    expect(sends).toBeGreaterThanOrEqual(trace.events.filter((ev) => ev.kind === 'request.sent').length);
  });

  test('watching changes nothing: the same trace with and without it', () => {
    expect(runSimulation(s, { inspect: () => {} })).toEqual(runSimulation(s));
  });
});

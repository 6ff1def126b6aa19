import { describe, expect, it } from 'vitest';
import type { PartyId, StateValue, Trace, TraceEvent } from '../../sim/trace/types';
import { makeFixtureTrace } from '../../testing/fixture-trace';
import { partyCharts } from './charts';
import { buildEnterIndex } from './enter-index';
import { extractChart } from './graph';
import { hierarchicalTestMachine } from './test-machine';

/** The fixture run with each party's state value on every event, as the simulation records them. */
function withStates(trace: Trace, at: (i: number) => Partial<Record<PartyId, StateValue>>): Trace {
  let prev: Record<PartyId, StateValue> | null = null;
  const events = trace.events.map((ev): TraceEvent => {
    const next = { producer: 'running', network: 'carrying', broker: 'up', ...at(ev.i) } as Record<PartyId, StateValue>;
    // Shared with the previous event while unchanged, like the simulation's own values.
    const states: Record<PartyId, StateValue> = prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
    prev = states;
    return { ...ev, states };
  });
  return { ...trace, events };
}

describe('the enter index', () => {
  const fixture = makeFixtureTrace();
  const n = fixture.events.length;

  it('finds the next step at which a party entered a state, after the cursor', () => {
    // The broker is down for steps 3–5 and 10–11.
    const trace = withStates(fixture, (i) => ({ broker: (i >= 3 && i <= 5) || (i >= 10 && i <= 11) ? 'down' : 'up', producer: i === 0 ? 'created' : 'running' }));
    const index = buildEnterIndex(trace, partyCharts());
    expect(index.recorded).toBe(true);
    expect(index.next('broker', 'broker.down', -1)).toBe(3);
    expect(index.next('broker', 'broker.down', 2)).toBe(3);
    expect(index.next('broker', 'broker.down', 3)).toBe(10);
    expect(index.next('broker', 'broker.down', 9)).toBe(10);
    expect(index.next('broker', 'broker.down', 10)).toBe(-1);
    expect(index.next('broker', 'broker.up', 0)).toBe(6);
    expect(index.next('broker', 'broker.up', 6)).toBe(12);
    expect(index.next('broker', 'broker.up', 12)).toBe(-1);
    expect(index.next('producer', 'producer.created', -1)).toBe(0);
    expect(index.next('producer', 'producer.running', 0)).toBe(1);
    expect(index.next('producer', 'producer.running', 1)).toBe(-1);
    expect(index.next('network', 'network.carrying', 0)).toBe(-1);
    expect(index.next('producer', 'producer.crashed', 0)).toBe(-1);
    expect(n).toBeGreaterThan(12);
  });

  it('counts a transition that targets the state it is in as entering it again', () => {
    const trace = withStates(fixture, () => ({}));
    trace.events[7] = { ...trace.events[7]!, transition: { party: 'broker', event: 'broker.restart', source: 'broker.up', targets: ['broker.up'] } };
    const index = buildEnterIndex(trace, partyCharts());
    expect(index.next('broker', 'broker.up', 0)).toBe(7);
  });

  it('follows nested and parallel states', () => {
    const chart = extractChart('producer', hierarchicalTestMachine);
    const values: StateValue[] = [
      'idle',
      { running: { idempotence: 'uninitialized', connection: 'disconnected' } },
      { running: { idempotence: { ready: 'steady' }, connection: 'disconnected' } },
      { running: { idempotence: { ready: 'steady' }, connection: 'connected' } },
      { running: { idempotence: { ready: 'bumpRequired' }, connection: 'connected' } },
      'stopped',
      { running: { idempotence: { ready: 'steady' }, connection: 'connected' } },
    ];
    const trace = withStates(fixture, (i) => ({ producer: values[Math.min(i, values.length - 1)]! }));
    const index = buildEnterIndex(trace, [chart]);
    expect(index.next('producer', 'demo.running', 0)).toBe(1);
    expect(index.next('producer', 'demo.running', 1)).toBe(6);
    expect(index.next('producer', 'demo.running.idempotence.ready', 0)).toBe(2);
    expect(index.next('producer', 'demo.running.idempotence.ready.steady', 2)).toBe(6);
    expect(index.next('producer', 'demo.running.connection.connected', 0)).toBe(3);
    expect(index.next('producer', 'demo.running.idempotence.ready.bumpRequired', 0)).toBe(4);
    expect(index.next('producer', 'demo.stopped', 0)).toBe(5);
  });

  it('is empty, and says so, when the trace records no states', () => {
    const index = buildEnterIndex(fixture, partyCharts());
    expect(index.recorded).toBe(false);
    expect(index.next('broker', 'broker.up', -1)).toBe(-1);
  });

  it('builds in one pass over a long run and answers by binary search', () => {
    const events: TraceEvent[] = [];
    for (let i = 0; i < 100_000; i++) events.push({ ...fixture.events[0]!, i, states: { producer: 'crashed', network: 'reachable', connection: 'none', broker: i % 10 < 5 ? 'up' : 'down' } });
    const index = buildEnterIndex({ ...fixture, events }, partyCharts());
    expect(index.next('broker', 'broker.down', 0)).toBe(5);
    expect(index.next('broker', 'broker.down', 99_990)).toBe(99_995);
    expect(index.next('broker', 'broker.up', 99_990)).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import { parseScenario } from '../../sim/scenario/parse';
import { activeIds } from './graph';
import { chartsFor, consumerChartsOf, lifecycleCharts, lifecyclesFor, partyCharts } from './charts';

describe('statechart sets', () => {
  it('a run without a consumer has exactly the producer side’s charts', () => {
    const trace = runSimulation(getPreset('lost-ack')!.scenario);
    expect(consumerChartsOf(trace)).toBe(0);
    expect(chartsFor(trace)).toBe(partyCharts());
    expect(lifecyclesFor(trace)).toBe(lifecycleCharts());
  });

  it('a run with a consumer adds its members, the coordinator, the database and a message’s state, each active at every step', () => {
    const trace = runSimulation(getPreset('consumer-slow-processing-rebalance')!.scenario);
    expect(consumerChartsOf(trace)).toBe(2);
    const parties = chartsFor(trace);
    const lifecycles = lifecyclesFor(trace);
    expect(parties.map((c) => c.party)).toEqual(['producer', 'network', 'connection', 'broker', 'consumer-1', 'consumer-2', 'coordinator', 'database']);
    expect(lifecycles.map((c) => c.party)).toEqual(['batch', 'producerId', 'message']);
    const last = trace.events[trace.events.length - 1]!;
    for (const c of parties) expect(activeIds(c, last.states?.[c.party]).length, c.party).toBeGreaterThan(0);
  });

  it('a transactional run shows its own parties instead, each active at every step it records', () => {
    const parsed = parseScenario({ version: 3, name: 'x', kafkaVersion: '3.x', workload: { messages: 4 }, transactions: {}, faults: { scripted: [{ kind: 'txn-zombie', txn: 1, at: 'after-produce', pauseMs: 400, takeoverMs: 20 }] } });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const trace = runSimulation(parsed.scenario);
    const parties = chartsFor(trace);
    expect(parties.map((c) => c.party)).toEqual(['txn-producer', 'txn-coordinator', 'reader-1', 'reader-2']);
    expect(lifecyclesFor(trace)).toEqual([]);
    const recorded = trace.events.filter((e) => e.states);
    expect(recorded.length).toBeGreaterThan(trace.events.length / 2);
    for (const ev of recorded) {
      // The application's producer has a state once its first instance has started.
      for (const c of parties) if (ev.states?.[c.party] !== undefined) expect(activeIds(c, ev.states[c.party]).length, `${c.party} at #${ev.i}`).toBeGreaterThan(0);
    }
    const second = trace.events.find((e) => e.kind === 'txn.app.started' && e.instance === 2)!;
    expect(activeIds(parties[0]!, second.states?.[parties[0]!.party])).toContain('txn-producer.manager.INITIALIZING');
    const abort = trace.events.find((e) => e.kind === 'txn.marker' && e.result === 'ABORT')!;
    expect(activeIds(parties[1]!, abort.states?.[parties[1]!.party])).toContain('txn-coordinator.txn.PrepareAbort');
  });
});

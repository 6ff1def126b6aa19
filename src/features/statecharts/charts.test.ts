import { describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
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
});

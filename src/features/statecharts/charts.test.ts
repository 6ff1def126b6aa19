import { describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import { parseScenario } from '../../sim/scenario/parse';
import type { PartyId } from '../../sim/trace/types';
import { activeIds, type Chart } from './graph';
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
    expect(parties.map((c) => c.party)).toEqual(['txn-producer', 'txn-replacement', 'txn-coordinator', 'reader-1', 'reader-2']);
    expect(lifecyclesFor(trace)).toEqual([]);
    const recorded = trace.events.filter((e) => e.states);
    expect(recorded.length).toBeGreaterThan(trace.events.length / 2);
    for (const ev of recorded) {
      // The application's producer has a state once its first instance has started.
      for (const c of parties) if (ev.states?.[c.party] !== undefined) expect(activeIds(c, ev.states[c.party]).length, `${c.party} at #${ev.i}`).toBeGreaterThan(0);
    }
    // The replacement has a chart of its own; the stalled first instance keeps its chart, where it is fenced later.
    const [first, replacement, coordinator] = parties as [Chart, Chart, Chart];
    const second = trace.events.find((e) => e.kind === 'txn.app.started' && e.instance === 2)!;
    expect(activeIds(replacement, second.states?.[replacement.party as PartyId])).toContain('txn-producer.manager.INITIALIZING');
    expect(activeIds(first, second.states?.[first.party as PartyId])).toContain('txn-producer.app.paused');
    const abort = trace.events.find((e) => e.kind === 'txn.marker' && e.result === 'ABORT')!;
    expect(activeIds(coordinator, abort.states?.[coordinator.party as PartyId])).toContain('txn-coordinator.txn.PrepareAbort');
    // The fence passes through PrepareEpochFence within one step: that step's record shows it, and the next the move on.
    const fence = trace.events.find((e) => e.kind === 'txn.state' && e.to === 'PrepareEpochFence')!;
    expect(activeIds(coordinator, fence.states?.[coordinator.party as PartyId])).toContain('txn-coordinator.txn.PrepareEpochFence');
    expect(fence.transition).toMatchObject({ source: 'txn-coordinator.txn.Ongoing', targets: ['txn-coordinator.txn.PrepareEpochFence'] });
    const fenced = trace.events[fence.i + 1]!;
    expect(fenced).toMatchObject({ kind: 'txn.state', to: 'PrepareAbort', transition: { source: 'txn-coordinator.txn.PrepareEpochFence', targets: ['txn-coordinator.txn.PrepareAbort'] } });
    expect(activeIds(coordinator, fenced.states?.[coordinator.party as PartyId])).toContain('txn-coordinator.txn.PrepareAbort');
    const last = trace.events[trace.events.length - 1]!;
    expect(activeIds(first, last.states?.[first.party as PartyId])).toContain('txn-producer.manager.FATAL_ERROR');
    expect(activeIds(replacement, last.states?.[replacement.party as PartyId])).toContain('txn-producer.manager.READY');
  });

  it('a transactional run without a takeover has one chart for the application, whichever instance runs', () => {
    const parsed = parseScenario({ version: 3, name: 'x', workload: { messages: 4 }, transactions: {}, faults: { scripted: [{ kind: 'txn-crash', txn: 1, at: 'after-produce', downMs: 50, restart: true }] } });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const trace = runSimulation(parsed.scenario);
    expect(chartsFor(trace).map((c) => c.party)).toEqual(['txn-producer', 'txn-coordinator', 'reader-1', 'reader-2']);
    const restarted = trace.events.find((e) => e.kind === 'txn.app.started' && e.instance === 2)!;
    expect(restarted.states?.['txn-replacement' as PartyId]).toBeUndefined();
    expect(activeIds(chartsFor(trace)[0]!, restarted.states?.['txn-producer' as PartyId])).toContain('txn-producer.manager.INITIALIZING');
  });
});

import { describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import type { PartyId } from '../../sim/trace/types';
import { chartsFor, partyCharts } from './charts';
import { buildEnterIndex } from './enter-index';
import { activeIds } from './graph';

describe('statecharts with replication', () => {
  it('a run without replication keeps its four charts; a replicated one has a replica chart per broker and the controller', () => {
    expect(chartsFor({ scenario: getPreset('lost-ack')!.scenario })).toBe(partyCharts());
    const charts = chartsFor({ scenario: getPreset('failover-retry-recognised')!.scenario });
    expect(charts.map((c) => c.party)).toEqual(['producer', 'network', 'connection', 'broker', 'broker-2', 'controller']);
    expect(charts[4]!.nodes['replica.following.inSync']).toBeDefined();
  });

  it('shows each broker’s state at the cursor and jumps to where broker 2 starts leading', () => {
    const trace = runSimulation(getPreset('failover-retry-recognised')!.scenario);
    const charts = chartsFor(trace);
    const elected = trace.events.find((e) => e.kind === 'leader.elected')!;
    const broker2 = charts.find((c) => c.party === ('broker-2' as PartyId))!;
    expect(activeIds(broker2, elected.states!['broker-2'])).toContain('replica.leading');
    expect(activeIds(charts.find((c) => c.party === 'broker')!, elected.states!.broker)).toContain('replica.down');
    const index = buildEnterIndex(trace, charts);
    expect(index.next('broker-2' as PartyId, 'replica.leading', 0)).toBe(elected.i);
  });
});

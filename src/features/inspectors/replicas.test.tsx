// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import { createLabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { BrokerState } from './broker-state';

afterEach(cleanup);

function renderAt(id: string, pick: (kinds: string[]) => number) {
  const trace = runSimulation(getPreset(id)!.scenario);
  const store = createLabStore();
  store.setState({ trace, cursor: pick(trace.events.map((e) => e.kind)) });
  render(
    <LabStoreProvider store={store}>
      <BrokerState />
    </LabStoreProvider>,
  );
  return screen.getByRole('region', { name: 'Broker state' });
}

describe('the broker inspector with replication', () => {
  it('shows who leads, the ISR, the high watermark and every replica’s log end', () => {
    const region = renderAt('failover-retry-recognised', (kinds) => kinds.indexOf('leader.elected'));
    const replicas = within(region).getByTestId('replicas');
    expect(within(replicas).getByText(/Leader: broker 2 \(leader epoch 1\)/)).toBeTruthy();
    expect(within(replicas).getByText(/ISR \[2\]/)).toBeTruthy();
    const rows = within(replicas).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['1', 'down', '–', '2', '1'],
      ['2', 'leader', '✓', '2', '1'],
    ]);
  });

  it('says so while no replica leads, and is absent without replication', () => {
    const region = renderAt('failover-retry-recognised', (kinds) => kinds.indexOf('broker.killed') + 1);
    expect(within(region).getByText(/No leader/)).toBeTruthy();
    cleanup();
    const single = renderAt('lost-ack', (kinds) => kinds.length - 1);
    expect(within(single).queryByTestId('replicas')).toBeNull();
  });
});

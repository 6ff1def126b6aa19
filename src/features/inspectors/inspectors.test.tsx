// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLabStore, type LabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { fixtureOutcome, makeDuplicateFixtureTrace, makeFixtureTrace } from '../../testing/fixture-trace';
import { ANOMALIES_FIRST, ANOMALIES_MORE } from './anomaly-list';
import { BrokerState } from './broker-state';
import { OutcomeView } from './outcome-view';
import { ProducerState } from './producer-state';

afterEach(cleanup);

function withTrace(trace = makeFixtureTrace(), cursor = 0): LabStore {
  const store = createLabStore();
  store.setState({ trace, cursor });
  return store;
}

function renderBrokerState(trace: ReturnType<typeof makeFixtureTrace>, cursor: number) {
  render(
    <LabStoreProvider store={withTrace(trace, cursor)}>
      <BrokerState />
    </LabStoreProvider>,
  );
  return screen.getByRole('region', { name: 'Broker state' });
}

describe('OutcomeView', () => {
  it('shows the counts as text and each anomaly as a button to its first witness', () => {
    const onGoTo = vi.fn();
    render(<OutcomeView outcome={fixtureOutcome} onGoTo={onGoTo} />);
    expect(screen.getByText('Duplicates: 1')).toBeTruthy();
    expect(screen.getByText('Lost: 0')).toBeTruthy();
    expect(screen.getByText('Reordered: 0')).toBeTruthy();
    expect(screen.getByText(/Exactly-once: no/)).toBeTruthy();
    expect(screen.getByText('Exactly-once did not hold: 1 duplicate.')).toBeTruthy();
    expect(screen.getByText(/Message 1 is in the log 2 times, at offsets 0 and 2/)).toBeTruthy();
    const button = screen.getByRole('button', { name: /Duplicate: message 1/ });
    fireEvent.click(button);
    expect(onGoTo).toHaveBeenCalledWith(6);
  });

  it('says yes when exactly-once holds', () => {
    render(<OutcomeView outcome={{ ...fixtureOutcome, duplicates: 0, exactlyOnce: true, anomalies: [] }} onGoTo={() => {}} />);
    expect(screen.getByText('Duplicates: 0')).toBeTruthy();
    expect(screen.getByText(/Exactly-once: yes/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Anomalies' })).toBeNull();
  });

  it('lists the first anomalies of a long run and adds more on request, focusing the first one added', () => {
    const many = Array.from({ length: ANOMALIES_FIRST + ANOMALIES_MORE + 10 }, (_, k) => ({ ...fixtureOutcome.anomalies[0]!, message: k + 1, events: [k] }));
    const outcome = { ...fixtureOutcome, duplicates: many.length, anomalies: many };
    const onGoTo = vi.fn();
    const { rerender } = render(<OutcomeView outcome={outcome} onGoTo={onGoTo} />);
    const list = () => screen.getByRole('list', { name: 'Anomalies' });
    expect(within(list()).getAllByRole('listitem')).toHaveLength(ANOMALIES_FIRST);
    fireEvent.click(screen.getByRole('button', { name: `Show ${ANOMALIES_MORE} more (${many.length - ANOMALIES_FIRST} of ${many.length} not shown yet)` }));
    expect(within(list()).getAllByRole('listitem')).toHaveLength(ANOMALIES_FIRST + ANOMALIES_MORE);
    const firstAdded = screen.getByRole('button', { name: `Duplicate: message ${ANOMALIES_FIRST + 1} — show` });
    expect(document.activeElement).toBe(firstAdded);
    fireEvent.click(firstAdded);
    expect(onGoTo).toHaveBeenCalledWith(ANOMALIES_FIRST);
    fireEvent.click(screen.getByRole('button', { name: 'Show 10 more (10 of 130 not shown yet)' }));
    expect(within(list()).getAllByRole('listitem')).toHaveLength(many.length);
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
    // Another run's verdict starts again from its first anomalies.
    rerender(<OutcomeView outcome={{ ...outcome, anomalies: many.slice(5) }} onGoTo={onGoTo} />);
    expect(within(list()).getAllByRole('listitem')).toHaveLength(ANOMALIES_FIRST);
    expect(within(list()).getAllByRole('button')[0]!.textContent).toContain('message 6');
  });
});

describe('Producer state', () => {
  it('renders the snapshot in force at the cursor', () => {
    const store = withTrace(makeFixtureTrace(), 9);
    render(
      <LabStoreProvider store={store}>
        <ProducerState />
      </LabStoreProvider>,
    );
    const region = screen.getByRole('region', { name: 'Producer state' });
    expect(within(region).getByText('1000')).toBeTruthy();
    const table = within(region).getByRole('table', { name: 'In-flight batches' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[2]!.textContent).toContain('in-flight');
  });

  it('says when the producer has not started', () => {
    const store = withTrace(makeFixtureTrace(), 0);
    render(
      <LabStoreProvider store={store}>
        <ProducerState />
      </LabStoreProvider>,
    );
    expect(screen.getByText('The producer has not started yet.')).toBeTruthy();
  });

  it('follows the cursor backwards without recomputing', () => {
    const store = withTrace(makeFixtureTrace(), 15);
    render(
      <LabStoreProvider store={store}>
        <ProducerState />
      </LabStoreProvider>,
    );
    expect(screen.getByText('up to seq 0')).toBeTruthy();
    act(() => store.getState().setCursor(5));
    expect(screen.queryByText('up to seq 0')).toBeNull();
    expect(screen.getByText('1 on connection 1')).toBeTruthy();
  });
});

describe('Broker state', () => {
  it('shows the log at the cursor and the dedup window with five slots', () => {
    const region = renderBrokerState(makeFixtureTrace(), 10);
    const log = within(region).getByRole('table', { name: /Partition log/ });
    expect(within(log).getAllByRole('row')).toHaveLength(3);
    const slots = within(region).getByRole('list', { name: /Dedup window for producer id 1000/ });
    const items = within(slots).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items[0]!.textContent).toContain('seq 0–0');
    expect(items[1]!.textContent).toContain('@1');
    expect(items[4]!.textContent).toBe('empty');
  });

  it('before its first event the broker is shown as every run starts it: up, empty log, no producer ids', () => {
    const region = renderBrokerState(makeFixtureTrace(), 0);
    expect(region.querySelector('.broker-status')!.textContent).toBe('Broker up · log end offset 0 · newest producer-state snapshot @0');
    expect(within(region).getByText(/No producer ids known yet/)).toBeTruthy();
  });

  it('marks a duplicate record in words', () => {
    renderBrokerState(makeDuplicateFixtureTrace(), 18);
    expect(screen.getByText('duplicate of @0')).toBeTruthy();
  });
});

describe('BrokerState after a crash and a clean shutdown', () => {
  it('says how the broker went down, where its newest snapshot is, and what a restart will rebuild', async () => {
    const { runSimulation } = await import('../../sim/run-simulation');
    const { getPreset } = await import('../../scenarios/presets');
    for (const [id, kind, status, note] of [
      ['broker-crash', 'broker.crashed', 'Broker down (crashed) · log end offset 5 · newest producer-state snapshot @0', /log after it replayed/],
      ['broker-restart', 'broker.shutdown', 'Broker down (clean shutdown) · log end offset 5 · newest producer-state snapshot @5', /one batch per producer id/],
    ] as const) {
      const trace = runSimulation(getPreset(id)!.scenario);
      const at = trace.events.findIndex((e) => e.kind === kind);
      const region = renderBrokerState(trace, at);
      expect(region.querySelector('.broker-status')!.textContent).toBe(status);
      expect(within(region).getByText(note)).toBeTruthy();
      cleanup();
    }
  });
});

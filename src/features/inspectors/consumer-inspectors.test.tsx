// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkTrace } from '../../sim/trace/checker';
import { EffectsView } from './effects-view';
import { runSimulation } from '../../sim/run-simulation';
import { parseScenario } from '../../sim/scenario/parse';
import type { Trace } from '../../sim/trace/types';
import { createLabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { makeFixtureTrace } from '../../testing/fixture-trace';
import { ConsumerState } from './consumer-state';
import { DatabaseState } from './database-state';

afterEach(cleanup);

/** Three messages; the consumer crashes after message 2's effect, before its commit: message 2 is applied twice. */
function crashTrace(): Trace {
  const parsed = parseScenario({
    version: 2,
    name: 'crash between effect and commit',
    workload: { messages: 3 },
    consumer: { 'auto.offset.reset': 'earliest', 'session.timeout.ms': 300 },
    dedup: { strategy: 'none' },
    faults: { scripted: [{ kind: 'consumer-crash', message: 2, at: 'after-effect' }] },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return runSimulation(parsed.scenario);
}

function renderAt(trace: Trace, cursor: number, node: React.ReactNode) {
  const store = createLabStore();
  store.setState({ trace, cursor });
  render(<LabStoreProvider store={store}>{node}</LabStoreProvider>);
}

describe('Consumer and database inspectors', () => {
  it('are absent in a run without a consumer', () => {
    renderAt(makeFixtureTrace(), 3, (
      <>
        <ConsumerState />
        <DatabaseState />
      </>
    ));
    expect(screen.queryByRole('region', { name: 'Consumer state' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Database' })).toBeNull();
  });

  it('show the member’s assignment, position, committed offset, generation and member id at the cursor', () => {
    const trace = crashTrace();
    // The second poll, after the first commit (offset 1) succeeded.
    const secondPoll = trace.events.filter((e) => e.kind === 'records.polled')[1]!.i;
    renderAt(trace, secondPoll, <ConsumerState />);
    const region = screen.getByRole('region', { name: 'Consumer state' });
    const facts = (name: string) => within(region).getAllByText(name)[0]!.nextElementSibling!.textContent;
    expect(facts('Assignment')).toBe('p0');
    expect(facts('Generation')).toBe('1');
    expect(facts('Member id')).toBe('1');
    expect(facts('Committed offset')).toBe('1');
    expect(within(region).getByText('group coordinator')).toBeTruthy();
  });

  it('lists the effects per message id and marks a duplicated effect in words', () => {
    const trace = crashTrace();
    renderAt(trace, trace.events.length - 1, <DatabaseState />);
    const region = screen.getByRole('region', { name: 'Database' });
    const table = within(region).getByRole('table', { name: /Effects table/ });
    const row = within(table).getByText('m2').closest('tr')!;
    expect(row.textContent).toContain('2: duplicated');
    expect(within(table).getByText('m1').closest('tr')!.textContent).not.toContain('duplicated');
  });

  it('shows the tables as they stood at the cursor, not at the end', () => {
    const trace = crashTrace();
    const firstTxn = trace.events.find((e) => e.kind === 'db.txn')!.i;
    renderAt(trace, firstTxn, <DatabaseState />);
    const table = within(screen.getByRole('region', { name: 'Database' })).getByRole('table', { name: /Effects table/ });
    expect(within(table).getByText('m1')).toBeTruthy();
    expect(within(table).queryByText('m2')).toBeNull();
  });
});

describe('Effects verdict', () => {
  it('counts the duplicated effect, says exactly-once of effects did not hold, and links each witness', () => {
    const trace = crashTrace();
    const effects = checkTrace(trace).effects!;
    const onGoTo = vi.fn();
    render(<EffectsView effects={effects} onGoTo={onGoTo} />);
    expect(screen.getByText('Duplicated effects: 1')).toBeTruthy();
    expect(screen.getByText('Messages without an effect: 0')).toBeTruthy();
    expect(screen.getByText(/Exactly-once of effects: no/)).toBeTruthy();
    expect(screen.getByText(/a member crashed after its effect and before a commit covered it/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Duplicated effect: message 2/ }));
    expect(onGoTo).toHaveBeenCalledWith(effects.anomalies[0]!.events[0]);
    const crash = trace.events.find((e) => e.kind === 'consumer.crashed')!.i;
    fireEvent.click(screen.getByRole('button', { name: `step ${crash + 1}` }));
    expect(onGoTo).toHaveBeenLastCalledWith(crash);
  });
});

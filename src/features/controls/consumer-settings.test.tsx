// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { scenario } from '../../sim/testing/scenario';
import { createLabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { ConsumerStageControls } from './consumer-stage';
import { ConsumerSettings } from './consumer-settings';
import { ConsumerFaultEditor } from './consumer-faults';
import { ScriptedFaults } from './scripted-faults';

afterEach(cleanup);

function renderSettings() {
  const store = createLabStore();
  store.getState().loadScenario(scenario({ workload: { messages: 2 } }));
  render(
    <LabStoreProvider store={store}>
      <ConsumerStageControls />
      <ConsumerSettings />
      <ScriptedFaults />
      <ConsumerFaultEditor />
    </LabStoreProvider>,
  );
  return store;
}

describe('consumer settings', () => {
  it('a producer-only run shows only the switch that adds a consumer; adding one runs the consumer side', () => {
    const store = renderSettings();
    expect(screen.queryByRole('switch', { name: 'Dedup' })).toBeNull();
    expect(screen.queryByLabelText('Commit strategy')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Consumer faults' })).toBeNull();
    fireEvent.click(screen.getByRole('switch', { name: 'Add a consumer' }));
    expect(store.getState().scenario.consumer?.['auto.offset.reset']).toBe('earliest');
    expect(store.getState().trace.events.some((e) => e.kind === 'consumer.started')).toBe(true);
    expect(screen.getByRole('button', { name: /Consumer side/ }).getAttribute('aria-expanded')).toBe('true');
  });

  it('sets the commit and dedup strategies by name, and the stage switch turns deduplication off and on again', () => {
    const store = renderSettings();
    fireEvent.click(screen.getByRole('switch', { name: 'Add a consumer' }));
    fireEvent.change(screen.getByLabelText('Commit strategy'), { target: { value: 'before-processing' } });
    expect(store.getState().scenario.consumer?.commit.strategy).toBe('before-processing');
    fireEvent.change(screen.getByLabelText('Dedup strategy'), { target: { value: 'state-machine' } });
    expect(store.getState().scenario.dedup?.strategy).toBe('state-machine');
    const dedup = screen.getByRole('switch', { name: 'Dedup' }) as HTMLInputElement;
    expect(dedup.checked).toBe(true);
    fireEvent.click(dedup);
    expect(store.getState().scenario.dedup?.strategy).toBe('none');
    fireEvent.click(dedup);
    expect(store.getState().scenario.dedup?.strategy).toBe('state-machine');
    fireEvent.change(screen.getByLabelText('max.poll.records'), { target: { value: '1' } });
    fireEvent.blur(screen.getByLabelText('max.poll.records'));
    expect(store.getState().scenario.consumer?.['max.poll.records']).toBe(1);
  });

  it('adds consumer faults to the scripted faults, and removing the consumer removes them too', () => {
    const store = renderSettings();
    fireEvent.click(screen.getByRole('switch', { name: 'Add a consumer' }));
    const editor = screen.getByRole('group', { name: 'Consumer faults' });
    fireEvent.change(within(editor).getByLabelText('Crash point'), { target: { value: 'after-effect' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Add consumer crash' }));
    expect(store.getState().scenario.faults.scripted).toMatchObject([{ kind: 'consumer-crash', message: 1, at: 'after-effect', copy: 1 }]);
    expect(screen.getByText('Consumer crash after the effect for message 1 (delivery 1)')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: 'Add a consumer' }));
    expect(store.getState().scenario.consumer).toBeUndefined();
    expect(store.getState().scenario.faults.scripted).toEqual([]);
  });
});

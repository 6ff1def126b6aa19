// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { ScriptedFaults } from './scripted-faults';

afterEach(cleanup);

describe('ScriptedFaults', () => {
  it('adds a broker restart of the chosen kind, and sets the broker’s log.roll.ms', () => {
    const store = createLabStore();
    render(
      <LabStoreProvider store={store}>
        <ScriptedFaults />
      </LabStoreProvider>,
    );
    const kind = screen.getByLabelText('How the broker goes down') as HTMLSelectElement;
    expect(kind.value).toBe('clean');
    fireEvent.change(kind, { target: { value: 'crash' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add broker restart' }));
    expect(store.getState().scenario.faults.scripted.at(-1)).toMatchObject({ kind: 'broker-restart', shutdown: 'crash' });
    expect(screen.getByText(/^Broker crash at \d+ ms \(down 100 ms\)$/)).toBeTruthy();
    const roll = screen.getByLabelText(/log\.roll\.ms/) as HTMLInputElement;
    fireEvent.change(roll, { target: { value: '100' } });
    fireEvent.keyDown(roll, { key: 'Enter' });
    expect(store.getState().scenario.broker['log.roll.ms']).toBe(100);
  });
});

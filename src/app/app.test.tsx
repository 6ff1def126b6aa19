// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLabStore } from '../store/create-lab-store';
import { LabStoreProvider } from '../store/lab-store-context';
import { App } from './app';

beforeAll(() => {
  // jsdom has no canvas; the timeline simply skips drawing.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(cleanup);

function renderApp() {
  const store = createLabStore();
  render(
    <LabStoreProvider store={store}>
      <App />
    </LabStoreProvider>,
  );
  return store;
}

describe('App', () => {
  it('shows every region and steps with the playback buttons', () => {
    const store = renderApp();
    for (const name of ['Timeline', 'Producer state', 'Broker state', 'Outcome']) expect(screen.getByRole('region', { name })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Step forward' }));
    expect(store.getState().cursor).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Jump to end' }));
    expect(store.getState().cursor).toBe(store.getState().trace.events.length - 1);
    fireEvent.click(screen.getByRole('button', { name: 'Step back' }));
    expect(store.getState().cursor).toBe(store.getState().trace.events.length - 2);
    expect((screen.getByLabelText('Time') as HTMLInputElement).value).toBe(String(store.getState().cursor));
  });

  it('re-runs when idempotence is toggled and the outcome follows', () => {
    renderApp();
    const outcome = screen.getByRole('region', { name: 'Outcome' });
    expect(within(outcome).getByText('Duplicates: 0')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: 'Idempotence' }));
    expect(within(outcome).getByText('Duplicates: 1')).toBeTruthy();
  });

  it('shows a refused configuration as an alert', () => {
    renderApp();
    const input = screen.getByLabelText('max.in.flight.requests.per.connection');
    fireEvent.change(input, { target: { value: '6' } });
    // Number fields commit on Enter (or when left), not on each keystroke.
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toMatch(/refuses/);
  });

  it('toggles play with Space and opens the shortcuts with ?', () => {
    const store = renderApp();
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(true);
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(false);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(store.getState().cursor).toBe(1);
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
  });

  it('forks from the fault menu', () => {
    const store = renderApp();
    const sent = store.getState().trace.events.find((e) => e.kind === 'request.sent')!;
    act(() => store.getState().openFork({ event: sent.i, part: 'request', x: 10, y: 10 }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Lose this request' }));
    expect(store.getState().scenario.faults.scripted).toContainEqual({ kind: 'lose-request', message: 1, attempt: 1, instance: 1 });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByText('Lose request: message 1, attempt 1')).toBeTruthy();
  });
});

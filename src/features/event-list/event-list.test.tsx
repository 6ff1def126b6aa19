// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { makeFixtureTrace, makeLongTrace } from '../../testing/fixture-trace';
import { EventList } from './event-list';

afterEach(cleanup);

describe('EventList', () => {
  it('renders only a window of a 50,000-event run and marks the current step', () => {
    const store = createLabStore();
    store.setState({ trace: makeLongTrace(17_000), cursor: 0 });
    expect(store.getState().trace.events.length).toBeGreaterThanOrEqual(50_000);
    render(
      <LabStoreProvider store={store}>
        <EventList />
      </LabStoreProvider>,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.length).toBeLessThan(60);
    expect(items[0]!.getAttribute('aria-current')).toBe('step');
    expect(items[0]!.getAttribute('aria-setsize')).toBe(String(store.getState().trace.events.length));
    act(() => store.getState().setCursor(30_000));
    const current = document.querySelector('[aria-current="step"]');
    expect(current?.getAttribute('aria-posinset')).toBe('30001');
  });

  it('moves the cursor on click and opens fault options with Enter on a request', () => {
    const store = createLabStore();
    store.setState({ trace: makeFixtureTrace(), cursor: 0 });
    render(
      <LabStoreProvider store={store}>
        <EventList />
      </LabStoreProvider>,
    );
    const row = screen.getAllByRole('listitem')[5]!;
    expect(row.textContent).toMatch(/^t=11 ms · producer · /);
    fireEvent.click(row);
    expect(store.getState().cursor).toBe(5);
    const scroller = screen.getByRole('group', { name: 'Event transcript' });
    fireEvent.keyDown(scroller, { key: 'Enter' });
    expect(store.getState().forkTarget).toMatchObject({ event: 5, part: 'request' });
    fireEvent.keyDown(scroller, { key: 'ArrowDown' });
    expect(store.getState().cursor).toBe(6);
    expect(within(scroller).getAllByRole('listitem')[6]!.getAttribute('aria-current')).toBe('step');
  });
});

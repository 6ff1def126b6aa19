// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getLesson } from '../../lessons/lessons';
import { createLabStore } from '../../store/create-lab-store';
import { selectQuestionOpen } from '../../store/derived';
import { LabStoreProvider } from '../../store/lab-store-context';
import { EventList } from '../event-list/event-list';
import { OutcomePanel } from '../inspectors/outcome-panel';
import { Narration } from '../playback/narration';

afterEach(cleanup);

function atQuestion() {
  const store = createLabStore();
  store.getState().startLesson('lost-ack');
  const q = getLesson('lost-ack')!.steps.findIndex((st) => st.question);
  store.getState().goToStep(q);
  return store;
}

function renderPanels(store: ReturnType<typeof createLabStore>) {
  return render(
    <LabStoreProvider store={store}>
      <Narration />
      <OutcomePanel />
      <EventList />
    </LabStoreProvider>,
  );
}

describe('an open lesson question does not give its answer away', () => {
  it('is open before the reveal and closed after it', () => {
    const store = atQuestion();
    expect(selectQuestionOpen(store.getState())).toBe(true);
    store.getState().reveal();
    expect(selectQuestionOpen(store.getState())).toBe(false);
  });

  it('hides the outcome, the narration and the events after the cursor until the reveal', () => {
    const store = atQuestion();
    renderPanels(store);
    expect(screen.queryByText(/Duplicates:/)).toBeNull();
    expect(screen.getByText(/Hidden until the lesson/)).toBeTruthy();
    expect(screen.getByText(/What happens next\?/)).toBeTruthy();
    const rows = document.querySelectorAll('.event-row');
    expect(rows.length).toBeGreaterThan(0);
    const cursor = store.getState().cursor;
    for (const row of rows) expect(Number(row.getAttribute('aria-posinset'))).toBeLessThanOrEqual(cursor + 1);
  });

  it('shows them again once the answer is revealed, and with questions turned off', () => {
    const store = atQuestion();
    store.getState().reveal();
    renderPanels(store);
    expect(screen.getByText(/Duplicates: \d/)).toBeTruthy();
    expect(screen.queryByText(/What happens next\?/)).toBeNull();
    cleanup();
    const quiet = atQuestion();
    quiet.getState().setAskQuestions(false);
    expect(selectQuestionOpen(quiet.getState())).toBe(false);
  });
});

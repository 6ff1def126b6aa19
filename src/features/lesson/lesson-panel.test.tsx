// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { lessonWordsLoaded } from '../../i18n/localize';
import { getLesson } from '../../lessons/lessons';
import { createLabStore } from '../../store/create-lab-store';
import { LabStoreProvider } from '../../store/lab-store-context';
import { LessonPanel } from './lesson-panel';

afterEach(cleanup);

function renderPanel() {
  const store = createLabStore();
  render(
    <LabStoreProvider store={store}>
      <LessonPanel />
    </LabStoreProvider>,
  );
  return store;
}

describe('the lesson panel', () => {
  it('lists the lessons by title before any step words are here, and loads them when a lesson starts', async () => {
    expect(lessonWordsLoaded()).toBe(false);
    const store = renderPanel();
    const menu = screen.getByLabelText('Lesson');
    expect(within(menu).getByRole('option', { name: getLesson('lost-ack')!.title })).toBeTruthy();
    store.getState().startLesson('lost-ack');
    // Until the English step words arrive, the step says it is loading; the step's controls are already there.
    expect((await screen.findByRole('status')).textContent).toBe('Loading the lesson…');
    expect(screen.getByRole('button', { name: /Next/ })).toBeTruthy();
    expect((await screen.findByRole('heading', { name: 'The producer sends message 1' })).tagName).toBe('H2');
    expect(lessonWordsLoaded()).toBe(true);
    expect(screen.getByText(/the request carries no producer id and no sequence number/)).toBeTruthy();
    expect(screen.getByText('enable.idempotence=false')).toBeTruthy();
  });

  it('shows a question with its words and the plan’s right answer once revealed', async () => {
    const store = renderPanel();
    store.getState().startLesson('lost-ack');
    const k = getLesson('lost-ack')!.steps.findIndex((s) => s.question);
    store.getState().goToStep(k);
    const question = await screen.findByRole('group', { name: 'The ack is about to vanish. What will the producer do?' });
    store.getState().reveal();
    const right = await within(question).findByText('Retry message 1');
    expect(right.closest('li')!.getAttribute('data-mark')).toBe('correct');
  });
});

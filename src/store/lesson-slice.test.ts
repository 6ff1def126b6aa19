import { describe, expect, it } from 'vitest';
import { resolveAnchor } from '../lessons/anchors';
import { getLesson } from '../lessons/lessons';
import { createLabStore } from './create-lab-store';

const lesson = getLesson('lost-ack')!;

function eventOf(store: ReturnType<typeof createLabStore>, k: number) {
  return resolveAnchor(lesson.steps[k]!.at, store.getState().trace);
}

describe('lesson slice', () => {
  it('starts a lesson: loads its preset and settings and puts the cursor on the first step’s event', () => {
    const store = createLabStore();
    store.getState().startLesson('lost-ack');
    const s = store.getState();
    expect(s.lessonId).toBe('lost-ack');
    expect(s.lessonStep).toBe(0);
    expect(s.presetId).toBe('lost-ack');
    expect(s.scenario.producer['enable.idempotence']).toBe(false);
    expect(s.cursor).toBe(eventOf(store, 0));
    expect(s.cursor).toBeGreaterThan(0);
  });

  it('with questions on, waits before the revealing event; Next reveals, then advances', () => {
    const store = createLabStore();
    store.getState().startLesson('lost-ack');
    const q = lesson.steps.findIndex((st) => st.question);
    store.getState().goToStep(q);
    const at = eventOf(store, q);
    expect(store.getState().cursor).toBe(at - 1);
    expect(store.getState().revealed).toBe(false);
    store.getState().chooseAnswer(0);
    expect(store.getState().chosenAnswer).toBe(0);
    store.getState().nextStep();
    expect(store.getState().revealed).toBe(true);
    expect(store.getState().lessonStep).toBe(q);
    expect(store.getState().cursor).toBe(at);
    store.getState().nextStep();
    expect(store.getState().lessonStep).toBe(q + 1);
    expect(store.getState().revealed).toBe(false);
    expect(store.getState().chosenAnswer).toBeNull();
  });

  it('while a question waits, the cursor cannot pass it by stepping, scrubbing, jumping or playing; after Reveal it can', () => {
    const store = createLabStore();
    store.getState().startLesson('lost-ack');
    const q = lesson.steps.findIndex((st) => st.question);
    store.getState().goToStep(q);
    const waiting = store.getState().cursor;
    const last = store.getState().trace.events.length - 1;
    expect(waiting).toBeLessThan(last);
    store.getState().stepForward();
    expect(store.getState().cursor).toBe(waiting);
    store.getState().setCursor(last);
    expect(store.getState().cursor).toBe(waiting);
    store.getState().jumpToEnd();
    expect(store.getState().cursor).toBe(waiting);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(false);
    // Going back is always allowed, and playing from there stops at the question (the loop reads the same limit).
    store.getState().stepBack();
    expect(store.getState().cursor).toBe(waiting - 1);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(true);
    expect(store.getState().cursor).toBe(waiting - 1);
    store.getState().setPlaying(false);
    store.getState().reveal();
    store.getState().setCursor(last);
    expect(store.getState().cursor).toBe(last);
  });

  it('with questions off, Next simply advances and the cursor lands on the event', () => {
    const store = createLabStore();
    store.getState().startLesson('lost-ack');
    store.getState().setAskQuestions(false);
    for (let k = 1; k < lesson.steps.length; k++) {
      store.getState().nextStep();
      expect(store.getState().lessonStep).toBe(k);
      expect(store.getState().cursor).toBe(eventOf(store, k));
    }
    // At the end, Next stays on the last step.
    store.getState().nextStep();
    expect(store.getState().lessonStep).toBe(lesson.steps.length - 1);
  });

  it('switches settings between steps, Previous goes back (revealed), jump clamps, free exploration keeps the run', () => {
    const store = createLabStore();
    store.getState().startLesson('lost-ack');
    const onStep = lesson.steps.findIndex((st) => st.settings?.['enable.idempotence'] === true);
    store.getState().goToStep(onStep);
    expect(store.getState().scenario.producer['enable.idempotence']).toBe(true);
    store.getState().prevStep();
    expect(store.getState().lessonStep).toBe(onStep - 1);
    expect(store.getState().scenario.producer['enable.idempotence']).toBe(false);
    expect(store.getState().revealed).toBe(true);
    expect(store.getState().cursor).toBe(eventOf(store, onStep - 1));
    store.getState().goToStep(99);
    expect(store.getState().lessonStep).toBe(lesson.steps.length - 1);
    store.getState().goToStep(-4);
    expect(store.getState().lessonStep).toBe(0);
    store.getState().prevStep();
    expect(store.getState().lessonStep).toBe(0);
    // Moving the cursor freely is allowed; Next snaps back to the lesson.
    store.getState().setCursor(0);
    store.getState().nextStep();
    expect(store.getState().lessonStep).toBe(1);
    expect(store.getState().cursor).toBe(eventOf(store, 1));
    const trace = store.getState().trace;
    store.getState().startLesson(null);
    expect(store.getState().lessonId).toBeNull();
    expect(store.getState().trace).toBe(trace);
  });

  it('ignores an unknown lesson id', () => {
    const store = createLabStore();
    store.getState().startLesson('no-such-lesson');
    expect(store.getState().lessonId).toBeNull();
  });
});

describe('lesson persistence', () => {
  it('the lesson and step survive a reload', () => {
    const map = new Map<string, string>();
    const storage = {
      get length() {
        return map.size;
      },
      clear: () => map.clear(),
      getItem: (k: string) => map.get(k) ?? null,
      key: (i: number) => [...map.keys()][i] ?? null,
      removeItem: (k: string) => void map.delete(k),
      setItem: (k: string, v: string) => void map.set(k, v),
    } satisfies Storage;
    const a = createLabStore(storage);
    a.getState().startLesson('lost-ack');
    a.getState().goToStep(2);
    a.flush();
    const b = createLabStore(storage).getState();
    expect(b.lessonId).toBe('lost-ack');
    expect(b.lessonStep).toBe(2);
    expect(b.cursor).toBe(a.getState().cursor);
    expect(b.scenario).toEqual(a.getState().scenario);
  });

  it('the chosen answer at an open question survives a reload, and an answer the question does not have is dropped', () => {
    const map = new Map<string, string>();
    const storage = {
      get length() {
        return map.size;
      },
      clear: () => map.clear(),
      getItem: (k: string) => map.get(k) ?? null,
      key: (i: number) => [...map.keys()][i] ?? null,
      removeItem: (k: string) => void map.delete(k),
      setItem: (k: string, v: string) => void map.set(k, v),
    } satisfies Storage;
    const q = lesson.steps.findIndex((st) => st.question);
    const a = createLabStore(storage);
    a.getState().startLesson('lost-ack');
    a.getState().goToStep(q);
    a.getState().chooseAnswer(1);
    a.flush();
    const b = createLabStore(storage).getState();
    expect(b.lessonStep).toBe(q);
    expect(b.revealed).toBe(false);
    expect(b.chosenAnswer).toBe(1);
    expect(b.cursor).toBe(a.getState().cursor);
    const saved = JSON.parse(map.get('exactly-once-lab:state')!) as { lesson: Record<string, unknown> };
    map.set('exactly-once-lab:state', JSON.stringify({ ...saved, lesson: { ...saved.lesson, answer: 99 } }));
    expect(createLabStore(storage).getState().chosenAnswer).toBeNull();
  });
});

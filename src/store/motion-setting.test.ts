import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../testing/memory-storage';
import { createLabStore } from './create-lab-store';
import { pickSaved, restore, serialize, STORAGE_KEY } from './persistence';
import { clearStep, markStep, stepTo } from './step-cue';

describe('the motion setting', () => {
  it('is on by default, saved with the view settings and restored', () => {
    const storage = new MemoryStorage();
    const a = createLabStore(storage);
    expect(a.getState().motion).toBe(true);
    a.getState().setMotion(false);
    a.flush();
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).motion).toBe(false);
    expect(createLabStore(storage).getState().motion).toBe(false);
  });

  it('is on for older saves without it, and a value that is not true or false is left out quietly', () => {
    const saved = pickSaved(createLabStore().getState());
    const { motion: _omit, ...old } = saved;
    const restored = restore(serialize(old));
    expect(restored.kind === 'ok' && restored.saved.motion).toBeUndefined();
    expect(restored.kind === 'ok' && restored.dropped).toEqual([]);
    const bad = restore(JSON.stringify({ ...JSON.parse(serialize(saved)), motion: 'yes' }));
    expect(bad.kind === 'ok' && bad.saved.motion).toBeUndefined();
    expect(bad.kind === 'ok' && bad.dropped).toEqual([]);
  });
});

describe('which cursor move is a step (motion plays for steps only)', () => {
  it('a step forward is one; a step back, a jump or a scrub is not', () => {
    const store = createLabStore();
    const s = () => store.getState();
    expect(s().trace.events.length).toBeGreaterThan(3);
    s().stepForward();
    const id = stepTo(s().cursor);
    expect(s().cursor).toBe(1);
    expect(id).toBeGreaterThan(0);
    s().stepBack();
    expect(stepTo(s().cursor)).toBe(0);
    s().setCursor(1);
    expect(stepTo(s().cursor)).toBe(0);
    s().stepForward();
    expect(stepTo(s().cursor)).toBeGreaterThan(id);
    s().jumpToEnd();
    expect(stepTo(s().cursor)).toBe(0);
  });

  it('a step at the end, where the cursor cannot move, is none', () => {
    const store = createLabStore();
    store.getState().jumpToEnd();
    clearStep();
    store.getState().stepForward();
    expect(stepTo(store.getState().cursor)).toBe(0);
  });

  it('revealing a lesson question plays its answer, the next event, as a step', () => {
    const store = createLabStore();
    store.getState().startLesson('lost-ack');
    store.getState().goToStep(3);
    const waiting = store.getState().cursor;
    expect(store.getState().revealed).toBe(false);
    expect(stepTo(waiting)).toBe(0);
    store.getState().reveal();
    expect(store.getState().cursor).toBe(waiting + 1);
    expect(stepTo(waiting + 1)).toBeGreaterThan(0);
  });

  it('every step has its own id', () => {
    markStep(4);
    const a = stepTo(4);
    markStep(4);
    expect(stepTo(4)).toBeGreaterThan(a);
    expect(stepTo(5)).toBe(0);
    clearStep();
    expect(stepTo(4)).toBe(0);
  });
});

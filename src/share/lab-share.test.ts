import { describe, expect, it } from 'vitest';
import { openShareLink } from '../features/share/open-share-link';
import { createLabStore } from '../store/create-lab-store';
import { pickSaved } from '../store/persistence';
import { simulateNow } from '../store/main-thread-client';
import { payloadOf, planApply } from './lab-share';
import { encodeShareHash, type SharePayload } from './share-link';
import { noticeText } from '../i18n/notices';

function shared(state: ReturnType<ReturnType<typeof createLabStore>['getState']>) {
  return {
    saved: pickSaved(state),
    lessonId: state.lessonId,
    lessonStep: state.lessonStep,
    revealed: state.revealed,
    events: state.trace.events.length,
  };
}

describe('applying a share link to the lab', () => {
  it('reproduces the whole lab, lesson included, in one update', () => {
    const a = createLabStore();
    a.getState().startLesson('lost-ack');
    a.getState().goToStep(2);
    a.getState().setSeed(99);
    a.getState().setTheme('projector');
    a.getState().setCursor(5);
    const b = createLabStore();
    let updates = 0;
    b.subscribe(() => updates++);
    expect(openShareLink(b, `#${encodeShareHash(payloadOf(a.getState()))}`)).toBe(true);
    expect(updates).toBe(1);
    expect(shared(b.getState())).toEqual({ ...shared(a.getState()), saved: { ...shared(a.getState()).saved, speed: b.getState().speed } });
    expect(b.getState().lessonId).toBe('lost-ack');
    expect(b.getState().notices).toEqual([]);
  });

  it('leaves out the lesson in free exploration', () => {
    const a = createLabStore();
    expect(payloadOf(a.getState()).lesson).toBeUndefined();
  });

  it('changes nothing but the notice when the link is broken or does not fit this build', () => {
    const store = createLabStore();
    store.getState().choosePreset('lost-request');
    store.getState().setCursor(4);
    const before = shared(store.getState());
    const base = payloadOf(store.getState());
    const cases: [string, string][] = [
      ['#v=1&s=@@@', 'could not be decompressed'],
      ['#v=9&s=x', 'This link was made by a newer version (v9); this build reads v1.'],
      [`#${encodeShareHash({ ...base, cursor: 100_000 })}`, 'cursor: step 100000 is past the end of this run'],
      [`#${encodeShareHash({ ...base, lesson: { id: 'no-such-lesson', step: 0 } })}`, 'lesson.id: there is no lesson “no-such-lesson”'],
      [`#${encodeShareHash({ ...base, lesson: { id: 'lost-ack', step: 999 } })}`, 'lesson.step: lesson “lost-ack” has'],
    ];
    for (const [hash, message] of cases) {
      expect(openShareLink(store, hash)).toBe(true);
      expect(noticeText(store.getState().notices, 'en')).toContain('This share link could not be opened.');
      expect(noticeText(store.getState().notices, 'en')).toContain(message);
      expect(shared(store.getState())).toEqual(before);
    }
    expect(openShareLink(store, '#not-a-link')).toBe(false);
  });

  it('plans without touching the store', () => {
    const store = createLabStore();
    const payload: SharePayload = { ...payloadOf(store.getState()), cursor: 1 };
    const plan = planApply(payload, simulateNow(payload.scenario));
    expect(plan.ok).toBe(true);
    expect(store.getState().cursor).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../store/create-lab-store';
import { payloadOf } from '../../share/lab-share';
import { encodeShareHash } from '../../share/share-link';
import { keepWork, openLink, openShareLink } from './open-share-link';

function linkTo(presetId: string, cursor: number): string {
  const other = createLabStore();
  other.getState().choosePreset(presetId);
  other.getState().setCursor(cursor);
  return `#${encodeShareHash(payloadOf(other.getState()))}`;
}

describe('opening a share link', () => {
  it('over a scenario the user changed, waits for the user and changes nothing meanwhile', () => {
    const store = createLabStore();
    store.getState().choosePreset('lost-request');
    store.getState().setSeed(4242);
    const link = linkTo('lost-ack', 3);
    expect(openShareLink(store, link)).toBe(true);
    expect(store.getState().pendingLink?.presetId).toBe('lost-ack');
    expect(store.getState().presetId).toBe('lost-request');
    expect(store.getState().scenario.seed).toBe(4242);

    keepWork(store);
    expect(store.getState().pendingLink).toBeNull();
    expect(store.getState().scenario.seed).toBe(4242);

    openShareLink(store, link);
    openLink(store, store.getState().pendingLink!);
    expect(store.getState().pendingLink).toBeNull();
    expect(store.getState().presetId).toBe('lost-ack');
    expect(store.getState().cursor).toBe(3);
  });

  it('over an unchanged preset, or a link to the same scenario, opens at once', () => {
    const store = createLabStore();
    store.getState().choosePreset('lost-request');
    openShareLink(store, linkTo('lost-ack', 2));
    expect(store.getState().pendingLink).toBeNull();
    expect(store.getState().presetId).toBe('lost-ack');

    store.getState().setSeed(77);
    const same = `#${encodeShareHash({ ...payloadOf(store.getState()), cursor: 1 })}`;
    openShareLink(store, same);
    expect(store.getState().pendingLink).toBeNull();
    expect(store.getState().cursor).toBe(1);
  });

  it('keeps one refusal on screen: a second bad link replaces the first message', () => {
    const store = createLabStore();
    openShareLink(store, '#v=1&s=@@@');
    openShareLink(store, '#v=9&s=x');
    const refusals = store.getState().notices.filter((n) => n.kind === 'share-link-refused');
    expect(refusals).toHaveLength(1);
    expect(JSON.stringify(refusals[0])).toContain('shareError.newer');
  });

  it('leaves a hash that is not a share link alone', () => {
    const store = createLabStore();
    const before = store.getState();
    expect(openShareLink(store, '#intro')).toBe(false);
    expect(store.getState()).toBe(before);
  });
});

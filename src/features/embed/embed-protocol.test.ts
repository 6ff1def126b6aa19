import { describe, expect, it } from 'vitest';
import { getLesson } from '../../lessons/lessons';
import { createLabStore } from '../../store/create-lab-store';
import { embedSnippet } from '../share/embed-snippet';
import { applyEmbedMove, embedStateOf, linkHash, readEmbedCommand } from './embed-protocol';

describe('embed commands', () => {
  it('reads eol:step, eol:goto and eol:load', () => {
    expect(readEmbedCommand({ type: 'eol:step', delta: 1 })).toEqual({ type: 'eol:step', delta: 1 });
    expect(readEmbedCommand({ type: 'eol:step', delta: -3 })).toEqual({ type: 'eol:step', delta: -3 });
    expect(readEmbedCommand({ type: 'eol:step' })).toEqual({ type: 'eol:step' });
    expect(readEmbedCommand({ type: 'eol:goto', step: 0 })).toEqual({ type: 'eol:goto', step: 0 });
    expect(readEmbedCommand({ type: 'eol:load', link: 'https://lab.example/#v=1&s=x' })).toEqual({ type: 'eol:load', link: 'https://lab.example/#v=1&s=x' });
  });

  it('ignores malformed and foreign messages', () => {
    const junk: unknown[] = [
      undefined,
      null,
      'eol:step',
      7,
      [],
      {},
      { type: 'eol:step', delta: '1' },
      { type: 'eol:step', delta: 0.5 },
      { type: 'eol:step', delta: Infinity },
      { type: 'eol:step', delta: 1e9 },
      { type: 'eol:goto' },
      { type: 'eol:goto', step: -1 },
      { type: 'eol:goto', step: Number.NaN },
      { type: 'eol:load' },
      { type: 'eol:load', link: '' },
      { type: 'eol:load', link: { href: '#v=1' } },
      { type: 'eol:load', link: 'x'.repeat(100_000) },
      { type: 'eol:state', step: 1, total: 2, lesson: null },
      { type: 'reveal:slidechanged' },
    ];
    for (const m of junk) expect(readEmbedCommand(m), JSON.stringify(m)).toBeNull();
  });

  it('a link’s hash is what is opened', () => {
    expect(linkHash('https://lab.example/app/?lang=zh#v=1&s=abc')).toBe('#v=1&s=abc');
    expect(linkHash('#v=1&s=abc')).toBe('#v=1&s=abc');
    expect(linkHash('https://lab.example/')).toBe('');
  });
});

describe('moving the embedded lab', () => {
  it('free exploration: eol:step moves by events, eol:goto jumps, both clamped', () => {
    const store = createLabStore();
    const total = store.getState().trace.events.length;
    applyEmbedMove(store.getState(), { type: 'eol:goto', step: 3 }, store.getState);
    expect(store.getState().cursor).toBe(3);
    applyEmbedMove(store.getState(), { type: 'eol:step', delta: 2 }, store.getState);
    expect(store.getState().cursor).toBe(5);
    applyEmbedMove(store.getState(), { type: 'eol:step' }, store.getState);
    expect(store.getState().cursor).toBe(6);
    applyEmbedMove(store.getState(), { type: 'eol:step', delta: -10 }, store.getState);
    expect(store.getState().cursor).toBe(0);
    applyEmbedMove(store.getState(), { type: 'eol:goto', step: 1e9 }, store.getState);
    expect(store.getState().cursor).toBe(total - 1);
    expect(embedStateOf(store.getState())).toEqual({ type: 'eol:state', step: total - 1, total, lesson: null });
  });

  it('in a lesson, eol:step is a clicker: it reveals a waiting question, then moves to the next step', () => {
    const lesson = getLesson('lost-ack')!;
    const q = lesson.steps.findIndex((s) => s.question);
    const store = createLabStore();
    store.getState().startLesson('lost-ack');
    store.getState().goToStep(q);
    applyEmbedMove(store.getState(), { type: 'eol:step', delta: 1 }, store.getState);
    expect(store.getState()).toMatchObject({ lessonStep: q, revealed: true });
    applyEmbedMove(store.getState(), { type: 'eol:step', delta: 1 }, store.getState);
    expect(store.getState().lessonStep).toBe(q + 1);
    expect(embedStateOf(store.getState()).lesson).toEqual({ id: 'lost-ack', step: q + 1, steps: lesson.steps.length, revealed: false });
    // Far past the end stops at the last step.
    applyEmbedMove(store.getState(), { type: 'eol:step', delta: 500 }, store.getState);
    expect(store.getState().lessonStep).toBe(lesson.steps.length - 1);
    applyEmbedMove(store.getState(), { type: 'eol:step', delta: -500 }, store.getState);
    expect(store.getState().lessonStep).toBe(0);
    // A waiting question still limits eol:goto.
    store.getState().goToStep(q);
    const waiting = store.getState().cursor;
    applyEmbedMove(store.getState(), { type: 'eol:goto', step: waiting + 5 }, store.getState);
    expect(store.getState().cursor).toBe(waiting);
  });
});

describe('the share menu’s iframe code', () => {
  it('points at the embedded lab with the share link’s hash, escaped for an attribute', () => {
    expect(embedSnippet('https://lab.example/app/?view=presenter&lang=zh#v=1&s=a"b', 'Lab <1>')).toBe(
      '<iframe src="https://lab.example/app/?lang=zh&amp;embed=1#v=1&amp;s=a&quot;b" title="Lab &lt;1>" width="960" height="540" style="border:0" loading="lazy"></iframe>',
    );
    expect(embedSnippet('file:///home/me/lab/index.html#v=1&s=x', 'Lab')).toContain('src="file:///home/me/lab/index.html?embed=1#v=1&amp;s=x"');
  });
});

import { describe, expect, it } from 'vitest';
import { getLesson } from '../../lessons/lessons';
import { getPreset } from '../../scenarios/presets';
import { createLabStore } from '../../store/create-lab-store';
import { mainThreadClient } from '../../store/main-thread-client';
import type { RunResult, SimClient } from '../../worker/sim-client';
import { startFollower, startHost, type ChannelLike, type OpenChannel } from './sync';
import { applyCommand, followPlan, placeOf, readSyncMessage, samePlace } from './sync-protocol';

const lesson = getLesson('lost-ack')!;
const question = lesson.steps.findIndex((s) => s.question);

function hostAtQuestion() {
  const store = createLabStore();
  store.getState().startLesson('lost-ack');
  store.getState().goToStep(question);
  return store;
}

describe('sync messages', () => {
  it('reads the host’s state, hellos, commands and byes', () => {
    const place = placeOf(hostAtQuestion().getState());
    expect(readSyncMessage({ type: 'state', from: 'a', place })).toEqual({ type: 'state', from: 'a', place });
    expect(readSyncMessage({ type: 'hello', from: 'b' })).toEqual({ type: 'hello', from: 'b' });
    expect(readSyncMessage({ type: 'bye', from: 'b' })).toEqual({ type: 'bye', from: 'b' });
    expect(readSyncMessage({ type: 'command', from: 'b', command: { name: 'nextStep' } })).not.toBeNull();
    expect(readSyncMessage({ type: 'command', from: 'b', command: { name: 'chooseAnswer', value: 2 } })).not.toBeNull();
    expect(readSyncMessage({ type: 'command', from: 'b', command: { name: 'setIdempotence', value: null } })).not.toBeNull();
  });

  it('ignores anything else', () => {
    const place = placeOf(hostAtQuestion().getState());
    const junk: unknown[] = [
      null,
      'state',
      42,
      {},
      { type: 'state' },
      { type: 'state', from: '', place },
      { type: 'state', from: 'a', place: { ...place, cursor: -1 } },
      { type: 'state', from: 'a', place: { ...place, cursor: 1.5 } },
      { type: 'state', from: 'a', place: { ...place, language: 'xx' } },
      { type: 'state', from: 'a', place: { ...place, lesson: { id: 'lost-ack', step: 0 } } },
      { type: 'command', from: 'a', command: { name: 'setTheme' } },
      { type: 'command', from: 'a', command: { name: 'startLesson', value: 'x' } },
      { type: 'command', from: 'a', command: { name: 'chooseAnswer', value: -1 } },
      { type: 'command', from: 'a', command: { name: 'setCursor', value: '3' } },
      { type: 'command', from: 'a', command: { name: 'setCompareBy', value: 'acks=0' } },
      { type: 'hello' },
      { type: 'HELLO', from: 'a' },
    ];
    for (const m of junk) expect(readSyncMessage(m), JSON.stringify(m)).toBeNull();
  });
});

describe('following the host', () => {
  it('same scenario: only a patch, the cursor clamped to the follower’s run, the chosen answer and reveal included', () => {
    const host = hostAtQuestion();
    host.getState().chooseAnswer(1);
    const follower = createLabStore();
    follower.getState().startLesson('lost-ack');
    const plan = followPlan(follower.getState(), placeOf(host.getState()));
    expect(plan?.run).toBeNull();
    expect(plan?.patch).toMatchObject({ lessonId: 'lost-ack', lessonStep: question, revealed: false, chosenAnswer: 1, cursor: host.getState().cursor });
    expect(followPlan(follower.getState(), { ...placeOf(host.getState()), cursor: 1e6 })?.patch.cursor).toBe(follower.getState().trace.events.length - 1);
  });

  it('another scenario: the follower runs it itself (no trace is sent)', () => {
    const host = createLabStore();
    host.getState().choosePreset('reorder-in-flight');
    const follower = createLabStore();
    const place = placeOf(host.getState());
    expect(JSON.stringify(place)).not.toContain('"events"');
    const plan = followPlan(follower.getState(), place);
    expect(plan?.run).toEqual(getPreset('reorder-in-flight')!.scenario);
    expect(plan?.patch).toMatchObject({ presetId: 'reorder-in-flight', scenario: getPreset('reorder-in-flight')!.scenario });
    expect(plan?.patch).not.toHaveProperty('cursor');
  });

  it('refuses a state it cannot follow: an invalid scenario, an unknown lesson or step', () => {
    const s = createLabStore().getState();
    const place = placeOf(s);
    expect(followPlan(s, { ...place, scenario: { version: 1, producer: { acks: 'two' } } })).toBeNull();
    expect(followPlan(s, { ...place, lesson: { id: 'nope', step: 0, revealed: false, answer: null, ask: true } })).toBeNull();
    expect(followPlan(s, { ...place, lesson: { id: 'lost-ack', step: 999, revealed: false, answer: null, ask: true } })).toBeNull();
  });

  it('samePlace: the scenario by identity, everything else by value', () => {
    const s = hostAtQuestion().getState();
    const a = placeOf(s);
    expect(samePlace(a, placeOf(s))).toBe(true);
    expect(samePlace(a, { ...a, cursor: a.cursor + 1 })).toBe(false);
    expect(samePlace(a, { ...a, lesson: { ...a.lesson!, answer: 0 } })).toBe(false);
    expect(samePlace(a, { ...a, scenario: structuredClone(a.scenario) })).toBe(false);
  });

  it('commands go through the host’s own actions (a waiting question still limits the cursor)', () => {
    const host = hostAtQuestion();
    const waiting = host.getState().cursor;
    applyCommand(host.getState(), { name: 'stepForward' });
    expect(host.getState().cursor).toBe(waiting);
    applyCommand(host.getState(), { name: 'chooseAnswer', value: 2 });
    expect(host.getState().chosenAnswer).toBe(2);
    applyCommand(host.getState(), { name: 'reveal' });
    expect(host.getState().revealed).toBe(true);
    expect(host.getState().cursor).toBe(waiting + 1);
    applyCommand(host.getState(), { name: 'nextStep' });
    expect(host.getState().lessonStep).toBe(question + 1);
  });
});

/** Two channels that deliver to each other (asynchronously, as BroadcastChannel does), never to themselves. */
function channelPair(): [OpenChannel, OpenChannel] {
  const ends: ChannelLike[] = [];
  const open =
    (i: number): OpenChannel =>
    () => {
      const end: ChannelLike = {
        onmessage: null,
        postMessage(data) {
          const other = ends[1 - i];
          queueMicrotask(() => other?.onmessage?.({ data: structuredClone(data) } as MessageEvent));
        },
        close() {},
      };
      ends[i] = end;
      return end;
    };
  return [open(0), open(1)];
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('host and follower together', () => {
  it('the follower takes the host’s place on hello, follows its changes, and its commands move the host', async () => {
    const [hostEnd, followerEnd] = channelPair();
    const host = hostAtQuestion();
    const follower = createLabStore();
    startFollower(follower, followerEnd);
    startHost(host, hostEnd);
    await settle();
    const same = () => {
      const [h, f] = [host.getState(), follower.getState()];
      return { cursor: f.cursor === h.cursor, step: f.lessonStep === h.lessonStep, revealed: f.revealed === h.revealed, answer: f.chosenAnswer === h.chosenAnswer, scenario: JSON.stringify(f.scenario) === JSON.stringify(h.scenario) };
    };
    expect(same()).toEqual({ cursor: true, step: true, revealed: true, answer: true, scenario: true });

    // The audience answers and reveals: the host applies it, and the follower shows the host's result.
    follower.getState().chooseAnswer(1);
    await settle();
    expect(host.getState().chosenAnswer).toBe(1);
    expect(follower.getState().chosenAnswer).toBe(1);
    follower.getState().nextStep();
    await settle();
    expect(host.getState().revealed).toBe(true);
    expect(same()).toEqual({ cursor: true, step: true, revealed: true, answer: true, scenario: true });

    // The host changes the scenario: the follower re-runs it and lands on the same cursor.
    host.getState().startLesson(null);
    host.getState().choosePreset('reorder-in-flight');
    host.getState().setCursor(5);
    await settle();
    await settle();
    expect(follower.getState().presetId).toBe('reorder-in-flight');
    expect(follower.getState().trace.events.length).toBe(host.getState().trace.events.length);
    expect(same()).toEqual({ cursor: true, step: true, revealed: true, answer: true, scenario: true });

    // A fault menu opened in the audience window does nothing.
    follower.getState().openFork({ event: 1, part: 'request', x: 0, y: 0 });
    expect(follower.getState().forkTarget).toBeNull();
  });

  it('without a host, the audience window works on its own', async () => {
    const [, followerEnd] = channelPair();
    const follower = createLabStore();
    startFollower(follower, followerEnd);
    await settle();
    const before = follower.getState().cursor;
    follower.getState().stepForward();
    expect(follower.getState().cursor).toBe(before + 1);
  });

  it('a follower whose own run is still being computed places the host’s newest cursor once that run is shown', async () => {
    const [hostEnd, followerEnd] = channelPair();
    const host = createLabStore();
    // The follower's runs come later, as from a worker.
    const later: SimClient = { run: (scenario) => new Promise((ok) => setTimeout(() => ok(mainThreadClient.run(scenario) as RunResult), 20)), cancel() {} };
    const follower = createLabStore(null, { sim: later });
    await new Promise((r) => setTimeout(r, 40));
    startHost(host, hostEnd);
    startFollower(follower, followerEnd);
    await settle();
    host.getState().choosePreset('reorder-in-flight');
    host.getState().setCursor(3);
    await settle();
    expect(follower.getState().runStatus.kind).toBe('running');
    host.getState().setCursor(6);
    await settle();
    await new Promise((r) => setTimeout(r, 60));
    expect(follower.getState().runStatus.kind).toBe('idle');
    expect(follower.getState().presetId).toBe('reorder-in-flight');
    expect(follower.getState().cursor).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { getPreset } from '../scenarios/presets';
import { runSimulation } from '../sim/run-simulation';
import { CHUNK_EVENTS, type RunReply, type RunRequest } from '../worker/protocol';
import { answerRun } from '../worker/answer-run';
import { createWorkerClient, type WorkerLike } from '../worker/sim-client';
import { noticeText } from '../i18n/notices';
import { createLabStore } from './create-lab-store';

/** A worker that answers only when the test says so, like a real one that takes its time. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<RunReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  requests: RunRequest[] = [];
  terminated = false;
  postMessage(message: RunRequest): void {
    this.requests.push(structuredClone(message));
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers a request the way sim.worker.ts does: the events in chunks, then the rest of the trace. */
  answer(request: RunRequest): void {
    answerRun(request, (reply: RunReply) => this.onmessage?.({ data: structuredClone(reply) } as MessageEvent<RunReply>));
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const sim = createWorkerClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const store = createLabStore(null, { sim });
  const current = () => workers[workers.length - 1]!;
  return { store, workers, current };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('runs in a worker', () => {
  it('starts with no events, then shows the first run when the worker answers', async () => {
    const { store, current } = setup();
    expect(store.getState().runStatus.kind).toBe('running');
    expect(store.getState().trace.events).toHaveLength(0);
    current().answer(current().requests[0]!);
    await flush();
    expect(store.getState().runStatus).toEqual({ kind: 'idle' });
    expect(store.getState().trace).toEqual(runSimulation(getPreset('lost-ack')!.scenario));
  });

  it('puts a long trace back together from its chunks', async () => {
    const { store, current } = setup();
    current().answer(current().requests[0]!);
    await flush();
    store.getState().setMessages(1000);
    const request = current().requests[1]!;
    const expected = runSimulation(request.scenario);
    expect(expected.events.length).toBeGreaterThan(CHUNK_EVENTS);
    current().answer(request);
    await flush();
    expect(store.getState().trace).toEqual(expected);
  });

  it('keeps the previous trace and the cursor while a run is computed; the newest request wins', async () => {
    const { store, current } = setup();
    current().answer(current().requests[0]!);
    await flush();
    const first = store.getState().trace;
    store.getState().setCursor(4);
    store.getState().setIdempotence(false);
    store.getState().setSeed(7);
    // The inputs change at once; the trace on screen is still the first run's.
    expect(store.getState().scenario.seed).toBe(7);
    expect(store.getState().scenario.producer['enable.idempotence']).toBe(false);
    expect(store.getState().trace).toBe(first);
    expect(store.getState().cursor).toBe(4);
    const [, older, newer] = current().requests;
    // The newer run comes back first, then the stale one: the stale one never replaces it.
    current().answer(newer!);
    await flush();
    const shown = store.getState().trace;
    expect(shown.scenario.seed).toBe(7);
    current().answer(older!);
    await flush();
    expect(store.getState().trace).toBe(shown);
    expect(store.getState().trace.scenario.seed).toBe(7);
    expect(store.getState().cursor).toBe(4);
    expect(store.getState().runStatus).toEqual({ kind: 'idle' });
  });

  it('cancel stops the worker, puts back the inputs of the run on screen and says so in both languages', async () => {
    const { store, workers, current } = setup();
    current().answer(current().requests[0]!);
    await flush();
    const before = store.getState();
    store.getState().setCursor(3);
    store.getState().setMessages(30000);
    store.getState().setSeed(9);
    expect(store.getState().runStatus.kind).toBe('running');
    const stopped = current();
    store.getState().cancelRun();
    expect(stopped.terminated).toBe(true);
    const s = store.getState();
    expect(s.runStatus).toEqual({ kind: 'idle' });
    expect(s.scenario).toBe(before.scenario);
    expect(s.presetId).toBe(before.presetId);
    expect(s.trace).toBe(before.trace);
    expect(s.cursor).toBe(3);
    expect(noticeText(s.notices, 'en')).toMatch(/cancelled/);
    expect(noticeText(s.notices, 'zh')).toMatch(/已取消运行/);
    // A late answer from the stopped worker changes nothing; the next run starts a fresh worker.
    await flush();
    expect(store.getState().trace).toBe(before.trace);
    store.getState().setIdempotence(false);
    expect(workers).toHaveLength(2);
    current().answer(current().requests[0]!);
    await flush();
    expect(store.getState().trace.scenario.producer['enable.idempotence']).toBe(false);
  });

  it('a worker that fails puts back the previous inputs and reports the error', async () => {
    const { store, current } = setup();
    current().answer(current().requests[0]!);
    await flush();
    const before = store.getState();
    store.getState().setSeed(5);
    current().onerror?.({ message: 'could not load', preventDefault() {} } as ErrorEvent);
    await flush();
    const s = store.getState();
    expect(s.runStatus).toEqual({ kind: 'error', message: 'could not load' });
    expect(s.scenario).toBe(before.scenario);
    expect(s.trace).toBe(before.trace);
  });

  it('a simulation that throws in the worker shows its message, as on the main thread', async () => {
    const { store, current } = setup();
    current().answer(current().requests[0]!);
    await flush();
    store.getState().setSeed(5);
    const req = current().requests[1]!;
    current().onmessage?.({ data: { id: req.id, type: 'error', message: 'boom' } } as MessageEvent<RunReply>);
    await flush();
    expect(store.getState().runError).toBe('boom');
    expect(store.getState().trace.events).toHaveLength(0);
    expect(store.getState().runStatus).toEqual({ kind: 'idle' });
  });
});

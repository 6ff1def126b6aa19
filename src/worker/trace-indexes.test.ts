import { describe, expect, it } from 'vitest';
import { buildLayout, layoutFor } from '../features/timeline/layout';
import { getPreset } from '../scenarios/presets';
import { checkTrace } from '../sim/trace/checker';
import { createInspector } from '../sim/trace/inspect';
import { inspectorFor, outcomeFor } from '../store/derived';
import { answerRun } from './answer-run';
import { CHUNK_EVENTS, type RunReply, type RunRequest } from './protocol';
import { createWorkerClient, type TraceReceiver, type WorkerLike } from './sim-client';
import { createTraceIndexer } from './trace-indexes';

/** A worker that answers every request at once, through structured clone, exactly as sim.worker.ts does. */
class InstantWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<RunReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  replies: RunReply['type'][] = [];
  postMessage(message: RunRequest): void {
    answerRun(structuredClone(message), (reply) => {
      this.replies.push(reply.type);
      this.onmessage?.({ data: structuredClone(reply) } as MessageEvent<RunReply>);
    });
  }
  terminate(): void {}
}

const base = getPreset('lost-ack')!.scenario;
const long = {
  ...base,
  producer: { ...base.producer, 'enable.idempotence': false },
  workload: { ...base.workload, messages: 600 },
  faults: { ...base.faults, rates: { ...base.faults.rates, loseRequest: 0.05, loseResponse: 0.1 } },
};

describe('indexing a trace as it arrives from the worker', () => {
  it('leaves the layout, the inspector and the verdict ready for the finished trace, equal to computing them at once', async () => {
    const worker = new InstantWorker();
    const pieces: number[] = [];
    const receive = (): TraceReceiver => {
      const inner = createTraceIndexer();
      return { events: (events, total) => (pieces.push(events.length), inner.events(events, total)), done: (t, o) => inner.done(t, o) };
    };
    const client = createWorkerClient(() => worker, { receive });
    const { trace } = await client.run(long);
    expect(trace.events.length).toBeGreaterThan(2 * CHUNK_EVENTS);
    expect(worker.replies.filter((r) => r === 'chunk').length).toBe(Math.ceil(trace.events.length / CHUNK_EVENTS) - 1);
    // Every event was indexed once, piece by piece, none of them bigger than a message.
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(trace.events.length);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(CHUNK_EVENTS);

    expect(layoutFor(trace)).toEqual(buildLayout(trace));
    expect(layoutFor(trace)).toBe(layoutFor(trace));
    const ins = inspectorFor(trace);
    const whole = createInspector(trace);
    for (let i = 0; i < trace.events.length; i += 97) {
      expect(ins.producerAt(i)).toBe(whole.producerAt(i));
      expect(ins.brokerAt(i)).toBe(whole.brokerAt(i));
      expect(ins.logLengthAt(i)).toBe(whole.logLengthAt(i));
    }
    const outcome = checkTrace(trace);
    expect(outcome.duplicates).toBeGreaterThan(0);
    expect(outcomeFor(trace)).toEqual(outcome);
  });

  it('primes exactly what the worker sent: the verdict is the one received, not computed again', () => {
    const indexer = createTraceIndexer();
    const trace = { version: 1 as const, scenario: base, events: [], log: [], configError: null, endT: 0, truncated: false };
    const received = { ...checkTrace(trace), explanation: 'from the worker' };
    indexer.done(trace, received);
    expect(outcomeFor(trace)).toBe(received);
  });

  it('a short trace in a single message is indexed too', async () => {
    const client = createWorkerClient(() => new InstantWorker(), { receive: createTraceIndexer });
    const { trace } = await client.run(base);
    expect(trace.events.length).toBeLessThan(CHUNK_EVENTS);
    expect(layoutFor(trace)).toEqual(buildLayout(trace));
  });
});

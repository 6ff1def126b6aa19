import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, test } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../run-simulation';
import { scenarioArb } from '../testing/arbitraries';
import { scenario } from '../testing/scenario';
import type { Trace } from '../trace/types';
import { batchMachine } from './batch.machine';
import { producerIdMachine } from './producer-id.machine';

/** Each child's path through its statechart, from its moves in the trace: state node ids, start first. */
function paths(trace: Trace, party: 'batch' | 'producerId'): Map<number, { event: string; source: string | null; target: string }[]> {
  const out = new Map<number, { event: string; source: string | null; target: string }[]>();
  for (const ev of trace.events) {
    for (const m of ev.moves ?? []) {
      if (m.party !== party) continue;
      if (!out.has(m.id)) out.set(m.id, []);
      out.get(m.id)!.push({ event: m.event, source: m.source, target: m.target });
    }
  }
  return out;
}

const withIdempotence = (id: string, on: boolean) => {
  const s = getPreset(id)!.scenario;
  return { ...s, producer: { ...s.producer, 'enable.idempotence': on } };
};

describe('the batch statechart', () => {
  test('from the accumulator to a final state, through XState', () => {
    const a = createActor(batchMachine).start();
    expect(a.getSnapshot().value).toBe('accumulating');
    for (const type of ['batch.sealed', 'batch.sent', 'batch.retry', 'backoff.over', 'batch.sent'] as const) a.send({ type });
    expect(a.getSnapshot().value).toBe('inFlight');
    a.send({ type: 'backoff.over' }); // not a transition of inFlight: ignored
    expect(a.getSnapshot().value).toBe('inFlight');
    a.send({ type: 'batch.acked' });
    expect(a.getSnapshot().status).toBe('done');
    expect(a.getSnapshot().value).toBe('acknowledged');
  });

  test('a batch can expire in the accumulator, but cannot fail before it was sent', () => {
    const open = createActor(batchMachine).start();
    open.send({ type: 'batch.failed' });
    expect(open.getSnapshot().value).toBe('accumulating');
    open.send({ type: 'batch.expired' });
    expect(open.getSnapshot().value).toBe('expired');
  });

  test('lost ack: the batch is retried, and its life is in the trace', () => {
    const trace = runSimulation(withIdempotence('lost-ack', true));
    expect(paths(trace, 'batch').get(1)!.map((m) => m.target)).toEqual([
      'batch.accumulating',
      'batch.ready',
      'batch.inFlight',
      'batch.backingOff',
      'batch.ready',
      'batch.inFlight',
      'batch.acknowledged',
    ]);
  });

  test('over many runs: every path is the machine’s own, and a batch ends as the application was told', () => {
    fc.assert(
      fc.property(scenarioArb({}), (s) => {
        const trace = runSimulation(s);
        const batches = paths(trace, 'batch');
        for (const [id, path] of batches) {
          // Replaying the recorded events through the machine visits the recorded states.
          const a = createActor(batchMachine).start();
          expect(path[0]).toEqual({ event: 'start', source: null, target: 'batch.accumulating' });
          for (const step of path.slice(1)) {
            expect(`batch.${String(a.getSnapshot().value)}`, `batch ${id}`).toBe(step.source);
            a.send({ type: step.event } as never);
            expect(`batch.${String(a.getSnapshot().value)}`, `batch ${id}`).toBe(step.target);
          }
        }
        for (const ev of trace.events) {
          if (ev.kind === 'delivery.ack') expect(batches.get(ev.batch)!.at(-1)!.target).toBe('batch.acknowledged');
          if (ev.kind === 'delivery.failed') expect(['batch.failed', 'batch.expired']).toContain(batches.get(ev.batch)!.at(-1)!.target);
        }
      }),
      { numRuns: 30, seed: 8 },
    );
  });
});

describe('the producer-id statechart at the broker', () => {
  test('unknown, known, expired, and known again (through XState)', () => {
    const a = createActor(producerIdMachine).start();
    expect(a.getSnapshot().value).toBe('unknown');
    a.send({ type: 'pid.expired' });
    expect(a.getSnapshot().value).toBe('unknown');
    a.send({ type: 'pid.appended', epoch: 0 });
    expect(a.getSnapshot()).toMatchObject({ value: 'known', context: { epoch: 0 } });
    a.send({ type: 'pid.appended', epoch: 1 });
    expect(a.getSnapshot()).toMatchObject({ value: 'known', context: { epoch: 1 } });
    a.send({ type: 'pid.expired' });
    expect(a.getSnapshot().value).toBe('expired');
    a.send({ type: 'pid.appended', epoch: 1 });
    expect(a.getSnapshot().value).toBe('known');
  });

  test('producer-id expiry: the id is known, expires, and the next batch makes it known again', () => {
    const trace = runSimulation(withIdempotence('producer-expiry', true));
    const path = paths(trace, 'producerId');
    expect([...path.keys()]).toEqual([1000]);
    expect(path.get(1000)!.map((m) => m.target)).toEqual(['producerId.unknown', 'producerId.known', 'producerId.expired', 'producerId.known']);
    const expired = trace.events.find((e) => e.moves?.some((m) => m.target === 'producerId.expired'))!;
    expect(expired.kind).toBe('producer.expired');
  });

  test('idempotence off: no producer id, no statechart for one', () => {
    expect(paths(runSimulation(withIdempotence('lost-ack', false)), 'producerId').size).toBe(0);
  });
});

describe('housekeeping jumps over idle time', () => {
  test('two messages 2^31 ms apart with a 1 ms expiration check: the id expires when it should, and the run ends', () => {
    const s = scenario({
      seed: 1,
      workload: { messages: 2, intervalMs: 2 ** 31 - 1 },
      broker: { 'producer.id.expiration.check.interval.ms': 1, 'producer.id.expiration.ms': 1000 },
    });
    const trace = runSimulation(s);
    const sent = trace.events.find((e) => e.kind === 'app.send')!;
    const appended = trace.events.find((e) => e.kind === 'broker.handled')!;
    expect(appended.t).toBeGreaterThan(sent.t);
    const expired = trace.events.filter((e) => e.kind === 'producer.expired');
    // Timed from the batch's timestamp (the record's CreateTime), not from the append (reference §4).
    expect(expired.map((e) => e.t)).toEqual([sent.t + 1000]);
    expect(trace.truncated).toBe(false);
  });

  test('a batch that reaches the broker late is timed from its CreateTime: its producer id expires sooner', () => {
    const s = scenario({
      seed: 1,
      // A second message much later keeps the run going past the expiry.
      workload: { messages: 2, intervalMs: 20000 },
      producer: { 'request.timeout.ms': 30000, 'delivery.timeout.ms': 120000 },
      broker: { 'producer.id.expiration.check.interval.ms': 10, 'producer.id.expiration.ms': 5000 },
      faults: { scripted: [{ kind: 'delay-request', message: 1, attempt: 1, delayMs: 4000 }] },
    });
    const trace = runSimulation(s);
    const sent = trace.events.find((e) => e.kind === 'app.send')!;
    const appended = trace.events.find((e) => e.kind === 'broker.handled')!;
    expect(appended.t).toBeGreaterThan(sent.t + 4000);
    const expired = trace.events.find((e) => e.kind === 'producer.expired')!;
    expect(expired.t).toBe(Math.ceil((sent.t + 5000) / 10) * 10);
    expect(expired.t).toBeLessThan(appended.t + 5000);
  });
});

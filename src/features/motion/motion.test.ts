import { describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import { createInspector } from '../../sim/trace/inspect';
import type { TraceEvent, TraceEventKind } from '../../sim/trace/types';
import { inspectorTarget, motionsFor, packetLabel } from './motion';

const lostAck = (idempotence: boolean) => {
  const preset = getPreset('lost-ack')!;
  return runSimulation({ ...preset.scenario, producer: { ...preset.scenario.producer, 'enable.idempotence': idempotence } });
};

describe('which motion an event gets', () => {
  const trace = lostAck(true);
  const first = <K extends TraceEventKind>(kind: K, pred: (e: Extract<TraceEvent, { kind: K }>) => boolean = () => true) =>
    trace.events.find((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind && pred(e as Extract<TraceEvent, { kind: K }>))!;

  it('a request leaves the producer, arrives at the broker, and its response comes back up', () => {
    expect(motionsFor(first('request.sent'))).toEqual(['send']);
    expect(motionsFor(first('response.received'))).toEqual(['travel-up']);
  });

  it('an arrival that is written grows the log; one recognised as a retry lights the cache', () => {
    expect(motionsFor(first('broker.handled', (e) => e.verdict === 'appended'))).toEqual(['travel-down', 'grow']);
    expect(motionsFor(first('broker.handled', (e) => e.verdict === 'duplicate'))).toEqual(['travel-down', 'cache-hit']);
    expect(motionsFor({ ...first('broker.handled'), verdict: 'OUT_OF_ORDER_SEQUENCE_NUMBER' })).toEqual(['travel-down']);
  });

  it('a lost packet drops, a lost request as well as a lost response', () => {
    expect(motionsFor(first('response.lost'))).toEqual(['drop']);
    const lost = getPreset('lost-request')!;
    const r = runSimulation(lost.scenario).events.find((e) => e.kind === 'request.lost');
    expect(r).toBeDefined();
    expect(motionsFor(r)).toEqual(['drop']);
  });

  it('events that are not a packet or a write do not move', () => {
    const still = trace.events.filter((e) => !['request.sent', 'request.lost', 'response.lost', 'response.received', 'broker.handled'].includes(e.kind));
    expect(still.length).toBeGreaterThan(5);
    for (const e of still) expect(motionsFor(e), e.kind).toEqual([]);
    expect(motionsFor(undefined)).toEqual([]);
  });

  it('labels a packet with its messages, sequence numbers and attempt', () => {
    expect(packetLabel(first('request.sent'))).toBe('m1 · seq 0');
    expect(packetLabel(first('request.sent', (e) => e.attempt === 2))).toBe('m1 · seq 0 · #2');
    expect(packetLabel({ ...first('request.sent'), messages: [2, 3, 4], baseSeq: 1, lastSeq: 3 })).toBe('m2–m4 · seq 1–3');
    // Without idempotence there is no sequence to show.
    expect(packetLabel(lostAck(false).events.find((e) => e.kind === 'request.sent')!)).toBe('m1');
    expect(packetLabel(first('producer.started'))).toBe('');
  });
});

describe('where the broker inspector lights up', () => {
  it('the rows a write added, and the dedup slot that recognised a retry', () => {
    const trace = lostAck(true);
    const ins = createInspector(trace);
    const write = trace.events.find((e) => e.kind === 'broker.handled' && e.verdict === 'appended')!;
    expect(inspectorTarget(write, ins.brokerAt(write.i))).toEqual({ rows: 1 });
    const dup = trace.events.find((e) => e.kind === 'broker.handled' && e.verdict === 'duplicate')!;
    expect(inspectorTarget(dup, ins.brokerAt(dup.i))).toEqual({ producer: 0, slot: 0 });
    expect(inspectorTarget(dup, null)).toBeNull();
    expect(inspectorTarget(trace.events[0], ins.brokerAt(0))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import { countAtOrBelow } from '../../sim/trace/sorted';
import { buildLifecycleIndex, subjectOf } from './lifecycle-index';

const lostAck = () => {
  const s = getPreset('lost-ack')!.scenario;
  return runSimulation({ ...s, producer: { ...s.producer, 'enable.idempotence': true } });
};

describe('countAtOrBelow', () => {
  it('counts the values ≤ x of an ascending list', () => {
    expect(countAtOrBelow([], 5)).toBe(0);
    expect(countAtOrBelow([1, 3, 3, 7], 0)).toBe(0);
    expect(countAtOrBelow([1, 3, 3, 7], 3)).toBe(3);
    expect(countAtOrBelow([1, 3, 3, 7], 9)).toBe(4);
  });
});

describe('the lifecycle index', () => {
  const trace = lostAck();
  const index = buildLifecycleIndex(trace);
  const step = (kind: string) => trace.events.findIndex((e) => e.kind === kind);

  it('knows which batches and producer ids exist at a step', () => {
    expect(index.startedBy('batch', 0, 50)).toEqual([]);
    expect(index.startedBy('batch', step('app.send'), 50)).toEqual([1]);
    expect(index.startedBy('batch', trace.events.length - 1, 50)).toEqual([1, 2, 3]);
    expect(index.startedBy('batch', trace.events.length - 1, 2)).toEqual([2, 3]);
    expect(index.startedBy('producerId', step('pid.assigned'), 50)).toEqual([1000]);
  });

  it('gives each one’s state at any step, and the next step it enters a state', () => {
    const retry = step('retry.scheduled');
    expect(index.at('batch', 1, retry - 1)?.target).toBe('batch.inFlight');
    expect(index.at('batch', 1, retry)).toMatchObject({ event: 'batch.retry', source: 'batch.inFlight', target: 'batch.backingOff' });
    expect(index.at('batch', 2, retry)).toBeNull();
    const acked = step('delivery.ack');
    expect(index.next('batch', 1, 'batch.acknowledged', retry)).toBe(acked);
    expect(index.next('batch', 1, 'batch.acknowledged', acked)).toBe(-1);
  });

  it('names the batch or producer id a step is about', () => {
    expect(subjectOf('batch', trace.events[step('retry.scheduled')])).toBe(1);
    expect(subjectOf('producerId', trace.events[step('broker.handled')])).toBe(1000);
    expect(subjectOf('batch', trace.events[0])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { getPreset } from '../../scenarios/presets';
import { runSimulation } from '../../sim/run-simulation';
import { mainThreadClient } from '../../store/main-thread-client';
import type { Trace } from '../../sim/trace/types';
import { compareSides, compareTraces, cursorAtTime, diffLogs, rankAtTime } from './compare';

describe('compare', () => {
  const scenario = getPreset('lost-ack')!.scenario;

  it('lost-ack: the off log has exactly one more record, and the extra one is message 1', () => {
    const current = runSimulation(scenario);
    const [off, on] = compareTraces(scenario, current, 'idempotence', mainThreadClient) as [Trace, Trace];
    expect(on).toBe(current);
    expect(off.scenario.producer['enable.idempotence']).toBe(false);
    expect(off.scenario.seed).toBe(scenario.seed);
    expect(off.scenario.faults).toEqual(scenario.faults);
    expect(off.log.length).toBe(on.log.length + 1);
    const diff = diffLogs(off.log, on.log);
    const extra = diff.notes[0].flatMap((n, i) => (n ? [{ n, r: off.log[i]! }] : []));
    expect(extra).toHaveLength(1);
    expect(extra[0]!.r.message).toBe(1);
    expect(extra[0]!.n).toBe(`extra record: message 1 again at offset ${extra[0]!.r.offset}`);
    expect(diff.notes[1].every((n) => n === null)).toBe(true);
    expect(diff.missing).toEqual([[], []]);
    // Memoised: the same scenario object gives the same traces.
    expect((compareTraces(scenario, current, 'idempotence', mainThreadClient) as [Trace, Trace])[0]).toBe(off);
  });

  it('reorder-in-flight: the off log is out of order', () => {
    const s = getPreset('reorder-in-flight')!.scenario;
    const [off, on] = compareSides(s, 'idempotence').map((side) => runSimulation(side.scenario));
    const diff = diffLogs(off!.log, on!.log);
    expect(diff.notes[0]).toContain('out of order: message 3 after message 4');
    expect(diff.notes[1].every((n) => n === null)).toBe(true);
  });

  it('new-producer-reorder: the on log is missing message 1', () => {
    const s = getPreset('new-producer-reorder')!.scenario;
    const [off, on] = compareSides(s, 'idempotence').map((side) => runSimulation(side.scenario));
    expect(diffLogs(off!.log, on!.log).missing[1]).toEqual([1]);
  });

  it('acks=1 vs all runs both sides, also when idempotence is set on (Kafka then turns it off for acks=1 by itself)', () => {
    for (const id of ['lost-ack', 'reorder-in-flight']) {
      const base = getPreset(id)!.scenario;
      for (const s of [base, { ...base, producer: { ...base.producer, 'enable.idempotence': true } }]) {
        const [one, all] = compareSides(s, 'acks').map((side) => runSimulation(side.scenario));
        for (const t of [one!, all!]) {
          expect(t.configError, `${id}: ${JSON.stringify(t.scenario.producer)}`).toBeNull();
          expect(t.events.some((e) => e.kind === 'request.sent')).toBe(true);
        }
        expect(one!.scenario.producer.acks).toBe('1');
        expect(all!.scenario.producer.acks).toBe('all');
        // the acks=1 side says why it runs without idempotence
        const started = one!.events.find((e) => e.kind === 'producer.started');
        expect(started?.kind === 'producer.started' && started.config).toEqual([{ id: 'idempotence-off-acks', acks: '1' }]);
        // and holds no error reply that acks=1 cannot produce
        expect(one!.events.some((e) => e.kind === 'broker.handled' && e.verdict === 'NOT_ENOUGH_REPLICAS')).toBe(false);
      }
    }
  });

  it('maps a cursor by virtual time', () => {
    const t = runSimulation(scenario);
    const last = t.events.length - 1;
    expect(cursorAtTime(t, -5)).toBe(0);
    expect(cursorAtTime(t, t.endT + 1000)).toBe(last);
    for (let i = 0; i < t.events.length; i++) expect(cursorAtTime(t, t.events[i]!.t, rankAtTime(t, i))).toBe(i);
  });
});

import { describe, expect, it } from 'vitest';
import { runSimulation } from '../sim/run-simulation';
import type { TraceEvent } from '../sim/trace/types';
import { stepCursor, stepScenario } from './steps';
import { TXN_LESSONS } from './txn-lessons';

/**
 * What would give each transactional question's answer away: while the question waits, none of these events may be
 * at or before the cursor (the timeline draws everything up to it). Null: the answer is worked out, not shown by an
 * event. Every question must be listed, so a new one gets its check.
 */
const GIVES_AWAY: Record<string, ((e: TraceEvent) => boolean) | null> = {
  // The coordinator's fence and its answer to the replacement.
  'txn-zombie-fencing/fence': (e) => (e.kind === 'txn.state' && (e.to === 'PrepareEpochFence' || e.epoch > 0)) || (e.kind === 'txn.handled' && e.error === 'CONCURRENT_TRANSACTIONS'),
  // Any sign of epoch 2.
  'txn-zombie-fencing/second-bump': (e) => (e.kind === 'txn.state' && e.epoch >= 2) || (e.kind === 'txn.handled' && (e.assigned?.epoch ?? 0) >= 2),
  'txn-zombie-fencing/zombie-fenced': (e) => 'error' in e && e.error === 'PRODUCER_FENCED',
  'txn-isolation-levels/committed-held': (e) => e.kind === 'reader.fetched' && e.isolation === 'read_committed',
  'txn-isolation-levels/committed-skips': (e) => e.kind === 'reader.fetched' && e.isolation === 'read_committed' && e.records.length > 0,
  'txn-consume-transform-produce/restart-position': (e) => e.kind === 'txn.response' && e.api === 'OffsetFetch' && e.instance === 2,
  'txn-markers-take-offsets/next-offset': (e) => (e.kind === 'txn.handled' && e.api === 'Produce' && e.txn === 2) || (e.kind === 'txn.marker' && e.offset > 2),
  'txn-markers-take-offsets/lag': null,
  'txn-hanging-lso/late-write': (e) => e.kind === 'txn.handled' && e.api === 'Produce' && e.instance === 1 && e.error === 'NONE',
  'txn-hanging-lso/leak': (e) => (e.kind === 'txn.marker' && e.result === 'COMMIT') || (e.kind === 'reader.fetched' && e.isolation === 'read_committed' && e.records.length > 0),
};

describe('transactional lessons: no question is answered on screen before it is revealed', () => {
  for (const lesson of TXN_LESSONS) {
    lesson.steps.forEach((step, k) => {
      if (!step.question) return;
      const key = `${lesson.id}/${step.id}`;
      it(key, () => {
        expect(Object.keys(GIVES_AWAY), 'every question has a check').toContain(key);
        const trace = runSimulation(stepScenario(lesson, k)!.scenario);
        const waiting = stepCursor(trace, step, true);
        const revealed = stepCursor(trace, step, false);
        expect(waiting).toBeGreaterThan(0);
        expect(revealed).toBe(waiting + 1);
        const givesAway = GIVES_AWAY[key];
        if (!givesAway) return;
        const shown = trace.events.slice(0, waiting + 1).filter(givesAway);
        expect(shown.map((e) => `#${e.i} ${e.kind}`)).toEqual([]);
        // The revealed step does show it, now or soon after: the question is about what happens next.
        expect(trace.events.slice(revealed).some(givesAway)).toBe(true);
      });
    });
  }
});

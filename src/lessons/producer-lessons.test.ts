import { describe, expect, it } from 'vitest';
import { runSimulation } from '../sim/run-simulation';
import type { TraceEvent } from '../sim/trace/types';
import { about } from './anchors';
import { CONSUMER_LESSONS } from './consumer-lessons';
import { LESSONS } from './lessons';
import { stepCursor, stepScenario } from './steps';
import { TXN_LESSONS } from './txn-lessons';

const handled = (message: number, attempt?: number) => (e: TraceEvent) => e.kind === 'broker.handled' && about(message, attempt)(e);

/**
 * What would give each producer-side question's answer away among the events drawn while it waits (everything up to
 * the cursor). Null: the question is about a rule, not about an event still to come. Every question must be listed,
 * so a new one gets its check.
 */
const GIVES_AWAY: Record<string, ((e: TraceEvent) => boolean) | null> = {
  // The producer's reaction to the lost ack: the retry.
  'lost-ack/ack-lost': (e) => (e.kind === 'retry.scheduled' && e.messages.includes(1)) || (e.kind === 'request.sent' && about(1, 2)(e)),
  'lost-ack/retry-written': handled(1, 2),
  'lost-ack/broker-recognises-retry': handled(1, 2),
  'lost-request/retry-first-write': handled(1, 2),
  'delayed-original/original-finally-arrives': handled(1, 1),
  'reorder-in-flight/message-4-overtakes-message-3': handled(4, 1),
  // Message 3 failing with the closed connection, or its request failing.
  'stalled-connection/one-timeout-closes-connection': (e) => (e.kind === 'connection.closed' && e.failed.length > 0) || (e.kind === 'request.failed' && about(3)(e)),
  'sequence-gap-epoch-bump/message-3-hits-gap': handled(3),
  'sequence-gap-epoch-bump/producer-bumps-epoch': (e) => e.kind === 'epoch.bumped',
  'beyond-dedup-window/stale-copy-falls-outside-window': handled(1, 1),
  'broker-restart/broker-restarts-from-snapshot': (e) => e.kind === 'broker.restarted',
  'broker-restart/crash-replays-log': (e) => e.kind === 'broker.restarted',
  'kafka-versions/kafka-2-4-resets-id': (e) => e.kind === 'pid.reset' || (e.kind === 'request.failed' && about(4)(e)),
  'producer-restart/new-producer-new-id': (e) => e.kind === 'pid.assigned' && e.instance === 2,
  'client-side-dedup/client-not-know': null,
  'client-side-dedup/same-symptom-request-lost': null,
  'new-producer-reorder/message-2-goes-first': handled(2, 1),
  'producer-expiry/retry-accepted-new': handled(1, 2),
};

const OTHERS = new Set([...CONSUMER_LESSONS, ...TXN_LESSONS].map((l) => l.id));

describe('producer-side lessons: no question is answered on screen before it is revealed', () => {
  for (const lesson of LESSONS.filter((l) => !OTHERS.has(l.id))) {
    lesson.steps.forEach((step, k) => {
      if (!step.question) return;
      const key = `${lesson.id}/${step.id}`;
      it(key, () => {
        expect(Object.keys(GIVES_AWAY), 'every question has a check').toContain(key);
        const givesAway = GIVES_AWAY[key];
        if (!givesAway) return;
        const trace = runSimulation(stepScenario(lesson, k)!.scenario);
        const waiting = stepCursor(trace, step, true);
        expect(waiting).toBeGreaterThan(0);
        expect(trace.events.slice(0, waiting + 1).filter(givesAway).map((e) => `#${e.i} ${e.kind}`)).toEqual([]);
        // Once revealed, the run goes on to show it: the question is about what happens next.
        expect(trace.events.some(givesAway)).toBe(true);
      });
    });
  }
});

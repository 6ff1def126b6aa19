import { about, end, first, last, nth } from './anchors';
import type { Lesson } from './types';
import { CONSUMER_LESSONS } from './consumer-lessons';
import { TXN_LESSONS } from './txn-lessons';

const OFF = { 'enable.idempotence': false } as const;
const ON = { 'enable.idempotence': true } as const;

/** Guided lessons, in teaching order. Every anchor is a predicate over the trace (see lessons.test.ts). */
export const LESSONS: readonly Lesson[] = [
  {
    id: 'lost-ack',
    title: 'Lost ack: idempotence off vs on',
    presetId: 'lost-ack',
    settings: OFF,
    steps: [
      {
        id: 'producer-sends-message-1',
        at: first('request.sent', about(1, 1)),
      },
      {
        id: 'broker-writes',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(1, 1)(e)),
      },
      {
        id: 'ack-lost',
        at: first('response.lost', about(1, 1)),
        question: { correct: 1 },
      },
      {
        id: 'retry-written',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(1, 2)(e)),
        question: { correct: 0 },
      },
      {
        id: 'idempotence-producer-id-first',
        at: first('pid.assigned'),
        settings: ON,
      },
      {
        id: 'same-ack-lost',
        at: first('response.lost', about(1, 1)),
        settings: ON,
      },
      {
        id: 'broker-recognises-retry',
        at: first('broker.handled', (e) => e.verdict === 'duplicate' && about(1, 2)(e)),
        settings: ON,
        question: { correct: 1 },
      },
      {
        id: 'exactly-once',
        at: end,
        settings: ON,
      },
    ],
  },
  {
    id: 'lost-request',
    title: 'Lost request: the retry is the only write',
    presetId: 'lost-request',
    settings: OFF,
    steps: [
      {
        id: 'request-lost',
        at: first('request.lost', (e) => e.cause === 'fault' && about(1, 1)(e)),
      },
      {
        id: 'producer-sees-same-symptom',
        at: first('request.failed', about(1, 1)),
      },
      {
        id: 'retry-first-write',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(1, 2)(e)),
        question: { correct: 1 },
      },
      {
        id: 'why-retries-need-idempotence',
        at: end,
      },
    ],
  },
  {
    id: 'delayed-original',
    title: 'A delayed original is overtaken by its retry',
    presetId: 'delayed-original',
    settings: OFF,
    steps: [
      {
        id: 'request-held-up',
        at: first('request.delayed', about(1, 1)),
      },
      {
        id: 'producer-gives-up-waiting',
        at: first('request.timeout', about(1, 1)),
      },
      {
        id: 'retry-overtakes-original',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(1, 2)(e)),
      },
      {
        id: 'original-finally-arrives',
        at: first('broker.handled', about(1, 1)),
        question: { correct: 0 },
      },
      {
        id: 'idempotence-recognised-duplicate',
        at: first('broker.handled', (e) => e.verdict === 'duplicate' && about(1, 1)(e)),
        settings: ON,
      },
    ],
  },
  {
    id: 'reorder-in-flight',
    title: 'Reordering with several requests in flight',
    presetId: 'reorder-in-flight',
    settings: OFF,
    steps: [
      {
        id: 'four-requests-flight',
        at: nth(4, 'request.sent'),
      },
      {
        id: 'message-3-refused',
        at: first('broker.handled', (e) => e.verdict === 'NOT_ENOUGH_REPLICAS' && about(3, 1)(e)),
      },
      {
        id: 'message-4-overtakes-message-3',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(4, 1)(e)),
        question: { correct: 0 },
      },
      {
        id: 'idempotence-gap-detected',
        at: first('broker.handled', (e) => e.verdict === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && about(4, 1)(e)),
        settings: ON,
      },
      {
        id: 'retry-without-epoch-bump',
        at: first('retry.scheduled', (e) => e.messages.includes(4) && e.reason === 'OUT_OF_ORDER_SEQUENCE_NUMBER'),
        settings: ON,
      },
      {
        id: 'order-kept',
        at: end,
        settings: ON,
      },
    ],
  },
  {
    id: 'stalled-connection',
    title: 'A stalled connection fails every in-flight request',
    presetId: 'stalled-connection',
    settings: OFF,
    steps: [
      {
        id: 'link-stalls',
        at: first('link.stalled'),
      },
      {
        id: 'one-timeout-closes-connection',
        at: first('connection.closed', (e) => e.reason === 'request-timeout'),
        question: { correct: 1 },
      },
      {
        id: 'both-are-retried',
        at: last('broker.handled', (e) => about(2, 2)(e)),
      },
      {
        id: 'idempotence-both-recognised',
        at: last('broker.handled', (e) => e.verdict === 'duplicate' && about(3, 2)(e)),
        settings: ON,
      },
    ],
  },
  {
    id: 'sequence-gap-epoch-bump',
    title: 'A sequence gap makes the producer bump its epoch',
    presetId: 'sequence-gap-epoch-bump',
    settings: ON,
    steps: [
      {
        id: 'message-2-keeps-getting-lost',
        at: first('request.lost', (e) => e.cause === 'fault' && about(2, 1)(e)),
      },
      {
        id: 'delivery-timeout-ms-runs-out',
        at: first('delivery.failed', (e) => e.messages.includes(2)),
      },
      {
        id: 'message-3-hits-gap',
        at: first('broker.handled', (e) => e.verdict === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && about(3)(e)),
        question: { correct: 1 },
      },
      {
        id: 'producer-bumps-epoch',
        at: first('epoch.bumped'),
        question: { correct: 1 },
      },
      {
        id: 'new-epoch-starts-sequence-0',
        at: first('broker.handled', (e) => e.verdict === 'appended' && e.epoch > 0),
      },
    ],
  },
  {
    id: 'beyond-dedup-window',
    title: 'OUT_OF_ORDER_SEQUENCE_NUMBER, not “duplicate”',
    presetId: 'beyond-dedup-window',
    settings: ON,
    steps: [
      {
        id: 'original-held-3-s',
        at: first('request.delayed', about(1, 1)),
      },
      {
        id: 'messages-1-8-are-written',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(8)(e)),
      },
      {
        id: 'stale-copy-falls-outside-window',
        at: first('broker.handled', (e) => e.verdict === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && about(1, 1)(e)),
        question: { correct: 1 },
      },
      {
        id: 'idempotence-off-duplicate-beyond-window',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(1, 1)(e)),
        settings: OFF,
      },
      {
        id: 'why-at-most-5-in-flight',
        at: first('config.error'),
        settings: { ...ON, 'max.in.flight.requests.per.connection': 6 },
      },
    ],
  },
  {
    id: 'broker-restart',
    title: 'A clean broker restart shrinks the dedup window; a crash does not',
    presetId: 'broker-restart',
    settings: ON,
    steps: [
      {
        id: 'acks-are-held-up',
        at: first('link.stalled'),
      },
      {
        id: 'broker-restarts-from-snapshot',
        at: first('broker.restarted'),
        question: { correct: 1 },
      },
      {
        id: 'retry-message-4-not-recognised',
        at: first('broker.handled', (e) => e.verdict === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && about(4)(e)),
      },
      {
        id: 'producer-bumps-epoch',
        at: first('epoch.bumped'),
      },
      {
        id: 'duplicates-even-idempotence',
        at: last('broker.handled', (e) => e.verdict === 'appended' && about(5)(e)),
      },
      {
        id: 'crash-replays-log',
        presetId: 'broker-crash',
        at: first('broker.restarted'),
        question: { correct: 0 },
      },
      {
        id: 'crash-retry-recognised',
        presetId: 'broker-crash',
        at: first('broker.handled', (e) => e.verdict === 'duplicate' && about(4)(e)),
      },
    ],
  },
  {
    id: 'kafka-versions',
    title: 'One clean restart across Kafka versions',
    presetId: 'broker-restart',
    settings: ON,
    steps: [
      {
        id: 'today-bump-duplicates',
        kafkaVersion: '4.0',
        at: first('epoch.bumped'),
      },
      {
        id: 'kafka-2-4-resets-id',
        kafkaVersion: '2.4',
        // The producer's reaction to the error (message 4 fails), not the reset after it: the failure gives it away.
        at: first('request.failed', about(4)),
        question: { correct: 1 },
      },
      {
        id: 'kafka-1-0-duplicate-sequence',
        kafkaVersion: '1.0.0',
        at: first('broker.handled', (e) => e.verdict === 'DUPLICATE_SEQUENCE_NUMBER'),
      },
      {
        id: 'kafka-0-11-one-in-flight',
        kafkaVersion: '0.11',
        settings: { 'max.in.flight.requests.per.connection': 1 },
        at: first('broker.handled', (e) => e.verdict === 'duplicate' && about(4)(e)),
      },
    ],
  },
  {
    id: 'producer-restart',
    title: 'Producer restart without a transactional.id',
    presetId: 'producer-restart',
    settings: ON,
    steps: [
      {
        id: 'message-1-written-ack-slow',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(1, 1)(e)),
      },
      {
        id: 'application-crashes',
        at: first('producer.crashed'),
      },
      {
        id: 'new-producer-new-id',
        at: nth(2, 'pid.assigned'),
        question: { correct: 1 },
      },
      {
        id: 'message-1-written-twice',
        at: nth(2, 'broker.handled', (e) => e.verdict === 'appended' && about(1)(e)),
      },
    ],
  },
  {
    id: 'client-side-dedup',
    title: 'Why a client-side “sent ids” set cannot fix a lost ack',
    presetId: 'lost-ack',
    settings: OFF,
    steps: [
      {
        id: 'client-not-know',
        at: first('response.lost', about(1, 1)),
        question: { correct: 1 },
      },
      {
        id: 'same-symptom-request-lost',
        at: first('request.lost', (e) => e.cause === 'fault' && about(1, 1)(e)),
        presetId: 'lost-request',
        question: { correct: 1 },
      },
      {
        id: 'keeping-retry-means-duplicate',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(1, 2)(e)),
      },
    ],
  },
  {
    id: 'new-producer-reorder',
    title: 'A brand-new producer id can lose a message (KAFKA-15591)',
    presetId: 'new-producer-reorder',
    settings: ON,
    steps: [
      {
        id: 'message-1-refused',
        at: first('broker.handled', (e) => e.verdict === 'NOT_ENOUGH_REPLICAS' && about(1, 1)(e)),
      },
      {
        id: 'message-2-goes-first',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(2, 1)(e)),
        question: { correct: 1 },
      },
      {
        id: 'message-1-lost-idempotence',
        at: first('delivery.failed', (e) => e.messages.includes(1)),
      },
    ],
  },
  {
    id: 'producer-expiry',
    title: 'Producer state expires during a retry',
    presetId: 'producer-expiry',
    settings: ON,
    steps: [
      {
        id: 'ack-stuck',
        at: first('link.stalled'),
      },
      {
        id: 'broker-forgets-producer',
        at: first('producer.expired'),
      },
      {
        id: 'retry-accepted-new',
        at: first('broker.handled', (e) => e.verdict === 'appended' && about(1, 2)(e)),
        question: { correct: 1 },
      },
    ],
  },
  // The consumer side's lessons (consumer-lessons.ts), after the producer's.
  ...CONSUMER_LESSONS,
  ...TXN_LESSONS,
];

export function getLesson(id: string | null | undefined): Lesson | undefined {
  return id ? LESSONS.find((l) => l.id === id) : undefined;
}

import { testRef } from '../sim/testing/request-ref';
import type { Outcome } from '../sim/trace/outcome-types';
import type { BrokerSnapshot, ProducerSnapshot, RequestRef, Trace, TraceEvent } from '../sim/trace/types';
import { getPreset, PRESETS } from '../scenarios/presets';

/**
 * A hand-written "lost ack" run with idempotence on: message 1 is written, its response is lost, the retry is
 * recognised as a duplicate and answered with the original offset. Follows the trace contract exactly.
 */

const producer = (over: Partial<ProducerSnapshot>): ProducerSnapshot => ({
  instance: 1,
  idempotent: true,
  pid: 1000,
  epoch: 0,
  nextSeq: 0,
  lastAckedSeq: -1,
  unresolvedSeq: -1,
  inFlight: [],
  queued: 0,
  openRequests: 0,
  connection: 1,
  ...over,
});

const broker = (batches: { firstSeq: number; lastSeq: number; firstOffset: number; t: number }[], logEndOffset: number): BrokerSnapshot => ({
  up: true,
  down: null,
  logEndOffset,
  snapshotOffset: 0,
  producers: batches.length ? [{ pid: 1000, epoch: 0, batches, lastTimestamp: batches[batches.length - 1]!.t }] : [],
});

const ref = (req: number, batch: number, message: number, attempt: number, seq: number): RequestRef =>
  testRef(message, { req, batch, attempt, baseSeq: seq, lastSeq: seq });

const b1 = { firstSeq: 0, lastSeq: 0, firstOffset: 0, t: 20 };
const b2 = { firstSeq: 1, lastSeq: 1, firstOffset: 1, t: 60 };

type NoIndex<T> = T extends unknown ? Omit<T, 'i'> : never;

const raw: NoIndex<TraceEvent>[] = [
  { kind: 'pid.requested', t: 0, lane: 'producer', instance: 1 },
  { kind: 'pid.assigned', t: 6, lane: 'producer', pid: 1000, epoch: 0, instance: 1, producer: producer({}) },
  { kind: 'connection.opened', t: 6, lane: 'network', connection: 1 },
  { kind: 'app.send', t: 6, lane: 'producer', message: 1, instance: 1, resend: false },
  { kind: 'batch.created', t: 6, lane: 'producer', batch: 1, messages: [1] },
  {
    kind: 'request.sent',
    t: 11,
    lane: 'producer',
    ...ref(1, 1, 1, 1, 0),
    producer: producer({ nextSeq: 1, inFlight: [{ batch: 1, messages: [1], baseSeq: 0, epoch: 0, attempts: 1, state: 'in-flight' }], openRequests: 1 }),
  },
  { kind: 'broker.handled', t: 20, lane: 'broker', ...ref(1, 1, 1, 1, 0), verdict: 'appended', offset: 0, rule: { id: 'unknown-producer', pid: 1000 }, deadSocket: false, noResponse: false, broker: broker([b1], 1) },
  { kind: 'response.lost', t: 20, lane: 'network', cause: 'fault', ...ref(1, 1, 1, 1, 0) },
  { kind: 'app.send', t: 46, lane: 'producer', message: 2, instance: 1, resend: false },
  {
    kind: 'request.sent',
    t: 51,
    lane: 'producer',
    ...ref(2, 2, 2, 1, 1),
    producer: producer({
      nextSeq: 2,
      inFlight: [
        { batch: 1, messages: [1], baseSeq: 0, epoch: 0, attempts: 1, state: 'in-flight' },
        { batch: 2, messages: [2], baseSeq: 1, epoch: 0, attempts: 1, state: 'in-flight' },
      ],
      openRequests: 2,
    }),
  },
  { kind: 'broker.handled', t: 60, lane: 'broker', ...ref(2, 2, 2, 1, 1), verdict: 'appended', offset: 1, rule: { id: 'in-sequence', baseSeq: 1, lastWritten: 0 }, deadSocket: false, noResponse: false, broker: broker([b1, b2], 2) },
  { kind: 'response.received', t: 70, lane: 'producer', ...ref(2, 2, 2, 1, 1), error: 'NONE', offset: 1 },
  {
    kind: 'delivery.ack',
    t: 70,
    lane: 'producer',
    batch: 2,
    messages: [2],
    offset: 1,
    instance: 1,
    producer: producer({ nextSeq: 2, lastAckedSeq: 1, inFlight: [{ batch: 1, messages: [1], baseSeq: 0, epoch: 0, attempts: 1, state: 'in-flight' }], openRequests: 1 }),
  },
  { kind: 'request.timeout', t: 1011, lane: 'producer', ...ref(1, 1, 1, 1, 0), timeoutMs: 1000 },
  {
    kind: 'retry.scheduled',
    t: 1011,
    lane: 'producer',
    batch: 1,
    messages: [1],
    attempt: 2,
    backoffMs: 100,
    reason: 'REQUEST_TIMED_OUT',
    bump: false,
    producer: producer({ nextSeq: 2, lastAckedSeq: 1, unresolvedSeq: 0, inFlight: [{ batch: 1, messages: [1], baseSeq: 0, epoch: 0, attempts: 1, state: 'backoff' }] }),
  },
  {
    kind: 'request.sent',
    t: 1111,
    lane: 'producer',
    ...ref(3, 1, 1, 2, 0),
    producer: producer({ nextSeq: 2, lastAckedSeq: 1, unresolvedSeq: 0, inFlight: [{ batch: 1, messages: [1], baseSeq: 0, epoch: 0, attempts: 2, state: 'in-flight' }], openRequests: 1 }),
  },
  { kind: 'broker.handled', t: 1120, lane: 'broker', ...ref(3, 1, 1, 2, 0), verdict: 'duplicate', offset: 0, rule: { id: 'duplicate-in-cache', baseSeq: 0, lastSeq: 0, epoch: 0, retained: 5, originalOffset: 0 }, deadSocket: false, noResponse: false },
  { kind: 'response.received', t: 1130, lane: 'producer', ...ref(3, 1, 1, 2, 0), error: 'NONE', offset: 0 },
  { kind: 'delivery.ack', t: 1130, lane: 'producer', batch: 1, messages: [1], offset: 0, instance: 1, producer: producer({ nextSeq: 2, lastAckedSeq: 1 }) },
];

export function makeFixtureTrace(): Trace {
  const base = getPreset('lost-ack')?.scenario ?? PRESETS[0]!.scenario;
  const events = raw.map((e, i) => ({ ...e, i }) as TraceEvent);
  return {
    version: 1,
    scenario: base,
    events,
    log: [
      { offset: 0, message: 1, pid: 1000, epoch: 0, seq: 0, event: 6, t: 20 },
      { offset: 1, message: 2, pid: 1000, epoch: 0, seq: 1, event: 10, t: 60 },
    ],
    configError: null,
    endT: 1130,
    truncated: false,
  };
}

/** The same story with idempotence off: the retry is written again at offset 2. */
export function makeDuplicateFixtureTrace(): Trace {
  const t = makeFixtureTrace();
  const events = t.events.map((ev) => {
    if (ev.kind === 'broker.handled' && ev.i === 16) {
      return { ...ev, verdict: 'appended' as const, offset: 2, rule: { id: 'no-producer-id' as const } };
    }
    return ev;
  });
  return {
    ...t,
    events,
    log: [...t.log, { offset: 2, message: 1, pid: -1, epoch: -1, seq: -1, event: 16, t: 1120 }],
  };
}

export const fixtureOutcome: Outcome = {
  duplicates: 1,
  lost: 0,
  reordered: 0,
  exactlyOnce: false,
  inOrder: false,
  sent: 2,
  written: 3,
  acknowledged: 2,
  anomalies: [
    {
      kind: 'duplicate',
      message: 1,
      offsets: [0, 2],
      events: [6, 16],
      cause: 'duplicate-retry',
      params: { copies: 2, first: { t: 20, i: 6 }, retry: null, attempt: 2, accepted: { kind: 'no-producer-id' } },
    },
  ],
  summary: { configError: null, recognisedRetries: 0, truncated: false },
};

/** A trace with `n` simple request/response pairs, for windowing and culling tests. */
export function makeLongTrace(n: number): Trace {
  const base = makeFixtureTrace();
  const events: TraceEvent[] = [];
  const log: Trace['log'] = [];
  for (let m = 1; m <= n; m++) {
    const t = m * 10;
    const r = ref(m, m, m, 1, m - 1);
    events.push({ kind: 'request.sent', t, lane: 'producer', i: events.length, ...r });
    const handled = events.length;
    events.push({ kind: 'broker.handled', t: t + 4, lane: 'broker', i: handled, ...r, verdict: 'appended', offset: m - 1, rule: { id: 'in-sequence', baseSeq: m - 1, lastWritten: m - 2 }, deadSocket: false, noResponse: false });
    log.push({ offset: m - 1, message: m, pid: 1000, epoch: 0, seq: m - 1, event: handled, t: t + 4 });
    events.push({ kind: 'response.received', t: t + 8, lane: 'producer', i: events.length, ...r, error: 'NONE', offset: m - 1 });
  }
  return { ...base, events, log, endT: n * 10 + 8 };
}

import type { EventOf } from '../sim/trace/types';
import { end, first, last } from './anchors';
import type { Lesson } from './types';

const committedReader = (e: EventOf<'reader.fetched'>) => e.isolation === 'read_committed';
const uncommittedReader = (e: EventOf<'reader.fetched'>) => e.isolation === 'read_uncommitted';

/** Kafka transactions: exactly-once across consume-transform-produce, and where it stops. */
export const TXN_LESSONS: readonly Lesson[] = [
  {
    id: 'txn-zombie-fencing',
    title: 'Transactions: fencing a zombie',
    presetId: 'txn-zombie-fencing',
    settings: {},
    steps: [
      {
        id: 'stall',
        at: first('txn.app.paused'),
      },
      {
        id: 'fence',
        // The coordinator's decision (the fence), not its answer: the question waits before anything shows it.
        at: first('txn.state', (e) => e.to === 'PrepareEpochFence'),
        question: { correct: 0 },
      },
      {
        id: 'second-bump',
        // The bump written to __transaction_state, before the answer that carries it.
        at: first('txn.state', (e) => e.rule?.id === 'txn-epoch-bumped'),
        question: { correct: 1 },
      },
      {
        id: 'zombie-wakes',
        at: first('txn.app.resumed'),
      },
      {
        id: 'zombie-fenced',
        // The coordinator's refusal, before the zombie receives it.
        at: first('txn.handled', (e) => e.instance === 1 && e.error === 'PRODUCER_FENCED'),
        question: { correct: 0 },
      },
      {
        id: 'read-committed-once',
        at: end,
      },
    ],
  },
  {
    id: 'txn-isolation-levels',
    title: 'Transactions: what each isolation level sees after an abort',
    presetId: 'txn-abort-read-committed',
    settings: {},
    steps: [
      {
        id: 'written-open',
        at: first('txn.handled', (e) => e.api === 'Produce' && e.error === 'NONE'),
      },
      {
        id: 'committed-held',
        at: first('reader.fetched', (e) => committedReader(e) && e.records.length === 0 && e.next < e.hw),
        question: { correct: 0 },
      },
      {
        id: 'uncommitted-sees',
        at: first('reader.fetched', (e) => uncommittedReader(e) && e.records.length > 0),
      },
      {
        id: 'abort-marker',
        at: first('txn.marker', (e) => e.result === 'ABORT'),
      },
      {
        id: 'committed-skips',
        at: first('reader.fetched', (e) => committedReader(e) && e.records.length > 0),
        question: { correct: 0 },
      },
      {
        id: 'same-position',
        at: end,
      },
    ],
  },
  {
    id: 'txn-consume-transform-produce',
    title: 'Transactions: consume-transform-produce survives a crash',
    presetId: 'txn-consume-transform-produce-crash',
    settings: {},
    steps: [
      {
        id: 'offsets-pending',
        at: first('txn.handled', (e) => e.api === 'TxnOffsetCommit'),
      },
      {
        id: 'crash',
        at: first('txn.app.crashed'),
      },
      {
        id: 'fenced-abort',
        at: first('txn.marker', (e) => e.partition === '__consumer_offsets-0' && e.result === 'ABORT'),
      },
      {
        id: 'restart-position',
        at: first('txn.response', (e) => e.api === 'OffsetFetch' && e.instance === 2),
        question: { correct: 0 },
      },
      {
        id: 'once',
        at: last('reader.fetched', committedReader),
      },
    ],
  },
  {
    id: 'txn-markers-take-offsets',
    title: 'Transactions: why offsets skip and lag stays at one',
    presetId: 'txn-markers-take-offsets',
    settings: {},
    steps: [
      {
        id: 'first-marker',
        at: first('txn.marker', (e) => e.partition === 'output-0'),
      },
      {
        id: 'next-offset',
        at: first('txn.handled', (e) => e.api === 'Produce' && e.txn === 2),
        question: { correct: 0 },
      },
      {
        id: 'never-returned',
        at: last('reader.fetched', committedReader),
      },
      {
        id: 'lag',
        at: end,
        question: { correct: 0 },
      },
    ],
  },
  {
    id: 'txn-hanging-lso',
    title: 'Transactions: a hanging transaction holds the LSO',
    presetId: 'txn-hanging-lso',
    settings: {},
    steps: [
      {
        id: 'gives-up',
        at: first('txn.client.error', (e) => e.error === 'TIMEOUT'),
      },
      {
        id: 'aborted',
        at: first('txn.marker', (e) => e.result === 'ABORT'),
      },
      {
        id: 'late-write',
        at: first('txn.handled', (e) => e.api === 'Produce' && e.instance === 1),
        question: { correct: 0 },
      },
      {
        id: 'stuck',
        at: first('reader.fetched', (e) => committedReader(e) && e.records.length === 0),
      },
      {
        id: 'leak',
        // The first COMMIT marker: the question waits before any of them is written.
        at: first('txn.marker', (e) => e.result === 'COMMIT'),
        question: { correct: 0 },
      },
      {
        id: 'tv2-fenced',
        kafkaVersion: '4.0',
        at: first('txn.handled', (e) => e.api === 'Produce' && e.instance === 1 && e.error === 'INVALID_PRODUCER_EPOCH'),
      },
    ],
  },
];

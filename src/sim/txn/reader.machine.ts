import { setup } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import type { IsolationLevel } from '../protocol/txn-rules';
import type { ReaderId } from '../trace/types';
import { txnStep, type TxnStep } from './txn-effects';
import { PARTITIONS_ID, type FetchAnswer } from './partitions.machine';

export type ReaderEvent = { type: 'poll' } | { type: 'fetch.response'; results: FetchAnswer[] };
type Fact = { type: 'to.idle' | 'to.fetching' };

export interface ReaderInput {
  clock: SimClock;
  id: ReaderId;
  isolation: IsolationLevel;
  partitions: string[];
  latencyMs: number;
}

interface ReaderModel {
  id: ReaderId;
  isolation: IsolationLevel;
  latencyMs: number;
  /** Position per partition: past everything read, markers and skipped aborted records included. */
  positions: Record<string, number>;
  fetching: boolean;
  /** A poll came while a fetch was out: fetch again when it returns. */
  again: boolean;
}

function fetch(m: ReaderModel, s: TxnStep): ReaderModel {
  s.send(
    PARTITIONS_ID,
    { type: 'Fetch', ref: null, reader: m.id, partitions: Object.entries(m.positions).map(([partition, from]) => ({ partition, from })), isolation: m.isolation, max: Number.MAX_SAFE_INTEGER, replyTo: m.id },
    m.latencyMs,
  );
  s.fact('to.fetching');
  return { ...m, fetching: true, again: false };
}

/**
 * A downstream consumer of the output topic (assign(), no group, reading from the start) with its isolation.level:
 * read_uncommitted returns every data record up to the high watermark; read_committed stops at the last stable
 * offset and skips aborted transactions. It fetches whenever the output partitions change. Neither ever sees a marker.
 */
export const readerMachine = setup({
  types: { context: {} as { m: ReaderModel; clock: SimClock }, events: {} as ReaderEvent | Fact, input: {} as ReaderInput },
  actions: {
    poll: txnStep<ReaderModel, ReaderEvent | Fact>((m, e, s) => (e.type !== 'poll' ? m : m.fetching ? { ...m, again: true } : fetch(m, s))),
    fetched: txnStep<ReaderModel, ReaderEvent | Fact>((m, e, s) => {
      if (e.type !== 'fetch.response') return m;
      const positions = { ...m.positions };
      for (const r of e.results) {
        positions[r.partition] = r.next;
        // Recorded when it returned something, moved (over markers), or was held back by an open transaction.
        if (r.records.length > 0 || r.next !== r.from || r.next < r.hw) {
          s.record({ kind: 'reader.fetched', lane: m.id, reader: m.id, isolation: m.isolation, partition: r.partition, from: r.from, next: r.next, bound: r.bound, hw: r.hw, records: r.records });
        }
      }
      const after = { ...m, positions, fetching: false };
      if (m.again) return fetch(after, s);
      s.fact('to.idle');
      return after;
    }),
  },
}).createMachine({
  id: 'reader',
  context: ({ input }) => ({
    m: { id: input.id, isolation: input.isolation, latencyMs: input.latencyMs, positions: Object.fromEntries(input.partitions.map((p) => [p, 0])), fetching: false, again: false },
    clock: input.clock,
  }),
  initial: 'idle',
  on: { poll: { actions: 'poll' }, 'fetch.response': { actions: 'fetched' }, 'to.idle': '.idle', 'to.fetching': '.fetching' },
  states: {
    idle: { description: 'has read what its isolation level lets it read; fetches again when the output changes' },
    fetching: { description: 'a Fetch of every output partition is out, from its positions' },
  },
});

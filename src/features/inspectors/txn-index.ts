import type { PartitionRecord, TxnState } from '../../sim/protocol/txn-rules';
import type { Trace } from '../../sim/trace/types';

/**
 * What a transactional run's inspector shows at the cursor, read from the trace: each partition's records written
 * so far (the trace's final partitions, each record kept from the step that wrote it), with the markers that ended
 * their transactions, and the coordinator's last recorded state. Nothing is decided here that the trace did not
 * record: a record's fate is the marker its producer wrote after it on that partition.
 */

/** A record's fate at the cursor: in a committed or aborted transaction, still open, or not transactional. */
export type RecordStatus = 'committed' | 'aborted' | 'open' | 'plain';

export interface RecordAt {
  record: PartitionRecord;
  status: RecordStatus;
  /** The step that wrote it (-1 if the trace does not say). */
  event: number;
}

export interface PartitionAt {
  id: string;
  records: RecordAt[];
  /** Log end offset and last stable offset at the cursor. */
  leo: number;
  lso: number;
  /** Transactions open on the partition at the cursor: the producer id and its first offset here. */
  open: { pid: number; first: number }[];
}

export interface CoordinatorAt {
  transactionalId: string;
  state: TxnState;
  pid: number;
  epoch: number;
  partitions: string[];
  /** The step that recorded it. */
  event: number;
}

export interface TxnIndex {
  partitionsAt(cursor: number): PartitionAt[];
  coordinatorAt(cursor: number): CoordinatorAt | null;
}

const key = (partition: string, offset: number) => `${partition}@${offset}`;

/** Builds the index in one pass over the events; each look-up is a pass over the partitions' records. */
export function buildTxnIndex(trace: Trace): TxnIndex {
  const writtenAt = new Map<string, number>();
  const batches = new Map<number, Map<string, number>>();
  const states: CoordinatorAt[] = [];
  for (const ev of trace.events) {
    switch (ev.kind) {
      case 'input.appended':
      case 'txn.marker':
        if (ev.kind === 'input.appended' || ev.error === 'NONE') writtenAt.set(key(ev.partition, ev.offset), ev.i);
        break;
      case 'txn.request':
        if (ev.batches) batches.set(ev.req, new Map(ev.batches.map((b) => [b.partition, b.messages.length])));
        break;
      case 'txn.handled':
        for (const r of ev.results ?? []) {
          if (r.error !== 'NONE' || r.duplicate || r.offset < 0) continue;
          const n = batches.get(ev.req)?.get(r.partition) ?? 1;
          for (let k = 0; k < n; k++) writtenAt.set(key(r.partition, r.offset + k), ev.i);
        }
        break;
      case 'txn.state':
        if (ev.logOffset >= 0) writtenAt.set(key('__transaction_state-0', ev.logOffset), ev.i);
        states.push({ transactionalId: ev.transactionalId, state: ev.to, pid: ev.pid, epoch: ev.epoch, partitions: ev.partitions, event: ev.i });
        break;
      default:
    }
  }
  const timeOf = (i: number) => trace.events[i]?.t ?? 0;
  return {
    partitionsAt(cursor) {
      const now = timeOf(cursor);
      return (trace.partitions ?? []).map((p) => {
        const records: RecordAt[] = [];
        for (const r of p.records) {
          const event = writtenAt.get(key(p.id, r.offset)) ?? -1;
          // A record no step claims is placed by its time.
          if (event >= 0 ? event > cursor : r.t > now) continue;
          records.push({ record: r, status: r.transactional ? 'open' : 'plain', event });
        }
        // Each marker settles the records its producer wrote here since its transaction opened.
        const pending = new Map<number, RecordAt[]>();
        for (const at of records) {
          const r = at.record;
          if (r.kind === 'control') {
            for (const w of pending.get(r.pid) ?? []) w.status = r.control === 'ABORT' ? 'aborted' : 'committed';
            pending.delete(r.pid);
            at.status = 'plain';
          } else if (r.transactional) {
            const list = pending.get(r.pid);
            if (list) list.push(at);
            else pending.set(r.pid, [at]);
          }
        }
        const open = [...pending].map(([pid, list]) => ({ pid, first: list[0]!.record.offset })).sort((a, b) => a.first - b.first);
        const leo = records.length ? records[records.length - 1]!.record.offset + 1 : 0;
        return { id: p.id, records, leo, lso: open.length ? open[0]!.first : leo, open };
      });
    },
    coordinatorAt(cursor) {
      let found: CoordinatorAt | null = null;
      for (const s of states) {
        if (s.event > cursor) break;
        found = s;
      }
      return found;
    },
  };
}

const cache = new WeakMap<Trace, TxnIndex>();

/** The index of a transactional trace, built once. */
export function txnIndexFor(trace: Trace): TxnIndex {
  let index = cache.get(trace);
  if (!index) {
    index = buildTxnIndex(trace);
    cache.set(trace, index);
  }
  return index;
}

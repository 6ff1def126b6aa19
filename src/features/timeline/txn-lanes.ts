import type { MessageKey } from '../../i18n/t';
import type { Lane, TraceEvent, TxnApi } from '../../sim/trace/types';
import type { MarkShape, MarkText } from './layout';

/**
 * A transactional run's lanes (scenario version 3): the application, the transaction coordinator, the partitions
 * (the input and internal ones share a lane, each output partition has its own) and the downstream readers. Their
 * slots come after every producer-, consumer- and replica-side slot, so no other run's slots move.
 */

export const TXN_SLOT_BASE = 16;
/** The application's instances (the `producer` lane). */
export const TXN_APP_SLOT = TXN_SLOT_BASE;
export const TXN_COORDINATOR_SLOT = TXN_SLOT_BASE + 1;
/** `input-0`, `__consumer_offsets-0` and `__transaction_state-0`. */
export const TXN_INTERNAL_SLOT = TXN_SLOT_BASE + 2;
/** `output-k` is drawn in TXN_OUTPUT_BASE + k (the format allows up to five). */
export const TXN_OUTPUT_BASE = TXN_SLOT_BASE + 3;
export const TXN_MAX_OUTPUTS = 7;
/** Every partition on one lane, when the partitions are folded (see `foldTxnSlots`). */
export const TXN_PARTITIONS_SLOT = TXN_OUTPUT_BASE + TXN_MAX_OUTPUTS;
/** Reader n at isolation read_committed: TXN_READER_BASE + 2(n − 1); read_uncommitted: one more. */
export const TXN_READER_BASE = TXN_PARTITIONS_SLOT + 1;
export const TXN_SLOT_END = TXN_READER_BASE + 4;

export const isTxnSlot = (slot: number): boolean => slot >= TXN_SLOT_BASE && slot < TXN_SLOT_END;
/** The coordinator's and the partitions' lanes: requests arrive there (their marks sit below the centre line). */
export const isTxnReceivingSlot = (slot: number): boolean => slot >= TXN_COORDINATOR_SLOT && slot < TXN_READER_BASE;
export const isTxnPartitionSlot = (slot: number): boolean => slot >= TXN_INTERNAL_SLOT && slot < TXN_READER_BASE;

/** The lane slot of a partition. */
export function partitionSlot(partition: string): number {
  const out = /^output-(\d+)$/.exec(partition);
  return out ? TXN_OUTPUT_BASE + Math.min(TXN_MAX_OUTPUTS - 1, Number(out[1])) : TXN_INTERNAL_SLOT;
}

/** The slot of a reader's lane: its number and its isolation level. */
export function readerSlot(reader: string, isolation: string = 'read_committed'): number {
  const n = Math.max(1, Math.min(2, Number(/(\d+)$/.exec(reader)?.[1] ?? 1)));
  return TXN_READER_BASE + 2 * (n - 1) + (isolation === 'read_uncommitted' ? 1 : 0);
}

/** The slot of a transactional run's lane (without a partition: a broker event goes to the internal lane). */
export function txnLaneSlot(lane: Lane): number {
  if (lane === 'producer') return TXN_APP_SLOT;
  if (lane === 'txn-coordinator') return TXN_COORDINATOR_SLOT;
  if (lane.startsWith('reader-')) return readerSlot(lane);
  return TXN_INTERNAL_SLOT;
}

/** A transactional lane's name: catalogue words (with a line break where it has two lines), or a partition's id. */
export function txnSlotTitle(slot: number): { key: MessageKey; params?: { n: number }; sub?: string } | { code: string } {
  if (slot === TXN_APP_SLOT) return { key: 'canvas.txn.app' };
  if (slot === TXN_COORDINATOR_SLOT) return { key: 'canvas.txn.coordinator' };
  if (slot === TXN_INTERNAL_SLOT) return { key: 'canvas.txn.internal' };
  if (slot === TXN_PARTITIONS_SLOT) return { key: 'txn.lanes.fold' };
  if (slot < TXN_READER_BASE) return { code: `output-${slot - TXN_OUTPUT_BASE}` };
  const k = slot - TXN_READER_BASE;
  return { key: 'canvas.txn.reader', params: { n: Math.floor(k / 2) + 1 }, sub: k % 2 ? 'read_uncommitted' : 'read_committed' };
}

/**
 * The partitions folded onto one lane: the slots drawn (every partition's replaced by TXN_PARTITIONS_SLOT) and where
 * each partition's slot is drawn instead.
 */
export function foldTxnSlots(slots: readonly number[]): { slots: number[]; alias: Map<number, number> } {
  const alias = new Map<number, number>();
  const out: number[] = [];
  for (const slot of slots) {
    if (!isTxnPartitionSlot(slot)) out.push(slot);
    else {
      alias.set(slot, TXN_PARTITIONS_SLOT);
      if (!out.includes(TXN_PARTITIONS_SLOT)) out.push(TXN_PARTITIONS_SLOT);
    }
  }
  return { slots: out, alias };
}

const API_SHORT: Record<TxnApi, string> = {
  InitProducerId: 'InitPid',
  OffsetFetch: 'OffsetFetch',
  Fetch: 'Fetch',
  AddPartitionsToTxn: 'AddPart',
  Produce: 'Produce',
  AddOffsetsToTxn: 'AddOffsets',
  TxnOffsetCommit: 'TxnOffsetCommit',
  EndTxn: 'EndTxn',
};

/**
 * A request's label on its arrow, in Kafka's terms (the same in every language): "InitPid", "AddPart",
 * "Produce seq 0", "EndTxn COMMIT", "TxnOffsetCommit 2"; the epoch follows once the producer has one ("e0").
 */
export function txnRequestLabel(ev: Extract<TraceEvent, { kind: 'txn.request' }>): string {
  let detail = '';
  if (ev.api === 'Produce' && ev.batches?.length) detail = ` seq ${ev.batches[0]!.baseSeq}`;
  else if (ev.api === 'EndTxn' && ev.result) detail = ` ${ev.result}`;
  else if (ev.api === 'TxnOffsetCommit' && ev.offset !== undefined) detail = ` ${ev.offset}`;
  const epoch = ev.epoch >= 0 && ev.api !== 'Fetch' && ev.api !== 'OffsetFetch' ? ` e${ev.epoch}` : '';
  return `${API_SHORT[ev.api]}${detail}${epoch}`;
}

/** One mark a transactional event draws; a produce to several partitions draws one per partition. */
export interface TxnMark {
  shape: MarkShape;
  text: MarkText;
  major: boolean;
  /** Its lane when not the event's own slot (a produce's other partitions). */
  slot?: number;
  /** A shorter text (protocol terms only) for a crowded lane. */
  short?: string;
  /** For a band (a paused application): when it ends. */
  t1?: number;
  /** The data records it wrote or returned, per partition: an ABORT marker there later strikes them through. */
  records?: { partition: string; pid: number; offsets: number[] };
}

const records = (rs: readonly { offset: number; message: number }[]) => rs.map((r) => `m${r.message}@${r.offset}`).join(' ');

/**
 * Reads a transactional run's events into lane slots and marks as they arrive. It remembers which partition each
 * request went to, so that a partition's answer is drawn on that partition's lane.
 */
export function createTxnMarker() {
  const requestPartition = new Map<number, string>();
  const epochOf = new Map<string, number>();
  const heldAt = new Set<string>();

  const slotOf = (ev: TraceEvent): number => {
    switch (ev.kind) {
      case 'input.appended':
      case 'txn.marker':
      case 'txn.verification':
        return partitionSlot(ev.partition);
      case 'reader.fetched':
        return readerSlot(ev.reader, ev.isolation);
      case 'txn.handled':
        if (ev.lane !== 'broker') return txnLaneSlot(ev.lane);
        return partitionSlot(ev.results?.[0]?.partition ?? requestPartition.get(ev.req) ?? '');
      default:
        return txnLaneSlot(ev.lane);
    }
  };

  const mark = (ev: TraceEvent): TxnMark[] => {
    switch (ev.kind) {
      case 'input.appended':
        return [{ shape: 'dot', text: { code: `m${ev.message}@${ev.offset}` }, major: false }];
      case 'txn.app.started':
        return ev.instance > 1
          ? [{ shape: 'restart', text: { key: 'badge.txn.appStarted', params: { n: ev.instance } }, major: true }]
          : [{ shape: 'dot', text: { key: 'badge.txn.appStarted', params: { n: ev.instance } }, major: false }];
      case 'txn.app.crashed':
        return [{ shape: 'crash', text: { key: 'badge.txn.appCrashed', params: { n: ev.instance } }, major: true }];
      case 'txn.app.paused':
        return [{ shape: 'band', text: { key: 'badge.txn.appPaused', params: { n: ev.instance } }, major: true, t1: Math.max(ev.t, ev.untilT) }];
      case 'coordinator.down':
        return [{ shape: 'band', text: { key: 'badge.txn.coordinatorDown' }, major: true, t1: Math.max(ev.t, ev.untilT) }];
      case 'coordinator.up':
        return [{ shape: 'flag', text: { key: 'badge.txn.coordinatorUp' }, major: true }];
      case 'txn.app.resumed':
        return [{ shape: 'flag', text: { key: 'badge.txn.appResumed', params: { n: ev.instance } }, major: true }];
      case 'txn.app.closed':
        return ev.fatal
          ? [{ shape: 'error', text: { key: 'badge.txn.appClosedFatal', params: { n: ev.instance } }, major: true }]
          : [{ shape: 'dot', text: { key: 'badge.txn.appClosed', params: { n: ev.instance } }, major: false }];
      case 'txn.begun':
        return [{ shape: 'flag', text: { key: 'badge.txn.begun', params: { txn: ev.txn } }, major: true }];
      case 'txn.request': {
        const p = ev.partitions?.[0] ?? ev.batches?.[0]?.partition;
        if (p !== undefined) requestPartition.set(ev.req, p);
        return [];
      }
      case 'txn.handled': {
        if (ev.lane !== 'broker') return ev.error === 'NONE' ? [{ shape: 'dot', text: null, major: false }] : [{ shape: 'error', text: { code: ev.error }, major: true }];
        if (!ev.results?.length) return ev.error === 'NONE' ? [{ shape: 'dot', text: null, major: false }] : [{ shape: 'error', text: { code: ev.error }, major: true }];
        const first = partitionSlot(ev.results[0]!.partition);
        return ev.results.map((r): TxnMark => {
          const slot = partitionSlot(r.partition);
          const at = slot === first ? {} : { slot };
          if (r.error !== 'NONE') return { ...at, shape: 'error', text: { code: r.error }, major: true };
          if (ev.api === 'TxnOffsetCommit') return { ...at, shape: 'badge', text: { key: 'badge.txn.offsetCommit', params: { offset: r.offset } }, major: false, short: `@${r.offset}` };
          if (r.duplicate) return { ...at, shape: 'recognised', text: { code: `@${r.offset}` }, major: true };
          return { ...at, shape: 'badge', text: { code: `@${r.offset}` }, major: false, records: { partition: r.partition, pid: ev.pid, offsets: [r.offset] } };
        });
      }
      case 'txn.response':
        if (ev.error === 'NONE') return [{ shape: 'dot', text: null, major: false }];
        return [{ shape: 'error', text: { code: ev.error }, major: true }];
      case 'txn.request.timeout':
        return [{ shape: 'flag', text: { key: 'badge.txn.timeout', params: { api: API_SHORT[ev.api] } }, major: true }];
      case 'txn.client.error':
        if (ev.error === 'PRODUCER_FENCED' || ev.error === 'INVALID_PRODUCER_EPOCH') return [{ shape: 'crash', text: { key: 'badge.txn.fenced' }, major: true }];
        return [{ shape: 'error', text: { key: ev.fatal ? 'badge.txn.fatal' : 'badge.txn.abortable', params: { error: ev.error } }, major: true }];
      case 'txn.state': {
        const before = epochOf.get(ev.transactionalId);
        epochOf.set(ev.transactionalId, ev.epoch);
        const epoch = before === undefined || before !== ev.epoch ? ` e${ev.epoch}` : '';
        return [{ shape: 'flag', text: { code: `${ev.to}${epoch}` }, major: ev.to !== 'Ongoing' }];
      }
      case 'txn.marker':
        if (ev.error !== 'NONE') return [{ shape: 'error', text: { key: 'badge.txn.markerRefused', params: { result: ev.result } }, major: true }];
        // Its offset only: the LSO it moves to is in its description (and the inspector). In a crowd the tag and
        // its icon (◆ COMMIT, ⊘ ABORT) keep only the offset.
        return [{ shape: ev.result === 'COMMIT' ? 'commit' : 'abort', text: { code: `${ev.result} @${ev.offset}` }, major: true, short: `@${ev.offset}` }];
      case 'txn.verification':
        return ev.ok ? [{ shape: 'dot', text: null, major: false }] : [{ shape: 'error', text: { key: 'badge.txn.notVerified' }, major: true }];
      case 'reader.fetched':
        // read_committed held back by an open transaction: nothing returned below the LSO.
        // Marked once per reader, partition and LSO: a reader polling while held stays one flag.
        if (!ev.records.length && ev.next < ev.hw) {
          const held = `${ev.reader} ${ev.partition} ${ev.bound}`;
          if (heldAt.has(held)) return [{ shape: 'dot', text: null, major: false }];
          heldAt.add(held);
          return [{ shape: 'flag', text: { key: 'badge.txn.readerHeld', params: { lso: ev.bound } }, major: true, short: `LSO ${ev.bound}` }];
        }
        if (!ev.records.length) return [{ shape: 'dot', text: null, major: false }];
        // What a reader returned is the story of its lane: kept in words however crowded the run.
        return [{ shape: 'badge', text: { code: `${ev.partition}: ${records(ev.records)}` }, major: true, short: records(ev.records), records: { partition: ev.partition, pid: -1, offsets: ev.records.map((r) => r.offset) } }];
      default:
        return [];
    }
  };

  return { slotOf, mark };
}

/**
 * Which written or returned records an ABORT marker strikes through: the data records its producer wrote on that
 * partition since its transaction opened there. Records are remembered per partition as they are drawn.
 */
export function createAbortTracker() {
  /** Per partition: the open writes per producer id (their offsets), and every mark that drew records there. */
  const open = new Map<string, Map<number, Set<number>>>();
  const drawn = new Map<string, { mark: number; offsets: number[] }[]>();
  return {
    /** A mark (index `mark`) drew these records. */
    note(mark: number, r: NonNullable<TxnMark['records']>) {
      if (r.pid >= 0) {
        let byPid = open.get(r.partition);
        if (!byPid) open.set(r.partition, (byPid = new Map()));
        let set = byPid.get(r.pid);
        if (!set) byPid.set(r.pid, (set = new Set()));
        for (const o of r.offsets) set.add(o);
      }
      let list = drawn.get(r.partition);
      if (!list) drawn.set(r.partition, (list = []));
      list.push({ mark, offsets: r.offsets });
    },
    /** A marker on `partition` for `pid`: the marks whose records it aborted (empty for a COMMIT). */
    marker(partition: string, pid: number, result: 'COMMIT' | 'ABORT'): number[] {
      const set = open.get(partition)?.get(pid);
      open.get(partition)?.delete(pid);
      if (result !== 'ABORT' || !set?.size) return [];
      return (drawn.get(partition) ?? []).filter((d) => d.offsets.some((o) => set.has(o))).map((d) => d.mark);
    },
  };
}

import type { MessageKey } from '../../i18n/t';
import type { Lane, TraceEvent } from '../../sim/trace/types';
import type { MarkShape, MarkText } from './layout';
import { isTxnSlot, isTxnReceivingSlot, txnLaneSlot, txnSlotTitle, TXN_SLOT_BASE } from './txn-lanes';

/**
 * The consumer side's lanes on the timeline (only in a run with a consumer): one per group member, then the
 * application's database. The coordinator's events stay on the broker's lane. Each lane has a fixed slot, so a
 * layout never renumbers its lanes; the timeline draws the slots a run uses, in slot order.
 */

/** Slots 0–2 are the producer side's lanes (producer, network, broker). */
export const PRODUCER_SLOTS: readonly number[] = [0, 1, 2];
export const CONSUMER_1_SLOT = 3;
export const CONSUMER_2_SLOT = 4;
export const DATABASE_SLOT = 5;
export const SLOT_COUNT = 6;

/**
 * With replication (never in the same run as a consumer side), broker 2, 3… have slots from here on: broker k's is
 * REPLICA_SLOT_BASE + k − 2, below broker 1's (slot 2).
 */
export const REPLICA_SLOT_BASE = SLOT_COUNT;

/** Each producer- or consumer-side slot's name on the canvas (a replica's is numbered: see `slotTitle`). */
export const SLOT_TITLES: readonly MessageKey[] = ['canvas.producer', 'canvas.network', 'canvas.broker', 'canvas.consumer1', 'canvas.consumer2', 'canvas.database'];

/** A slot's name on the canvas: with replication the brokers are numbered (broker 1 is slot 2). */
export function slotTitle(slot: number, replicated: boolean): { key: MessageKey; params?: { n: number }; sub?: string } | { code: string } {
  if (isTxnSlot(slot)) return txnSlotTitle(slot);
  if (slot >= REPLICA_SLOT_BASE) return { key: 'canvas.replica', params: { n: slot - REPLICA_SLOT_BASE + 2 } };
  if (replicated && slot === 2) return { key: 'canvas.replica', params: { n: 1 } };
  return { key: SLOT_TITLES[slot] ?? 'canvas.broker' };
}

/** The slot of a lane: producer, network, broker (1), consumer (its first member), database, broker 2, 3… */
export function laneSlot(lane: Lane): number {
  switch (lane) {
    case 'producer':
      return 0;
    case 'network':
      return 1;
    case 'broker':
      return 2;
    case 'consumer':
      return CONSUMER_1_SLOT;
    case 'database':
      return DATABASE_SLOT;
    case 'txn-coordinator':
      return txnLaneSlot(lane);
    default: {
      if (lane.startsWith('reader-')) return txnLaneSlot(lane);
      const replica = /^broker-(\d+)$/.exec(lane);
      return replica ? REPLICA_SLOT_BASE + Number(replica[1]) - 2 : 0;
    }
  }
}

/** Whether a slot is one of the consumer side's (the ones the fold button hides). */
export const isConsumerSlot = (slot: number): boolean => slot >= CONSUMER_1_SLOT && slot < REPLICA_SLOT_BASE;

/** A broker's lane (broker 1 or a replica): its marks sit below the centre line, where requests arrive. */
export const isBrokerSlot = (slot: number): boolean => slot === 2 || (slot >= REPLICA_SLOT_BASE && slot < TXN_SLOT_BASE) || isTxnReceivingSlot(slot);

/** The slot an event is drawn in. */
export function slotOfEvent(ev: TraceEvent): number {
  if (ev.lane === 'consumer') return 'member' in ev && ev.member === 'consumer-2' ? CONSUMER_2_SLOT : CONSUMER_1_SLOT;
  return laneSlot(ev.lane);
}

/** The slots drawn: the producer side's (and the replicas') always, the consumer side's unless folded. */
export function shownSlots(used: readonly number[], folded: boolean): number[] {
  return folded ? used.filter((s) => !isConsumerSlot(s)) : [...used];
}

export interface ConsumerMark {
  shape: MarkShape;
  text: MarkText;
  major: boolean;
  /** For a band (the database down): when it ends. */
  t1?: number;
}

/**
 * Reads the consumer side's events into marks as they arrive. It remembers which messages already had their effect
 * written, so that a second effect of the same message is marked as a duplicated effect the moment it is committed.
 */
export function createConsumerMarker() {
  const effected = new Set<number>();
  let duplicatedEffects = 0;
  const mark = (ev: TraceEvent): ConsumerMark | null => {
    switch (ev.kind) {
      case 'consumer.started':
        return ev.instance > 1
          ? { shape: 'restart', text: { key: 'badge.consumerRestarted', params: { n: ev.instance } }, major: true }
          : { shape: 'dot', text: { key: 'badge.consumerStarted' }, major: false };
      case 'consumer.crashed':
        return { shape: 'crash', text: { key: 'badge.consumerCrashed', params: { m: ev.message } }, major: true };
      case 'group.join.sent':
        return { shape: 'dot', text: { key: 'badge.joinSent' }, major: false };
      case 'group.member.joined':
        return { shape: 'dot', text: { key: 'badge.memberJoined', params: { id: ev.memberId } }, major: false };
      case 'group.rebalancing':
        return { shape: 'flag', text: { key: 'badge.rebalancing', params: { g: ev.generation } }, major: true };
      case 'group.member.removed':
        // On the broker's lane, beside its verdicts: a flag with words, so the log's badges keep their rows.
        return { shape: 'flag', text: { key: 'badge.memberRemoved', params: { id: ev.memberId } }, major: true };
      case 'group.stable':
        return { shape: 'flag', text: { key: 'badge.groupStable', params: { g: ev.generation, id: ev.owner } }, major: true };
      case 'group.empty':
        return { shape: 'dot', text: { key: 'badge.groupEmpty' }, major: false };
      case 'group.joined':
        return { shape: 'flag', text: { key: 'badge.groupJoined', params: { g: ev.generation, id: ev.memberId } }, major: true };
      case 'offset.fetched':
        return ev.position < 0
          ? { shape: 'error', text: { code: 'NoOffsetForPartitionException' }, major: true }
          : { shape: 'dot', text: { key: 'badge.offsetFetched', params: { offset: ev.position } }, major: false };
      case 'records.polled': {
        const last = ev.records[ev.records.length - 1];
        return last
          ? { shape: 'dot', text: { key: 'badge.polled', params: { from: ev.fromOffset, to: last.offset } }, major: false }
          : { shape: 'dot', text: { key: 'badge.polledNone' }, major: false };
      }
      case 'record.processing':
        return ev.copy > 1
          ? { shape: 'flag', text: { key: 'badge.processingAgain', params: { m: ev.message, copy: ev.copy } }, major: true }
          : { shape: 'dot', text: { key: 'badge.processing', params: { m: ev.message } }, major: false };
      case 'dedup.skipped':
        return { shape: 'recognised', text: { key: 'badge.dedupSkipped', params: { m: ev.message } }, major: true };
      case 'record.done':
        return { shape: 'dot', text: { key: 'badge.recordDone', params: { m: ev.message } }, major: false };
      case 'commit.sent':
        return { shape: 'dot', text: { key: 'badge.commitSent', params: { offset: ev.offset } }, major: false };
      case 'offset.commit.handled':
        return ev.error === 'NONE'
          ? { shape: 'dot', text: { key: 'badge.commitStored', params: { offset: ev.offset } }, major: false }
          : { shape: 'error', text: { code: ev.error }, major: true };
      case 'commit.completed':
        return ev.error === 'NONE'
          ? { shape: 'dot', text: { key: 'badge.commitOk', params: { offset: ev.offset } }, major: false }
          : { shape: 'error', text: { key: 'badge.commitRefused', params: { offset: ev.offset, error: ev.error } }, major: true };
      case 'poll.timeout':
        return { shape: 'error', text: { key: 'badge.pollTimeout' }, major: true };
      case 'rebalance.noticed':
        return { shape: 'flag', text: { key: 'badge.rebalanceNoticed' }, major: true };
      case 'recovery.scanned':
        return { shape: 'flag', text: { key: 'badge.recoveryScanned', params: { n: ev.pending.length } }, major: true };
      case 'db.down':
        return { shape: 'band', text: { key: 'badge.dbDown' }, major: true, t1: Math.max(ev.t, ev.untilT) };
      case 'db.up':
        return { shape: 'restart', text: { key: 'badge.dbUp' }, major: true };
      case 'db.txn': {
        if (ev.result !== 'committed') return { shape: 'error', text: { key: 'badge.dbUnavailable', params: { txn: ev.txn } }, major: true };
        const effect = ev.ops.find((op) => op.op === 'effect');
        if (effect) {
          const again = effected.has(effect.message);
          effected.add(effect.message);
          if (again && effect.upsert) return { shape: 'recognised', text: { key: 'badge.effectRewritten', params: { m: effect.message } }, major: true };
          if (again) {
            duplicatedEffects++;
            return { shape: 'duplicate', text: { key: 'badge.effectDuplicate', params: { m: effect.message } }, major: true };
          }
          return { shape: 'badge', text: { key: 'badge.effect', params: { m: effect.message } }, major: false };
        }
        const found = ev.ops.find((op) => op.op === 'check' && op.found);
        if (found) return { shape: 'recognised', text: { key: 'badge.dbFound', params: { m: found.message } }, major: true };
        const state = ev.ops.find((op) => op.op === 'state');
        if (state && state.op === 'state') return { shape: 'dot', text: { key: 'badge.dbState', params: { m: state.message, state: state.to } }, major: false };
        const marked = ev.ops.find((op) => op.op === 'mark');
        if (marked) return { shape: 'dot', text: { key: 'badge.dbMarked', params: { m: marked.message } }, major: false };
        return { shape: 'dot', text: { key: 'badge.dbTxn', params: { txn: ev.txn } }, major: false };
      }
      default:
        return null;
    }
  };
  return { mark, duplicatedEffects: () => duplicatedEffects };
}

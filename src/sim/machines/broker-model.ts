import { checkAppend, forcedErrorRule, isExpired, NO_PRODUCER_ID_RULE, recordAppend, restoreFromSnapshot } from '../protocol/broker-rules';
import { lastSequenceOf } from '../protocol/sequence';
import { FIRST_PRODUCER_ID, type ErrorName, type ProducerEntry } from '../protocol/types';
import type { BrokerConfig, BrokerErrorFault } from '../scenario/schema';
import type { RuleFact } from '../trace/facts';
import type { BrokerSnapshot, BrokerVerdict, LogRecord, RequestRef } from '../trace/types';
import type { Effect, Packet, TraceEventInput } from './effects';
import type { ProducerIdEvent } from './producer-id.machine';
import { refEvent } from './ref-event';

export type BrokerEffect =
  | Effect<never>
  | { type: 'append'; records: Omit<LogRecord, 'event'>[] }
  | { type: 'reply'; delayMs: number; packet: Packet }
  /** A producer id handed out: its statechart starts as a child actor of the broker. */
  | { type: 'pid.started'; pid: number }
  /** An event for a producer id's statechart. */
  | { type: 'pid.event'; pid: number; event: ProducerIdEvent };

/**
 * The partition leader's data (the machine's context); whether it is up is the machine's state. Producer entries
 * are replaced, never changed in place; the map of them is a container this actor alone owns.
 */
export interface BrokerModel {
  config: BrokerConfig;
  logEndOffset: number;
  /** ProducerStateManager: one entry per producer id. */
  entries: Map<number, ProducerEntry>;
  nextPid: number;
  lastSnapshot: BrokerSnapshot | null;
}

/** One step of the broker: its data as the step changes it, whether it is up, the time, and what it asks for. */
export interface BrokerStep extends BrokerModel {
  up: boolean;
  now: number;
  out: BrokerEffect[];
}

export function createBrokerModel(config: BrokerConfig): BrokerModel {
  return { config, logEndOffset: 0, entries: new Map(), nextPid: FIRST_PRODUCER_ID, lastSnapshot: null };
}

export function beginBrokerStep(b: BrokerModel, now: number, up: boolean): BrokerStep {
  return { config: b.config, logEndOffset: b.logEndOffset, entries: b.entries, nextPid: b.nextPid, lastSnapshot: b.lastSnapshot, up, now, out: [] };
}

export function endBrokerStep(s: BrokerStep): BrokerModel {
  return { config: s.config, logEndOffset: s.logEndOffset, entries: s.entries, nextPid: s.nextPid, lastSnapshot: s.lastSnapshot };
}

/** The inspector's view of the broker; shared with the previous event while nothing in it has changed. */
export function snapshotBroker(b: BrokerStep): BrokerSnapshot {
  const prev = b.lastSnapshot;
  if (prev && prev.up === b.up && prev.logEndOffset === b.logEndOffset && prev.producers.length === b.entries.size) {
    let same = true;
    let i = 0;
    for (const e of b.entries.values()) if (prev.producers[i++] !== e) same = false;
    if (same) return prev;
  }
  b.lastSnapshot = { up: b.up, logEndOffset: b.logEndOffset, producers: [...b.entries.values()] };
  return b.lastSnapshot;
}

function record(b: BrokerStep, ev: TraceEventInput): void {
  ev.broker = snapshotBroker(b);
  b.out.push({ type: 'record', ev });
}

export interface ProduceArrival {
  ref: RequestRef;
  acks: 'all' | '1' | '0';
  idempotent: boolean;
  /** An error reply injected by a fault. */
  forcedError: BrokerErrorFault | null;
  /** The connection the request came on is already closed. */
  deadSocket: boolean;
}

/** Errors Kafka raises before the append is attempted (leadership and ISR checks come first). */
const BEFORE_APPEND: ReadonlySet<BrokerErrorFault> = new Set(['NOT_ENOUGH_REPLICAS', 'NOT_LEADER_OR_FOLLOWER']);

/** Handles one ProduceRequest: the leader's checks, then the producer-state checks of §2.2, then the append. */
export function handleProduce(b: BrokerStep, a: ProduceArrival): void {
  const { ref } = a;
  const count = ref.messages.length;
  let verdict: BrokerVerdict;
  let rule: RuleFact;
  let offset = -1;
  let error: ErrorName = 'NONE';
  if (a.forcedError && BEFORE_APPEND.has(a.forcedError)) {
    verdict = a.forcedError;
    error = a.forcedError;
    rule = forcedErrorRule(a.forcedError, offset);
  } else {
    const decision = a.idempotent ? checkAppend(b.entries.get(ref.pid), header(ref), ref.lastSeq) : null;
    if (decision && decision.verdict === 'duplicate') {
      verdict = 'duplicate';
      offset = decision.original.firstOffset;
      rule = decision.rule;
    } else if (decision && decision.verdict !== 'append') {
      verdict = decision.verdict;
      error = decision.verdict;
      rule = decision.rule;
    } else {
      offset = append(b, a);
      verdict = 'appended';
      rule = decision ? decision.rule : NO_PRODUCER_ID_RULE;
      if (a.forcedError) {
        verdict = a.forcedError;
        error = a.forcedError;
        rule = forcedErrorRule(a.forcedError, offset);
      }
    }
  }
  record(b, refEvent('broker.handled', 'broker', ref, { verdict, offset, rule, deadSocket: a.deadSocket, noResponse: a.acks === '0' }));
  if (verdict === 'appended' || verdict === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' || verdict === 'REQUEST_TIMED_OUT') {
    const records: Omit<LogRecord, 'event'>[] = [];
    for (let k = 0; k < count; k++) {
      records.push({
        offset: offset + k,
        message: ref.messages[k]!,
        pid: ref.pid,
        epoch: ref.epoch,
        seq: a.idempotent ? lastSequenceOf(ref.baseSeq, k + 1) : -1,
        t: b.now,
      });
    }
    b.out.push({ type: 'append', records });
  }
  if (a.acks !== '0') {
    const replyOffset = error === 'NONE' ? offset : -1;
    b.out.push({ type: 'reply', delayMs: b.config.processingMs, packet: { kind: 'produce-response', ref, error, offset: replyOffset } });
  }
}

function header(ref: RequestRef) {
  return { pid: ref.pid, epoch: ref.epoch, baseSeq: ref.baseSeq, recordCount: ref.messages.length };
}

function append(b: BrokerStep, a: ProduceArrival): number {
  const first = b.logEndOffset;
  b.logEndOffset += a.ref.messages.length;
  if (a.idempotent) {
    const prev = b.entries.get(a.ref.pid);
    b.entries.set(a.ref.pid, recordAppend(prev, header(a.ref), { firstSeq: a.ref.baseSeq, lastSeq: a.ref.lastSeq, firstOffset: first, t: a.ref.maxTimestamp }));
    if (!prev || prev.epoch !== a.ref.epoch) b.out.push({ type: 'pid.event', pid: a.ref.pid, event: { type: 'pid.appended', epoch: a.ref.epoch } });
  }
  return first;
}

/** InitProducerId without a transactional.id: a fresh producer id with epoch 0 (reference §1.1). */
export function handleInitProducerId(b: BrokerStep, instance: number, connection: number): void {
  const pid = b.nextPid++;
  b.out.push({ type: 'pid.started', pid });
  b.out.push({ type: 'reply', delayMs: b.config.processingMs, packet: { kind: 'init-pid-response', instance, connection, pid, epoch: 0 } });
}

export function crash(b: BrokerStep): void {
  b.up = false;
  record(b, { kind: 'broker.crashed', lane: 'broker' });
}

/** Restart: producer state comes back from the snapshot, which keeps only the last batch per producer (§2.5). */
export function restart(b: BrokerStep): void {
  let kept = 0;
  let dropped = 0;
  const next = new Map<number, ProducerEntry>();
  for (const [pid, entry] of b.entries) {
    const restored = restoreFromSnapshot(entry);
    kept += restored.batches.length;
    dropped += entry.batches.length - restored.batches.length;
    next.set(pid, restored);
  }
  b.entries = next;
  b.up = true;
  record(b, { kind: 'broker.restarted', lane: 'broker', keptBatches: kept, droppedBatches: dropped });
}

/** The periodic producer-id expiration check (producer.id.expiration.ms, KIP-854). */
export function expireProducers(b: BrokerStep): void {
  for (const [pid, entry] of b.entries) {
    if (!isExpired(entry, b.now, b.config['producer.id.expiration.ms'])) continue;
    b.entries.delete(pid);
    b.out.push({ type: 'pid.event', pid, event: { type: 'pid.expired' } });
    record(b, { kind: 'producer.expired', lane: 'broker', pid, idleMs: b.now - entry.lastTimestamp });
  }
}

import {
  checkAppend,
  forcedErrorRule,
  isExpired,
  NO_PRODUCER_ID_RULE,
  loadSnapshot,
  recordAppend,
  replayBatches,
  shouldRoll,
  takeSnapshot,
  type LoggedBatch,
  type ProducerSnapshotFile,
} from '../protocol/broker-rules';
import { kafkaVersionRules, type KafkaVersion, type KafkaVersionRules } from '../protocol/kafka-version';
import { lastSequenceOf } from '../protocol/sequence';
import { FIRST_PRODUCER_ID, type ErrorName, type ProducerEntry } from '../protocol/types';
import type { BrokerConfig, BrokerErrorFault } from '../scenario/schema';
import type { RuleFact } from '../trace/facts';
import type { BrokerShutdown, BrokerSnapshot, BrokerVerdict, LogRecord, RequestRef } from '../trace/types';
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
  /** The rules of the Kafka version the broker runs (kafka-version.ts): cache size, answers to unknown producers. */
  rules: KafkaVersionRules;
  logEndOffset: number;
  /** ProducerStateManager: one entry per producer id. */
  entries: Map<number, ProducerEntry>;
  nextPid: number;
  lastSnapshot: BrokerSnapshot | null;
  /** What is on disk for producer state: the newest snapshot file (none yet: empty, at offset 0). */
  snapshotFile: ProducerSnapshotFile;
  /** The idempotent batches written after that snapshot, in log order: what a crash replays (a container this actor owns). */
  sinceSnapshot: LoggedBatch[];
  /** Time of the first batch in the active log segment; null while the segment is empty. */
  segmentFirstT: number | null;
  /** How the broker last went down, and the cache it had then; null while up. */
  downAfter: { shutdown: BrokerShutdown; cached: ReadonlyMap<number, ProducerEntry> } | null;
}

/** One step of the broker: its data as the step changes it, whether it is up, the time, and what it asks for. */
export interface BrokerStep extends BrokerModel {
  up: boolean;
  now: number;
  out: BrokerEffect[];
}

export function createBrokerModel(config: BrokerConfig, version?: KafkaVersion): BrokerModel {
  return {
    config,
    rules: kafkaVersionRules(version),
    logEndOffset: 0,
    entries: new Map(),
    nextPid: FIRST_PRODUCER_ID,
    lastSnapshot: null,
    snapshotFile: { offset: 0, producers: [] },
    sinceSnapshot: [],
    segmentFirstT: null,
    downAfter: null,
  };
}

export function beginBrokerStep(b: BrokerModel, now: number, up: boolean): BrokerStep {
  return {
    config: b.config,
    rules: b.rules,
    logEndOffset: b.logEndOffset,
    entries: b.entries,
    nextPid: b.nextPid,
    lastSnapshot: b.lastSnapshot,
    snapshotFile: b.snapshotFile,
    sinceSnapshot: b.sinceSnapshot,
    segmentFirstT: b.segmentFirstT,
    downAfter: b.downAfter,
    up,
    now,
    out: [],
  };
}

export function endBrokerStep(s: BrokerStep): BrokerModel {
  return {
    config: s.config,
    rules: s.rules,
    logEndOffset: s.logEndOffset,
    entries: s.entries,
    nextPid: s.nextPid,
    lastSnapshot: s.lastSnapshot,
    snapshotFile: s.snapshotFile,
    sinceSnapshot: s.sinceSnapshot,
    segmentFirstT: s.segmentFirstT,
    downAfter: s.downAfter,
  };
}

/** The inspector's view of the broker; shared with the previous event while nothing in it has changed. */
export function snapshotBroker(b: BrokerStep): BrokerSnapshot {
  const prev = b.lastSnapshot;
  const down = b.downAfter?.shutdown ?? null;
  const snapshotOffset = b.snapshotFile.offset;
  if (
    prev &&
    prev.up === b.up &&
    prev.down === down &&
    prev.logEndOffset === b.logEndOffset &&
    prev.snapshotOffset === snapshotOffset &&
    prev.producers.length === b.entries.size
  ) {
    let same = true;
    let i = 0;
    for (const e of b.entries.values()) if (prev.producers[i++] !== e) same = false;
    if (same) return prev;
  }
  b.lastSnapshot = { up: b.up, down, logEndOffset: b.logEndOffset, snapshotOffset, producers: [...b.entries.values()] };
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
  /** request.timeout.ms, sent with the request: bounds a leader's wait for its followers (acks=all, with replication). */
  timeoutMs?: number;
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
    const decision = a.idempotent ? checkAppend(b.entries.get(ref.pid), header(ref), ref.lastSeq, b.rules) : null;
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
  maybeRoll(b);
  const first = b.logEndOffset;
  b.logEndOffset += a.ref.messages.length;
  b.segmentFirstT ??= b.now;
  if (a.idempotent) {
    const prev = b.entries.get(a.ref.pid);
    const h = header(a.ref);
    const batch = { firstSeq: a.ref.baseSeq, lastSeq: a.ref.lastSeq, firstOffset: first, t: a.ref.maxTimestamp };
    b.entries.set(a.ref.pid, recordAppend(prev, h, batch, b.rules.batchesRetained));
    b.sinceSnapshot.push({ header: h, batch });
    if (!prev || prev.epoch !== a.ref.epoch) b.out.push({ type: 'pid.event', pid: a.ref.pid, event: { type: 'pid.appended', epoch: a.ref.epoch } });
  }
  return first;
}

/** Before an append: roll the segment once log.roll.ms has passed, with a producer-state snapshot at the new segment's base (UnifiedLog.roll). */
function maybeRoll(b: BrokerStep): void {
  if (!shouldRoll(b.segmentFirstT, b.now, b.config['log.roll.ms'])) return;
  writeSnapshot(b);
  b.segmentFirstT = null;
  record(b, { kind: 'segment.rolled', lane: 'broker', baseOffset: b.logEndOffset });
}

/** A snapshot of the producer state at the log end replaces the older ones; nothing before it needs replaying. */
function writeSnapshot(b: BrokerStep): void {
  b.snapshotFile = takeSnapshot(b.entries.values(), b.logEndOffset);
  b.sinceSnapshot = [];
}

/** InitProducerId without a transactional.id: a fresh producer id with epoch 0 (reference §1.1). */
export function handleInitProducerId(b: BrokerStep, instance: number, connection: number): void {
  const pid = b.nextPid++;
  b.out.push({ type: 'pid.started', pid });
  b.out.push({ type: 'reply', delayMs: b.config.processingMs, packet: { kind: 'init-pid-response', instance, connection, pid, epoch: 0 } });
}

/** A clean shutdown (UnifiedLog.close): producer state is written to a snapshot at the log end before the process stops. */
export function shutdown(b: BrokerStep): void {
  b.up = false;
  b.downAfter = { shutdown: 'clean', cached: b.entries };
  writeSnapshot(b);
  record(b, { kind: 'broker.shutdown', lane: 'broker', snapshotOffset: b.snapshotFile.offset });
}

/** A crash: nothing more reaches the disk; the newest snapshot is older than the log end (a segment roll, or the last restart). */
export function crash(b: BrokerStep): void {
  b.up = false;
  b.downAfter = { shutdown: 'crash', cached: b.entries };
  record(b, { kind: 'broker.crashed', lane: 'broker', snapshotOffset: b.snapshotFile.offset });
}

/** Is there log after the newest snapshot to replay? (After a clean shutdown there is not.) */
export function hasLogAfterSnapshot(b: BrokerModel): boolean {
  return b.snapshotFile.offset < b.logEndOffset;
}

/** Restart, first step: the newest snapshot is loaded (one batch per producer id, as of its offset). */
export function loadProducerSnapshot(b: BrokerStep): void {
  b.entries = loadSnapshot(b.snapshotFile, b.now, b.config['producer.id.expiration.ms']);
}

/** Restart after a crash: the log written after the snapshot is replayed, rebuilding up to five batches per producer. */
export function replayLog(b: BrokerStep): void {
  b.entries = replayBatches(b.entries, b.sinceSnapshot, b.rules.batchesRetained);
}

/**
 * Restart, last step (UnifiedLog.rebuildProducerState, §2.5): a snapshot is written at the log end and the broker
 * accepts connections again. After a clean shutdown the dedup window has shrunk to the last batch per producer;
 * after a crash the replay has normally restored all five (fewer only when the snapshot was recent).
 */
export function finishRecovery(b: BrokerStep): void {
  const down = b.downAfter ?? { shutdown: 'clean' as const, cached: b.entries };
  const snapshotOffset = b.snapshotFile.offset;
  const replayedBatches = b.sinceSnapshot.length;
  writeSnapshot(b);
  let kept = 0;
  let dropped = 0;
  for (const e of b.entries.values()) kept += e.batches.length;
  for (const [pid, before] of down.cached) {
    const after = b.entries.get(pid);
    for (const c of before.batches) if (!after?.batches.some((x) => x.firstOffset === c.firstOffset)) dropped++;
    // Loading a snapshot skips entries that have expired meanwhile.
    if (!after) b.out.push({ type: 'pid.event', pid, event: { type: 'pid.expired' } });
  }
  // The replay can bring back an entry the broker did not have when it went down.
  for (const [pid, after] of b.entries) {
    if (!down.cached.has(pid)) b.out.push({ type: 'pid.event', pid, event: { type: 'pid.appended', epoch: after.epoch } });
  }
  b.up = true;
  b.downAfter = null;
  record(b, { kind: 'broker.restarted', lane: 'broker', shutdown: down.shutdown, snapshotOffset, replayedBatches, keptBatches: kept, droppedBatches: dropped });
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

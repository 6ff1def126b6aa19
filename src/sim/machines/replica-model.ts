import { recordAppend, replayBatches, type LoggedBatch } from '../protocol/broker-rules';
import {
  appendRefusal,
  canRejoinIsr,
  delayedProduceResult,
  followerFetched,
  highWatermark,
  isOutOfSync,
  nextIsrCheck,
  truncationOffset,
  type FollowerProgress,
} from '../protocol/replication-rules';
import type { ErrorName } from '../protocol/types';
import type { RuleFact } from '../trace/facts';
import type { Lane, LogRecord, RequestRef } from '../trace/types';
import { handleInitProducerId, handleProduce, snapshotBroker, type BrokerEffect, type BrokerStep, type ProduceArrival } from './broker-model';
import type { TraceEventInput } from './effects';
import { refEvent } from './ref-event';

/**
 * Replication of the partition across brokers 1 … replication.factor (reference §2.5, §2.6): each broker's replica
 * as data, and the steps its statechart (replica.machine.ts) runs. A broker keeps the single broker's data (its
 * producer state, log end, producer ids: broker-model.ts), and beside it its replica of the log, by batch with the
 * leader epoch that wrote it, and, while it leads, the ISR, what it knows of each follower, and the acks=all requests
 * it holds. The rules are the pure functions of protocol/replication-rules.ts.
 */

/** One way of a fetch between brokers, in virtual ms (the lab's fixed inter-broker latency). */
export const REPLICA_LINK_MS = 5;
/** How long the controller takes from a leader's death to the new leader (the lab's fixed time; see docs). */
export const ELECTION_MS = 50;

/** The actor system id of broker `id`: broker 1 keeps the single broker's id and lane, `broker`. */
export const brokerSystemId = (id: number): string => (id === 1 ? 'broker' : `broker-${id}`);
export const brokerLane = (id: number): Lane => (id === 1 ? 'broker' : `broker-${id}`);

/** A batch in a replica's log: the records, the leader epoch that wrote it, and what a replay adds to producer state. */
export interface ReplicaBatch {
  leaderEpoch: number;
  firstOffset: number;
  count: number;
  /** Shared with the trace's log: the leader's append stamps each record's event. */
  records: readonly Omit<LogRecord, 'event'>[];
  /** An idempotent batch's header and cache entry; null without idempotence. */
  logged: LoggedBatch | null;
}

/** An acks=all request the leader holds until the ISR has its batch (DelayedProduce). */
export interface HeldProduce {
  ref: RequestRef;
  /** The log end the high watermark must reach. */
  requiredOffset: number;
  /** The batch's first offset (the original's, for a recognised retry). */
  offset: number;
  deadSocket: boolean;
}

export interface ReplicaModel {
  id: number;
  replicas: readonly number[];
  minIsr: number;
  lagMaxMs: number;
  /** The replica's log, by batch, in offset order (a container this actor owns). */
  log: ReplicaBatch[];
  /** The high watermark as this replica knows it. */
  hw: number;
  /** The leader epoch it follows or leads in, and the leader it knows of (null: none yet). */
  leaderEpoch: number;
  leader: number | null;
  /** Each new fetch loop (a new leader, the end of an isolation) has a new number; answers to older loops are dropped. */
  fetchSession: number;
  // While it leads:
  isr: number[];
  followers: Map<number, FollowerProgress>;
  held: HeldProduce[];
  /** Followers whose fetch waits for new records (a long poll), with the offset they asked for. */
  parked: Map<number, { offset: number; session: number }>;
  /** The log end when it became leader: a follower rejoins the ISR only once it has reached it. */
  epochStartOffset: number;
  /** When the pending ISR check fires, or null. */
  nextCheckT: number | null;
}

export function createReplicaModel(id: number, replicas: readonly number[], minIsr: number, lagMaxMs: number): ReplicaModel {
  return {
    id,
    replicas,
    minIsr,
    lagMaxMs,
    log: [],
    hw: 0,
    leaderEpoch: -1,
    leader: null,
    fetchSession: 0,
    isr: [],
    followers: new Map(),
    held: [],
    parked: new Map(),
    epochStartOffset: 0,
    nextCheckT: null,
  };
}

export const copyReplica = (r: ReplicaModel): ReplicaModel => ({ ...r });

/** Events between brokers and from the controller and the scripted node faults. */
export type ReplicaEvent =
  | ({ type: 'produce' } & ProduceArrival)
  | { type: 'init-pid'; instance: number; connection: number }
  /** A follower's fetch; `epochs` (the leader epoch of each of its records) asks where to truncate first. */
  | { type: 'replica.fetch'; from: number; fetchOffset: number; leaderEpoch: number; session: number; epochs?: number[] }
  | { type: 'fetch.response'; from: number; leaderEpoch: number; session: number; batches: ReplicaBatch[]; hw: number; inIsr: boolean; truncateTo?: number }
  | { type: 'isr.check' }
  | { type: 'produce.expire'; req: number }
  | { type: 'broker.kill' }
  | { type: 'broker.start' }
  | { type: 'follower.isolate' }
  | { type: 'follower.heal' }
  | { type: 'become.leader'; leaderEpoch: number; isr: number[]; previous: number | null; clean: boolean }
  | { type: 'become.follower'; leader: number; leaderEpoch: number; inIsr: boolean }
  /** Facts a follower's step raises for its own regions: what the leader's answer said about the ISR. */
  | { type: 'isr.joined' }
  | { type: 'isr.left' };

/** What the controller hears from a broker. */
export type ControllerNotice = { type: 'isr.changed'; isr: number[]; leaderEpoch: number } | { type: 'broker.returned'; broker: number };

export type ReplicaEffect =
  | BrokerEffect
  /** An event for another party (a broker by system id, or `controller`), after `delayMs`. */
  | { type: 'tell'; to: string; event: ReplicaEvent | ControllerNotice; delayMs: number }
  | { type: 'fact'; fact: 'isr.joined' | 'isr.left' }
  | { type: 'timer'; delayMs: number; event: ReplicaEvent; id?: string };

/** One step of a broker: its single-broker data (with its own `out`, shared) and its replica. */
export interface ReplicaStep {
  b: BrokerStep;
  r: ReplicaModel;
  now: number;
  out: ReplicaEffect[];
}

export const expireTimerId = (req: number) => `expire-${req}`;
const ISR_CHECK_ID = 'isr.check';

function record(s: ReplicaStep, ev: TraceEventInput, withBroker: boolean): void {
  if (withBroker) ev.broker = snapshotBroker(s.b);
  s.out.push({ type: 'record', ev });
}

function tell(s: ReplicaStep, to: string, event: ReplicaEvent | ControllerNotice, delayMs = REPLICA_LINK_MS): void {
  s.out.push({ type: 'tell', to, event, delayMs });
}

/** The leader epoch of each record of a log, by offset. */
export function epochsOf(log: readonly ReplicaBatch[]): number[] {
  const out: number[] = [];
  for (const batch of log) for (let k = 0; k < batch.count; k++) out.push(batch.leaderEpoch);
  return out;
}

function producerStateOf(s: ReplicaStep, log: readonly ReplicaBatch[]) {
  const replay: LoggedBatch[] = [];
  for (const batch of log) if (batch.logged) replay.push(batch.logged);
  return replayBatches(new Map(), replay, s.b.rules.batchesRetained);
}

// ── The leader ──────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A produce request at the leader: the ISR check (acks=all), then the single broker's checks and append
 * (handleProduce). With acks=all the answer waits until the ISR has the batch (or a recognised retry's original).
 */
export function leaderProduce(s: ReplicaStep, a: ProduceArrival): void {
  const { r } = s;
  const lane = brokerLane(r.id);
  const refusal = a.forcedError ? null : appendRefusal(a.acks, r.isr.length, r.minIsr);
  if (refusal) {
    record(s, refEvent('broker.handled', lane, a.ref, { verdict: refusal, offset: -1, rule: { id: 'not-enough-replicas' }, deadSocket: a.deadSocket, noResponse: false }), true);
    s.out.push({ type: 'reply', delayMs: s.b.config.processingMs, packet: { kind: 'produce-response', ref: a.ref, error: refusal, offset: -1 } });
    return;
  }
  const start = s.out.length;
  handleProduce(s.b, a);
  const effects = s.out.splice(start);
  let handled: (TraceEventInput & { kind: 'broker.handled' }) | null = null;
  let appended = false;
  for (const fx of effects) {
    if (fx.type === 'record') {
      fx.ev.lane = lane;
      if (fx.ev.kind === 'broker.handled') handled = fx.ev;
      s.out.push(fx);
    } else if (fx.type === 'append') {
      appendBatch(s, a, fx.records);
      appended = true;
      s.out.push(fx);
    } else if (fx.type === 'reply') {
      const p = fx.packet;
      if (a.acks === 'all' && p.kind === 'produce-response' && p.error === 'NONE') {
        const held: HeldProduce = { ref: a.ref, requiredOffset: p.offset + a.ref.messages.length, offset: p.offset, deadSocket: a.deadSocket };
        advanceHighWatermark(s, false);
        if (delayedProduceResult(r.hw, held.requiredOffset, r.isr.length, r.minIsr) === 'NONE') s.out.push(fx);
        else {
          if (handled) handled.awaitingReplicas = true;
          r.held = [...r.held, held];
          s.out.push({ type: 'timer', delayMs: a.timeoutMs ?? 30000, event: { type: 'produce.expire', req: a.ref.req }, id: expireTimerId(a.ref.req) });
        }
      } else s.out.push(fx);
    }
    // Producer ids' own statecharts belong to the single broker; with replication the cache is the record.
  }
  if (appended) {
    wakeParked(s);
    scheduleIsrCheck(s);
  }
}

function appendBatch(s: ReplicaStep, a: ProduceArrival, records: readonly Omit<LogRecord, 'event'>[]): void {
  const ref = a.ref;
  const firstOffset = records[0]?.offset ?? s.b.logEndOffset;
  const logged: LoggedBatch | null = a.idempotent
    ? {
        header: { pid: ref.pid, epoch: ref.epoch, baseSeq: ref.baseSeq, recordCount: ref.messages.length },
        batch: { firstSeq: ref.baseSeq, lastSeq: ref.lastSeq, firstOffset, t: ref.maxTimestamp },
      }
    : null;
  s.r.log.push({ leaderEpoch: s.r.leaderEpoch, firstOffset, count: records.length, records, logged });
}

export function leaderInitProducerId(s: ReplicaStep, instance: number, connection: number): void {
  const start = s.out.length;
  handleInitProducerId(s.b, instance, connection);
  const effects = s.out.splice(start);
  for (const fx of effects) if (fx.type !== 'pid.started' && fx.type !== 'pid.event') s.out.push(fx);
}

/** The high watermark moves up to what the whole ISR has; held requests it now covers are answered. */
function advanceHighWatermark(s: ReplicaStep, answer = true): void {
  const { r } = s;
  const leo = new Map<number, number>();
  for (const [id, p] of r.followers) leo.set(id, p.leo);
  r.hw = highWatermark(s.b.logEndOffset, r.isr, r.id, leo, r.hw);
  if (answer) answerHeld(s);
}

function answerHeld(s: ReplicaStep): void {
  const { r } = s;
  if (r.held.length === 0) return;
  const waiting: HeldProduce[] = [];
  for (const h of r.held) {
    const result = delayedProduceResult(r.hw, h.requiredOffset, r.isr.length, r.minIsr);
    if (result === null) waiting.push(h);
    else answer(s, h, result, result === 'NONE' ? null : { id: 'written-then-isr-shrank', offset: h.offset });
  }
  r.held = waiting;
}

function answer(s: ReplicaStep, h: HeldProduce, error: ErrorName, rule: RuleFact | null): void {
  const offset = error === 'NONE' ? h.offset : -1;
  record(s, refEvent('produce.answered', brokerLane(s.r.id), h.ref, { error, offset, rule, deadSocket: h.deadSocket }), true);
  s.out.push({ type: 'cancel', id: expireTimerId(h.ref.req) });
  s.out.push({ type: 'reply', delayMs: 0, packet: { kind: 'produce-response', ref: h.ref, error, offset } });
}

/** request.timeout.ms passed and the ISR still lacks the batch: REQUEST_TIMED_OUT, the data already on the leader. */
export function expireHeld(s: ReplicaStep, req: number): void {
  const h = s.r.held.find((x) => x.ref.req === req);
  if (!h) return;
  s.r.held = s.r.held.filter((x) => x !== h);
  answer(s, h, 'REQUEST_TIMED_OUT', { id: 'written-then-timed-out', offset: h.offset });
}

function sendBatches(s: ReplicaStep, follower: number, offset: number, session: number): void {
  const { r } = s;
  const batches = r.log.filter((x) => x.firstOffset >= offset);
  tell(s, brokerSystemId(follower), { type: 'fetch.response', from: r.id, leaderEpoch: r.leaderEpoch, session, batches, hw: r.hw, inIsr: r.isr.includes(follower) });
}

/** New records: every follower waiting in a long poll gets them now. */
function wakeParked(s: ReplicaStep): void {
  const { r } = s;
  if (r.parked.size === 0) return;
  const parked = [...r.parked];
  r.parked = new Map();
  for (const [f, p] of parked) {
    if (s.b.logEndOffset > p.offset) sendBatches(s, f, p.offset, p.session);
    else r.parked.set(f, p);
  }
}

/**
 * A follower's fetch at the leader. The first after a change of leader asks where to truncate (OffsetsForLeaderEpoch);
 * the others say how far the follower has got: the leader updates its progress, may take it back into the ISR,
 * moves the high watermark, and answers with what the follower lacks or holds the fetch until there is some.
 */
export function leaderFetch(s: ReplicaStep, e: Extract<ReplicaEvent, { type: 'replica.fetch' }>): void {
  const { r } = s;
  const f = e.from;
  if (e.epochs) {
    const truncateTo = truncationOffset(e.epochs, epochsOf(r.log));
    tell(s, brokerSystemId(f), { type: 'fetch.response', from: r.id, leaderEpoch: r.leaderEpoch, session: e.session, batches: [], hw: r.hw, inIsr: r.isr.includes(f), truncateTo });
    return;
  }
  const leo = s.b.logEndOffset;
  const before = r.followers.get(f) ?? { leo: 0, lastCaughtUpT: 0, lastFetchT: s.now, leaderLeoAtLastFetch: leo };
  r.followers = new Map(r.followers).set(f, followerFetched(before, e.fetchOffset, leo, s.now));
  if (!r.isr.includes(f) && canRejoinIsr(e.fetchOffset, r.hw, r.epochStartOffset)) {
    r.isr = [...r.isr, f].sort((x, y) => x - y);
    record(s, { kind: 'isr.expanded', lane: brokerLane(r.id), replica: r.id, added: f, isr: r.isr }, true);
    tell(s, 'controller', { type: 'isr.changed', isr: r.isr, leaderEpoch: r.leaderEpoch }, 0);
  }
  advanceHighWatermark(s);
  if (leo > e.fetchOffset) sendBatches(s, f, e.fetchOffset, e.session);
  else r.parked = new Map(r.parked).set(f, { offset: e.fetchOffset, session: e.session });
  scheduleIsrCheck(s);
}

/** The leader looks for out-of-sync followers exactly when one could first have lagged replica.lag.time.max.ms. */
function scheduleIsrCheck(s: ReplicaStep): void {
  const { r } = s;
  const followers = r.isr.filter((id) => id !== r.id);
  const t = nextIsrCheck(r.followers, followers, s.b.logEndOffset, r.lagMaxMs);
  if (t === r.nextCheckT) return;
  if (r.nextCheckT !== null) s.out.push({ type: 'cancel', id: ISR_CHECK_ID });
  r.nextCheckT = t;
  if (t !== null) s.out.push({ type: 'timer', delayMs: Math.max(0, t - s.now), event: { type: 'isr.check' }, id: ISR_CHECK_ID });
}

/** Partition.maybeShrinkIsr: followers that lagged too long leave the ISR; the high watermark may move, held requests be answered. */
export function checkIsr(s: ReplicaStep): void {
  const { r } = s;
  r.nextCheckT = null;
  const leo = s.b.logEndOffset;
  let shrunk = false;
  for (const id of r.isr) {
    if (id === r.id) continue;
    const p = r.followers.get(id);
    if (!p || !isOutOfSync(p, leo, s.now, r.lagMaxMs)) continue;
    r.isr = r.isr.filter((x) => x !== id);
    shrunk = true;
    record(s, { kind: 'isr.shrunk', lane: brokerLane(r.id), replica: r.id, removed: id, isr: r.isr, lagMs: s.now - p.lastCaughtUpT }, true);
  }
  if (shrunk) {
    tell(s, 'controller', { type: 'isr.changed', isr: r.isr, leaderEpoch: r.leaderEpoch }, 0);
    advanceHighWatermark(s);
  }
  scheduleIsrCheck(s);
}

/** The controller made this broker the leader: it leads from its own log, with the ISR the controller gives. */
export function becomeLeader(s: ReplicaStep, e: Extract<ReplicaEvent, { type: 'become.leader' }>): void {
  const { r, b } = s;
  r.leader = r.id;
  r.leaderEpoch = e.leaderEpoch;
  r.isr = [...e.isr];
  r.epochStartOffset = b.logEndOffset;
  r.held = [];
  r.parked = new Map();
  const followers = new Map<number, FollowerProgress>();
  for (const id of r.replicas) {
    if (id !== r.id) followers.set(id, { leo: 0, lastCaughtUpT: e.isr.includes(id) ? s.now : 0, lastFetchT: s.now, leaderLeoAtLastFetch: 0 });
  }
  r.followers = followers;
  // Producer ids are handed out cluster-wide: never one this log has seen.
  for (const pid of b.entries.keys()) if (pid >= b.nextPid) b.nextPid = pid + 1;
  record(s, { kind: 'leader.elected', lane: brokerLane(r.id), replica: r.id, previous: e.previous, leaderEpoch: e.leaderEpoch, isr: r.isr, clean: e.clean, logEndOffset: b.logEndOffset }, true);
  scheduleIsrCheck(s);
}

// ── A follower ──────────────────────────────────────────────────────────────────────────────────────────────────

function startFetching(s: ReplicaStep, truncateFirst: boolean): void {
  const { r } = s;
  if (r.leader === null || r.leader === r.id) return;
  r.fetchSession += 1;
  const fetch: ReplicaEvent = { type: 'replica.fetch', from: r.id, fetchOffset: s.b.logEndOffset, leaderEpoch: r.leaderEpoch, session: r.fetchSession };
  if (truncateFirst) fetch.epochs = epochsOf(r.log);
  tell(s, brokerSystemId(r.leader), fetch);
}

/** The controller named a leader to follow: first find where this log diverges from it, then fetch. */
export function becomeFollower(s: ReplicaStep, e: Extract<ReplicaEvent, { type: 'become.follower' }>, fetching: boolean): void {
  const { r } = s;
  r.leader = e.leader;
  r.leaderEpoch = e.leaderEpoch;
  r.isr = [];
  r.followers = new Map();
  r.held = [];
  r.parked = new Map();
  r.nextCheckT = null;
  if (fetching) startFetching(s, true);
}

/** The leader's answer to a fetch: truncate where told, or append what it sent (replication appends skip the sequence checks but build the same producer state), then fetch again. */
export function followerResponse(s: ReplicaStep, e: Extract<ReplicaEvent, { type: 'fetch.response' }>): void {
  const { r, b } = s;
  if (e.from !== r.leader || e.leaderEpoch !== r.leaderEpoch || e.session !== r.fetchSession) return;
  if (e.truncateTo !== undefined) {
    if (e.truncateTo < b.logEndOffset) truncate(s, e.truncateTo);
  } else {
    const from = b.logEndOffset;
    for (const batch of e.batches) {
      if (batch.firstOffset < b.logEndOffset) continue;
      if (batch.firstOffset !== b.logEndOffset) break;
      r.log.push(batch);
      b.logEndOffset = batch.firstOffset + batch.count;
      if (batch.logged) {
        const { header } = batch.logged;
        b.entries.set(header.pid, recordAppend(b.entries.get(header.pid), header, batch.logged.batch, b.rules.batchesRetained));
      }
    }
    r.hw = Math.min(e.hw, b.logEndOffset);
    if (b.logEndOffset > from) {
      record(s, { kind: 'replica.fetched', lane: brokerLane(r.id), replica: r.id, leader: e.from, fromOffset: from, toOffset: b.logEndOffset, hw: r.hw }, false);
    }
  }
  s.out.push({ type: 'fact', fact: e.inIsr ? 'isr.joined' : 'isr.left' });
  r.fetchSession += 1;
  tell(s, brokerSystemId(e.from), { type: 'replica.fetch', from: r.id, fetchOffset: b.logEndOffset, leaderEpoch: r.leaderEpoch, session: r.fetchSession });
}

function truncate(s: ReplicaStep, to: number): void {
  const { r, b } = s;
  const kept = r.log.filter((x) => x.firstOffset < to);
  const messages: number[] = [];
  for (const batch of r.log) if (batch.firstOffset >= to) for (const rec of batch.records) messages.push(rec.message);
  const from = b.logEndOffset;
  r.log = kept;
  b.logEndOffset = to;
  b.entries = producerStateOf(s, kept);
  r.hw = Math.min(r.hw, to);
  record(s, { kind: 'replica.truncated', lane: brokerLane(r.id), replica: r.id, leader: r.leader ?? -1, fromOffset: from, toOffset: to, messages }, false);
}

export function isolate(s: ReplicaStep): void {
  record(s, { kind: 'follower.isolated', lane: brokerLane(s.r.id), replica: s.r.id }, false);
}

/** Fetching again after an isolation: as after a change of leader, truncate first if the leader changed meanwhile. */
export function heal(s: ReplicaStep): void {
  record(s, { kind: 'follower.reconnected', lane: brokerLane(s.r.id), replica: s.r.id }, false);
  startFetching(s, true);
}

// ── The process ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Killed: requests held and fetches parked die with it; the log stays on disk. */
export function kill(s: ReplicaStep, wasLeader: boolean): void {
  const { r } = s;
  for (const h of r.held) s.out.push({ type: 'cancel', id: expireTimerId(h.ref.req) });
  if (r.nextCheckT !== null) s.out.push({ type: 'cancel', id: ISR_CHECK_ID });
  r.held = [];
  r.parked = new Map();
  r.followers = new Map();
  r.nextCheckT = null;
  r.leader = null;
  record(s, { kind: 'broker.killed', lane: brokerLane(r.id), replica: r.id, leader: wasLeader }, wasLeader);
}

/** Started again: producer state rebuilt from its log; it tells the controller it is back. */
export function start(s: ReplicaStep): void {
  s.b.entries = producerStateOf(s, s.r.log);
  record(s, { kind: 'broker.started', lane: brokerLane(s.r.id), replica: s.r.id, logEndOffset: s.b.logEndOffset }, false);
  tell(s, 'controller', { type: 'broker.returned', broker: s.r.id }, 0);
}

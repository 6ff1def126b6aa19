import {
  CHECK_STEPS,
  commitCovers,
  commitNeedsRejoin,
  commitRetries,
  EFFECT_STEPS,
  handlingSteps,
  NO_GENERATION,
  NO_MEMBER,
  startingPosition,
  type HandlingStep,
  type PolledRecord,
  type TxnProgram,
} from '../protocol/consumer-rules';
import type { ConsumerConfig, CrashPoint, DatabaseConfig, DedupStrategy } from '../scenario/schema';
import type { CommitError, ConsumerMemberId, ConsumerSnapshot, MessageState } from '../trace/types';
import type { TraceEventInput } from './effects';

/**
 * What a member's environment provides: ids that continue across members and restarts (so each transaction and commit
 * in the trace is unique), the count of deliveries of each message, and the scripted and random faults.
 */
export interface ConsumerEnv {
  /** Counts one more delivery of the message to the application (any member) and returns its number, 1-based. */
  delivered(message: number): number;
  nextTxn(): number;
  nextCommit(): number;
  /** Does a crash strike this delivery at this point? `random` when a random fault drew it. Null: no crash. */
  crashAt(message: number, copy: number, point: CrashPoint): { downMs: number; random: boolean } | null;
  /** Extra processing time for this delivery, and whether the whole process stalls (a pause) rather than just the work. */
  slowness(message: number, copy: number): { extraMs: number; stall: 'slow' | 'pause' } | null;
  /** The member's process died: the environment stops its actor and starts a new process after `downMs`. */
  crashed(member: ConsumerMemberId, instance: number, downMs: number, memberId: number): void;
}

export interface ConsumerInput {
  member: ConsumerMemberId;
  instance: number;
  /** This actor's system id: where answers are sent. */
  self: string;
  config: ConsumerConfig;
  database: DatabaseConfig;
  dedup: DedupStrategy;
  env: ConsumerEnv;
}

/** The member's protocol state (the machine's state); the model keeps it to decide. */
export type MemberPhase = 'idle' | 'joining' | 'rebalancing' | 'polling' | 'processing' | 'committing' | 'crashed' | 'stopped';

/** A fact a step raises to move the member's statechart. */
export type ConsumerFact = { type: `to.${MemberPhase}` };

export type ConsumerEffect =
  | { type: 'record'; ev: TraceEventInput }
  | { type: 'timer'; delayMs: number; event: { type: string } & Record<string, unknown>; id?: string }
  | { type: 'cancel'; id: string }
  | { type: 'fact'; fact: ConsumerFact }
  /** A request to the group coordinator (after the request latency). */
  | { type: 'coordinator'; event: { type: string } & Record<string, unknown>; delayMs: number }
  /** A transaction to the database (after its latency). */
  | { type: 'database'; txn: number; program: TxnProgram }
  | { type: 'crash'; downMs: number };

/** What the member is waiting for while it handles a record. */
interface Handling {
  record: PolledRecord;
  copy: number;
  step: number;
  /** The transaction in flight for the current step, or -1. */
  txn: number;
  extraMs: number;
  stall: 'slow' | 'pause' | null;
}

interface Commit {
  commit: number;
  offset: number;
  mode: 'sync' | 'async';
  auto: boolean;
}

export interface ConsumerModel {
  member: ConsumerMemberId;
  instance: number;
  self: string;
  config: ConsumerConfig;
  database: DatabaseConfig;
  dedup: DedupStrategy;
  steps: readonly HandlingStep[];
  autoCommit: boolean;
  env: ConsumerEnv;
  phase: MemberPhase;
  memberId: number;
  generation: number;
  assignment: number[];
  /** False once the member has left the group on its own (max.poll.interval.ms): a commit then fails locally. */
  inGroup: boolean;
  rejoinNeeded: boolean;
  position: number;
  committed: number;
  /** The records the last poll returned, and the next one to handle. */
  batch: PolledRecord[];
  /** Which delivery of its message each record of the batch is (1 = the first, to any member). */
  copies: number[];
  next: number;
  handling: Handling | null;
  /** The batch is the recovery scan's unfinished messages, not a poll's records. */
  recovering: boolean;
  /** A batch-level transaction in flight (state machine: `received` rows, or the recovery scan), or -1. */
  batchTxn: number;
  batchProgram: TxnProgram | null;
  /** Records found unfinished by the recovery scan, handled before the first poll. */
  recovered: boolean;
  /** The in-memory processed-id set (memory strategy): a container this actor alone owns; gone with the process. */
  memory: Set<number>;
  /** The commitSync in flight, if any; commitAsyncs in flight. */
  syncCommit: Commit | null;
  asyncCommits: Commit[];
  /** Crashes armed for `after-commit`: the record and the delivery, struck once a commit covering it succeeds. */
  afterCommit: { record: PolledRecord; copy: number; downMs: number; random: boolean }[];
  lastPollT: number;
  lastAutoCommitT: number;
  /** A stalled process (a pause) sends no heartbeats; events that arrive meanwhile wait for it to wake. */
  paused: boolean;
  lastSnapshot: ConsumerSnapshot | null;
}

export interface ConsumerStep extends ConsumerModel {
  now: number;
  out: ConsumerEffect[];
}

export function createConsumerModel(input: ConsumerInput): ConsumerModel {
  const autoCommit = input.config['enable.auto.commit'] ?? input.config.commit.strategy === 'auto';
  return {
    member: input.member,
    instance: input.instance,
    self: input.self,
    config: input.config,
    database: input.database,
    dedup: input.dedup,
    steps: handlingSteps(input.dedup),
    autoCommit,
    env: input.env,
    phase: 'idle',
    memberId: NO_MEMBER,
    generation: NO_GENERATION,
    assignment: [],
    inGroup: false,
    rejoinNeeded: false,
    position: -1,
    committed: -1,
    batch: [],
    copies: [],
    next: 0,
    handling: null,
    recovering: false,
    batchTxn: -1,
    batchProgram: null,
    recovered: input.dedup !== 'state-machine',
    memory: new Set(),
    syncCommit: null,
    asyncCommits: [],
    afterCommit: [],
    lastPollT: 0,
    lastAutoCommitT: 0,
    paused: false,
    lastSnapshot: null,
  };
}

/**
 * A step's copy of the model, field by field (object spread and rest are slow on Node 20, and this runs for every
 * consumer event). Every field is required, so TypeScript refuses a copy that leaves out a field added later.
 */
export function beginConsumerStep(m: ConsumerModel, now: number): ConsumerStep {
  return { member: m.member, instance: m.instance, self: m.self, config: m.config, database: m.database, dedup: m.dedup, steps: m.steps, autoCommit: m.autoCommit, env: m.env, phase: m.phase, memberId: m.memberId, generation: m.generation, assignment: m.assignment, inGroup: m.inGroup, rejoinNeeded: m.rejoinNeeded, position: m.position, committed: m.committed, batch: m.batch, copies: m.copies, next: m.next, handling: m.handling, recovering: m.recovering, batchTxn: m.batchTxn, batchProgram: m.batchProgram, recovered: m.recovered, memory: m.memory, syncCommit: m.syncCommit, asyncCommits: m.asyncCommits, afterCommit: m.afterCommit, lastPollT: m.lastPollT, lastAutoCommitT: m.lastAutoCommitT, paused: m.paused, lastSnapshot: m.lastSnapshot, now, out: [] };
}

export function endConsumerStep(s: ConsumerStep): ConsumerModel {
  return { member: s.member, instance: s.instance, self: s.self, config: s.config, database: s.database, dedup: s.dedup, steps: s.steps, autoCommit: s.autoCommit, env: s.env, phase: s.phase, memberId: s.memberId, generation: s.generation, assignment: s.assignment, inGroup: s.inGroup, rejoinNeeded: s.rejoinNeeded, position: s.position, committed: s.committed, batch: s.batch, copies: s.copies, next: s.next, handling: s.handling, recovering: s.recovering, batchTxn: s.batchTxn, batchProgram: s.batchProgram, recovered: s.recovered, memory: s.memory, syncCommit: s.syncCommit, asyncCommits: s.asyncCommits, afterCommit: s.afterCommit, lastPollT: s.lastPollT, lastAutoCommitT: s.lastAutoCommitT, paused: s.paused, lastSnapshot: s.lastSnapshot };
}

export function snapshotConsumer(s: ConsumerStep): ConsumerSnapshot {
  const handling = s.handling ? { offset: s.handling.record.offset, message: s.handling.record.message } : null;
  const snap: ConsumerSnapshot = {
    member: s.member,
    instance: s.instance,
    memberId: s.memberId,
    generation: s.generation,
    assignment: s.assignment,
    position: s.position,
    committed: s.committed,
    handling,
    pending: Math.max(0, s.batch.length - s.next - (s.handling ? 1 : 0)),
    memory: s.memory.size,
  };
  const p = s.lastSnapshot;
  if (
    p &&
    p.instance === snap.instance &&
    p.memberId === snap.memberId &&
    p.generation === snap.generation &&
    p.assignment === snap.assignment &&
    p.position === snap.position &&
    p.committed === snap.committed &&
    p.handling?.offset === handling?.offset &&
    p.handling?.message === handling?.message &&
    p.pending === snap.pending &&
    p.memory === snap.memory
  )
    return p;
  s.lastSnapshot = snap;
  return snap;
}

function record(s: ConsumerStep, ev: TraceEventInput): void {
  ev.consumer = snapshotConsumer(s);
  s.out.push({ type: 'record', ev });
}

function moveTo(s: ConsumerStep, phase: MemberPhase): void {
  if (s.phase === phase) return;
  s.phase = phase;
  s.out.push({ type: 'fact', fact: { type: `to.${phase}` } });
}

const live = (s: ConsumerStep) => s.phase !== 'crashed' && s.phase !== 'stopped';

function toCoordinator(s: ConsumerStep, event: { type: string } & Record<string, unknown>): void {
  s.out.push({ type: 'coordinator', event, delayMs: s.config.requestLatencyMs });
}

// ----------------------------------------------------------------------------------------------------------------
// Joining the group

/** The process starts: it subscribes and sends JoinGroup. */
export function start(s: ConsumerStep): void {
  s.lastAutoCommitT = s.now;
  s.lastPollT = s.now;
  record(s, {
    kind: 'consumer.started',
    lane: 'consumer',
    member: s.member,
    instance: s.instance,
    strategy: s.config.commit.strategy,
    dedup: s.dedup,
    autoCommit: s.autoCommit,
  });
  sendJoin(s, 'joining');
}

function sendJoin(s: ConsumerStep, phase: 'joining' | 'rebalancing'): void {
  s.rejoinNeeded = false;
  record(s, { kind: 'group.join.sent', lane: 'consumer', member: s.member, memberId: s.memberId });
  toCoordinator(s, { type: 'group.join', member: s.member, instance: s.instance, memberId: s.memberId, replyTo: s.self });
  moveTo(s, phase);
}

export interface JoinResponse {
  memberId: number;
  generation: number;
  assignment: number[];
  committed: number;
  logEndOffset: number;
}

/** The coordinator's answer: a member id, the generation and the assignment, with the committed offset (OffsetFetch folded in). */
export function joined(s: ConsumerStep, e: JoinResponse): void {
  if (!live(s) || (s.phase !== 'joining' && s.phase !== 'rebalancing')) return;
  s.memberId = e.memberId;
  s.generation = e.generation;
  s.assignment = e.assignment;
  s.inGroup = true;
  record(s, { kind: 'group.joined', lane: 'consumer', member: s.member, memberId: e.memberId, generation: e.generation, assignment: e.assignment });
  if (e.assignment.length === 0) {
    s.position = -1;
    s.batch = [];
    s.next = 0;
    moveTo(s, 'polling');
    return;
  }
  const start = startingPosition(e.committed, s.config['auto.offset.reset'], e.logEndOffset);
  s.committed = e.committed;
  s.position = start.position;
  record(s, { kind: 'offset.fetched', lane: 'consumer', member: s.member, committed: e.committed, position: start.position, reset: start.reset, logEndOffset: e.logEndOffset });
  if (start.position < 0) {
    moveTo(s, 'stopped');
    return;
  }
  if (s.dedup === 'state-machine') s.recovered = false;
  if (!s.recovered) {
    // State machine: on every assignment (a restart, a rebalance), before the first poll, finish what was left
    // unfinished: messages received (and maybe committed past) but not done.
    moveTo(s, 'processing');
    sendBatchTxn(s, { kind: 'sm-scan' });
    return;
  }
  poll(s);
}

// ----------------------------------------------------------------------------------------------------------------
// The poll loop

/**
 * The application calls poll(): a pending rejoin happens first (with auto-commit, the position is committed before,
 * as ConsumerCoordinator.onJoinPrepare does); an auto-commit is due once auto.commit.interval.ms has passed since the
 * last one; then a fetch from the position. An idle member waits in poll until records arrive.
 */
export function poll(s: ConsumerStep): void {
  if (!live(s)) return;
  s.lastPollT = s.now;
  s.out.push({ type: 'cancel', id: 'poll-timeout' });
  s.batch = [];
  s.next = 0;
  s.handling = null;
  if (s.rejoinNeeded || !s.inGroup) {
    if (s.autoCommit && s.inGroup && s.position > s.committed) sendCommit(s, s.position, 'async', true);
    sendJoin(s, 'rebalancing');
    return;
  }
  if (s.autoCommit && s.position > s.committed && s.now - s.lastAutoCommitT >= s.config['auto.commit.interval.ms']) {
    s.lastAutoCommitT = s.now;
    sendCommit(s, s.position, 'async', true);
  }
  moveTo(s, 'polling');
  if (s.assignment.length === 0 || s.position < 0) return;
  toCoordinator(s, { type: 'fetch', member: s.member, instance: s.instance, offset: s.position, max: s.config['max.poll.records'], replyTo: s.self });
}

/** A fetch answer: the records poll() returns. The position moves past them at once (as KafkaConsumer.poll does). */
export function fetched(s: ConsumerStep, records: PolledRecord[], from: number): void {
  if (!live(s) || s.phase !== 'polling' || records.length === 0 || from !== s.position) return;
  s.batch = records;
  s.next = 0;
  s.position = records[records.length - 1]!.offset + 1;
  record(s, { kind: 'records.polled', lane: 'consumer', member: s.member, fromOffset: from, records });
  // The heartbeat thread starts counting max.poll.interval.ms from this poll.
  s.out.push({ type: 'timer', delayMs: s.config['max.poll.interval.ms'], event: { type: 'poll.timeout' }, id: 'poll-timeout' });
  moveTo(s, 'processing');
  const copies: number[] = [];
  for (const r of records) copies.push(s.env.delivered(r.message));
  // Crashes armed for this batch: right away (after poll), and once a commit covers a record (after commit).
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    const atPoll = s.env.crashAt(r.message, copies[k]!, 'after-poll');
    if (atPoll) {
      crash(s, 'after-poll', r, atPoll.downMs, atPoll.random);
      return;
    }
    const atCommit = s.env.crashAt(r.message, copies[k]!, 'after-commit');
    if (atCommit) s.afterCommit.push({ record: r, copy: copies[k]!, downMs: atCommit.downMs, random: atCommit.random });
  }
  s.copies = copies;
  afterPoll(s);
}

/** What happens between poll and processing: `received` rows (state machine), a commit (commit before processing). */
function afterPoll(s: ConsumerStep): void {
  if (s.dedup === 'state-machine' && s.batchProgram?.kind !== 'sm-receive') {
    sendBatchTxn(s, { kind: 'sm-receive', records: s.batch });
    return;
  }
  s.batchProgram = null;
  if (s.config.commit.strategy === 'before-processing') {
    if (sendCommit(s, s.position, s.config.commit.mode, false) && s.config.commit.mode === 'sync') return;
    if (s.rejoinNeeded) {
      poll(s);
      return;
    }
  }
  handleNext(s);
}

/** The next record of the batch, or the end of the batch. */
function handleNext(s: ConsumerStep): void {
  if (!live(s)) return;
  if (s.next >= s.batch.length) {
    batchDone(s);
    return;
  }
  const r = s.batch[s.next]!;
  const copy = s.copies[s.next] ?? s.env.delivered(r.message);
  const slow = s.env.slowness(r.message, copy);
  s.handling = { record: r, copy, step: 0, txn: -1, extraMs: slow?.extraMs ?? 0, stall: slow?.stall ?? null };
  moveTo(s, 'processing');
  runStep(s);
}

/** Runs the current handling step; a step that needs the database waits for its answer. */
function runStep(s: ConsumerStep): void {
  const h = s.handling;
  if (!h || !live(s)) return;
  while (h.step < s.steps.length) {
    const step = s.steps[h.step]!;
    if (step === 'memory-check') {
      if (s.memory.has(h.record.message)) {
        skip(s);
        return;
      }
      h.step++;
      continue;
    }
    if (step === 'memory-add') {
      s.memory.add(h.record.message);
      h.step++;
      continue;
    }
    if (step === 'process') {
      record(s, { kind: 'record.processing', lane: 'consumer', member: s.member, offset: h.record.offset, message: h.record.message, copy: h.copy, extraMs: h.extraMs });
      if (h.stall === 'pause') {
        // The whole process stalls: no heartbeats either, so the coordinator's session timer runs.
        s.paused = true;
        toCoordinator(s, { type: 'group.silent', memberId: s.memberId });
        s.out.push({ type: 'cancel', id: 'poll-timeout' });
      }
      s.out.push({ type: 'timer', delayMs: s.config.processingMs + h.extraMs, event: { type: 'process.done' }, id: 'process' });
      return;
    }
    if (EFFECT_STEPS.has(step)) {
      const hit = s.env.crashAt(h.record.message, h.copy, 'before-effect');
      if (hit) {
        crash(s, 'before-effect', h.record, hit.downMs, hit.random);
        return;
      }
    }
    sendTxn(s, { kind: step, record: h.record } as TxnProgram);
    return;
  }
  record(s, { kind: 'record.done', lane: 'consumer', member: s.member, offset: h.record.offset, message: h.record.message });
  s.handling = null;
  s.next++;
  handleNext(s);
}

function skip(s: ConsumerStep): void {
  const h = s.handling!;
  record(s, { kind: 'dedup.skipped', lane: 'consumer', member: s.member, offset: h.record.offset, message: h.record.message, strategy: s.dedup });
  s.handling = null;
  s.next++;
  handleNext(s);
}

function sendTxn(s: ConsumerStep, program: TxnProgram): void {
  const txn = s.env.nextTxn();
  if (s.handling) s.handling.txn = txn;
  s.out.push({ type: 'database', txn, program });
}

function sendBatchTxn(s: ConsumerStep, program: TxnProgram): void {
  const txn = s.env.nextTxn();
  s.batchTxn = txn;
  s.batchProgram = program;
  s.out.push({ type: 'database', txn, program });
}

/** The application's own work for the record is done (or the process woke from a pause). */
export function processDone(s: ConsumerStep): void {
  const h = s.handling;
  if (!h || !live(s)) return;
  if (s.paused) {
    s.paused = false;
    // Heartbeats resume with the next beat of the heartbeat thread.
    s.out.push({ type: 'timer', delayMs: s.config['heartbeat.interval.ms'], event: { type: 'heartbeat.due' }, id: 'heartbeat' });
    // The poll interval kept running while the process stood still.
    const left = s.config['max.poll.interval.ms'] - (s.now - s.lastPollT);
    s.out.push({ type: 'timer', delayMs: Math.max(0, left), event: { type: 'poll.timeout' }, id: 'poll-timeout' });
  }
  h.step++;
  runStep(s);
}

export interface DbAnswer {
  txn: number;
  result: 'committed' | 'unavailable';
  found: boolean;
  pending?: { message: number; offset: number; state: MessageState }[];
}

/** The database's answer to a transaction. */
export function dbAnswered(s: ConsumerStep, a: DbAnswer): void {
  if (!live(s)) return;
  if (a.txn === s.batchTxn && s.batchProgram) {
    s.batchTxn = -1;
    if (a.result === 'unavailable') {
      s.out.push({ type: 'timer', delayMs: s.database.retryBackoffMs, event: { type: 'db.retry' }, id: 'db-retry' });
      return;
    }
    if (s.batchProgram.kind === 'sm-scan') {
      s.batchProgram = null;
      s.recovered = true;
      const pending = a.pending ?? [];
      record(s, { kind: 'recovery.scanned', lane: 'consumer', member: s.member, pending });
      if (pending.length === 0) {
        poll(s);
        return;
      }
      // Finish them first: they were received (and may have been committed past) by an earlier process.
      s.batch = pending.map((p) => ({ offset: p.offset, message: p.message }));
      s.next = 0;
      s.copies = s.batch.map((r) => s.env.delivered(r.message));
      s.recovering = true;
      handleNext(s);
      return;
    }
    afterPoll(s);
    return;
  }
  const h = s.handling;
  if (!h || a.txn !== h.txn) return;
  h.txn = -1;
  if (a.result === 'unavailable') {
    s.out.push({ type: 'timer', delayMs: s.database.retryBackoffMs, event: { type: 'db.retry' }, id: 'db-retry' });
    return;
  }
  const step = s.steps[h.step]!;
  if (CHECK_STEPS.has(step) && a.found) {
    skip(s);
    return;
  }
  if (EFFECT_STEPS.has(step)) {
    const hit = s.env.crashAt(h.record.message, h.copy, 'after-effect');
    if (hit) {
      crash(s, 'after-effect', h.record, hit.downMs, hit.random);
      return;
    }
  }
  h.step++;
  runStep(s);
}

/** The database was down: the same transaction is tried again. */
export function dbRetry(s: ConsumerStep): void {
  if (!live(s)) return;
  if (s.batchProgram && s.batchTxn < 0) {
    sendBatchTxn(s, s.batchProgram);
    return;
  }
  const h = s.handling;
  if (h && h.txn < 0) runStep(s);
}

/** Every record of the batch is handled: commit (after processing), then poll again. */
function batchDone(s: ConsumerStep): void {
  s.handling = null;
  if (s.recovering) {
    // Recovery is over: the log is read from the committed position on.
    s.recovering = false;
    s.batch = [];
    s.next = 0;
    poll(s);
    return;
  }
  if (s.config.commit.strategy === 'after-processing' && s.batch.length > 0) {
    if (sendCommit(s, s.position, s.config.commit.mode, false) && s.config.commit.mode === 'sync') return;
  }
  poll(s);
}

// ----------------------------------------------------------------------------------------------------------------
// Offset commits

/**
 * Sends an OffsetCommit of `offset` with the member's id and generation. A member that has left the group on its
 * own fails the commit without sending it (ConsumerCoordinator.sendOffsetCommitRequest: CommitFailedException).
 * Returns whether a request went out.
 */
function sendCommit(s: ConsumerStep, offset: number, mode: 'sync' | 'async', auto: boolean): boolean {
  const commit = s.env.nextCommit();
  record(s, { kind: 'commit.sent', lane: 'consumer', member: s.member, commit, offset, memberId: s.memberId, generation: s.generation, mode, auto });
  if (!s.inGroup) {
    record(s, { kind: 'commit.completed', lane: 'consumer', member: s.member, commit, offset, error: 'COMMIT_FAILED', retry: false });
    s.rejoinNeeded = true;
    return false;
  }
  toCoordinator(s, { type: 'offset.commit', member: s.member, memberId: s.memberId, generation: s.generation, offset, commit, replyTo: s.self });
  const c: Commit = { commit, offset, mode, auto };
  s.out.push({ type: 'timer', delayMs: s.config['request.timeout.ms'], event: { type: 'commit.timeout', commit }, id: `commit-${commit}` });
  if (mode === 'sync') {
    s.syncCommit = c;
    moveTo(s, 'committing');
  } else s.asyncCommits = [...s.asyncCommits, c];
  return true;
}

/** The answer to a commit, or its timeout (REQUEST_TIMED_OUT). */
export function commitAnswered(s: ConsumerStep, commit: number, error: CommitError): void {
  if (!live(s)) return;
  const sync = s.syncCommit?.commit === commit ? s.syncCommit : null;
  const async = s.asyncCommits.find((c) => c.commit === commit) ?? null;
  const c = sync ?? async;
  if (!c) return;
  s.out.push({ type: 'cancel', id: `commit-${commit}` });
  if (async) s.asyncCommits = s.asyncCommits.filter((x) => x !== async);
  const retry = commitRetries(error, c.mode);
  record(s, { kind: 'commit.completed', lane: 'consumer', member: s.member, commit, offset: c.offset, error, retry });
  if (error === 'NONE') {
    if (c.offset > s.committed) s.committed = c.offset;
    const hit = s.afterCommit.find((a) => commitCovers(c.offset, a.record.offset));
    if (hit) {
      crash(s, 'after-commit', hit.record, hit.downMs, hit.random);
      return;
    }
  } else if (commitNeedsRejoin(error)) {
    s.rejoinNeeded = true;
    if (error === 'UNKNOWN_MEMBER_ID') {
      s.memberId = NO_MEMBER;
      s.generation = NO_GENERATION;
      s.inGroup = false;
    } else if (error === 'ILLEGAL_GENERATION') s.generation = NO_GENERATION;
  }
  if (!sync) return;
  s.syncCommit = null;
  if (retry) {
    // Tried again with the member's id and generation as they are now; failed at once if it has left the group.
    if (!sendCommit(s, c.offset, 'sync', c.auto)) poll(s);
    return;
  }
  if (error !== 'NONE') {
    // commitSync threw: the application's loop catches it and polls again, which rejoins the group; what the batch
    // had not finished is fetched again from the committed offset.
    poll(s);
    return;
  }
  if (s.config.commit.strategy === 'before-processing' && s.next < s.batch.length) {
    moveTo(s, 'processing');
    handleNext(s);
    return;
  }
  poll(s);
}

// ----------------------------------------------------------------------------------------------------------------
// The group: rebalances, timeouts, heartbeats

/** A heartbeat answer said the group is rebalancing: the member rejoins at its next poll (at once if it waits in poll). */
export function rebalanceNoticed(s: ConsumerStep, generation: number): void {
  if (!live(s) || s.paused || s.rejoinNeeded || s.phase === 'joining' || s.phase === 'rebalancing') return;
  s.rejoinNeeded = true;
  record(s, { kind: 'rebalance.noticed', lane: 'consumer', member: s.member, generation });
  if (s.phase === 'polling') poll(s);
}

/** The heartbeat thread: no poll for max.poll.interval.ms, so it sends LeaveGroup and forgets the generation. */
export function pollTimedOut(s: ConsumerStep): void {
  if (!live(s) || s.paused || !s.inGroup || s.phase === 'polling') return;
  record(s, { kind: 'poll.timeout', lane: 'consumer', member: s.member, elapsedMs: s.now - s.lastPollT, limitMs: s.config['max.poll.interval.ms'] });
  toCoordinator(s, { type: 'group.leave', memberId: s.memberId, reason: 'poll-timeout' });
  s.inGroup = false;
  s.rejoinNeeded = true;
  s.memberId = NO_MEMBER;
  s.generation = NO_GENERATION;
}

/** The first heartbeat after a pause. */
export function heartbeatDue(s: ConsumerStep): void {
  if (!live(s) || !s.inGroup) return;
  toCoordinator(s, { type: 'group.heard', member: s.member, memberId: s.memberId, generation: s.generation, replyTo: s.self });
}

/** The heartbeat's answer: an error means the member is no longer (or not yet) in this generation. */
export function heartbeatAnswered(s: ConsumerStep, error: CommitError): void {
  if (!live(s) || error === 'NONE') return;
  if (error === 'UNKNOWN_MEMBER_ID') {
    s.memberId = NO_MEMBER;
    s.generation = NO_GENERATION;
    s.inGroup = false;
  }
  rebalanceNoticed(s, s.generation);
}

/** The process dies at `point` while it handles `r` (or while idle). */
function crash(s: ConsumerStep, point: CrashPoint | 'idle', r: PolledRecord | null, downMs: number, random: boolean): void {
  record(s, {
    kind: 'consumer.crashed',
    lane: 'consumer',
    member: s.member,
    instance: s.instance,
    point,
    message: r?.message ?? -1,
    offset: r?.offset ?? -1,
    random,
  });
  moveTo(s, 'crashed');
  s.out.push({ type: 'crash', downMs });
}

import type { CommitError, DbOp, GroupRuleFact, MessageState } from '../trace/types';

/**
 * The consumer side's protocol rules, as small pure functions: the group coordinator's check of an offset commit,
 * where a member starts reading, who owns the partition, what a member fetches, which commit failures a
 * commitSync retries, and how each deduplication strategy reads and writes the application's database.
 */

/** Generation and member id a member has before it joins (Kafka's NO_GENERATION / UNKNOWN_MEMBER_ID: -1 and ""). */
export const NO_GENERATION = -1;
export const NO_MEMBER = -1;

/** The coordinator's view of the group when a commit arrives. */
export interface GroupView {
  /** Kafka's ClassicGroupState, as far as the lab models it. */
  state: 'empty' | 'preparingRebalance' | 'completingRebalance' | 'stable';
  generation: number;
  members: ReadonlySet<number> | readonly number[];
}

const hasMember = (members: GroupView['members'], id: number) => (Array.isArray(members) ? members.includes(id) : (members as ReadonlySet<number>).has(id));

/**
 * The coordinator's check of an OffsetCommit from a group member (ClassicGroup.validateOffsetCommit, and the
 * REBALANCE_IN_PROGRESS answer while the group completes a rebalance): a request with no generation and no member id
 * is accepted only while the group is empty (an admin or a manual-assignment consumer); otherwise the member must be
 * in the group (else UNKNOWN_MEMBER_ID) and name the group's current generation (else ILLEGAL_GENERATION). During
 * PreparingRebalance a current member's commit with the current generation is accepted: the generation has not moved yet.
 */
export function validateOffsetCommit(group: GroupView, memberId: number, generation: number): { error: CommitError; rule: GroupRuleFact } {
  if (generation < 0 && memberId < 0) {
    if (group.state === 'empty') return { error: 'NONE', rule: { rule: 'commit-accepted', generation } };
    return { error: 'UNKNOWN_MEMBER_ID', rule: { rule: 'unknown-member', memberId } };
  }
  if (!hasMember(group.members, memberId)) return { error: 'UNKNOWN_MEMBER_ID', rule: { rule: 'unknown-member', memberId } };
  if (generation !== group.generation) return { error: 'ILLEGAL_GENERATION', rule: { rule: 'generation-mismatch', generation, groupGeneration: group.generation } };
  if (group.state === 'completingRebalance') return { error: 'REBALANCE_IN_PROGRESS', rule: { rule: 'completing-rebalance', generation } };
  return { error: 'NONE', rule: { rule: 'commit-accepted', generation } };
}

/**
 * Where a member starts reading its partition: the committed offset if there is one, otherwise
 * `auto.offset.reset` applied to the log (earliest: its start, 0 here; latest: its end); `none` leaves no position
 * (NoOffsetForPartitionException).
 */
export function startingPosition(committed: number, reset: 'earliest' | 'latest' | 'none', logEndOffset: number): { position: number; reset: 'earliest' | 'latest' | 'none' | null } {
  if (committed >= 0) return { position: committed, reset: null };
  if (reset === 'earliest') return { position: 0, reset };
  if (reset === 'latest') return { position: logEndOffset, reset };
  return { position: -1, reset };
}

/**
 * The member that gets the lab's one partition: the range assignor sorts the members by member id and gives
 * partition 0 to the first. Member ids here are numbers handed out in join order, so it is the longest-standing
 * member. -1 when there are none.
 */
export function partitionOwner(memberIds: readonly number[]): number {
  let owner = -1;
  for (const id of memberIds) if (owner < 0 || id < owner) owner = id;
  return owner;
}

/** The offsets a fetch from `position` returns: up to `maxRecords` of those below the log end. */
export function fetchRange(position: number, logEndOffset: number, maxRecords: number): { from: number; to: number } {
  const from = Math.max(0, position);
  return { from, to: Math.min(logEndOffset, from + maxRecords) };
}

/** What is committed for a handled record: the offset of the next record to read (Kafka commits positions). */
export const commitOffsetAfter = (recordOffset: number): number => recordOffset + 1;

/**
 * Does commitSync try again after this answer? Only when no answer came (a timeout: retriable). A refusal
 * (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION: CommitFailedException; REBALANCE_IN_PROGRESS: RebalanceInProgressException)
 * or a local failure is final; commitAsync never retries (a late retry could overwrite a newer commit).
 */
export function commitRetries(error: CommitError, mode: 'sync' | 'async'): boolean {
  return mode === 'sync' && error === 'REQUEST_TIMED_OUT';
}

/** After this answer the member must rejoin the group (ConsumerCoordinator resets its generation and rejoins). */
export function commitNeedsRejoin(error: CommitError): boolean {
  return error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION' || error === 'REBALANCE_IN_PROGRESS' || error === 'COMMIT_FAILED';
}

/** Does a successful commit of `committedOffset` cover the record at `recordOffset`? */
export const commitCovers = (committedOffset: number, recordOffset: number): boolean => committedOffset > recordOffset;

// ---------------------------------------------------------------------------------------------------------------
// Deduplication: the application's database and what each strategy asks of it.

/** A record of the partition as the application sees it. */
export interface PolledRecord {
  offset: number;
  message: number;
}

/** One database transaction the application sends, by what it does (the database runs it atomically). */
export type TxnProgram =
  /** The business effect, an insert: applied again, it makes a second row. */
  | { kind: 'effect'; record: PolledRecord }
  /** The business effect as an upsert keyed by the message id: applied again, it rewrites the same row. */
  | { kind: 'upsert'; record: PolledRecord }
  /** Reads the processed-id table. */
  | { kind: 'check'; record: PolledRecord }
  /** Writes the message id into the processed-id table. */
  | { kind: 'mark'; record: PolledRecord }
  /** Inserts the id if absent (a mark before the effect); `found` if it was there. */
  | { kind: 'check-mark'; record: PolledRecord }
  /** The inbox: if the id is absent, the effect and the id in one transaction; `found` if it was there. */
  | { kind: 'inbox'; record: PolledRecord }
  /** State machine: a `received` row for each record that has none. */
  | { kind: 'sm-receive'; records: PolledRecord[] }
  /** State machine: received → processing; `found` if the message is already done. */
  | { kind: 'sm-claim'; record: PolledRecord }
  /** State machine: the effect and processing → done in one transaction; `found` if it is already done. */
  | { kind: 'sm-complete'; record: PolledRecord }
  /** State machine, on start: the messages not done yet (recovery). */
  | { kind: 'sm-scan' };

/** The application's tables (the database actor's data). Containers the database actor alone owns. */
export interface DbTables {
  /** Effect rows in insertion order; `byMessage` points at each message's rows. */
  effects: { message: number; offset: number; rewrites: number }[];
  byMessage: Map<number, number[]>;
  processed: Set<number>;
  processedOrder: number[];
  states: Map<number, { state: MessageState; offset: number }>;
}

export function emptyTables(): DbTables {
  return { effects: [], byMessage: new Map(), processed: new Set(), processedOrder: [], states: new Map() };
}

/** What a transaction did: its operations for the trace, whether the id was found, and for a scan what is pending. */
export interface TxnResult {
  ops: DbOp[];
  found: boolean;
  pending?: { message: number; offset: number; state: MessageState }[];
  /** State moves of per-message state machines. */
  moves?: { message: number; from: MessageState | null; to: MessageState }[];
}

function insertEffect(db: DbTables, r: PolledRecord, ops: DbOp[]): void {
  const rows = db.byMessage.get(r.message);
  db.effects.push({ message: r.message, offset: r.offset, rewrites: 0 });
  if (rows) rows.push(db.effects.length - 1);
  else db.byMessage.set(r.message, [db.effects.length - 1]);
  ops.push({ op: 'effect', message: r.message, offset: r.offset, upsert: false });
}

function mark(db: DbTables, message: number, ops: DbOp[]): void {
  if (!db.processed.has(message)) {
    db.processed.add(message);
    db.processedOrder.push(message);
  }
  ops.push({ op: 'mark', message });
}

function setState(db: DbTables, r: PolledRecord, to: MessageState, ops: DbOp[], moves: NonNullable<TxnResult['moves']>): void {
  const from = db.states.get(r.message)?.state ?? null;
  db.states.set(r.message, { state: to, offset: db.states.get(r.message)?.offset ?? r.offset });
  ops.push({ op: 'state', message: r.message, from, to });
  moves.push({ message: r.message, from, to });
}

/** Runs one transaction against the tables (changing them) and says what it did. */
export function runTxn(db: DbTables, p: TxnProgram): TxnResult {
  const ops: DbOp[] = [];
  switch (p.kind) {
    case 'effect':
      insertEffect(db, p.record, ops);
      return { ops, found: false };
    case 'upsert': {
      const rows = db.byMessage.get(p.record.message);
      if (rows && rows.length > 0) db.effects[rows[0]!]!.rewrites += 1;
      else {
        db.effects.push({ message: p.record.message, offset: p.record.offset, rewrites: 0 });
        db.byMessage.set(p.record.message, [db.effects.length - 1]);
      }
      ops.push({ op: 'effect', message: p.record.message, offset: p.record.offset, upsert: true });
      return { ops, found: false };
    }
    case 'check': {
      const found = db.processed.has(p.record.message);
      ops.push({ op: 'check', message: p.record.message, found });
      return { ops, found };
    }
    case 'mark':
      mark(db, p.record.message, ops);
      return { ops, found: false };
    case 'check-mark':
    case 'inbox': {
      const found = db.processed.has(p.record.message);
      ops.push({ op: 'check', message: p.record.message, found });
      if (found) return { ops, found };
      if (p.kind === 'inbox') insertEffect(db, p.record, ops);
      mark(db, p.record.message, ops);
      return { ops, found };
    }
    case 'sm-receive': {
      const moves: NonNullable<TxnResult['moves']> = [];
      for (const r of p.records) if (!db.states.has(r.message)) setState(db, r, 'received', ops, moves);
      return { ops, found: false, moves };
    }
    case 'sm-claim': {
      const moves: NonNullable<TxnResult['moves']> = [];
      const state = db.states.get(p.record.message)?.state ?? null;
      if (state === 'done') {
        ops.push({ op: 'check', message: p.record.message, found: true });
        return { ops, found: true, moves };
      }
      if (state === null) setState(db, p.record, 'received', ops, moves);
      if (state !== 'processing') setState(db, p.record, 'processing', ops, moves);
      else ops.push({ op: 'check', message: p.record.message, found: false });
      return { ops, found: false, moves };
    }
    case 'sm-complete': {
      const moves: NonNullable<TxnResult['moves']> = [];
      if (db.states.get(p.record.message)?.state === 'done') {
        ops.push({ op: 'check', message: p.record.message, found: true });
        return { ops, found: true, moves };
      }
      insertEffect(db, p.record, ops);
      setState(db, p.record, 'done', ops, moves);
      return { ops, found: false, moves };
    }
    case 'sm-scan': {
      const pending: NonNullable<TxnResult['pending']> = [];
      for (const [message, s] of db.states) if (s.state !== 'done') pending.push({ message, offset: s.offset, state: s.state });
      pending.sort((a, b) => a.offset - b.offset);
      return { ops, found: false, pending };
    }
  }
}

/**
 * A record's handling, step by step, for a deduplication strategy. `process` is the application's own work (it
 * takes processingMs); every other step is a database transaction, except the in-memory set's look-up and note.
 * A step that finds the id already processed ends the handling (the record is skipped).
 */
export type HandlingStep = 'memory-check' | 'process' | 'memory-add' | TxnProgram['kind'];

export function handlingSteps(strategy: import('../scenario/schema').DedupStrategy): readonly HandlingStep[] {
  switch (strategy) {
    case 'none':
      return ['process', 'effect'];
    case 'memory':
      return ['memory-check', 'process', 'effect', 'memory-add'];
    case 'after-effect':
      return ['check', 'process', 'effect', 'mark'];
    case 'before-effect':
      return ['check-mark', 'process', 'effect'];
    case 'same-transaction':
      return ['process', 'inbox'];
    case 'idempotent-effect':
      return ['process', 'upsert'];
    case 'state-machine':
      return ['sm-claim', 'process', 'sm-complete'];
  }
}

/** The steps that write the business effect (a crash `before-effect` strikes just before, `after-effect` just after). */
export const EFFECT_STEPS: ReadonlySet<HandlingStep> = new Set(['effect', 'upsert', 'inbox', 'sm-complete']);

/** Steps whose answer can say "already processed" (the handling then stops). */
export const CHECK_STEPS: ReadonlySet<HandlingStep> = new Set(['memory-check', 'check', 'check-mark', 'inbox', 'sm-claim', 'sm-complete']);

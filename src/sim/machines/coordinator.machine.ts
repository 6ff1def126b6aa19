import { enqueueActions, setup, type AnyActorRef } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import { fetchRange, partitionOwner, validateOffsetCommit, type PolledRecord } from '../protocol/consumer-rules';
import type { ConsumerMemberId, CoordinatorSnapshot, MemberRemoval, RebalanceReason } from '../trace/types';
import type { TraceEventInput } from './effects';
import { enact, type ChildStarted, type Enqueue, type TraceEmitted } from './trace-emit';

/** The partition log as the fetch path reads it (the broker's log, written by the producer side). */
export interface LogReader {
  logEndOffset(): number;
  read(from: number, to: number): PolledRecord[];
}

export interface CoordinatorInput {
  clock: SimClock;
  log: LogReader;
  sessionTimeoutMs: number;
  /** The rebalance timeout: how long a rebalance waits for members to rejoin (the members' max.poll.interval.ms). */
  rebalanceTimeoutMs: number;
  /** One-way latency of its answers to the members. */
  latencyMs: number;
  /** Is the response to this commit (by its number) lost? (scripted and random faults) */
  loseCommitResponse(commit: number): boolean;
}

interface Member {
  memberId: number;
  member: ConsumerMemberId;
  replyTo: string;
  rejoined: boolean;
  silent: boolean;
}

type GroupState = 'empty' | 'preparingRebalance' | 'stable';

export interface CoordinatorModel {
  generation: number;
  members: Member[];
  owner: number;
  committed: number;
  nextMemberId: number;
  /** Fetches waiting in the broker for records past the log end (a long poll). */
  parked: { member: ConsumerMemberId; replyTo: string; offset: number; max: number }[];
  lastSnapshot: CoordinatorSnapshot | null;
}

export type CoordinatorEvent =
  | { type: 'group.join'; member: ConsumerMemberId; instance: number; memberId: number; replyTo: string }
  | { type: 'group.leave'; memberId: number; reason: 'poll-timeout' | 'leave-group' }
  | { type: 'group.silent'; memberId: number }
  | { type: 'group.heard'; member: ConsumerMemberId; memberId: number; generation: number; replyTo: string }
  | { type: 'offset.commit'; member: ConsumerMemberId; memberId: number; generation: number; offset: number; commit: number; replyTo: string }
  | { type: 'fetch'; member: ConsumerMemberId; instance: number; offset: number; max: number; replyTo: string }
  | { type: 'log.appended' }
  | { type: 'session.expired'; memberId: number }
  | { type: 'rebalance.timeout' };

type Fact = { type: 'to.empty' } | { type: 'to.preparingRebalance' } | { type: 'to.stable' };

type CoordinatorEffect =
  | { type: 'record'; ev: TraceEventInput }
  | { type: 'timer'; delayMs: number; event: { type: string } & Record<string, unknown>; id?: string }
  | { type: 'cancel'; id: string }
  | { type: 'reply'; to: string; event: { type: string } & Record<string, unknown> }
  | { type: 'fact'; fact: Fact };

interface Step extends CoordinatorModel {
  state: GroupState;
  now: number;
  input: CoordinatorInput;
  out: CoordinatorEffect[];
}

function snapshot(s: Step): CoordinatorSnapshot {
  const members = s.members.map((m) => ({ memberId: m.memberId, member: m.member, rejoined: m.rejoined }));
  const p = s.lastSnapshot;
  if (
    p &&
    p.generation === s.generation &&
    p.owner === s.owner &&
    p.committed === s.committed &&
    p.members.length === members.length &&
    p.members.every((m, i) => m.memberId === members[i]!.memberId && m.rejoined === members[i]!.rejoined)
  )
    return p;
  s.lastSnapshot = { generation: s.generation, members, owner: s.owner, committed: s.committed };
  return s.lastSnapshot;
}

function record(s: Step, ev: TraceEventInput): void {
  ev.coordinator = snapshot(s);
  s.out.push({ type: 'record', ev });
}

function reply(s: Step, to: string, event: { type: string } & Record<string, unknown>): void {
  s.out.push({ type: 'reply', to, event });
}

function moveTo(s: Step, state: GroupState): void {
  if (s.state === state) return;
  s.state = state;
  s.out.push({ type: 'fact', fact: { type: `to.${state}` } });
}

/** Starts a rebalance (PreparingRebalance): members are told at their next heartbeat and have the rebalance timeout to rejoin. */
function prepareRebalance(s: Step, reason: RebalanceReason, memberId: number, except: number): void {
  if (s.state !== 'preparingRebalance') {
    record(s, { kind: 'group.rebalancing', lane: 'broker', generation: s.generation, reason, memberId });
    moveTo(s, 'preparingRebalance');
    s.out.push({ type: 'timer', delayMs: s.input.rebalanceTimeoutMs, event: { type: 'rebalance.timeout' }, id: 'rebalance' });
  }
  for (const m of s.members) {
    if (m.memberId === except || m.rejoined || m.silent) continue;
    reply(s, m.replyTo, { type: 'rebalance.notice', generation: s.generation });
  }
  maybeComplete(s);
}

/** Every member has rejoined (or was removed): the next generation, partition 0 to the range assignor's first member. */
function maybeComplete(s: Step): void {
  if (s.state !== 'preparingRebalance' || s.members.some((m) => !m.rejoined)) return;
  s.out.push({ type: 'cancel', id: 'rebalance' });
  s.generation += 1;
  s.owner = partitionOwner(s.members.map((m) => m.memberId));
  for (const m of s.members) m.rejoined = false;
  s.members = [...s.members];
  if (s.members.length === 0) {
    record(s, { kind: 'group.empty', lane: 'broker', generation: s.generation });
    moveTo(s, 'empty');
    return;
  }
  record(s, { kind: 'group.stable', lane: 'broker', generation: s.generation, members: s.members.map((m) => m.memberId), owner: s.owner });
  moveTo(s, 'stable');
  const logEndOffset = s.input.log.logEndOffset();
  for (const m of s.members) {
    reply(s, m.replyTo, {
      type: 'join.response',
      memberId: m.memberId,
      generation: s.generation,
      assignment: m.memberId === s.owner ? [0] : [],
      committed: s.committed,
      logEndOffset,
    });
  }
}

function removeMember(s: Step, memberId: number, reason: MemberRemoval): void {
  const m = s.members.find((x) => x.memberId === memberId);
  if (!m) return;
  s.members = s.members.filter((x) => x !== m);
  s.parked = s.parked.filter((p) => p.replyTo !== m.replyTo);
  s.out.push({ type: 'cancel', id: `session-${memberId}` });
  record(s, { kind: 'group.member.removed', lane: 'broker', member: m.member, memberId, reason, generation: s.generation });
  const why: RebalanceReason = reason === 'leave-group' ? 'member-left' : reason;
  prepareRebalance(s, why, memberId, -1);
}

function join(s: Step, e: Extract<CoordinatorEvent, { type: 'group.join' }>): void {
  // A fetch the member left waiting is withdrawn: it rejoins instead.
  s.parked = s.parked.filter((p) => p.replyTo !== e.replyTo);
  const known = s.members.find((m) => m.memberId === e.memberId);
  if (known) {
    known.rejoined = true;
    known.replyTo = e.replyTo;
    s.members = [...s.members];
    record(s, { kind: 'group.member.joined', lane: 'broker', member: e.member, memberId: known.memberId, generation: s.generation, rejoin: true });
    if (s.state === 'stable') prepareRebalance(s, 'member-joined', known.memberId, known.memberId);
    else maybeComplete(s);
    return;
  }
  // A new member (or one the group no longer knows, which Kafka would send back for a new id first).
  const memberId = s.nextMemberId++;
  s.members = [...s.members, { memberId, member: e.member, replyTo: e.replyTo, rejoined: true, silent: false }];
  record(s, { kind: 'group.member.joined', lane: 'broker', member: e.member, memberId, generation: s.generation, rejoin: false });
  prepareRebalance(s, 'member-joined', memberId, memberId);
}

function serveFetch(s: Step, f: CoordinatorModel['parked'][number]): boolean {
  const end = s.input.log.logEndOffset();
  if (f.offset >= end) return false;
  const { from, to } = fetchRange(f.offset, end, f.max);
  reply(s, f.replyTo, { type: 'fetch.response', from, records: s.input.log.read(from, to) });
  return true;
}

const coordinatorStep = <T extends CoordinatorEvent['type']>(type: T, f: (s: Step, e: Extract<CoordinatorEvent, { type: T }>) => void) =>
  enqueueActions<CoordinatorContext, CoordinatorEvent | Fact, undefined, CoordinatorEvent | Fact, never, never, never, never, TraceEmitted | ChildStarted>(
    ({ context, event, self, system, enqueue }) => {
      if (event.type !== type) return;
      const state = (self.getSnapshot() as { value: GroupState }).value;
      const s: Step = { ...context.c, state, now: context.input.clock.now, input: context.input, out: [] };
      f(s, event as Extract<CoordinatorEvent, { type: T }>);
      const { state: _s, now: _n, input: _i, out, ...c } = s;
      enqueue.assign({ c });
      const e = enqueue as unknown as Enqueue;
      let facts: string[] | undefined;
      for (const fx of out) if (fx.type === 'fact') (facts ??= []).push(fx.fact.type);
      enact(
        out,
        event,
        e,
        (fx) => {
          if (fx.type === 'fact') e.raise(fx.fact);
          else if (fx.type === 'reply') {
            const to = (system as { get: (id: string) => AnyActorRef | undefined }).get(fx.to);
            if (to) e.sendTo(to, fx.event, { delay: context.input.latencyMs });
          }
        },
        facts,
      );
    },
  );

export interface CoordinatorContext {
  c: CoordinatorModel;
  input: CoordinatorInput;
}

/**
 * The group coordinator for the lab's group (a broker-side component): it tracks the members and the generation,
 * rebalances when a member joins, leaves, misses its heartbeats (session.timeout.ms) or leaves after
 * max.poll.interval.ms, keeps the committed offset (`__consumer_offsets`) and refuses a fenced member's commit. In
 * this lab it also answers fetches from the partition log (a simplified fetch path: a fetch waits at the broker
 * until the log has records past its offset). Kafka's CompletingRebalance (the SyncGroup round) is folded into the
 * end of PreparingRebalance: the assignment is sent with the JoinGroup answer.
 */
export const coordinatorMachine = setup({
  types: { context: {} as CoordinatorContext, events: {} as CoordinatorEvent | Fact, input: {} as CoordinatorInput, emitted: {} as TraceEmitted | ChildStarted },
  actions: {
    join: coordinatorStep('group.join', (s, e) => join(s, e)),
    leave: coordinatorStep('group.leave', (s, e) => removeMember(s, e.memberId, e.reason === 'poll-timeout' ? 'poll-timeout' : 'leave-group')),
    silent: coordinatorStep('group.silent', (s, e) => {
      const m = s.members.find((x) => x.memberId === e.memberId);
      if (!m || m.silent) return;
      m.silent = true;
      s.members = [...s.members];
      s.out.push({ type: 'timer', delayMs: s.input.sessionTimeoutMs, event: { type: 'session.expired', memberId: e.memberId }, id: `session-${e.memberId}` });
    }),
    heard: coordinatorStep('group.heard', (s, e) => {
      const m = s.members.find((x) => x.memberId === e.memberId);
      if (!m) {
        reply(s, e.replyTo, { type: 'heartbeat.response', error: 'UNKNOWN_MEMBER_ID' });
        return;
      }
      m.silent = false;
      s.members = [...s.members];
      s.out.push({ type: 'cancel', id: `session-${e.memberId}` });
      const error = s.state === 'preparingRebalance' ? 'REBALANCE_IN_PROGRESS' : e.generation !== s.generation ? 'ILLEGAL_GENERATION' : 'NONE';
      reply(s, e.replyTo, { type: 'heartbeat.response', error });
    }),
    sessionExpired: coordinatorStep('session.expired', (s, e) => removeMember(s, e.memberId, 'session-timeout')),
    rebalanceTimeout: coordinatorStep('rebalance.timeout', (s) => {
      for (const m of s.members.filter((x) => !x.rejoined)) {
        s.members = s.members.filter((x) => x !== m);
        s.out.push({ type: 'cancel', id: `session-${m.memberId}` });
        record(s, { kind: 'group.member.removed', lane: 'broker', member: m.member, memberId: m.memberId, reason: 'rebalance-timeout', generation: s.generation });
      }
      maybeComplete(s);
    }),
    commit: coordinatorStep('offset.commit', (s, e) => {
      const { error, rule } = validateOffsetCommit(
        { state: s.state, generation: s.generation, members: s.members.map((m) => m.memberId) },
        e.memberId,
        e.generation,
      );
      if (error === 'NONE') s.committed = e.offset;
      const lost = s.input.loseCommitResponse(e.commit);
      record(s, { kind: 'offset.commit.handled', lane: 'broker', member: e.member, commit: e.commit, offset: e.offset, error, rule, lostResponse: lost });
      if (!lost) reply(s, e.replyTo, { type: 'commit.response', commit: e.commit, error });
    }),
    fetch: coordinatorStep('fetch', (s, e) => {
      const f = { member: e.member, replyTo: e.replyTo, offset: e.offset, max: e.max };
      s.parked = s.parked.filter((p) => p.replyTo !== e.replyTo);
      if (!serveFetch(s, f)) s.parked = [...s.parked, f];
    }),
    appended: coordinatorStep('log.appended', (s) => {
      if (s.parked.length === 0) return;
      s.parked = s.parked.filter((f) => !serveFetch(s, f));
    }),
  },
}).createMachine({
  id: 'coordinator',
  context: ({ input }) => ({ c: { generation: 0, members: [], owner: -1, committed: -1, nextMemberId: 1, parked: [], lastSnapshot: null }, input }),
  initial: 'empty',
  on: {
    'group.join': { actions: 'join' },
    'group.leave': { actions: 'leave' },
    'group.silent': { actions: 'silent' },
    'group.heard': { actions: 'heard' },
    'session.expired': { actions: 'sessionExpired' },
    'rebalance.timeout': { actions: 'rebalanceTimeout' },
    'offset.commit': { actions: 'commit' },
    fetch: { actions: 'fetch' },
    'log.appended': { actions: 'appended' },
    'to.empty': '.empty',
    'to.preparingRebalance': '.preparingRebalance',
    'to.stable': '.stable',
  },
  states: {
    empty: { description: 'no members: committed offsets are kept; the next JoinGroup starts a rebalance' },
    preparingRebalance: {
      description: 'a member joined, left or timed out: waiting (up to the rebalance timeout) for every member to rejoin; commits of the current generation are still accepted',
    },
    stable: { description: 'every member has the current generation and its assignment; commits must name it' },
  },
});

import type { ErrorName, ProducerEntry } from '../protocol/types';
import type { CommitStrategy, CrashPoint, DedupStrategy, Scenario, TxnCrashPoint } from '../scenario/schema';
import type { IsolationLevel, PartitionRecord, TxnError, TxnResult, TxnRuleFact, TxnState } from '../protocol/txn-rules';
import type { ConfigNote, ConfigProblemCode, DeliveryFailure, EpochBumpReason, RuleFact } from './facts';

/**
 * The trace: everything a student can see, as plain JSON. The UI only ever reads this;
 * it never re-runs protocol logic to draw a frame.
 */

/**
 * `consumer` and `database` appear only in a run with a consumer side (scenario version 2); `txn-coordinator` and
 * the readers' lanes only in a transactional run (version 3), whose partitions' events are on the `broker` lane.
 */
export type Lane = 'producer' | 'network' | 'broker' | ReplicaLane | 'consumer' | 'database' | 'txn-coordinator' | ReaderId;

/** A downstream reader of the output topic in a transactional run. */
export type ReaderId = `reader-${number}`;

/**
 * A transactional run's parties: the application's producer (its transaction manager), the transaction
 * coordinator, the broker that leads every partition, and the downstream readers. After a takeover, the instance
 * that took over from a stalled one (which lives on as a zombie, still `txn-producer`) is `txn-replacement`.
 */
export type TxnPartyId = 'txn-producer' | 'txn-replacement' | 'txn-coordinator' | 'partitions' | ReaderId;

/** The requests of a transactional run, by Kafka's API names. */
export type TxnApi = 'InitProducerId' | 'OffsetFetch' | 'Fetch' | 'AddPartitionsToTxn' | 'Produce' | 'AddOffsetsToTxn' | 'TxnOffsetCommit' | 'EndTxn';

/** One partition's batch in a transactional produce request. */
export interface TxnBatchRef {
  partition: string;
  baseSeq: number;
  messages: number[];
}

/** What a request of a transactional run carries, repeated on its events so the UI can pair them. */
export interface TxnRequestRef {
  /** Unique per request (a retry is a new request). */
  req: number;
  api: TxnApi;
  /** The application instance that sent it. */
  instance: number;
  /** The transaction it belongs to (1-based, across instances), or 0 outside one. */
  txn: number;
  pid: number;
  epoch: number;
}

/** A partition as the trace shows it at the end of a transactional run. */
export interface PartitionView {
  id: string;
  records: PartitionRecord[];
  /** The last stable offset and the log end offset at the end. */
  lso: number;
  leo: number;
  /** Aborted transactions' ranges (the `.txnindex`). */
  aborted: { pid: number; first: number; last: number }[];
  /** Producer ids whose transaction is still open here at the end, with its first offset (a hanging transaction). */
  open: { pid: number; first: number }[];
}

/** With replication, broker 2, 3… each have a lane of their own (broker 1 keeps `broker`). */
export type ReplicaLane = `broker-${number}`;

/** The producer side's parties: present in every run. */
export type ProducerSidePartyId = 'producer' | 'network' | 'connection' | 'broker';

/** A consumer group member: the first, and the one a `member-join` fault starts. A restarted process keeps its id. */
export type ConsumerMemberId = 'consumer-1' | 'consumer-2';

/**
 * The consumer side's parties, present only in a run with a consumer: the group members, the group coordinator (a
 * broker-side component; it also answers fetches in this lab) and the application's database.
 */
export type ConsumerSidePartyId = ConsumerMemberId | 'coordinator' | 'database';

/**
 * The parties whose statecharts run in the simulation, by the id they have in the trace and the statechart view. A
 * transactional run has its own (TxnPartyId).
 */
export type PartyId = ProducerSidePartyId | ConsumerSidePartyId;

/** With replication: the controller and brokers 2, 3… are parties too (broker 1 stays `broker`). */
export type ReplicationPartyId = 'controller' | ReplicaLane;

/**
 * Every party's state value: the producer side's always, the replication parties' and the consumer side's only in a
 * run that has them.
 */
export type PartyStates = Readonly<
  Record<ProducerSidePartyId, StateValue> & Partial<Record<ConsumerSidePartyId, StateValue>> & Partial<Record<ReplicationPartyId, StateValue>>
>;

/**
 * Things with a life of their own, each a child actor of a party: a producer's batch, a producer id at the broker,
 * a message's persisted processing state in the database (the `state-machine` dedup strategy; id: the message).
 */
export type LifecycleParty = 'batch' | 'producerId' | 'message';

/**
 * One such child's transition (or its start, with `source` null and `event` "start"): which one (batch id or
 * producer id), the event, and the ids of the state nodes it left and entered (XState's ids).
 */
export interface LifecycleMove {
  party: LifecycleParty;
  id: number;
  event: string;
  source: string | null;
  target: string;
}

/** An XState state value as plain JSON: an atomic state's key, or for a compound or parallel state its active children. */
export type StateValue = string | { readonly [key: string]: StateValue };

/** A transition a party took: the event, and the ids of the state nodes it left from and went to (XState's ids). */
export interface TransitionTaken {
  /** With replication also `controller` or `broker-2`, `broker-3`… (ReplicationPartyId). */
  party: PartyId;
  event: string;
  source: string;
  targets: string[];
}

/** What the producer inspector shows; attached to events that change the producer. */
export interface ProducerSnapshot {
  /** 1 for the first application instance, +1 after every producer restart. */
  instance: number;
  idempotent: boolean;
  /** -1 until InitProducerId returns (or always, with idempotence off). */
  pid: number;
  epoch: number;
  nextSeq: number;
  lastAckedSeq: number;
  /** lastSeq of the newest batch whose fate is unknown, or -1. */
  unresolvedSeq: number;
  /** Sent-but-not-completed batches (in flight or waiting for a retry), in sequence order. */
  inFlight: { batch: number; messages: number[]; baseSeq: number; epoch: number; attempts: number; state: 'in-flight' | 'backoff' | 'queued' }[];
  /** Batches waiting in the accumulator that have never been sent. */
  queued: number;
  /** Open requests on the current connection. */
  openRequests: number;
  connection: number;
}

/** What the broker inspector shows (the log itself is rebuilt from `broker.appended` events). */
export interface BrokerSnapshot {
  up: boolean;
  /** While down: how it went down (a clean shutdown or a crash); null while up. */
  down: BrokerShutdown | null;
  logEndOffset: number;
  /** Offset of the newest producer-state snapshot on disk: a crash replays the log from here. */
  snapshotOffset: number;
  /** Per producer id, the epoch and the dedup cache (the last 5 batches). */
  producers: ProducerEntry[];
}

/** With replication: one replica of the partition as it stands after an event. */
export interface ReplicaView {
  broker: number;
  /** leader, follower (fetching), isolated (not fetching), down, or back up and waiting for the controller. */
  role: 'leader' | 'follower' | 'isolated' | 'down' | 'recovering';
  /** Its log end offset. */
  leo: number;
  /** The high watermark as this replica knows it. */
  hw: number;
}

/** With replication: the partition across its replicas (what the broker inspector shows beside the leader's state). */
export interface ClusterSnapshot {
  /** The broker that leads, or null while the controller elects one or none can be elected. */
  leader: number | null;
  leaderEpoch: number;
  /** The in-sync replicas, as the controller last heard them. */
  isr: number[];
  /** The leader's high watermark (-1 without a leader). */
  hw: number;
  replicas: ReplicaView[];
}

/** What the consumer inspector shows for one group member; attached to events that change it. */
export interface ConsumerSnapshot {
  member: ConsumerMemberId;
  /** 1 for the member's first process, +1 after every restart. */
  instance: number;
  /** The member id the coordinator gave it (a number here, a string in Kafka); -1 while it has none. */
  memberId: number;
  /** The generation it believes it is in; -1 while it has none. */
  generation: number;
  /** Partitions assigned to it (the lab has one partition, 0). */
  assignment: number[];
  /** Offset of the next record it will fetch; -1 while unknown. */
  position: number;
  /** The committed offset as far as it knows (fetched on joining, or its own last successful commit); -1 if none. */
  committed: number;
  /** The record it is handling, or null. */
  handling: { offset: number; message: number } | null;
  /** Records fetched and not handled yet. */
  pending: number;
  /** Ids in its in-memory processed set (the `memory` dedup strategy; gone with a crash). */
  memory: number;
}

/** What the coordinator inspector shows (the group and `__consumer_offsets` for the lab's one partition). */
export interface CoordinatorSnapshot {
  generation: number;
  /** Members the group has, in join order; `rejoined` while a rebalance waits for them. */
  members: { memberId: number; member: ConsumerMemberId; rejoined: boolean }[];
  /** The member id that owns partition 0 in this generation; -1 if none. */
  owner: number;
  /** The committed offset of partition 0 in `__consumer_offsets`; -1 if none. */
  committed: number;
}

/**
 * What the database inspector shows (its tables are rebuilt from `db.txn` events, as the log is from
 * `broker.handled`).
 */
export interface DatabaseSnapshot {
  up: boolean;
  /** Rows in the effects table. */
  effects: number;
  /** Rows in the processed-id table. */
  processed: number;
  /** Persisted per-message states (the `state-machine` strategy). */
  messageStates: { received: number; processing: number; done: number };
}

interface Base {
  /** Index in `Trace.events`. */
  i: number;
  /** Virtual time, ms. */
  t: number;
  lane: Lane;
  /** Set when the event changed the producer's state. */
  producer?: ProducerSnapshot;
  /** Set when the event changed the broker's state. */
  broker?: BrokerSnapshot;
  /** Set when the event changed a consumer group member. */
  consumer?: ConsumerSnapshot;
  /** Set when the event changed the group coordinator. */
  coordinator?: CoordinatorSnapshot;
  /** Set when the event changed the application's database. */
  database?: DatabaseSnapshot;
  /** Each party's state value after this event (objects are shared with the previous event while unchanged). */
  states?: PartyStates;
  /** The transition whose actions recorded this event. */
  transition?: TransitionTaken;
  /** Batches' and producer ids' transitions since the previous event (their states at any event follow from these). */
  moves?: LifecycleMove[];
  /** With replication: the replicas after this event (shared with the previous event while unchanged). */
  cluster?: ClusterSnapshot;
}

/** Identity of a produce request, repeated on every event about it so the UI can draw its arrow. */
export interface RequestRef {
  /** Unique per request (each attempt is a new request). */
  req: number;
  batch: number;
  /** Logical messages in the batch. */
  messages: number[];
  attempt: number;
  /** The application instance that sent it (2, 3… after producer restarts). */
  instance: number;
  pid: number;
  epoch: number;
  baseSeq: number;
  lastSeq: number;
  /** The batch's max timestamp: the CreateTime of its newest record (the same on every attempt). */
  maxTimestamp: number;
  connection: number;
}

/**
 * Why a packet vanished: a network fault (which breaks the connection), the connection having been closed under
 * it (by a timeout, a crash or an earlier loss), or the broker being down.
 */
export type LossCause = 'fault' | 'connection-closed' | 'broker-down';

/** How the broker went down: a clean (controlled) shutdown, or a crash. */
export type BrokerShutdown = 'clean' | 'crash';

export type BrokerVerdict =
  | 'appended'
  | 'duplicate'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'INVALID_PRODUCER_EPOCH'
  | 'UNKNOWN_PRODUCER_ID'
  | 'DUPLICATE_SEQUENCE_NUMBER'
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'REQUEST_TIMED_OUT';

/** A persisted per-message processing state (the `state-machine` dedup strategy). */
export type MessageState = 'received' | 'processing' | 'done';

/** One operation of a database transaction. */
export type DbOp =
  /** The business effect of a message ("charge order 7"): an insert, or an upsert keyed by the message id. */
  | { op: 'effect'; message: number; offset: number; upsert: boolean }
  /** Looks the message id up in the processed-id table (or its persisted state). */
  | { op: 'check'; message: number; found: boolean }
  /** Writes the message id into the processed-id table. */
  | { op: 'mark'; message: number }
  /** Moves a message's persisted state. */
  | { op: 'state'; message: number; from: MessageState | null; to: MessageState };

/**
 * The answer to an offset commit: NONE, the coordinator's refusals (GroupCoordinator/ClassicGroup
 * validateOffsetCommit), or `COMMIT_FAILED` when the client fails it without sending (it knows it is not in an
 * active group: ConsumerCoordinator.sendOffsetCommitRequest) and `REQUEST_TIMED_OUT` when no answer came.
 */
export type CommitError = 'NONE' | 'ILLEGAL_GENERATION' | 'UNKNOWN_MEMBER_ID' | 'REBALANCE_IN_PROGRESS' | 'COMMIT_FAILED' | 'REQUEST_TIMED_OUT';

/** Which group rule decided an offset commit, with the numbers it compared. */
export type GroupRuleFact =
  | { rule: 'commit-accepted'; generation: number }
  | { rule: 'unknown-member'; memberId: number }
  | { rule: 'generation-mismatch'; generation: number; groupGeneration: number }
  | { rule: 'completing-rebalance'; generation: number };

/** Why the group rebalances. */
export type RebalanceReason = 'member-joined' | 'member-left' | 'session-timeout' | 'poll-timeout' | 'rebalance-timeout';

/** Why a member left the group. */
export type MemberRemoval = 'leave-group' | 'session-timeout' | 'poll-timeout' | 'rebalance-timeout';

export type TraceEvent = Base &
  (
    /** `message` is the ConfigException's problem code; each language words it (Kafka's own text in English). */
    | { kind: 'config.error'; message: ConfigProblemCode }
    | { kind: 'app.send'; message: number; instance: number; resend: boolean }
    | { kind: 'batch.created'; batch: number; messages: number[] }
    | { kind: 'pid.requested'; instance: number }
    | { kind: 'pid.assigned'; pid: number; epoch: number; instance: number }
    /** Before Kafka 2.5, a real sequence gap: the producer discards its producer id (a new one follows). */
    | { kind: 'pid.reset'; pid: number; epoch: number; instance: number }
    /** Kafka 1.0–2.4, UNKNOWN_PRODUCER_ID while nothing was acknowledged: the batches are renumbered from 0, same id and epoch. */
    | { kind: 'sequences.restarted'; pid: number; epoch: number; renumbered: { batch: number; fromSeq: number; toSeq: number }[] }
    | { kind: 'connection.opened'; connection: number }
    /** The broker is down: the connection attempt is refused; the next waits `backoffMs` (reconnect.backoff.ms, doubling). */
    | { kind: 'connection.refused'; connection: number; backoffMs: number }
    | { kind: 'connection.closed'; connection: number; reason: 'request-timeout' | 'network' | 'broker-crash' | 'producer-crash'; failed: number[] }
    | ({ kind: 'request.sent' } & RequestRef)
    /** A request that will never reach the broker. */
    | ({ kind: 'request.lost'; cause: LossCause } & RequestRef)
    /** The request sits in the broker's queue this long before it is processed. */
    | ({ kind: 'request.delayed'; delayMs: number } & RequestRef)
    | { kind: 'link.stalled'; connection: number; untilT: number; direction: 'request' | 'response' }
    | ({
        kind: 'broker.handled';
        verdict: BrokerVerdict;
        /** First offset written (appended) or the original offset (duplicate); -1 if nothing. */
        offset: number;
        /** The rule that decided, with the numbers it compared. */
        rule: RuleFact;
        /** The response goes nowhere: the connection it came on is closed. */
        deadSocket: boolean;
        /** acks=0: the broker sends no response. */
        noResponse: boolean;
        /** With replication and acks=all: written (or recognised), the response waits until the ISR has the batch. */
        awaitingReplicas?: true;
      } & RequestRef)
    /** With replication: the leader answers a held acks=all request (the ISR has it, it shrank, or the request timed out). */
    | ({ kind: 'produce.answered'; error: ErrorName; offset: number; rule: RuleFact | null; deadSocket: boolean } & RequestRef)
    /** A follower copied records [fromOffset, toOffset) from the leader; `hw` is the high watermark it learnt. */
    | { kind: 'replica.fetched'; replica: number; leader: number; fromOffset: number; toOffset: number; hw: number }
    /** A replica cut its log back to `toOffset`, where it diverged from the new leader's (KIP-101/279); `messages` were dropped. */
    | { kind: 'replica.truncated'; replica: number; leader: number; fromOffset: number; toOffset: number; messages: number[] }
    /** The leader dropped a follower that lagged `lagMs` (replica.lag.time.max.ms) from the ISR. */
    | { kind: 'isr.shrunk'; replica: number; removed: number; isr: number[]; lagMs: number }
    /** A follower caught up with the leader and rejoined the ISR. */
    | { kind: 'isr.expanded'; replica: number; added: number; isr: number[] }
    /** A broker process was killed (`leader`: it led the partition). */
    | { kind: 'broker.killed'; replica: number; leader: boolean }
    /** A killed broker started again: producer state rebuilt from its log; it waits for the controller. */
    | { kind: 'broker.started'; replica: number; logEndOffset: number }
    /** A follower stopped (or resumed) fetching from the leader. */
    | { kind: 'follower.isolated'; replica: number }
    | { kind: 'follower.reconnected'; replica: number }
    /** The controller made `replica` the leader (clean: from the ISR; unclean: a replica outside it). */
    | { kind: 'leader.elected'; replica: number; previous: number | null; leaderEpoch: number; isr: number[]; clean: boolean; logEndOffset: number }
    /** No replica may lead: the partition is offline until one comes back. */
    | { kind: 'partition.offline'; replica: number; isr: number[] }
    | ({ kind: 'response.lost'; cause: LossCause } & RequestRef)
    | ({ kind: 'response.received'; error: ErrorName; offset: number } & RequestRef)
    | ({ kind: 'request.timeout'; timeoutMs: number } & RequestRef)
    | ({ kind: 'request.failed'; error: ErrorName } & RequestRef)
    | { kind: 'retry.scheduled'; batch: number; messages: number[]; attempt: number; backoffMs: number; reason: ErrorName; bump: boolean }
    | { kind: 'delivery.ack'; batch: number; messages: number[]; offset: number; instance: number }
    | ({ kind: 'delivery.failed'; batch: number; messages: number[]; instance: number; unresolved: boolean } & DeliveryFailure)
    | { kind: 'epoch.bumped'; pid: number; epoch: number; renumbered: { batch: number; fromSeq: number; toSeq: number }[]; reason: EpochBumpReason }
    | { kind: 'producer.crashed'; instance: number; unacked: number[] }
    /** `config`: what Kafka adjusted in the configuration on its own (only when it did). */
    | { kind: 'producer.started'; instance: number; config?: ConfigNote[] }
    /** A clean shutdown: producer state is written to a snapshot at the log end (`snapshotOffset`). */
    | { kind: 'broker.shutdown'; snapshotOffset: number }
    /** A crash: nothing is written; the newest snapshot is the one at `snapshotOffset` (a segment roll, or the last restart). */
    | { kind: 'broker.crashed'; snapshotOffset: number }
    /**
     * Back up: producer state rebuilt from the snapshot at `snapshotOffset` plus `replayedBatches` batches replayed
     * from the log after it. `keptBatches` are cached now; `droppedBatches` were cached before and are not any more.
     */
    | { kind: 'broker.restarted'; shutdown: BrokerShutdown; snapshotOffset: number; replayedBatches: number; keptBatches: number; droppedBatches: number }
    /** log.roll.ms passed: a new segment starts at `baseOffset`, with a producer-state snapshot taken there. */
    | { kind: 'segment.rolled'; baseOffset: number }
    | { kind: 'producer.expired'; pid: number; idleMs: number }
    // The consumer side (scenario version 2), lanes `consumer` and `database`; the coordinator's on the broker lane.
    | { kind: 'consumer.started'; member: ConsumerMemberId; instance: number; strategy: CommitStrategy; dedup: DedupStrategy; autoCommit: boolean }
    /** The process dies: what it held in memory is gone; `message`/`offset` is the record it was handling (-1 if none). */
    | { kind: 'consumer.crashed'; member: ConsumerMemberId; instance: number; point: CrashPoint | 'idle'; message: number; offset: number; random: boolean }
    | { kind: 'group.join.sent'; member: ConsumerMemberId; memberId: number }
    /** The coordinator added a member (a new member id) or saw a known one rejoin. */
    | { kind: 'group.member.joined'; member: ConsumerMemberId; memberId: number; generation: number; rejoin: boolean }
    | { kind: 'group.rebalancing'; generation: number; reason: RebalanceReason; memberId: number }
    | { kind: 'group.member.removed'; member: ConsumerMemberId; memberId: number; reason: MemberRemoval; generation: number }
    /** The new generation: `owner` (a member id, -1 if none) is assigned partition 0 (the range assignor's first member). */
    | { kind: 'group.stable'; generation: number; members: number[]; owner: number }
    /** The group has no members left. */
    | { kind: 'group.empty'; generation: number }
    | { kind: 'group.joined'; member: ConsumerMemberId; memberId: number; generation: number; assignment: number[] }
    /**
     * The member's starting position for partition 0: the committed offset, or (none committed) `auto.offset.reset`
     * applied to the log (`reset`); `position` -1 with reset `none`: NoOffsetForPartitionException, the member stops.
     */
    | { kind: 'offset.fetched'; member: ConsumerMemberId; committed: number; position: number; reset: 'earliest' | 'latest' | 'none' | null; logEndOffset: number }
    | { kind: 'records.polled'; member: ConsumerMemberId; fromOffset: number; records: { offset: number; message: number }[] }
    /** `copy`: how many times a member has started handling this message, this one included. */
    | { kind: 'record.processing'; member: ConsumerMemberId; offset: number; message: number; copy: number; extraMs: number }
    | { kind: 'dedup.skipped'; member: ConsumerMemberId; offset: number; message: number; strategy: DedupStrategy }
    | { kind: 'record.done'; member: ConsumerMemberId; offset: number; message: number }
    | { kind: 'commit.sent'; member: ConsumerMemberId; commit: number; offset: number; memberId: number; generation: number; mode: 'sync' | 'async'; auto: boolean }
    | { kind: 'offset.commit.handled'; member: ConsumerMemberId; commit: number; offset: number; error: CommitError; rule: GroupRuleFact; lostResponse: boolean }
    /** The member learns how its commit went; `retry`: a synchronous commit tries again. */
    | { kind: 'commit.completed'; member: ConsumerMemberId; commit: number; offset: number; error: CommitError; retry: boolean }
    /** The heartbeat thread saw no poll for max.poll.interval.ms: the member leaves the group (LeaveGroup). */
    | { kind: 'poll.timeout'; member: ConsumerMemberId; elapsedMs: number; limitMs: number }
    /** The member learns that the group is rebalancing (a heartbeat answer): it rejoins at its next poll. */
    | { kind: 'rebalance.noticed'; member: ConsumerMemberId; generation: number }
    /** State-machine strategy, at start: messages whose persisted state is not `done` are finished first. */
    | { kind: 'recovery.scanned'; member: ConsumerMemberId; pending: { message: number; offset: number; state: MessageState }[] }
    | { kind: 'db.down'; untilT: number }
    | { kind: 'db.up' }
    /** A database transaction arrived: committed with its operations, or refused (`unavailable`) while it is down. */
    | { kind: 'db.txn'; member: ConsumerMemberId; txn: number; ops: DbOp[]; result: 'committed' | 'unavailable' }
    // A transactional run (scenario version 3): lanes `producer`, `txn-coordinator`, `broker` and the readers'.
    /** The upstream (plain) producer's record reached the input topic. */
    | { kind: 'input.appended'; partition: string; offset: number; message: number }
    | { kind: 'txn.app.started'; instance: number; transactionalId: string }
    /** The application's process died (`txn`: the transaction it was in, 0 if none). */
    | { kind: 'txn.app.crashed'; instance: number; txn: number; point: TxnCrashPoint }
    /** The process stalls until `untilT` (a zombie in the making). */
    | { kind: 'txn.app.paused'; instance: number; txn: number; untilT: number }
    | { kind: 'txn.app.resumed'; instance: number; txn: number }
    /** The application has read and written everything, or its producer is fenced (`fatal`): it closes. */
    | { kind: 'txn.app.closed'; instance: number; fatal: TxnError | null }
    /** beginTransaction(): client-side only, nothing is sent yet. */
    | { kind: 'txn.begun'; instance: number; txn: number; pid: number; epoch: number; messages: number[] }
    | ({
        kind: 'txn.request';
        /** AddPartitionsToTxn: the partitions; AddOffsetsToTxn/TxnOffsetCommit: the group's offsets partition. */
        partitions?: string[];
        batches?: TxnBatchRef[];
        result?: TxnResult;
        /** TxnOffsetCommit: the position committed; OffsetFetch/Fetch: the group or partition and position. */
        offset?: number;
      } & TxnRequestRef)
    /** The request reached a broker and was decided (the coordinator's rule, or each partition's answer). */
    | ({
        kind: 'txn.handled';
        error: TxnError;
        rule: TxnRuleFact | RuleFact | null;
        /** The coordinator's state afterwards (its requests only). */
        state?: TxnState;
        /** Produce and TxnOffsetCommit: each partition's answer (`duplicate`: recognised, not written again). */
        results?: { partition: string; error: TxnError; offset: number; duplicate: boolean; rule: RuleFact | null }[];
        /** The answer goes nowhere (a lost response, or its sender is gone). */
        lost: boolean;
        /** InitProducerId and TV2 EndTxn: the producer id and epoch the client is given. */
        assigned?: { pid: number; epoch: number };
      } & TxnRequestRef)
    /** The client received the answer (`offset`: OffsetFetch's committed position; Fetch: the records read). */
    | ({ kind: 'txn.response'; error: TxnError; offset?: number; records?: { offset: number; message: number }[] } & TxnRequestRef)
    /** The client's request timer ran out (request.timeout.ms). */
    | ({ kind: 'txn.request.timeout'; timeoutMs: number } & TxnRequestRef)
    /** The transaction manager's error: abortable (abort, then go on) or fatal (close the producer). */
    | { kind: 'txn.client.error'; instance: number; txn: number; error: TxnError | 'TIMEOUT'; fatal: boolean }
    /** The coordinator moved a transactional id's state and wrote it to `__transaction_state` at `logOffset`. */
    | { kind: 'txn.state'; transactionalId: string; from: TxnState | null; to: TxnState; pid: number; epoch: number; partitions: string[]; logOffset: number; rule: TxnRuleFact | null }
    /** The transaction coordinator went down: until it is back, clients are told COORDINATOR_NOT_AVAILABLE. */
    | { kind: 'coordinator.down'; untilT: number }
    /** Back up, its state reloaded from `__transaction_state` (`state`: null before any); `resent`: a decided transaction's markers are sent again. */
    | { kind: 'coordinator.up'; state: TxnState | null; resent: boolean }
    /** A COMMIT or ABORT marker written to a partition (it takes an offset); refused if its epoch is stale. */
    | { kind: 'txn.marker'; partition: string; offset: number; result: TxnResult; pid: number; epoch: number; error: TxnError; lso: number }
    /** A produce the leader refused before appending: the partition is not in the producer's transaction (KIP-890 verification). */
    | { kind: 'txn.verification'; partition: string; pid: number; epoch: number; ok: boolean; error: TxnError; req: number }
    /** A downstream reader's fetch: the records it returned, and its position afterwards (markers and aborted records skipped). */
    /** `bound`: what it may read up to (the LSO for read_committed); `hw`: the partition's high watermark (log end). */
    | { kind: 'reader.fetched'; reader: ReaderId; isolation: IsolationLevel; partition: string; from: number; next: number; bound: number; hw: number; records: { offset: number; message: number }[] }
  );

export type TraceEventKind = TraceEvent['kind'];
export type EventOf<K extends TraceEventKind> = Extract<TraceEvent, { kind: K }>;

/** One record in the partition log. */
export interface LogRecord {
  offset: number;
  message: number;
  pid: number;
  epoch: number;
  /** The record's own sequence number (batch baseSeq + index), -1 without idempotence. */
  seq: number;
  /** Index of the `broker.handled` event that wrote it. */
  event: number;
  t: number;
}

/** A row of the application's effects table. */
export interface EffectRow {
  message: number;
  /** The log offset of the record that caused it. */
  offset: number;
  /** Index of the `db.txn` event that wrote it. */
  event: number;
  /** Times an upsert wrote this row again (0 for an insert). */
  rewrites: number;
}

/** The application's database at the end of a run. */
export interface DatabaseTables {
  effects: EffectRow[];
  /** The processed-id table, in insertion order. */
  processed: number[];
  /** Persisted per-message states (state-machine strategy), by message. */
  messages: { message: number; state: MessageState }[];
}

export interface Trace {
  version: 1;
  /** The scenario with every default filled in. */
  scenario: Scenario;
  events: TraceEvent[];
  /** The final partition log, in offset order. */
  log: LogRecord[];
  /** The ConfigException's problem code (a ConfigProblemCode) when the producer refuses the settings; no messages are sent. */
  configError: string | null;
  /** Virtual time of the last event. */
  endT: number;
  /** True if the run was cut off at the event limit before everything settled. */
  truncated: boolean;
  /** Only with a consumer side: the application's database at the end. */
  database?: DatabaseTables;
  /** Only in a transactional run: every partition at the end (input, output, `__consumer_offsets`, `__transaction_state`). */
  partitions?: PartitionView[];
}

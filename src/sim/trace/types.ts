import type { ErrorName, ProducerEntry } from '../protocol/types';
import type { Scenario } from '../scenario/schema';
import type { ConfigNote, ConfigProblemCode, DeliveryFailure, EpochBumpReason, RuleFact } from './facts';

/**
 * The trace: everything a student can see, as plain JSON. The UI only ever reads this;
 * it never re-runs protocol logic to draw a frame.
 */

export type Lane = 'producer' | 'network' | 'broker' | ReplicaLane;

/** With replication, broker 2, 3… each have a lane of their own (broker 1 keeps `broker`). */
export type ReplicaLane = `broker-${number}`;

/** The parties whose statecharts run in the simulation, by the id they have in the trace and the statechart view. */
export type PartyId = 'producer' | 'network' | 'connection' | 'broker';

/** With replication: the controller and brokers 2, 3… are parties too (broker 1 stays `broker`). */
export type ReplicationPartyId = 'controller' | ReplicaLane;

/** Things with a life of their own, each a child actor of a party: a producer's batch, a producer id at the broker. */
export type LifecycleParty = 'batch' | 'producerId';

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
  /** Each party's state value after this event (objects are shared with the previous event while unchanged). */
  states?: Readonly<Record<PartyId, StateValue>> & Readonly<Partial<Record<ReplicationPartyId, StateValue>>>;
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
}

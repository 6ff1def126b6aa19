import * as z from 'zod/mini';
import { DEFAULT_KAFKA_VERSION, KAFKA_VERSIONS } from '../protocol/kafka-version';

/**
 * The scenario file format (version 3; versions 1 and 2 are read too). Producer, broker and consumer settings use
 * Kafka's own config names so that a student can carry what they learn here straight to a real `producer.properties`.
 * Every field has the documented default, so `{ "version": 2, "name": "x" }` is a valid scenario.
 *
 * Version 2 adds the consumer side: the optional sections `consumer`, `database` and `dedup`, the consumer fault
 * kinds and `faults.consumerRates`. A scenario without them runs exactly as under version 1, and keeps saying
 * `version: 1` (see `formatVersionOf`): its trace, share links and preset checksums stay as they were.
 *
 * Version 3 adds Kafka transactions: the optional `transactions` section and the transaction fault kinds. A scenario
 * without them keeps the version it needs (1 or 2).
 *
 * Written with zod's tree-shakable "mini" API (a third of the classic API's size in the browser bundle); its English
 * messages are loaded so that every error names the field and the problem in plain words.
 */
z.config(z.locales.en());

/** The newest format version this build reads (and writes, for a scenario that uses a version-3 section). */
export const SCENARIO_VERSION = 3 as const;
/** The format versions this build reads. */
export const SCENARIO_VERSIONS = [1, 2, 3] as const;
export type ScenarioVersion = (typeof SCENARIO_VERSIONS)[number];
export const INT_MAX = 2147483647;

/** Error replies that a fault can make the broker send instead of processing normally. */
export const BROKER_ERROR_FAULTS = [
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'NOT_LEADER_OR_FOLLOWER',
  'REQUEST_TIMED_OUT',
] as const;
export type BrokerErrorFault = (typeof BROKER_ERROR_FAULTS)[number];

/** A whole number in [min, max]. */
const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
/** A default that is a fresh copy for every parse, so no two scenarios share an array or object. */
const withDefault = <T extends z.ZodMiniType>(schema: T, value: z.output<T>) =>
  z._default(schema, (() => (typeof value === 'object' && value !== null ? structuredClone(value) : value)) as never);
const ms = (def: number) => withDefault(int(0, INT_MAX), def);
const probability = withDefault(z.number().check(z.minimum(0), z.maximum(1)), 0);
/** The logical message number, 1-based. */
const messageRef = int(1, INT_MAX);
/** The attempt of the request carrying that message, 1-based. */
const attemptRef = withDefault(int(1, INT_MAX), 1);
/** Which run of the application sent it: 1, or 2, 3… for the messages re-sent after a producer restart. */
const instanceRef = withDefault(int(1, INT_MAX), 1);

export const producerConfigSchema = z.strictObject({
  /** Left out: Kafka's default (true), which acks≠all or retries=0 silently turn off; set: a conflict is refused. */
  'enable.idempotence': z.optional(z.boolean()),
  acks: withDefault(z.enum(['all', '1', '0']), 'all'),
  'max.in.flight.requests.per.connection': withDefault(int(1, 10), 5),
  retries: withDefault(int(0, INT_MAX), INT_MAX),
  'retry.backoff.ms': ms(100),
  'retry.backoff.max.ms': ms(1000),
  'reconnect.backoff.ms': ms(50),
  'reconnect.backoff.max.ms': ms(1000),
  'request.timeout.ms': withDefault(int(1, INT_MAX), 30000),
  /** Left out: 120000, raised to linger.ms + request.timeout.ms if that is more; set: a smaller value is refused. */
  'delivery.timeout.ms': z.optional(int(1, INT_MAX)),
  /** Left out: the version's default (5 ms from Kafka 4.0, 0 before; kafka-version.ts). */
  'linger.ms': z.optional(int(0, INT_MAX)),
  'batch.size.records': withDefault(int(1, 10000), 1),
});

export const brokerConfigSchema = z.strictObject({
  'producer.id.expiration.ms': withDefault(int(1, INT_MAX), 86400000),
  'producer.id.expiration.check.interval.ms': withDefault(int(1, INT_MAX), 600000),
  /**
   * A new log segment starts when an append finds the active segment's first batch older than this; a producer-state
   * snapshot is written at every roll, and a crash replays the log from the newest one. Kafka's default: 7 days.
   */
  'log.roll.ms': withDefault(int(1, INT_MAX), 604800000),
  /** Time the broker takes to handle one produce request. */
  processingMs: ms(1),
  /**
   * The topic's replication factor: brokers 1 … N each hold a replica of the partition; broker 1 leads first. Left
   * out: 1, the single broker of every scenario before replication existed. The replication settings are left out
   * rather than filled in, so a scenario without them reads (and hashes, and shares) exactly as before; read them
   * with `replicationOf`.
   */
  'replication.factor': z.optional(int(1, 5)),
  /** With acks=all, the smallest ISR that may take a write (NOT_ENOUGH_REPLICAS below it). */
  'min.insync.replicas': z.optional(int(1, 5)),
  /** Whether a replica outside the ISR may be elected leader when no ISR member is alive (it may lack acknowledged records). */
  'unclean.leader.election.enable': z.optional(z.boolean()),
  /** A follower that has not caught up with the leader's log for this long leaves the ISR. */
  'replica.lag.time.max.ms': z.optional(int(1, INT_MAX)),
});

export const workloadSchema = z.strictObject({
  messages: withDefault(int(0, 200000), 3),
  startMs: ms(0),
  intervalMs: ms(10),
  /** Extra random spacing added to each interval, drawn from the workload stream. */
  jitterMs: ms(0),
});

const latencySchema = z
  .strictObject({ min: ms(5), max: ms(15) })
  .check(z.refine((l) => l.max >= l.min, { message: 'max must be at least min', path: ['max'] }));

export const networkSchema = z.strictObject({
  latencyMs: withDefault(latencySchema, { min: 5, max: 15 }),
});

/** How the consumer commits its offsets (`auto`: enable.auto.commit=true and nothing else). */
export const COMMIT_STRATEGIES = ['auto', 'after-processing', 'before-processing'] as const;
export type CommitStrategy = (typeof COMMIT_STRATEGIES)[number];

/** How the application stops processing a message twice (none: it does not). */
export const DEDUP_STRATEGIES = ['none', 'memory', 'after-effect', 'before-effect', 'same-transaction', 'idempotent-effect', 'state-machine'] as const;
export type DedupStrategy = (typeof DEDUP_STRATEGIES)[number];

/** Where in a transaction a scripted crash of the transactional application strikes. */
export const TXN_CRASH_POINTS = ['after-produce', 'after-offsets', 'after-end'] as const;
export type TxnCrashPoint = (typeof TXN_CRASH_POINTS)[number];

/** What the transactional application does: read the input topic and write the output (with its offsets in the transaction), or only write. */
export const TXN_APPS = ['consume-transform-produce', 'produce'] as const;
export type TxnApp = (typeof TXN_APPS)[number];

/**
 * Version 3: Kafka transactions. A transactional application (`transactional.id`) reads the input topic's
 * partition (written by a plain upstream producer: `workload`), and for each batch of records writes one output
 * record per input record to the output topic's partitions (keyed by message, Kafka's default partitioner) and
 * its consumer offsets, in one transaction. Downstream readers read the output topic at their isolation level.
 */
export const transactionsConfigSchema = z.strictObject({
  'transactional.id': withDefault(z.string().check(z.minLength(1), z.maxLength(200)), 'lab-app'),
  /** The application's consumer group (its offsets go into `__consumer_offsets` with the transaction). */
  'group.id': withDefault(z.string().check(z.minLength(1), z.maxLength(200)), 'lab-app'),
  'transaction.timeout.ms': withDefault(int(1, INT_MAX), 60000),
  /** The broker's check for timed-out transactions (transaction.abort.timed.out.transaction.cleanup.interval.ms). */
  'transaction.abort.timed.out.transaction.cleanup.interval.ms': withDefault(int(1, INT_MAX), 10000),
  /** Left out: 2 with Kafka 4.0 (KIP-890 part 2), 1 before. */
  'transaction.version': z.optional(z.union([z.literal(1), z.literal(2)])),
  /** The broker's KIP-890 part 1 check (3.6+). Left out: true. Without it, a late write can open a transaction nobody ends. */
  'transaction.partition.verification.enable': z.optional(z.boolean()),
  app: withDefault(z.enum(TXN_APPS), 'consume-transform-produce'),
  /** Input records read and written per transaction (the `produce` app: new messages per transaction). */
  'records.per.transaction': withDefault(int(1, 1000), 2),
  /** Partitions of the output topic (1–5). */
  'output.partitions': withDefault(int(1, 5), 2),
  /** The client's request.timeout.ms for the transaction's requests. */
  'request.timeout.ms': withDefault(int(1, INT_MAX), 30000),
  'retry.backoff.ms': ms(100),
  /** One-way time of every request between a client and the broker, simplified to a constant. */
  requestLatencyMs: ms(2),
  /** When the first instance starts. */
  startMs: ms(0),
  /** Downstream consumers of the output topic, each with its isolation.level (they read with assign(), no group). */
  readers: withDefault(
    z.array(z.strictObject({ 'isolation.level': z.enum(['read_uncommitted', 'read_committed']) })).check(z.minLength(0), z.maxLength(2)),
    [{ 'isolation.level': 'read_committed' }, { 'isolation.level': 'read_uncommitted' }],
  ),
});
export type TransactionsConfig = z.output<typeof transactionsConfigSchema>;

/** Where in a message's handling a scripted consumer crash strikes. */
export const CRASH_POINTS = ['after-poll', 'before-effect', 'after-effect', 'after-commit'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/**
 * The consumer group member(s) reading the partition, with Kafka's consumer config names. Present: the consumer
 * side runs (one member from `startMs`; a `member-join` fault adds a second).
 */
export const consumerConfigSchema = z.strictObject({
  'group.id': withDefault(z.string().check(z.minLength(1), z.maxLength(200)), 'lab-group'),
  /** Left out: true with the `auto` strategy, false otherwise; set to false with `auto`: refused. */
  'enable.auto.commit': z.optional(z.boolean()),
  'auto.commit.interval.ms': ms(5000),
  'max.poll.records': withDefault(int(1, 10000), 500),
  'max.poll.interval.ms': withDefault(int(1, INT_MAX), 300000),
  'session.timeout.ms': withDefault(int(1, INT_MAX), 45000),
  'heartbeat.interval.ms': withDefault(int(1, INT_MAX), 3000),
  'auto.offset.reset': withDefault(z.enum(['earliest', 'latest', 'none']), 'latest'),
  /** Accepted and shown; read_committed only changes anything once the producer writes transactions (not modelled yet). */
  'isolation.level': withDefault(z.enum(['read_uncommitted', 'read_committed']), 'read_uncommitted'),
  commit: withDefault(
    z.strictObject({
      strategy: withDefault(z.enum(COMMIT_STRATEGIES), 'after-processing'),
      /** commitSync (waits, retries a retriable failure) or commitAsync (does not wait, never retries). */
      mode: withDefault(z.enum(['sync', 'async']), 'sync'),
    }),
    { strategy: 'after-processing', mode: 'sync' },
  ),
  /** Time the application takes to process one record (before its effect is written). */
  processingMs: ms(5),
  /** One-way time of a request between the consumer and the broker (fetch, join, commit), simplified to a constant. */
  requestLatencyMs: ms(2),
  /** How long a member waits for a commit's answer before it counts it as failed (a commitSync then retries). */
  'request.timeout.ms': withDefault(int(1, INT_MAX), 30000),
  /** When the first member starts. */
  startMs: ms(0),
  /** How long a crashed member's process takes to start again. */
  restartMs: ms(100),
});

/** The application's database, where each message's business effect is written. Present only with a consumer. */
export const databaseConfigSchema = z.strictObject({
  /** One-way time between the consumer and the database; a transaction commits when it arrives. */
  latencyMs: ms(1),
  /** How long the application waits before it tries a transaction again that failed because the database was down. */
  retryBackoffMs: withDefault(int(1, INT_MAX), 100),
});

export const dedupConfigSchema = z.strictObject({
  strategy: withDefault(z.enum(DEDUP_STRATEGIES), 'none'),
});

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lose-request'), message: messageRef, attempt: attemptRef, instance: instanceRef }),
  z.strictObject({ kind: z.literal('lose-response'), message: messageRef, attempt: attemptRef, instance: instanceRef }),
  z.strictObject({ kind: z.literal('delay-request'), message: messageRef, attempt: attemptRef, instance: instanceRef, delayMs: int(1, INT_MAX) }),
  z.strictObject({
    kind: z.literal('stall'),
    message: messageRef,
    attempt: attemptRef,
    instance: instanceRef,
    /** Which way the link stalls: requests to the broker, or responses back to the producer. */
    direction: withDefault(z.enum(['request', 'response']), 'request'),
    durationMs: int(1, INT_MAX),
  }),
  z.strictObject({ kind: z.literal('error-reply'), message: messageRef, attempt: attemptRef, instance: instanceRef, error: z.enum(BROKER_ERROR_FAULTS) }),
  z.strictObject({
    kind: z.literal('broker-restart'),
    atMs: ms(0),
    downMs: ms(100),
    /**
     * How the broker goes down. `clean`: a controlled shutdown that writes a producer-state snapshot at the log end
     * (afterwards one cached batch per producer). `crash`: killed; on restart the newest snapshot is loaded and the
     * log after it replayed. The default, `clean`, is what a restart meant before the field existed.
     */
    shutdown: withDefault(z.enum(['clean', 'crash']), 'clean'),
  }),
  z.strictObject({ kind: z.literal('producer-restart'), atMs: ms(0), downMs: ms(50) }),
  /**
   * With replication: broker `broker` (1 … replication.factor) is killed at `atMs` and, unless `downMs` is left out,
   * started again `downMs` later. Killing the leader makes the controller elect a new one.
   */
  z.strictObject({ kind: z.literal('broker-kill'), broker: int(1, 5), atMs: ms(0), downMs: z.optional(int(0, INT_MAX)) }),
  /** With replication: follower `broker` stops fetching from the leader at `atMs`, for `durationMs`. */
  z.strictObject({ kind: z.literal('follower-isolate'), broker: int(1, 5), atMs: ms(0), durationMs: int(1, INT_MAX) }),
  /** Version 2: a consumer member crashes while it handles a message (its `copy`-th delivery, 1 = the first). */
  z.strictObject({
    kind: z.literal('consumer-crash'),
    message: messageRef,
    at: z.enum(CRASH_POINTS),
    copy: withDefault(int(1, INT_MAX), 1),
    /** How long until the member's process is back (left out: consumer.restartMs). */
    downMs: z.optional(ms(100)),
  }),
  /**
   * Version 2: processing a message takes `durationMs` more. `slow`: the application thread is slow, the heartbeat
   * thread carries on (max.poll.interval.ms is what catches it); `pause`: the whole process stalls (a long GC pause),
   * heartbeats too (session.timeout.ms catches it).
   */
  z.strictObject({
    kind: z.literal('slow-processing'),
    message: messageRef,
    copy: withDefault(int(1, INT_MAX), 1),
    durationMs: int(1, INT_MAX),
    stall: withDefault(z.enum(['slow', 'pause']), 'slow'),
  }),
  /** Version 2: the coordinator stores the `commit`-th offset commit (1-based), but its response is lost. */
  z.strictObject({ kind: z.literal('lose-commit-response'), commit: int(1, INT_MAX) }),
  /** Version 2: the application's database is unreachable from `atMs` for `downMs`. */
  z.strictObject({ kind: z.literal('database-outage'), atMs: ms(0), downMs: ms(100) }),
  /** Version 2: a second member of the group starts at `atMs` (the group rebalances). */
  z.strictObject({ kind: z.literal('member-join'), atMs: ms(0) }),
  /**
   * Version 3: the transactional application's process dies during its `txn`-th transaction (counted across
   * instances, 1-based): after its produce answers, after its offsets joined the transaction, or with EndTxn sent.
   * A new instance starts `downMs` later and calls initTransactions; with `restart` false, none does.
   */
  z.strictObject({ kind: z.literal('txn-crash'), txn: int(1, INT_MAX), at: z.enum(TXN_CRASH_POINTS), downMs: ms(100), restart: withDefault(z.boolean(), true) }),
  /**
   * Version 3: the instance stalls during transaction `txn` (a long GC pause, a network partition) for `pauseMs`;
   * `takeoverMs` after the stall began a replacement instance starts with the same transactional.id. The stalled one
   * then carries on: a zombie.
   */
  z.strictObject({
    kind: z.literal('txn-zombie'),
    txn: int(1, INT_MAX),
    at: withDefault(z.enum(['before-produce', 'after-produce']), 'after-produce'),
    pauseMs: int(1, INT_MAX),
    takeoverMs: ms(100),
  }),
  /** Version 3: the application aborts transaction `txn` instead of committing it (then does the work again). */
  z.strictObject({ kind: z.literal('txn-abort'), txn: int(1, INT_MAX) }),
  /** Version 3: the answer to transaction `txn`'s EndTxn is lost; the client times out and sends EndTxn again. */
  z.strictObject({ kind: z.literal('lose-endtxn-response'), txn: int(1, INT_MAX) }),
  /**
   * Version 3: transaction `txn`'s produce request is held in the network for `delayMs`. If that is longer than the
   * client's request.timeout.ms, the client gives up on it and aborts, and the request arrives later: a late write.
   */
  z.strictObject({ kind: z.literal('delay-produce'), txn: int(1, INT_MAX), delayMs: int(1, INT_MAX) }),
  /** Version 3: the application idles `idleMs` inside transaction `txn` before ending it (transaction.timeout.ms may pass). */
  z.strictObject({ kind: z.literal('txn-idle'), txn: int(1, INT_MAX), idleMs: int(1, INT_MAX) }),
  /**
   * Version 3: the transaction coordinator goes down at `atMs` and comes back `downMs` later, reloading its state from
   * `__transaction_state` (a decided transaction's markers are sent again).
   */
  z.strictObject({ kind: z.literal('coordinator-restart'), atMs: ms(0), downMs: ms(100) }),
]);

/** Version 3: the fault kinds of a transactional run (they need a `transactions` section). */
export const TXN_FAULT_KINDS = ['txn-crash', 'txn-zombie', 'txn-abort', 'lose-endtxn-response', 'delay-produce', 'txn-idle', 'coordinator-restart'] as const;

/** Version 2: the fault kinds that concern the consumer side (they need a `consumer` section). */
export const CONSUMER_FAULT_KINDS = ['consumer-crash', 'slow-processing', 'lose-commit-response', 'database-outage', 'member-join'] as const;
export type ConsumerFaultKind = (typeof CONSUMER_FAULT_KINDS)[number];

/** Version 2: random consumer faults, per delivered record (crash) or per commit (lost response). */
export const consumerFaultRatesSchema = z.strictObject({
  /** Chance that a member crashes while handling a record, at a point drawn among `CRASH_POINTS`. */
  crash: probability,
  loseCommitResponse: probability,
});

export const faultRatesSchema = z.strictObject({
  loseRequest: probability,
  loseResponse: probability,
  delayRequest: probability,
  delayMs: ms(1500),
  stall: probability,
  stallMs: ms(1500),
  errorReply: probability,
});

const faultsSchema = z.strictObject({
  scripted: withDefault(z.array(faultSchema).check(z.maxLength(10000)), []),
  rates: withDefault(faultRatesSchema, faultRatesSchema.parse({})),
  /** Version 2: left out, no random consumer faults. */
  consumerRates: z.optional(consumerFaultRatesSchema),
});

export const scenarioSchema = z.strictObject({
  version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  id: withDefault(z.string().check(z.regex(/^[a-z0-9-]*$/, 'use lower-case letters, digits and dashes'), z.maxLength(80)), 'custom'),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  description: withDefault(z.string().check(z.maxLength(5000)), ''),
  seed: withDefault(int(0, 0xffffffff), 1),
  /**
   * The Kafka version whose rules the client and the broker follow (the version lens, kafka-version.ts). An unknown
   * one is refused with a message that lists the valid ids.
   */
  kafkaVersion: withDefault(
    z.enum(KAFKA_VERSIONS, { error: (issue) => `unknown Kafka version ${JSON.stringify(issue.input)}: use one of ${KAFKA_VERSIONS.join(', ')}` }),
    DEFAULT_KAFKA_VERSION,
  ),
  producer: withDefault(producerConfigSchema, producerConfigSchema.parse({})),
  broker: withDefault(brokerConfigSchema, brokerConfigSchema.parse({})),
  workload: withDefault(workloadSchema, workloadSchema.parse({})),
  network: withDefault(networkSchema, networkSchema.parse({})),
  faults: withDefault(faultsSchema, faultsSchema.parse({})),
  /** Version 2: the consumer side. Left out: the run stops at the broker's log, as in version 1. */
  consumer: z.optional(consumerConfigSchema),
  /** Version 2: the application's database (defaults filled in when there is a consumer). */
  database: z.optional(databaseConfigSchema),
  /** Version 2: the application's deduplication (defaults filled in when there is a consumer). */
  dedup: z.optional(dedupConfigSchema),
  /** Version 3: Kafka transactions. Left out: no transactional application. */
  transactions: z.optional(transactionsConfigSchema),
});

/** A scenario as written in a file: defaults may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in: what the simulation runs. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ProducerConfig = Scenario['producer'];
export type BrokerConfig = Scenario['broker'];
export type Fault = z.output<typeof faultSchema>;
export type FaultRates = Scenario['faults']['rates'];

/** The replication settings with Kafka's defaults filled in (replication.factor 1, min.insync.replicas 1, no unclean election, 30 s lag). */
export function replicationOf(broker: BrokerConfig): { rf: number; minIsr: number; unclean: boolean; lagMaxMs: number } {
  return {
    rf: broker['replication.factor'] ?? 1,
    minIsr: broker['min.insync.replicas'] ?? 1,
    unclean: broker['unclean.leader.election.enable'] ?? false,
    lagMaxMs: broker['replica.lag.time.max.ms'] ?? 30000,
  };
}

export type ConsumerConfig = NonNullable<Scenario['consumer']>;
export type DatabaseConfig = z.output<typeof databaseConfigSchema>;
export type DedupConfig = z.output<typeof dedupConfigSchema>;
export type ConsumerFaultRates = z.output<typeof consumerFaultRatesSchema>;

/** Does the scenario use anything version 2 added (a consumer-side section, a consumer fault, consumer fault rates)? */
export function usesVersion2(s: {
  consumer?: unknown;
  database?: unknown;
  dedup?: unknown;
  broker?: Partial<Record<(typeof REPLICATION_SETTINGS)[number], unknown>>;
  faults?: { scripted?: readonly { kind: string }[]; consumerRates?: unknown };
}): boolean {
  if (s.consumer !== undefined || s.database !== undefined || s.dedup !== undefined) return true;
  if (s.faults?.consumerRates !== undefined) return true;
  if (REPLICATION_SETTINGS.some((k) => s.broker?.[k] !== undefined)) return true;
  return (s.faults?.scripted ?? []).some((f) => (VERSION_2_FAULT_KINDS as readonly string[]).includes(f.kind));
}

/** Version 2: the broker settings of replication (left out: one broker, as in version 1). */
export const REPLICATION_SETTINGS = ['replication.factor', 'min.insync.replicas', 'unclean.leader.election.enable', 'replica.lag.time.max.ms'] as const;
/** The fault kinds version 2 added: the consumer side's and the replicas'. */
const VERSION_2_FAULT_KINDS = [...CONSUMER_FAULT_KINDS, 'broker-kill', 'follower-isolate'] as const;

/** Does the scenario use anything version 3 added (the transactions section, a transaction fault)? */
export function usesVersion3(s: { transactions?: unknown; faults?: { scripted?: readonly { kind: string }[] } }): boolean {
  if (s.transactions !== undefined) return true;
  return (s.faults?.scripted ?? []).some((f) => (TXN_FAULT_KINDS as readonly string[]).includes(f.kind));
}

/**
 * The version a scenario is written as: 3 once it uses a version-3 section, 2 once it uses a version-2 one,
 * otherwise the version it was read as (never lower). An older file is read into the newest model unchanged (every
 * older field means the same), so a scenario that uses nothing new keeps its version, which older builds can still open.
 */
export function formatVersionOf(s: Parameters<typeof usesVersion2>[0] & Parameters<typeof usesVersion3>[0] & { version: ScenarioVersion }): ScenarioVersion {
  const needs = usesVersion3(s) ? 3 : usesVersion2(s) ? 2 : 1;
  return Math.max(needs, s.version) as ScenarioVersion;
}

/** The transaction protocol version and the verification setting, with the defaults of the scenario's Kafka version. */
export function transactionRulesOf(s: { kafkaVersion: string; transactions?: TransactionsConfig }): { tv: 1 | 2; verification: boolean } {
  const t = s.transactions;
  return {
    tv: t?.['transaction.version'] ?? (s.kafkaVersion === '4.0' ? 2 : 1),
    verification: t?.['transaction.partition.verification.enable'] ?? true,
  };
}

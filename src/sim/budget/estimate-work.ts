import { resolveProducerConfig } from '../protocol/producer-config';
import type { Scenario } from '../scenario/schema';

/** The most trace events a run may record: past this it stops and is marked truncated. */
export const MAX_EVENTS = 2_000_000;

/** The most events a scenario may be expected to need before it is run at all. */
export const WORK_LIMIT = MAX_EVENTS;

/**
 * What most of the estimated work comes from, so that a refusal can say what to change: the number of messages,
 * the random fault rates (each failed attempt is retried), or the scripted restarts (a producer restart re-sends
 * every message it has not seen acknowledged).
 */
export type WorkDriver = 'messages' | 'fault-rates' | 'restarts';

export interface WorkEstimate {
  /** Estimated trace events: an upper bound for all but the unluckiest runs. */
  events: number;
  /** The largest of the three shares. */
  driver: WorkDriver;
  /** The shares, for tests and explanations. */
  parts: Record<WorkDriver, number>;
}

/** Events of one attempt that is answered (request sent, handled, response received). */
const ANSWERED_ATTEMPT = 3;
/**
 * Events of one failed attempt at most: sent, lost or stalled (or handled and its response lost), the connection
 * closed and reopened, the request failed, a retry scheduled and an epoch bump.
 */
const FAILED_ATTEMPT = 9;
/** Per message: the application's send; per batch: created, then acknowledged or failed. */
const PER_SEND = 3;
/**
 * Broker housekeeping one append can bring about: a new log segment (`log.roll.ms`) and, later, the expiry of the
 * producer id it refreshed (`producer.id.expiration.ms`). Each needs an append before it, so there are at most as many
 * of each as appends: with messages far apart and tight settings, every message brings both.
 */
const PER_APPEND_HOUSEKEEPING = 2;
/** Events of starting a producer (started, connection, producer id) and of crashing it. */
const PER_PRODUCER_RESTART = 6;
/** Events of a broker restart (crashed, restarted, connection closed and reopened, producer id asked again). */
const PER_BROKER_RESTART = 8;
/**
 * With replication, per append: each follower's fetch of it, the leader's held answer, and a margin for the ISR
 * changes it can bring. Per node fault: the kill, the restart, the election and the truncations that follow.
 */
const PER_REPLICA_FETCH = 1;
const PER_HELD_ANSWER = 2;
const PER_NODE_FAULT = 12;
/**
 * Consumer side (version 2), per record the log holds: its share of a poll, its handling (the work, up to three
 * database transactions, done or skipped) and a commit (sent, handled, answered) with one record per poll.
 */
const PER_CONSUMED_RECORD = 12;
/** A consumer crash or rebalance: the crash, a restart, a join round through the group (about twenty events). */
const PER_CONSUMER_DISRUPTION = 24;
/** Standard deviations of slack on the number of failed attempts, so that a run is rarely above its estimate. */
const SLACK_SIGMAS = 4;

/** The chance that one attempt fails: its request or its response is lost, stalled or answered with an error. */
export function failureChance(rates: Scenario['faults']['rates']): number {
  const ok = (1 - rates.loseRequest) * (1 - rates.loseResponse) * (1 - rates.stall) * (1 - rates.errorReply);
  return 1 - ok;
}

/**
 * Messages sent by time `t` at most: the workload sends one every `intervalMs` (jitter only spaces them further).
 * @example sentBy({ messages: 10, startMs: 0, intervalMs: 10, jitterMs: 0 }, 25) // 3
 */
export function sentBy(workload: Scenario['workload'], t: number): number {
  if (workload.messages === 0 || t < workload.startMs) return 0;
  if (workload.intervalMs === 0) return workload.messages;
  return Math.min(workload.messages, Math.floor((t - workload.startMs) / workload.intervalMs) + 1);
}

/**
 * Failed attempts among `sends` sends, generously: the expected number of faults (each attempt fails with chance
 * `p`, so a send fails `p / (1 − p)` times on average) plus slack for bad luck, times the requests one fault can
 * fail with it (a timeout closes the connection and fails every request in flight). At most every send's retries.
 */
function failedAttempts(sends: number, p: number, inFlight: number, perSend: number): number {
  if (p <= 0 || sends === 0) return 0;
  const most = sends * perSend;
  if (p >= 1) return most;
  // Expected faults, plus slack for bad luck.
  const faults = (sends * p) / (1 - p) + (SLACK_SIGMAS * Math.sqrt(sends * p)) / (1 - p) + SLACK_SIGMAS;
  return Math.min(Math.min(inFlight, 1 + faults) * faults, most);
}

/**
 * Attempts one send can make at most: `retries` + 1, and no more than fit in `delivery.timeout.ms` when attempts are
 * at least `retry.backoff.ms` (or a round trip) apart.
 */
/** delivery.timeout.ms as the producer runs with it (set, or Kafka's default raised as Kafka raises it). */
const deliveryTimeoutMs = (s: Scenario): number => resolveProducerConfig(s.producer, s.kafkaVersion).config['delivery.timeout.ms'];

export function attemptsPerSend(s: Scenario): number {
  const byRetries = s.producer.retries + 1;
  const gapMs = Math.max(s.producer['retry.backoff.ms'], 2 * s.network.latencyMs.min + s.broker.processingMs);
  if (gapMs === 0) return byRetries;
  return Math.min(byRetries, 1 + Math.floor(deliveryTimeoutMs(s) / gapMs));
}

/**
 * Attempts of the requests in flight when the producer gets stuck: a batch whose sequence the broker keeps refusing
 * is retried, with the others in flight, at `retry.backoff.max.ms` until `delivery.timeout.ms` expires it.
 */
export function stuckAttempts(s: Scenario): number {
  const gapMs = Math.max(1, s.producer['retry.backoff.max.ms'], s.producer['retry.backoff.ms']);
  const perRequest = Math.min(s.producer.retries + 1, 10 + Math.ceil(deliveryTimeoutMs(s) / gapMs));
  return s.producer['max.in.flight.requests.per.connection'] * perRequest;
}

/**
 * Estimates, before running, the trace events a scenario will record, from its parameters alone: messages, sends
 * repeated by producer restarts, fault rates (with slack for bad luck), scripted faults and restarts, and the broker's
 * housekeeping after each append. O(number of scripted faults); nothing is simulated.
 * @example estimateWork(scenario({ workload: { messages: 1000 } })).events // about 8,000
 */
export function estimateWork(s: Scenario): WorkEstimate {
  if (s.transactions) return estimateTransactions(s, s.transactions);
  const m = s.workload.messages;
  const inFlight = s.producer['max.in.flight.requests.per.connection'];
    let resent = 0;
  let producerRestarts = 0;
  let brokerRestarts = 0;
  let packetFaults = 0;
  for (const f of s.faults.scripted) {
    if (f.kind === 'producer-restart') {
      producerRestarts++;
      // Every message sent before the crash may still be unacknowledged, and is sent again by the new instance.
      resent += sentBy(s.workload, f.atMs);
    } else if (f.kind === 'broker-restart' || f.kind === 'broker-kill' || f.kind === 'follower-isolate') brokerRestarts++;
    else packetFaults++;
  }
  const sends = m + resent;
  const p = failureChance(s.faults.rates);
  const failed = failedAttempts(sends, p, inFlight, attemptsPerSend(s));
  // Scripted faults and broker restarts fail what is in flight at the time.
  const scriptedFailed = (packetFaults + brokerRestarts) * inFlight;
  // A failed attempt may still have been appended (its response lost), so it counts the broker's housekeeping too.
  // With replication every append is also fetched by each follower and its acks=all answer may be held.
  const rf = s.broker['replication.factor'] ?? 1;
  const perReplicatedAppend = rf > 1 ? (rf - 1) * PER_REPLICA_FETCH + PER_HELD_ANSWER : 0;
  const perSend = PER_SEND + ANSWERED_ATTEMPT + PER_APPEND_HOUSEKEEPING + perReplicatedAppend;
  const perFailed = FAILED_ATTEMPT + PER_APPEND_HOUSEKEEPING + perReplicatedAppend;
  const parts: Record<WorkDriver, number> = {
    messages: 10 + m * perSend,
    'fault-rates': (failed + (p > 0 ? stuckAttempts(s) : 0)) * perFailed,
    restarts:
      resent * perSend +
      producerRestarts * PER_PRODUCER_RESTART +
      brokerRestarts * (rf > 1 ? PER_BROKER_RESTART + PER_NODE_FAULT + rf : PER_BROKER_RESTART) +
      scriptedFailed * perFailed,
  };
  if (s.consumer) {
    // Every record written may be read (retries that were appended too); each disruption re-reads up to a batch.
    const records = sends + failed;
    const batch = Math.min(s.consumer['max.poll.records'], Math.max(1, records));
    const crashRate = Math.min(s.faults.consumerRates?.crash ?? 0, 0.99);
    const randomCrashes = crashRate > 0 ? (records * crashRate) / (1 - crashRate) + (SLACK_SIGMAS * Math.sqrt(records * crashRate)) / (1 - crashRate) + SLACK_SIGMAS : 0;
    const commitRate = Math.min(s.faults.consumerRates?.loseCommitResponse ?? 0, 0.99);
    const lostCommits = commitRate > 0 ? (records * commitRate) / (1 - commitRate) + SLACK_SIGMAS * Math.sqrt(records) : 0;
    const disruptions = s.faults.scripted.filter((f) => f.kind === 'consumer-crash' || f.kind === 'slow-processing' || f.kind === 'member-join' || f.kind === 'lose-commit-response' || f.kind === 'database-outage').length;
    const perDisruption = PER_CONSUMER_DISRUPTION + batch * PER_CONSUMED_RECORD;
    parts.messages += 20 + records * PER_CONSUMED_RECORD;
    parts['fault-rates'] += (randomCrashes + lostCommits) * perDisruption;
    parts.restarts += disruptions * perDisruption;
  }
  const events = parts.messages + parts['fault-rates'] + parts.restarts;
  const driver = (Object.keys(parts) as WorkDriver[]).reduce((a, b) => (parts[b] > parts[a] ? b : a));
  return { events: Number.isFinite(events) ? Math.ceil(events) : Infinity, driver, parts };
}

/**
 * A transaction's events at most: its requests (fetch, produce, offsets, EndTxn: three events each), the
 * coordinator's states, a verification and a marker per partition, and each reader's fetches after the write and
 * after the markers (one event per partition).
 */
const PER_TRANSACTION = 32;
/** A transaction fault: the transaction it spoils is done again, plus a restart's InitProducerId rounds. */
const PER_TRANSACTION_FAULT_TXNS = 3;
const PER_TRANSACTION_RESTART = 20;

/**
 * A transactional run: at worst one transaction per message (the application takes what has arrived), each fault
 * spoiling a few more. O(1).
 */
function estimateTransactions(s: Scenario, t: NonNullable<Scenario['transactions']>): WorkEstimate {
  const m = s.workload.messages;
  const partitions = t['output.partitions'] + 1;
  const perTxn = PER_TRANSACTION + 2 * partitions + 2 * t.readers.length * partitions;
  const faults = s.faults.scripted.length;
  const parts: Record<WorkDriver, number> = {
    messages: 20 + m * (1 + perTxn),
    'fault-rates': 0,
    restarts: faults * (PER_TRANSACTION_FAULT_TXNS * perTxn + PER_TRANSACTION_RESTART),
  };
  const events = parts.messages + parts.restarts;
  return { events, driver: parts.restarts > parts.messages ? 'restarts' : 'messages', parts };
}

/** A scenario too big to run: its estimate, the limit and what to change. */
export interface WorkRefusal {
  estimate: number;
  limit: number;
  driver: WorkDriver;
}

/** Refuses a scenario whose estimated work is above `limit`; null when it may run. */
export function checkBudget(s: Scenario, limit = WORK_LIMIT): WorkRefusal | null {
  const e = estimateWork(s);
  return e.events > limit ? { estimate: e.events, limit, driver: e.driver } : null;
}

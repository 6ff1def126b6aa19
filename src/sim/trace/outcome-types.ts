import type { ErrorName } from '../protocol/types';
import type { DeliveryFailure, RuleFact } from './facts';

/** What the checker concludes from a trace: facts (a cause and its numbers), worded by each language's catalogue. */
export type AnomalyKind = 'duplicate' | 'lost' | 'reordered';

/** Where a witness event is: its virtual time and its index in the trace. */
export interface At {
  t: number;
  i: number;
}

/** The first sign that the producer had to send a batch again. */
export type RetryCause =
  | ({ kind: 'ack-lost' } & At)
  | ({ kind: 'request-timeout' } & At)
  | ({ kind: 'connection-failed'; error: ErrorName } & At)
  | ({ kind: 'error-reply'; error: ErrorName } & At);

/** Why the broker wrote a second copy instead of recognising it. */
export type AcceptReason =
  | { kind: 'no-producer-id' }
  | { kind: 'epoch-bumped'; bump: At | null; baseSeq: number; epoch: number }
  | ({ kind: 'producer-expired'; pid: number } & At)
  | { kind: 'evicted' };

/** The cause of an anomaly and the numbers its explanation needs. */
export type AnomalyFact =
  /** The application restarted before it saw the ack and sent the message again (pid < 0: idempotence off). */
  | { cause: 'duplicate-after-restart'; params: { copies: number; first: At; crash: At | null; pid: number; baseSeq: number } }
  /** The original request was held in the broker's queue, retried, and finally processed too. */
  | { cause: 'duplicate-delayed-original'; params: { copies: number; first: At; attempt: number; delayMs: number; delayEvent: number; processed: At; accepted: AcceptReason } }
  /** The producer retried a batch the broker had written. */
  | { cause: 'duplicate-retry'; params: { copies: number; first: At; retry: RetryCause | null; attempt: number; accepted: AcceptReason } }
  /** acks=0: the producer reported the message sent; it never reached the log. */
  | { cause: 'lost-acks0'; params: { ack: At } }
  /** With replication: acknowledged, then a failover elected a leader whose log lacked it (acks=1, or an unclean election). */
  | { cause: 'lost-failover'; params: { ack: At; election: At; clean: boolean; leader: number } }
  /** The batch failed and the application did not send it again. */
  | { cause: 'lost-failed'; params: { failed: At; records: number } & DeliveryFailure }
  | { cause: 'lost-unresolved'; params: Record<string, never> }
  /**
   * A later message's batch overtook an earlier one that had to be retried: with idempotence off; accepted from a
   * producer id that had never written here (KAFKA-15591); accepted from a producer whose state the broker had lost
   * (expiry, restart); or, with idempotence on, for another reason, named by the broker's rule for the late write.
   */
  | { cause: 'reordered-no-idempotence' | 'reordered-new-producer' | 'reordered-state-lost'; params: ReorderParams }
  | { cause: 'reordered-idempotent'; params: ReorderParams & { rule: RuleFact } };

interface ReorderParams {
  earlier: number;
  earlierOffset: number;
  firstAttempt: RetryCause | null;
}

export type AnomalyCause = AnomalyFact['cause'];

export type Anomaly = {
  kind: AnomalyKind;
  message: number;
  /** Offsets involved (both copies of a duplicate, the out-of-order record). */
  offsets: number[];
  /** Indexes of the trace events that caused it, earliest first (the witnesses). */
  events: number[];
} & AnomalyFact;

/** What the summary of a run says beyond the counts. */
export interface OutcomeSummary {
  /** The ConfigProblemCode when the producer refused its settings. */
  configError: string | null;
  /** Retries the broker recognised as duplicates (not written again). */
  recognisedRetries: number;
  truncated: boolean;
  /** Set instead of a verdict when the checker itself failed on the run (the exception's message). */
  checkerFailed?: string;
}

/** Why the database holds a message's effect more than once. */
export type EffectDuplicateCause =
  /** The producer wrote the message twice; the consumer applied both copies (different offsets). */
  | 'log-duplicate'
  /** A member crashed after the effect and before a commit covered it; the record was read again. */
  | 'consumer-crash'
  /** A member exceeded max.poll.interval.ms and left the group; its batch was read again. */
  | 'poll-timeout'
  /** A member missed its heartbeats (session.timeout.ms) and was removed; its batch was read again. */
  | 'session-timeout'
  /** A commit failed (refused, or no answer), so the committed offset stayed behind the effects. */
  | 'commit-failed'
  /** Read again for another reason (a rebalance). */
  | 'redelivered';

/** Why a message the application sent has no effect in the database. */
export type EffectLossCause =
  /** It never reached the partition log (the producer side lost it). */
  | 'not-in-log'
  /** Its offset was committed, then the member crashed before the effect (commit before processing). */
  | 'committed-before-processing'
  /** Its id was marked processed before the effect, and the member crashed in between. */
  | 'marked-before-effect'
  /** No committed offset and auto.offset.reset=latest: the member started past it. */
  | 'skipped-by-reset'
  /** The run ended before a member applied it. */
  | 'not-consumed';

export type EffectAnomaly =
  | { kind: 'duplicate-effect'; message: number; copies: number; offsets: number[]; events: number[]; cause: EffectDuplicateCause }
  | { kind: 'lost-effect'; message: number; events: number[]; cause: EffectLossCause };

/** The end-to-end verdict: the business effects in the application's database, per message id. */
export interface EffectsOutcome {
  /** Extra effects: a message whose effect was applied twice counts 1 (an upsert that rewrote its row counts 0). */
  duplicates: number;
  /** Messages the application sent whose effect is not in the database. */
  lost: number;
  /** Every message the application sent has its effect applied exactly once. */
  exactlyOnce: boolean;
  /** Messages with an effect. */
  applied: number;
  /** Effect rows in the database. */
  rows: number;
  /** Each with its witnesses (event indices), earliest first. */
  anomalies: EffectAnomaly[];
}

export interface Outcome {
  /** Extra copies in the log: a message written twice counts 1. */
  duplicates: number;
  /** Messages the application sent that are not in the log. */
  lost: number;
  /** Records that sit after a record of a later message. */
  reordered: number;
  /** Every message the application sent is in the log exactly once. */
  exactlyOnce: boolean;
  /** The log holds the messages in the order the application sent them. */
  inOrder: boolean;
  sent: number;
  written: number;
  acknowledged: number;
  anomalies: Anomaly[];
  /** The facts the summary paragraph is worded from (with the counts above). */
  summary: OutcomeSummary;
  /** Only with a consumer side: the verdict on the database's effects, beside the log's. */
  effects?: EffectsOutcome;
  /** Only in a transactional run: its transactions and the exactly-once verdict across the loop. */
  transactions?: TransactionsOutcome;
  /** Only in a transactional run: what each downstream consumer returned. */
  consumers?: ConsumerOutcome[];
}

/** Why a transactional run's output breaks exactly-once, as a read_committed consumer sees it. */
export type TxnAnomaly =
  /** A message visible more than once to read_committed (a late write that leaked into a later transaction). */
  | { kind: 'duplicate-output'; message: number; copies: number; partitions: string[]; offsets: number[]; events: number[] }
  /** A message visible to read_committed though no transaction that carried it committed (an aborted write that leaked). */
  | { kind: 'aborted-visible'; message: number; partition: string; offset: number; events: number[] }
  /** A message whose transaction committed, but not visible to read_committed (held back by a hanging transaction). */
  | { kind: 'lost-output'; message: number; events: number[] }
  /** A transaction open on a partition at the end that no coordinator will end: the LSO is stuck at its first offset. */
  | { kind: 'hanging-transaction'; partition: string; pid: number; firstOffset: number; lso: number; leo: number; events: number[] };

/** A transactional run's verdict (scenario version 3): transactions, and exactly-once as read_committed consumers see it. */
export interface TransactionsOutcome {
  /** Transactions the coordinator committed, and aborted (by the application, a fence or a timeout). */
  committed: number;
  aborted: number;
  /** Open transactions at the end, each holding back its partition's LSO. */
  hanging: { partition: string; pid: number; firstOffset: number; lso: number }[];
  /** Messages whose transaction committed: each should be visible to read_committed exactly once. */
  processed: number;
  /** Extra copies visible to read_committed. */
  duplicates: number;
  /** Committed messages read_committed cannot see. */
  lost: number;
  /** Messages read_committed sees that no committed transaction carried. */
  leaked: number;
  /** Each committed message visible to read_committed exactly once, and nothing else (a hanging transaction is reported apart). */
  exactlyOnce: boolean;
  anomalies: TxnAnomaly[];
}

/** What one downstream consumer returned, in the order it returned it (control records never appear). */
export interface ConsumerOutcome {
  id: string;
  isolation: 'read_committed' | 'read_uncommitted';
  records: { topic: string; partition: number; offset: number; message: number }[];
}

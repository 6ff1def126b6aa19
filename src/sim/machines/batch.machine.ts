import { setup } from 'xstate';

/** Where a batch is in its life: the batch machine's states. */
export type BatchPhase = 'accumulating' | 'ready' | 'inFlight' | 'backingOff' | 'acknowledged' | 'failed' | 'expired';

/** What happens to a batch; each moves its statechart. */
export type BatchEvent =
  | { type: 'batch.sealed' }
  | { type: 'batch.sent' }
  | { type: 'batch.retry' }
  | { type: 'backoff.over' }
  | { type: 'batch.acked' }
  | { type: 'batch.failed' }
  | { type: 'batch.expired' };

/** The phase each event leads to, for a step that moves a batch and keeps its own view of it in line. */
export const BATCH_TARGET: Readonly<Record<BatchEvent['type'], BatchPhase>> = {
  'batch.sealed': 'ready',
  'batch.sent': 'inFlight',
  'batch.retry': 'backingOff',
  'backoff.over': 'ready',
  'batch.acked': 'acknowledged',
  'batch.failed': 'failed',
  'batch.expired': 'expired',
};

export const isFinalBatchPhase = (p: BatchPhase): boolean => p === 'acknowledged' || p === 'failed' || p === 'expired';

/** The child actor's id for a batch (batch ids are unique for the whole run). */
export const batchActorId = (batch: number): string => `batch-${batch}`;

const expire = { 'batch.expired': 'expired' } as const;

/**
 * One producer batch's life (Kafka's ProducerBatch in the RecordAccumulator and the Sender), a child actor of the
 * producer that created it. The producer's steps decide (with the pure rules of protocol/) and send the batch the
 * event that moves it; a batch that reaches a final state is stopped and removed from the producer's children.
 */
export const batchMachine = setup({
  types: { events: {} as BatchEvent },
}).createMachine({
  id: 'batch',
  initial: 'accumulating',
  states: {
    accumulating: {
      description: 'open in the accumulator: records join it until it is full or the sender drains it (after linger.ms)',
      on: { 'batch.sealed': 'ready', ...expire },
    },
    ready: {
      description: 'sealed and queued for the partition: the sender drains it when the in-flight limit and sequence order allow',
      on: { 'batch.sent': 'inFlight', 'batch.failed': 'failed', ...expire },
    },
    inFlight: {
      description: 'a ProduceRequest carrying it is on its way or awaiting its response (one attempt)',
      on: { 'batch.acked': 'acknowledged', 'batch.retry': 'backingOff', 'batch.failed': 'failed', ...expire },
    },
    backingOff: {
      description: 'the attempt failed with a retriable error: back in the queue, waiting retry.backoff.ms before the next attempt',
      on: { 'backoff.over': 'ready', 'batch.failed': 'failed', ...expire },
    },
    acknowledged: { type: 'final', description: 'the broker acknowledged it (or, with acks=0, it was sent): the send() callbacks succeed' },
    failed: { type: 'final', description: 'completed with an error the producer does not retry, or out of retries: the send() callbacks get it' },
    expired: { type: 'final', description: 'delivery.timeout.ms passed since it was created: TimeoutException, though the records may be in the log' },
  },
});

import { assign, setup } from 'xstate';

/** What happens to a producer id at the partition leader; each moves its statechart. */
export type ProducerIdEvent = { type: 'pid.appended'; epoch: number } | { type: 'pid.expired' };

/** The child actor's id for a producer id at the broker. */
export const producerIdActorId = (pid: number): string => `pid-${pid}`;

/**
 * One producer id as the partition leader knows it (Kafka's ProducerStateManager entry for it), a child actor of the
 * broker. The broker's steps decide, with the pure rules of protocol/broker-rules.ts, and send it the event that
 * moves it; the entry's data (epoch and the five cached batches) stays in the broker's producer state.
 */
export const producerIdMachine = setup({
  types: { context: {} as { epoch: number }, events: {} as ProducerIdEvent },
  actions: { noteEpoch: assign(({ event }) => ({ epoch: event.type === 'pid.appended' ? event.epoch : -1 })) },
}).createMachine({
  id: 'producerId',
  context: { epoch: -1 },
  initial: 'unknown',
  states: {
    unknown: {
      description: 'handed out by InitProducerId; no batch from it appended yet, so the partition has no state for it',
      on: { 'pid.appended': { target: 'known', actions: 'noteEpoch' } },
    },
    known: {
      description: 'an entry with its epoch and the last five batches (the dedup window); a new epoch clears the batches',
      on: { 'pid.appended': { actions: 'noteEpoch' }, 'pid.expired': 'expired' },
    },
    expired: {
      description: 'removed by the expiration check after producer.id.expiration.ms without a batch: its next batch is unknown to the broker',
      on: { 'pid.appended': { target: 'known', actions: 'noteEpoch' } },
    },
  },
});

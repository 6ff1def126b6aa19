import { setup } from 'xstate';
import { crash, createBrokerModel, expireProducers, handleInitProducerId, handleProduce, restart, type BrokerModel } from './broker-model';
import type { BrokerEvent } from './broker-events';
import type { BrokerConfig } from '../scenario/schema';

export interface BrokerContext {
  /** The partition's leader state. Owned by this actor; the trace gets snapshots. */
  b: BrokerModel;
}

/**
 * The partition leader: a flat XState machine, up or down. Its rules live in protocol/broker-rules.ts.
 * Followers and leader failover will add states here (replication is not modelled yet).
 */
export const brokerMachine = setup({
  types: { context: {} as BrokerContext, events: {} as BrokerEvent, input: {} as BrokerConfig },
  actions: {
    handleProduce: ({ context, event }) => {
      if (event.type === 'produce') handleProduce(context.b, event);
    },
    handleInitProducerId: ({ context, event }) => {
      if (event.type === 'init-pid') handleInitProducerId(context.b, event.instance, event.connection);
    },
    crash: ({ context }) => crash(context.b),
    restart: ({ context }) => restart(context.b),
    expire: ({ context }) => expireProducers(context.b),
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => ({ b: createBrokerModel(input) }),
  initial: 'up',
  states: {
    up: {
      description: 'the leader accepts produce requests and checks producer id, epoch and sequence',
      on: {
        produce: { actions: 'handleProduce' },
        'init-pid': { actions: 'handleInitProducerId' },
        'expiry.check': { actions: 'expire' },
        'broker.crash': { target: 'down', actions: 'crash' },
      },
    },
    down: {
      description: 'the process is down: connections are refused; the log is on disk, producer state is in the snapshot',
      on: { 'broker.restart': { target: 'up', actions: 'restart' } },
    },
  },
});

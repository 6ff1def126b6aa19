import { setup } from 'xstate';
import { brokerDown, brokerUp, close, lose, send, type NetworkEvent, type NetworkModel } from './network-model';

export interface NetworkContext {
  /** The links' state. Owned by this actor alone. */
  n: NetworkModel;
}

/**
 * The link between producer and broker: one TCP-like connection at a time, ordered per direction. It decides
 * each packet's fate from the fault plan and the network stream, and breaks connections the way TCP does.
 */
export const networkMachine = setup({
  types: { context: {} as NetworkContext, events: {} as NetworkEvent, input: {} as NetworkContext },
  actions: {
    send: ({ context, event }) => {
      if (event.type === 'send') send(context.n, event.packet);
    },
    lose: ({ context, event }) => {
      if (event.type === 'lost') lose(context.n, event.id, event.cause);
    },
    close: ({ context, event }) => {
      if (event.type === 'close') close(context.n, event.connection);
    },
    brokerDown: ({ context }) => brokerDown(context.n),
    brokerUp: ({ context }) => brokerUp(context.n),
  },
}).createMachine({
  id: 'network',
  context: ({ input }) => input,
  initial: 'carrying',
  states: {
    carrying: {
      description:
        'packets travel with seeded latency and arrive in TCP order; faults lose, delay or stall them; a closed connection withdraws what has not arrived',
      on: {
        send: { actions: 'send' },
        lost: { actions: 'lose' },
        close: { actions: 'close' },
        'broker.down': { actions: 'brokerDown' },
        'broker.up': { actions: 'brokerUp' },
      },
    },
  },
});

import { enqueueActions, setup } from 'xstate';
import type { TxnMessage } from './txn-effects';

export type LinkEvent = { type: 'carry'; to: string; event: TxnMessage };

/**
 * The link between a transactional run's clients and its broker: a message arrives after its sender's delay (the
 * request latency, or a `delay-produce` fault) and is handed to its addressee if that still exists; one for an
 * actor that is gone (a crashed instance) is dropped, as a closed socket drops it. The lab's simplification: the
 * link loses nothing on its own; lost answers are the coordinator's `lose-endtxn-response` fault.
 */
export const txnLinkMachine = setup({
  types: { events: {} as LinkEvent },
  actions: {
    deliver: enqueueActions(({ event, system, enqueue }) => {
      const to = system.get(event.to);
      if (to) enqueue.sendTo(to, event.event);
    }),
  },
}).createMachine({
  id: 'txn-link',
  initial: 'carrying',
  states: {
    carrying: {
      description: 'messages travel with their sender’s delay; one for an actor that is gone is dropped',
      on: { carry: { actions: 'deliver' } },
    },
  },
});

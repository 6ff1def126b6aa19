import { enqueueActions, setup } from 'xstate';
import type { TxnMessage } from './txn-effects';

export type LinkEvent = { type: 'carry'; to: string; event: TxnMessage; delayMs: number } | { type: 'arrive'; to: string; event: TxnMessage };

/**
 * The link between a transactional run's clients and its broker: a message is handed to it at once and arrives after
 * its sender's delay (the request latency, or a `delay-produce` fault), a delayed event of the link's own, so a
 * request in flight still arrives when its sender has died. It is handed to its addressee if that still exists; one
 * for an actor that is gone (a crashed instance) is dropped, as a closed socket drops it. The lab's simplification: the
 * link loses nothing on its own; lost answers are the coordinator's `lose-endtxn-response` fault.
 */
export const txnLinkMachine = setup({
  types: { events: {} as LinkEvent },
  actions: {
    carry: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'carry') enqueue.raise({ type: 'arrive', to: event.to, event: event.event }, { delay: event.delayMs });
    }),
    deliver: enqueueActions(({ event, system, enqueue }) => {
      if (event.type !== 'arrive') return;
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
      on: { carry: { actions: 'carry' }, arrive: { actions: 'deliver' } },
    },
  },
});

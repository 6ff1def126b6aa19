import { setup } from 'xstate';
import type { MessageState } from '../trace/types';

/** What moves a message's persisted state (the `state-machine` dedup strategy): the state it is written to. */
export type MessageEvent = { type: 'message.received' } | { type: 'message.processing' } | { type: 'message.done' };

export const MESSAGE_EVENT: Record<MessageState, MessageEvent['type']> = {
  received: 'message.received',
  processing: 'message.processing',
  done: 'message.done',
};

/** The actor id of a message's state machine. */
export const messageActorId = (message: number): string => `message-${message}`;

/**
 * One message's persisted processing state in the application's database (the `state-machine` dedup strategy), a
 * child actor of the database: it survives a consumer crash because the database does. The database's transactions
 * move it; a consumer that starts looks for messages not `done` and finishes them (recovery).
 */
export const messageMachine = setup({
  types: { events: {} as MessageEvent },
}).createMachine({
  id: 'message',
  initial: 'received',
  states: {
    received: {
      description: 'polled and written down before any work: a consumer that restarts will find and finish it',
      on: { 'message.processing': 'processing', 'message.done': 'done' },
    },
    processing: {
      description: 'a consumer has claimed it and is doing the work; the effect is not written yet',
      on: { 'message.done': 'done', 'message.received': 'received' },
    },
    done: {
      description: 'its effect and this state were written in one transaction: any later delivery is skipped',
      type: 'final',
    },
  },
});

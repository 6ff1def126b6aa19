import { assign, setup } from 'xstate';

export type ConnectionEvent =
  | { type: 'connection.opened'; connection: number }
  | { type: 'connection.ended'; connection: number }
  | { type: 'stall.began'; connection: number; direction: 'request' | 'response' }
  | { type: 'stall.ended'; connection: number; direction: 'request' | 'response' };

type Direction = 'request' | 'response';

const direction = (d: Direction, receiver: string) => ({
  description: `the ${d}s' direction of the connection`,
  initial: 'flowing' as const,
  states: {
    flowing: {
      description: `${d}s reach the ${receiver} after their latency, in the order they were sent`,
      on: { 'stall.began': { guard: { type: 'inDirection' as const, params: { direction: d } }, target: 'stalled' } },
    },
    stalled: {
      description: `${d}s are held until the stall ends, then arrive together, still in order`,
      on: { 'stall.ended': { guard: { type: 'inDirection' as const, params: { direction: d } }, target: 'flowing' } },
    },
  },
});

/**
 * The producer's connection to the leader, a child actor of the network with a life of its own: none yet, open
 * (each direction flowing or stalled), closed; a new connection opens it afresh. The network tells it what happens
 * to the connection it follows, the newest one.
 */
export const connectionMachine = setup({
  types: { events: {} as ConnectionEvent, context: {} as { connection: number } },
  guards: {
    isCurrent: ({ context, event }) => event.connection === context.connection,
    inDirection: ({ context, event }, params: { direction: Direction }) =>
      event.connection === context.connection && 'direction' in event && event.direction === params.direction,
  },
  actions: {
    follow: assign({ connection: ({ event }) => event.connection }),
  },
}).createMachine({
  id: 'connection',
  context: { connection: 0 },
  initial: 'none',
  states: {
    none: {
      description: 'the producer has not connected yet',
      on: { 'connection.opened': { target: 'open', actions: 'follow' } },
    },
    open: {
      description: 'carrying packets; each direction keeps its own order',
      type: 'parallel',
      on: {
        'connection.ended': { guard: 'isCurrent', target: 'closed' },
        // A newer connection replaces this one: followed afresh, both directions flowing.
        'connection.opened': { target: 'open', reenter: true, actions: 'follow' },
      },
      states: { requests: direction('request', 'broker'), responses: direction('response', 'client') },
    },
    closed: {
      description: 'closed by the client, broken by a loss, or cut when the broker went down: what had not arrived is gone',
      on: { 'connection.opened': { target: 'open', actions: 'follow' } },
    },
  },
});

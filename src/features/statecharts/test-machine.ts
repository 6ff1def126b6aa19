import { and, not, setup } from 'xstate';

/**
 * A small hierarchical machine that uses every construct the statechart view draws: compound and parallel states,
 * regions with their own initial states, a final state, a history state, delayed (`after`) transitions, guarded and
 * targetless transitions and a transition that leaves a region for a state outside the parallel state.
 */
export const hierarchicalTestMachine = setup({
  types: { events: {} as { type: 'start' } | { type: 'connect' } | { type: 'drop' } | { type: 'ping' } | { type: 'bump' } | { type: 'stop' } | { type: 'resume' } },
  guards: { canStart: () => true, isIdempotent: () => true, fresh: () => true },
  delays: { reconnectBackoff: 50 },
}).createMachine({
  id: 'demo',
  initial: 'idle',
  states: {
    idle: {
      description: 'waiting to start',
      on: { start: { guard: 'canStart', target: 'running' }, ping: {} },
    },
    running: {
      type: 'parallel',
      description: 'two regions at once',
      on: { stop: { target: 'stopped' } },
      states: {
        idempotence: {
          initial: 'uninitialized',
          states: {
            uninitialized: { after: { 10: { target: 'ready', guard: 'isIdempotent' } } },
            ready: {
              initial: 'steady',
              states: {
                steady: { on: { bump: { target: 'bumpRequired', guard: and(['isIdempotent', not('fresh')]) } } },
                bumpRequired: { on: { bump: 'steady' } },
              },
            },
          },
        },
        connection: {
          initial: 'disconnected',
          states: {
            disconnected: { on: { connect: 'connected' } },
            connected: { on: { drop: 'waitingToReconnect', ping: { actions: [] } } },
            waitingToReconnect: { after: { reconnectBackoff: 'connected' } },
            hist: { type: 'history', history: 'deep' },
          },
        },
      },
    },
    stopped: { on: { resume: '#demo.running.connection.hist' } },
    done: { type: 'final', description: 'finished' },
  },
});

import { enqueueActions, setup, type AnyActorRef } from 'xstate';
import { electLeader, isrAfterElection } from '../protocol/replication-rules';
import type { TraceEventInput } from './effects';
import { brokerLane, brokerSystemId, ELECTION_MS, type ControllerNotice, type ReplicaEvent } from './replica-model';
import type { TraceEmitted } from './trace-emit';

/** The partition's metadata as the controller keeps it. */
export interface ControllerContext {
  replicas: readonly number[];
  /** Brokers whose process is up. */
  alive: readonly number[];
  leader: number | null;
  /** The last leader, while none leads. */
  previous: number | null;
  leaderEpoch: number;
  isr: readonly number[];
  unclean: boolean;
}

export interface ControllerInput {
  replicas: readonly number[];
  unclean: boolean;
}

export type ControllerEvent = ControllerNotice | { type: 'broker.failed'; broker: number };

type Send = (to: string, event: ReplicaEvent | { type: 'broker.down' } | { type: 'broker.up'; leader: string }) => void;

/** Makes `leader` lead with the next leader epoch; every other live broker follows it; the network sends requests to it. */
function elect(c: ControllerContext, send: Send): Partial<ControllerContext> | null {
  const alive = new Set(c.alive);
  const e = electLeader(c.replicas, c.isr, alive, c.unclean);
  if (!e) return null;
  const leaderEpoch = c.leaderEpoch + 1;
  const isr = isrAfterElection(c.isr, alive, e);
  send(brokerSystemId(e.leader), { type: 'become.leader', leaderEpoch, isr, previous: c.previous, clean: e.clean });
  for (const id of c.replicas) {
    if (id !== e.leader && alive.has(id)) send(brokerSystemId(id), { type: 'become.follower', leader: e.leader, leaderEpoch, inIsr: isr.includes(id) });
  }
  send('network', { type: 'broker.up', leader: brokerSystemId(e.leader) });
  return { leader: e.leader, previous: null, leaderEpoch, isr };
}

const sender =
  (system: { get(id: string): AnyActorRef | undefined }, enqueue: { sendTo: (to: AnyActorRef, event: { type: string }) => void }): Send =>
  (to, event) => {
    const ref = system.get(to);
    if (ref) enqueue.sendTo(ref, event);
  };

/**
 * The controller (KRaft's active controller, reduced to what one partition needs): it keeps the partition's leader,
 * leader epoch and ISR, hears of brokers dying and coming back, and when the leader dies elects a new one after a
 * fixed time (ELECTION_MS): the first live replica of the ISR, or with unclean.leader.election.enable the first live
 * replica at all. With no replica it may elect, the partition is offline until one comes back.
 */
export const controllerMachine = setup({
  types: { context: {} as ControllerContext, events: {} as ControllerEvent, input: {} as ControllerInput, emitted: {} as TraceEmitted },
  guards: {
    leaderFailed: ({ context, event }) => event.type === 'broker.failed' && event.broker === context.leader,
    canElect: ({ context }) => electLeader(context.replicas, context.isr, new Set(context.alive), context.unclean) !== null,
    canElectWithReturned: ({ context, event }) =>
      event.type === 'broker.returned' && electLeader(context.replicas, context.isr, new Set([...context.alive, event.broker]), context.unclean) !== null,
  },
  actions: {
    /** At the start broker 1 leads, every replica in the ISR. */
    electFirst: enqueueActions(({ context, system, enqueue }) => {
      const send = sender(system, enqueue as never);
      const changes = elect({ ...context, isr: context.replicas }, send);
      if (changes) enqueue.assign(changes);
    }),
    leaderLost: enqueueActions(({ context, event, system, enqueue }) => {
      if (event.type !== 'broker.failed') return;
      sender(system, enqueue as never)('network', { type: 'broker.down' });
      enqueue.assign({ alive: context.alive.filter((id) => id !== event.broker), leader: null, previous: event.broker });
    }),
    forget: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'broker.failed') enqueue.assign({ alive: context.alive.filter((id) => id !== event.broker) });
    }),
    remember: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'broker.returned' && !context.alive.includes(event.broker)) enqueue.assign({ alive: [...context.alive, event.broker] });
    }),
    /** A broker back while a leader leads: it follows the leader. */
    welcome: enqueueActions(({ context, event, system, enqueue }) => {
      if (event.type !== 'broker.returned' || context.leader === null) return;
      sender(system, enqueue as never)(brokerSystemId(event.broker), {
        type: 'become.follower',
        leader: context.leader,
        leaderEpoch: context.leaderEpoch,
        inIsr: context.isr.includes(event.broker),
      });
    }),
    elect: enqueueActions(({ context, event, system, enqueue }) => {
      const alive = event.type === 'broker.returned' && !context.alive.includes(event.broker) ? [...context.alive, event.broker] : context.alive;
      const changes = elect({ ...context, alive }, sender(system, enqueue as never));
      if (changes) enqueue.assign({ ...changes, alive });
    }),
    goOffline: enqueueActions(({ context, event, enqueue }) => {
      const ev: TraceEventInput = { kind: 'partition.offline', lane: brokerLane(context.previous ?? 1), replica: context.previous ?? 1, isr: [...context.isr] };
      enqueue.emit({ type: 'trace', cause: event, records: [ev] });
    }),
    noteIsr: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'isr.changed' && event.leaderEpoch === context.leaderEpoch) enqueue.assign({ isr: event.isr });
    }),
  },
}).createMachine({
  id: 'controller',
  context: ({ input }) => ({ replicas: input.replicas, alive: input.replicas, leader: null, previous: null, leaderEpoch: -1, isr: input.replicas, unclean: input.unclean }),
  initial: 'stable',
  entry: 'electFirst',
  states: {
    stable: {
      description: 'a leader leads the partition; the controller tracks the ISR the leader reports',
      on: {
        'broker.failed': [{ guard: 'leaderFailed', target: 'electing', actions: 'leaderLost' }, { actions: 'forget' }],
        'broker.returned': { actions: ['remember', 'welcome'] },
        'isr.changed': { actions: 'noteIsr' },
      },
    },
    electing: {
      description: 'the leader died: its connections broke; after a fixed time a new leader is chosen from the ISR',
      after: {
        [ELECTION_MS]: [{ guard: 'canElect', target: 'stable', actions: 'elect' }, { target: 'offline', actions: 'goOffline' }],
      },
      on: {
        'broker.failed': { actions: 'forget' },
        'broker.returned': { actions: 'remember' },
      },
    },
    offline: {
      description: 'no live replica may lead (the ISR is all down, and unclean election is off): nothing can be written',
      on: {
        'broker.returned': [{ guard: 'canElectWithReturned', target: 'stable', actions: 'elect' }, { actions: 'remember' }],
        'broker.failed': { actions: 'forget' },
      },
    },
  },
});

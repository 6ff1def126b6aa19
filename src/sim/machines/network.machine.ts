import { assign, enqueueActions, setup, type AnyActorRef, type StateValue } from 'xstate';
import { connectionMachine } from './connection.machine';
import type { SimClock } from '../kernel/kernel';
import {
  arrive,
  brokerDown,
  close,
  connect,
  lose,
  noticeBreak,
  refuse,
  send,
  type NetworkEffect,
  type NetworkEvent,
  type NetworkModel,
  type NetworkStep,
} from './network-model';
import { enact, type Enqueue, type TraceEmitted } from './trace-emit';

export interface NetworkContext {
  /** The links' data. Whether the leader is reachable is this machine's state; each connection's is its actor's. */
  n: NetworkModel;
  clock: SimClock;
  /** With replication: the system id of the broker that leads now (requests go there); `broker` otherwise. */
  leader?: string;
}

export interface NetworkInput {
  n: NetworkModel;
  clock: SimClock;
}

/** A producer instance's actor in the system. */
export const producerSystemId = (instance: number) => `producer-${instance}`;

/**
 * A step's effects as XState actions: what happened to a connection is told to the connection's actor (it follows the
 * newest connection), and an arrived packet is forwarded to its receiver at once.
 */
function enactNetwork(out: readonly NetworkEffect[], cause: { type: string }, enqueue: Enqueue, system: { get(id: string): AnyActorRef | undefined }, leader = 'broker'): void {
  const connection = system.get('connection');
  enact(out, cause, enqueue, (fx) => {
    if (fx.type === 'fact') {
      const f = fx.fact;
      if (connection) enqueue.sendTo(connection, f.type === 'connection.seen' ? { type: 'connection.opened', connection: f.connection } : f);
    } else {
      const d = fx.delivery;
      const to = d.to === 'broker' ? system.get(leader) : system.get(producerSystemId(d.instance));
      if (to) enqueue.sendTo(to, d.event as unknown as { type: string });
    }
  });
}

const leaderUp = (value: StateValue) => value !== 'unreachable';

type Event = NetworkEvent;

const step = <T extends NetworkEvent['type']>(type: T, f: (s: NetworkStep, e: Extract<NetworkEvent, { type: T }>) => void) =>
  enqueueActions<NetworkContext, Event, undefined, Event, never, never, never, never, TraceEmitted>(({ context, event, self, system, enqueue }) => {
    if (event.type !== type) return;
    const s: NetworkStep = { n: context.n, now: context.clock.now, leaderUp: leaderUp((self.getSnapshot() as { value: StateValue }).value), out: [] };
    f(s, event as Extract<NetworkEvent, { type: T }>);
    enactNetwork(s.out, event, enqueue as unknown as Enqueue, system as { get(id: string): AnyActorRef | undefined }, context.leader);
  });

/**
 * The links between the producer and the leader: TCP-like connections, each ordered per direction. It decides each
 * packet's fate once, from the fault plan and the network stream, and delivers it when its arrival time comes (a
 * delayed event of its own, withdrawn with `cancel` if the connection breaks first), so every packet passes through
 * it. Its states say whether the leader can be reached; the connection is a child actor of its own
 * (connection.machine.ts) that follows the newest connection.
 */
export const networkMachine = setup({
  types: { context: {} as NetworkContext, events: {} as Event, input: {} as NetworkInput, emitted: {} as TraceEmitted },
  actors: { connection: connectionMachine },
  actions: {
    send: step('packet.send', (s, e) => send(s, e.packet)),
    connect: step('connection.connect', (s, e) => connect(s, e.connection, e.instance)),
    refuse: step('connect.refusal', (s, e) => refuse(s, e.connection, e.instance)),
    arrive: step('packet.arrive', (s, e) => arrive(s, e.id)),
    lose: step('packet.lost', (s, e) => lose(s, e.id, e.cause)),
    noticeBreak: step('break.noticed', (s, e) => noticeBreak(s, e.connection, e.instance)),
    close: step('connection.close', (s, e) => close(s, e.connection)),
    brokerDown: step('broker.down', (s) => brokerDown(s)),
    /** With replication: requests go to the newly elected leader from now on. */
    followLeader: assign(({ context, event }) => (event.type === 'broker.up' && event.leader !== undefined ? { leader: event.leader } : { leader: context.leader })),
  },
}).createMachine({
  id: 'network',
  context: ({ input }) => ({ n: input.n, clock: input.clock }),
  invoke: { src: 'connection', id: 'connection', systemId: 'connection' },
  initial: 'reachable',
  on: {
    'packet.send': { actions: 'send' },
    'connection.connect': { actions: 'connect' },
    'connect.refusal': { actions: 'refuse' },
    'packet.arrive': { actions: 'arrive' },
    'packet.lost': { actions: 'lose' },
    'break.noticed': { actions: 'noticeBreak' },
    'connection.close': { actions: 'close' },
  },
  states: {
    reachable: {
      description: 'the leader can be reached: packets travel with seeded latency and arrive in TCP order; faults lose, delay or stall them',
      on: { 'broker.down': { target: 'unreachable', actions: 'brokerDown' }, 'broker.up': { actions: 'followLeader' } },
    },
    unreachable: {
      description: 'the broker is down: its connections broke, and a connection attempt is refused',
      on: {
        'broker.up': { target: 'reachable', actions: 'followLeader' },
        // Going down again while down (overlapping restarts) still cuts the connections opened in between.
        'broker.down': { actions: 'brokerDown' },
      },
    },
  },
});

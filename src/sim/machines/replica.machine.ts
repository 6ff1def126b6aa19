import { enqueueActions, setup, type AnyActorRef } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import type { KafkaVersion } from '../protocol/kafka-version';
import { replicationOf, type BrokerConfig } from '../scenario/schema';
import { beginBrokerStep, createBrokerModel, endBrokerStep, type BrokerModel } from './broker-model';
import {
  becomeFollower,
  becomeLeader,
  checkIsr,
  copyReplica,
  createReplicaModel,
  expireHeld,
  followerResponse,
  heal,
  isolate,
  kill,
  leaderFetch,
  leaderInitProducerId,
  leaderProduce,
  start,
  type ReplicaEffect,
  type ReplicaEvent,
  type ReplicaModel,
  type ReplicaStep,
} from './replica-model';
import { enact, type Enqueue, type TraceEmitted } from './trace-emit';

export interface ReplicaContext {
  /** The broker's own data, as a single broker has it: producer state, log end, producer ids. */
  b: BrokerModel;
  /** Its replica of the partition and, while it leads, the ISR and the requests it holds. */
  r: ReplicaModel;
  clock: SimClock;
}

export interface ReplicaInput {
  id: number;
  replicas: readonly number[];
  config: BrokerConfig;
  clock: SimClock;
  kafkaVersion?: KafkaVersion;
}

function enactReplica(out: readonly ReplicaEffect[], cause: { type: string }, enqueue: Enqueue, system: { get(id: string): AnyActorRef | undefined }): void {
  const facts: string[] = [];
  for (const fx of out) if (fx.type === 'fact') facts.push(fx.fact);
  enact(
    out,
    cause,
    enqueue,
    (fx) => {
      if (fx.type === 'reply') {
        const network = system.get('network');
        if (network) enqueue.sendTo(network, { type: 'packet.send', packet: fx.packet }, { delay: fx.delayMs });
      } else if (fx.type === 'tell') {
        const to = system.get(fx.to);
        if (to) enqueue.sendTo(to, fx.event as unknown as { type: string }, fx.delayMs > 0 ? { delay: fx.delayMs } : undefined);
      } else if (fx.type === 'fact') enqueue.raise({ type: fx.fact });
    },
    facts.length > 0 ? facts : undefined,
  );
}

const step = <T extends ReplicaEvent['type']>(type: T, up: boolean, f: (s: ReplicaStep, e: Extract<ReplicaEvent, { type: T }>) => void) =>
  enqueueActions<ReplicaContext, ReplicaEvent, undefined, ReplicaEvent, never, never, never, never, TraceEmitted>(({ context, event, system, enqueue }) => {
    if (event.type !== type) return;
    const b = beginBrokerStep(context.b, context.clock.now, up);
    const s: ReplicaStep = { b, r: copyReplica(context.r), now: context.clock.now, out: b.out as ReplicaEffect[] };
    f(s, event as Extract<ReplicaEvent, { type: T }>);
    enqueue.assign({ b: endBrokerStep(b), r: s.r });
    enactReplica(s.out, event, enqueue as unknown as Enqueue, system as { get(id: string): AnyActorRef | undefined });
  });

/**
 * One broker's replica of the partition, with replication (replication.factor > 1; broker 1 is `broker`, the others
 * `broker-2`, `broker-3`…). It leads, follows (fetching, in the ISR or out of it), is isolated from the leader, is
 * down, or is back up and waits for the controller (controller.machine.ts) to say who leads. Leading, it runs the single
 * broker's checks (broker-model.ts) and holds acks=all answers until the ISR has the batch; following, it copies the
 * leader's log and builds the same producer state, so it can recognise retries if it is elected (reference §2.5).
 */
export const replicaMachine = setup({
  types: { context: {} as ReplicaContext, events: {} as ReplicaEvent, input: {} as ReplicaInput, emitted: {} as TraceEmitted },
  guards: {
    inIsr: ({ event }) => event.type === 'become.follower' && event.inIsr,
  },
  actions: {
    produce: step('produce', true, (s, e) => leaderProduce(s, e)),
    initPid: step('init-pid', true, (s, e) => leaderInitProducerId(s, e.instance, e.connection)),
    leaderFetch: step('replica.fetch', true, (s, e) => leaderFetch(s, e)),
    checkIsr: step('isr.check', true, (s) => checkIsr(s)),
    expire: step('produce.expire', true, (s, e) => expireHeld(s, e.req)),
    becomeLeader: step('become.leader', true, (s, e) => becomeLeader(s, e)),
    becomeFollower: step('become.follower', true, (s, e) => becomeFollower(s, e, true)),
    noteLeader: step('become.follower', true, (s, e) => becomeFollower(s, e, false)),
    fetched: step('fetch.response', true, (s, e) => followerResponse(s, e)),
    isolate: step('follower.isolate', true, (s) => isolate(s)),
    heal: step('follower.heal', true, (s) => heal(s)),
    killLeader: step('broker.kill', false, (s) => kill(s, true)),
    kill: step('broker.kill', false, (s) => kill(s, false)),
    start: step('broker.start', true, (s) => start(s)),
  },
}).createMachine({
  id: 'replica',
  context: ({ input }) => ({
    b: createBrokerModel(input.config, input.kafkaVersion),
    r: createReplicaModel(input.id, input.replicas, replicationOf(input.config).minIsr, replicationOf(input.config).lagMaxMs),
    clock: input.clock,
  }),
  initial: 'awaiting',
  states: {
    awaiting: {
      description: 'up, with no leader to follow yet: waiting for the controller to say who leads the partition',
      on: {
        'become.leader': { target: 'leading', actions: 'becomeLeader' },
        'become.follower': [
          { guard: 'inIsr', target: 'following.inSync', actions: 'becomeFollower' },
          { target: 'following.outOfSync', actions: 'becomeFollower' },
        ],
        'broker.kill': { target: 'down', actions: 'kill' },
      },
    },
    leading: {
      description: 'the partition leader: takes produce requests, checks producer id, epoch and sequence, and holds acks=all answers until the in-sync replicas have the batch',
      on: {
        produce: { actions: 'produce' },
        'init-pid': { actions: 'initPid' },
        'replica.fetch': { actions: 'leaderFetch' },
        'isr.check': { actions: 'checkIsr' },
        'produce.expire': { actions: 'expire' },
        'broker.kill': { target: 'down', actions: 'killLeader' },
      },
    },
    following: {
      description: "a follower: fetches the leader's log and appends it without sequence checks, building the same producer state",
      initial: 'inSync',
      states: {
        inSync: {
          description: 'in the ISR: an acks=all write waits for this replica, and it may be elected leader in a clean election',
          on: { 'isr.left': 'outOfSync' },
        },
        outOfSync: {
          description: 'out of the ISR (it lagged replica.lag.time.max.ms, or has just come back): only an unclean election could make it leader',
          on: { 'isr.joined': 'inSync' },
        },
        history: { type: 'history' },
      },
      on: {
        'fetch.response': { actions: 'fetched' },
        'follower.isolate': { target: 'isolated', actions: 'isolate' },
        'become.follower': [
          { guard: 'inIsr', target: '.inSync', actions: 'becomeFollower' },
          { target: '.outOfSync', actions: 'becomeFollower' },
        ],
        'become.leader': { target: 'leading', actions: 'becomeLeader' },
        'broker.kill': { target: 'down', actions: 'kill' },
      },
    },
    isolated: {
      description: 'cut off from the leader: it fetches nothing, so it falls behind and leaves the ISR once it lags too long',
      on: {
        'follower.heal': { target: 'following.history', actions: 'heal' },
        'become.follower': { actions: 'noteLeader' },
        'become.leader': { target: 'leading', actions: 'becomeLeader' },
        'broker.kill': { target: 'down', actions: 'kill' },
      },
    },
    down: {
      description: 'the process is down: it takes no requests and fetches nothing; its log is on disk',
      on: { 'broker.start': { target: 'awaiting', actions: 'start' } },
    },
  },
});

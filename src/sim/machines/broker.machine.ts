import { enqueueActions, setup, type AnyActorRef } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import type { BrokerConfig } from '../scenario/schema';
import type { BrokerEvent } from './broker-events';
import {
  beginBrokerStep,
  crash,
  createBrokerModel,
  endBrokerStep,
  expireProducers,
  handleInitProducerId,
  handleProduce,
  restart,
  type BrokerEffect,
  type BrokerModel,
  type BrokerStep,
} from './broker-model';
import { producerIdActorId, producerIdMachine } from './producer-id.machine';
import { enact, type ChildStarted, type Enqueue, type TraceEmitted } from './trace-emit';

export interface BrokerContext {
  /** The partition leader's data; whether it is up is this machine's state. */
  b: BrokerModel;
  clock: SimClock;
}

export interface BrokerInput {
  config: BrokerConfig;
  clock: SimClock;
}

/**
 * A step's effects as XState actions: replies are sent to the network after the broker's processing time; each
 * producer id handed out gets its statechart as a child actor, which the step's events move.
 */
function enactBroker(out: readonly BrokerEffect[], cause: { type: string }, enqueue: Enqueue, self: AnyActorRef, network: AnyActorRef | undefined): void {
  enact(out, cause, enqueue, (fx) => {
    if (network && fx.type === 'reply') enqueue.sendTo(network, { type: 'packet.send', packet: fx.packet }, { delay: fx.delayMs });
    else if (fx.type === 'pid.started') startProducerId(enqueue, self, fx.pid);
    else if (fx.type === 'pid.event') {
      // A producer id this broker did not hand out (a test that sends a produce request directly) starts here.
      if (!childrenOf(self)[producerIdActorId(fx.pid)]) startProducerId(enqueue, self, fx.pid);
      enqueue.sendTo(producerIdActorId(fx.pid), fx.event);
    }
  });
}

const childrenOf = (self: AnyActorRef) => (self.getSnapshot() as { children: Record<string, AnyActorRef | undefined> }).children;

function startProducerId(enqueue: Enqueue, self: AnyActorRef, pid: number): void {
  const id = producerIdActorId(pid);
  enqueue.spawnChild('producerId', { id });
  enqueue.emit({ type: 'child.started', party: 'producerId', id: pid, ref: () => childrenOf(self)[id] });
}

const step = <T extends BrokerEvent['type']>(type: T, up: boolean, f: (s: BrokerStep, e: Extract<BrokerEvent, { type: T }>) => void) =>
  enqueueActions<BrokerContext, BrokerEvent, undefined, BrokerEvent, never, never, never, never, TraceEmitted | ChildStarted>(({ context, event, self, system, enqueue }) => {
    if (event.type !== type) return;
    const s = beginBrokerStep(context.b, context.clock.now, up);
    f(s, event as Extract<BrokerEvent, { type: T }>);
    enqueue.assign({ b: endBrokerStep(s) });
    enactBroker(s.out, event, enqueue as unknown as Enqueue, self, system.get('network') as AnyActorRef | undefined);
  });

/**
 * The partition leader: up, down, or recovering its producer state on the way back up. Its rules are the pure
 * functions of protocol/broker-rules.ts. Followers and leader failover will add states here (replication is not
 * modelled yet).
 */
export const brokerMachine = setup({
  types: { context: {} as BrokerContext, events: {} as BrokerEvent, input: {} as BrokerInput, emitted: {} as TraceEmitted | ChildStarted },
  actors: { producerId: producerIdMachine },
  actions: {
    handleProduce: step('produce', true, (s, e) => handleProduce(s, e)),
    handleInitProducerId: step('init-pid', true, (s, e) => handleInitProducerId(s, e.instance, e.connection)),
    expire: step('expiry.check', true, (s) => expireProducers(s)),
    crash: step('broker.crash', true, (s) => crash(s)),
    restart: step('broker.restart', false, (s) => restart(s)),
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => ({ b: createBrokerModel(input.config), clock: input.clock }),
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
      description: 'the process is down: connections are refused; the log is on disk, producer state in its snapshot',
      on: { 'broker.restart': { target: 'recovering', actions: 'restart' } },
    },
    recovering: {
      description:
        'loading producer state from the snapshot written at shutdown: only the last batch per producer id is cached again (as after a clean shutdown)',
      always: 'up',
    },
  },
});

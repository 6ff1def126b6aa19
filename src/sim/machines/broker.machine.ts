import { enqueueActions, setup, type AnyActorRef } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import type { KafkaVersion } from '../protocol/kafka-version';
import type { BrokerConfig } from '../scenario/schema';
import type { BrokerEvent } from './broker-events';
import {
  beginBrokerStep,
  crash,
  createBrokerModel,
  endBrokerStep,
  expireProducers,
  finishRecovery,
  handleInitProducerId,
  handleProduce,
  hasLogAfterSnapshot,
  loadProducerSnapshot,
  replayLog,
  shutdown,
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
  /** The version whose broker rules apply (reference §2.3); default 4.0. */
  kafkaVersion?: KafkaVersion;
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
 * The partition leader: up, down (after a clean shutdown or a crash, which leave different producer-state
 * snapshots on disk), or recovering its producer state on the way back up (UnifiedLog.rebuildProducerState: load
 * the newest snapshot, replay the log after it). Recovery takes no virtual time. Its rules are the pure functions
 * of protocol/broker-rules.ts. Followers and leader failover will add states here (replication is not modelled yet).
 */
export const brokerMachine = setup({
  types: { context: {} as BrokerContext, events: {} as BrokerEvent, input: {} as BrokerInput, emitted: {} as TraceEmitted | ChildStarted },
  actors: { producerId: producerIdMachine },
  guards: {
    logAfterSnapshot: ({ context }) => hasLogAfterSnapshot(context.b),
  },
  actions: {
    handleProduce: step('produce', true, (s, e) => handleProduce(s, e)),
    handleInitProducerId: step('init-pid', true, (s, e) => handleInitProducerId(s, e.instance, e.connection)),
    expire: step('expiry.check', true, (s) => expireProducers(s)),
    shutdown: step('broker.shutdown', true, (s) => shutdown(s)),
    crash: step('broker.crash', true, (s) => crash(s)),
    loadSnapshot: step('broker.restart', false, (s) => loadProducerSnapshot(s)),
    replayLog: step('broker.restart', false, (s) => replayLog(s)),
    finishRecovery: step('broker.restart', false, (s) => finishRecovery(s)),
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => ({ b: createBrokerModel(input.config, input.kafkaVersion), clock: input.clock }),
  initial: 'up',
  states: {
    up: {
      description: 'the leader accepts produce requests and checks producer id, epoch and sequence',
      on: {
        produce: { actions: 'handleProduce' },
        'init-pid': { actions: 'handleInitProducerId' },
        'expiry.check': { actions: 'expire' },
        'broker.shutdown': { target: 'down.afterCleanShutdown', actions: 'shutdown' },
        'broker.crash': { target: 'down.afterCrash', actions: 'crash' },
      },
    },
    down: {
      description: 'the process is down: connections are refused; the log is on disk, the in-memory producer state is gone',
      initial: 'afterCrash',
      states: {
        afterCleanShutdown: {
          description: 'stopped cleanly (a rolling restart, an upgrade): producer state was written to a snapshot at the log end',
          on: { 'broker.restart': { target: '#broker.recovering', actions: 'loadSnapshot' } },
        },
        afterCrash: {
          description: 'killed without shutting down: no snapshot was written; the newest is from the last segment roll or restart, older than the log end',
          on: { 'broker.restart': { target: '#broker.recovering', actions: 'loadSnapshot' } },
        },
      },
    },
    recovering: {
      description: 'rebuilding producer state before accepting connections: the newest snapshot, then the log after it',
      initial: 'loadingSnapshot',
      states: {
        loadingSnapshot: {
          description: 'the snapshot holds only the last batch of each producer id, as of its offset',
          always: [
            { guard: 'logAfterSnapshot', target: 'replayingLog', actions: 'replayLog' },
            { target: '#broker.up', actions: 'finishRecovery' },
          ],
        },
        replayingLog: {
          description: 'each batch written after the snapshot is read back in order and cached again, up to five per producer id',
          always: { target: '#broker.up', actions: 'finishRecovery' },
        },
      },
    },
  },
});

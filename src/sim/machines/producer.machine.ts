import { createActor, enqueueActions, setup, type AnyActorRef, type StateValue } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import { resolveProducerConfig, type ResolvedProducerConfig } from '../protocol/producer-config';
import { batchActorId, batchMachine, isFinalBatchPhase, BATCH_TARGET, type BatchPhase } from './batch.machine';
import { acceptRecord, drain, lingerExpired } from './producer-drain';
import type { ProducerEvent } from './producer-events';
import {
  beginStep,
  createProducerModel,
  endStep,
  record,
  type ConnectionPhase,
  type IdempotencePhase,
  type ProducerEffect,
  type ProducerFact,
  type ProducerInput,
  type ProducerModel,
  type ProducerStep,
} from './producer-model';
import { connectFailed, connectSucceeded } from './producer-connection';
import { backoffElapsed, connectionBroken, deliveryTimedOut, pidAssigned, requestTimedOut, responseReceived } from './producer-responses';
import { enact, type ChildStarted, type Enqueue, type TraceEmitted } from './trace-emit';

export interface ProducerContext {
  /** The client's data. Its protocol states are this machine's states. */
  m: ProducerModel;
  /** Each unfinished batch's statechart (a child actor), by batch id: a container this actor alone owns. */
  batches: Map<number, AnyActorRef>;
  clock: SimClock;
  /** The configuration check at construction: the ConfigException, if any, and what Kafka adjusted on its own. */
  setup: ResolvedProducerConfig;
}

export interface ProducerMachineInput extends ProducerInput {
  clock: SimClock;
}

/** The regions' states as a step needs them, read from the snapshot the step starts from. */
function phaseOf(value: StateValue, idempotent: boolean): { idem: IdempotencePhase; conn: ConnectionPhase } {
  const running = typeof value === 'object' ? (value as Record<string, StateValue>)['running'] : undefined;
  if (!running || typeof running !== 'object') return { idem: idempotent ? 'uninitialized' : 'disabled', conn: 'disconnected' };
  const r = running as Record<string, StateValue>;
  const i = r['idempotence']!;
  const idem: IdempotencePhase = typeof i === 'string' ? (i as IdempotencePhase) : (i as Record<string, string>)['ready'] === 'bumpRequired' ? 'bumpRequired' : 'ready';
  return { idem, conn: r['connection'] as ConnectionPhase };
}

/**
 * A batch's statechart, an actor the producer starts and owns (in its own map, until the batch finishes). It is not
 * spawned into the actor system: XState copies a parent's `children` map on every spawn and stop, and an actor that
 * stops looks through every delayed event of its system, so with thousands of batches in the accumulator each batch
 * would cost time in proportion to all the others. The producer is its only correspondent.
 */
function startBatch(enqueue: Enqueue, batches: Map<number, AnyActorRef>, batch: number): void {
  enqueue(() => {
    const ref = createActor(batchMachine, { id: batchActorId(batch) });
    batches.set(batch, ref);
    ref.start();
  });
  enqueue.emit({ type: 'child.started', party: 'batch', id: batch, ref: () => batches.get(batch) });
}

/** A step's effects as XState actions: facts raised for the regions, packets and closes sent to the network. */
function enactProducer(
  out: readonly ProducerEffect[],
  cause: { type: string },
  enqueue: Enqueue,
  network: AnyActorRef | undefined,
  instance: number,
  batches: Map<number, AnyActorRef>,
): void {
  let facts: string[] | undefined;
  for (const fx of out) if (fx.type === 'fact') (facts ??= []).push(fx.fact.type);
  enact(
    out,
    cause,
    enqueue,
    (fx) => {
      if (fx.type === 'fact') enqueue.raise(fx.fact);
      else if (network && fx.type === 'send') enqueue.sendTo(network, { type: 'packet.send', packet: fx.packet }, { delay: 0 });
      else if (network && fx.type === 'close') enqueue.sendTo(network, { type: 'connection.close', connection: fx.connection }, { delay: 0 });
      else if (fx.type === 'batch.created') startBatch(enqueue, batches, fx.batch);
      else if (fx.type === 'batch.event') {
        enqueue.sendTo(() => batches.get(fx.batch)!, fx.event);
        // A finished batch's actor stops by itself (a final state); the producer forgets it.
        if (isFinalBatchPhase(BATCH_TARGET[fx.event.type])) enqueue(() => batches.delete(fx.batch));
      }
      else if (network && fx.type === 'connect') enqueue.sendTo(network, { type: 'connection.connect', connection: fx.connection, instance }, { delay: 0 });
    },
    facts,
  );
}

type Event = ProducerEvent | ProducerFact;

/**
 * One step of the client: the data is copied, changed by the step functions of producer-*.ts (which call the pure
 * rules of protocol/), assigned back, and what the step asked for becomes XState actions.
 */
const step = <T extends ProducerEvent['type']>(type: T, f: (s: ProducerStep, e: Extract<ProducerEvent, { type: T }>, context: ProducerContext) => void) =>
  enqueueActions<ProducerContext, Event, undefined, Event, never, never, never, never, TraceEmitted | ChildStarted>(({ context, event, self, system, enqueue }) => {
    if (event.type !== type) return;
    const snapshot = self.getSnapshot() as { value: StateValue };
    const { idem, conn } = phaseOf(snapshot.value, context.m.idempotent);
    const batches = context.batches;
    const s = beginStep(context.m, context.clock.now, idem, conn, (id) => batches.get(id)?.getSnapshot().value as BatchPhase | undefined);
    f(s, event as Extract<ProducerEvent, { type: T }>, context);
    enqueue.assign({ m: endStep(s) });
    enactProducer(s.out, event, enqueue as unknown as Enqueue, system.get('network') as AnyActorRef | undefined, s.instance, batches);
  });

/**
 * The Kafka producer client (KafkaProducer + Sender + RecordAccumulator + TransactionManager + NetworkClient) as a
 * statechart. While running, two regions hold its protocol state: the idempotence manager (Kafka's
 * TransactionManager.State for an idempotent producer, with the epoch bump) and the connection to the leader.
 * Work is done on the events themselves (no eventless transitions); each step raises the facts that move the
 * regions, and its timers are XState delayed events that `cancel` withdraws.
 */
export const producerMachine = setup({
  types: {
    context: {} as ProducerContext,
    events: {} as Event,
    input: {} as ProducerMachineInput,
    emitted: {} as TraceEmitted | ChildStarted,
  },
  guards: {
    configRejected: ({ context }) => context.setup.problem !== null,
    idempotenceOff: ({ context }) => !context.m.idempotent,
  },
  actions: {
    reportConfigError: step('producer.start', (s, _e, { setup }) => {
      s.out.push({ type: 'record', ev: { kind: 'config.error', lane: 'producer', message: setup.problem! } });
    }),
    announceStart: step('producer.start', (s, _e, { setup }) =>
      // What Kafka adjusted on its own (its log lines) goes with the start, as facts.
      record(s, setup.notes.length > 0 ? { kind: 'producer.started', lane: 'producer', instance: s.instance, config: setup.notes } : { kind: 'producer.started', lane: 'producer', instance: s.instance }),
    ),
    acceptRecord: step('app.send', (s, e) => acceptRecord(s, e.message, e.resend)),
    lingerExpired: step('linger.expired', (s, e) => lingerExpired(s, e.batch)),
    pidAssigned: step('pid.assigned', (s, e) => pidAssigned(s, e.pid, e.epoch, e.connection)),
    responseReceived: step('response.received', (s, e) => responseReceived(s, e.req, e.error, e.offset)),
    requestTimedOut: step('request.timeout', (s, e) => requestTimedOut(s, e.req)),
    connectionBroken: step('connection.broken', (s, e) => connectionBroken(s, e.connection)),
    backoffElapsed: step('backoff.elapsed', (s, e) => backoffElapsed(s, e.batch, e.attempt)),
    reconnectReady: step('reconnect.ready', (s) => drain(s)),
    connectSucceeded: step('connect.succeeded', (s, e) => connectSucceeded(s, e.connection)),
    connectFailed: step('connect.failed', (s, e) => connectFailed(s, e.connection)),
    deliveryTimedOut: step('delivery.timeout', (s, e) => deliveryTimedOut(s, e.batch)),
    closeOnCrash: step('producer.crash', (s) => {
      if (s.conn === 'connected' || s.conn === 'connecting') s.out.push({ type: 'close', connection: s.connection });
      s.requests.clear();
    }),
  },
}).createMachine({
  id: 'producer',
  context: ({ input }) => {
    const setup = resolveProducerConfig(input.config, input.kafkaVersion);
    return { m: createProducerModel(input, setup.config), batches: new Map(), clock: input.clock, setup };
  },
  initial: 'created',
  states: {
    created: {
      description: 'new KafkaProducer(config): the configuration is checked before anything is sent',
      on: {
        'producer.start': [
          { guard: 'configRejected', target: 'rejected', actions: 'reportConfigError' },
          { guard: 'idempotenceOff', target: '#producer.running.idempotence.disabled', actions: 'announceStart' },
          { target: 'running', actions: 'announceStart' },
        ],
      },
    },
    rejected: { type: 'final', description: 'ConfigException: the producer was never constructed' },
    running: {
      type: 'parallel',
      description: 'accepting records: the accumulator batches them and the sender drains ready batches to the leader',
      on: {
        'app.send': { actions: 'acceptRecord' },
        'linger.expired': { actions: 'lingerExpired' },
        'pid.assigned': { actions: 'pidAssigned' },
        'response.received': { actions: 'responseReceived' },
        'request.timeout': { actions: 'requestTimedOut' },
        'connection.broken': { actions: 'connectionBroken' },
        'backoff.elapsed': { actions: 'backoffElapsed' },
        'reconnect.ready': { actions: 'reconnectReady' },
        'connect.succeeded': { actions: 'connectSucceeded' },
        'connect.failed': { actions: 'connectFailed' },
        'delivery.timeout': { actions: 'deliveryTimedOut' },
        'producer.crash': { target: 'crashed', actions: 'closeOnCrash' },
      },
      states: {
        idempotence: {
          description: 'the idempotence manager: producer id, epoch and sequence numbers (TransactionManager.State)',
          initial: 'uninitialized',
          states: {
            disabled: { description: 'enable.idempotence=false: no producer id, no sequence numbers; the broker appends every batch it gets' },
            uninitialized: {
              description: 'UNINITIALIZED: no producer id yet; batches wait in the accumulator',
              on: { 'pid.requested': 'initializing' },
            },
            initializing: {
              description: 'INITIALIZING: InitProducerId is on its way; nothing is sent until it returns',
              on: { 'pid.received': 'ready', 'pid.abandoned': 'uninitialized' },
            },
            ready: {
              description: 'READY: batches carry producer id, epoch and sequence numbers',
              initial: 'steady',
              on: { 'pid.reset': 'uninitialized' },
              states: {
                steady: {
                  description: 'sequence numbers continue where the last batch ended',
                  on: { 'bump.required': 'bumpRequired' },
                },
                bumpRequired: {
                  description: 'a sequence gap the broker will never fill: the next drain bumps the epoch and restarts at sequence 0 (KIP-360)',
                  on: { 'epoch.bumped': 'steady' },
                },
              },
            },
          },
        },
        connection: {
          description: 'the connection to the partition leader (NetworkClient)',
          initial: 'disconnected',
          states: {
            disconnected: {
              description: 'no connection: the sender starts connecting when it has something to send',
              on: { 'connection.connecting': 'connecting' },
            },
            connecting: {
              description: 'connecting to the leader: the sender drains only for a ready connection, so batches wait and use no attempts',
              on: { 'connection.opened': 'connected', 'connection.refused': 'waitingToReconnect' },
            },
            connected: {
              description: 'requests go out on this connection, up to max.in.flight.requests.per.connection at a time',
              on: { 'connection.lost': 'waitingToReconnect' },
            },
            waitingToReconnect: {
              description:
                'the connection failed or was refused: no new attempt before reconnect.backoff.ms, doubled after each refusal up to reconnect.backoff.max.ms; nothing is sent meanwhile',
              on: { 'reconnect.allowed': 'disconnected' },
            },
          },
        },
      },
    },
    crashed: {
      description: 'the application process died: whatever was not acknowledged is unknown to it; late answers are ignored',
    },
  },
});

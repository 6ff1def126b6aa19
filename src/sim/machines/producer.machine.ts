import { setup } from 'xstate';
import { validateProducerConfig } from '../protocol/producer-rules';
import { acceptRecord, drain, lingerExpired } from './producer-drain';
import type { ProducerEvent } from './producer-events';
import { createProducerModel, record, type ProducerInput, type ProducerModel } from './producer-model';
import { backoffElapsed, connectionBroken, deliveryTimedOut, pidAssigned, requestTimedOut, responseReceived } from './producer-responses';

export interface ProducerContext {
  /** The client's state. Owned by this actor alone; the trace gets copies (snapshots), never this object. */
  m: ProducerModel;
}

type Args = { context: ProducerContext; event: ProducerEvent };
const on =
  <T extends ProducerEvent['type']>(type: T, f: (m: ProducerModel, e: Extract<ProducerEvent, { type: T }>) => void) =>
  ({ context, event }: Args) => {
    if (event.type === type) f(context.m, event as Extract<ProducerEvent, { type: T }>);
  };

/**
 * The Kafka producer client (KafkaProducer + Sender + RecordAccumulator + TransactionManager) as a flat
 * XState machine. Guards sit on the events themselves (no eventless chains); the work is done by small
 * functions in producer-*.ts that leave effects in the model's outbox for the kernel.
 */
export const producerMachine = setup({
  types: { context: {} as ProducerContext, events: {} as ProducerEvent, input: {} as ProducerInput },
  guards: {
    configRejected: ({ context }) => validateProducerConfig(context.m.config) !== null,
    isIdempotent: ({ context }) => context.m.idempotent,
  },
  actions: {
    reportConfigError: ({ context }) => {
      const message = validateProducerConfig(context.m.config)!;
      context.m.out.push({ type: 'record', ev: { kind: 'config.error', lane: 'producer', message } });
    },
    announceStart: ({ context }) => record(context.m, { kind: 'producer.started', lane: 'producer', instance: context.m.instance }),
    drain: ({ context }) => drain(context.m),
    acceptRecord: on('app.send', (m, e) => acceptRecord(m, e.message, e.resend)),
    lingerExpired: on('linger.expired', (m, e) => lingerExpired(m, e.batch)),
    pidAssigned: on('pid.assigned', (m, e) => pidAssigned(m, e.pid, e.epoch, e.connection)),
    responseReceived: on('response.received', (m, e) => responseReceived(m, e.req, e.error, e.offset)),
    requestTimedOut: on('request.timeout', (m, e) => requestTimedOut(m, e.req)),
    connectionBroken: on('connection.broken', (m, e) => connectionBroken(m, e.connection)),
    backoffElapsed: on('backoff.elapsed', (m, e) => backoffElapsed(m, e.batch, e.attempt)),
    deliveryTimedOut: on('delivery.timeout', (m, e) => deliveryTimedOut(m, e.batch)),
    closeOnCrash: ({ context }) => {
      const m = context.m;
      if (m.connected) m.out.push({ type: 'close', connection: m.connection, reason: 'producer-crash' });
      m.connected = false;
      m.requests.clear();
    },
  },
}).createMachine({
  id: 'producer',
  context: ({ input }) => ({ m: createProducerModel(input) }),
  initial: 'created',
  states: {
    created: {
      description: 'new KafkaProducer(config): the config is validated before anything is sent',
      on: {
        'producer.start': [
          { guard: 'configRejected', target: 'rejected', actions: 'reportConfigError' },
          { target: 'running', actions: 'announceStart' },
        ],
      },
    },
    rejected: { type: 'final', description: 'ConfigException: the producer was never constructed' },
    running: {
      description: 'accepting records; with idempotence on, batches wait until InitProducerId has returned a producer id',
      on: {
        'app.send': { actions: 'acceptRecord' },
        'linger.expired': { actions: 'lingerExpired' },
        'pid.assigned': { guard: 'isIdempotent', actions: 'pidAssigned' },
        'response.received': { actions: 'responseReceived' },
        'request.timeout': { actions: 'requestTimedOut' },
        'connection.broken': { actions: 'connectionBroken' },
        'backoff.elapsed': { actions: 'backoffElapsed' },
        'reconnect.ready': { actions: 'drain' },
        'delivery.timeout': { actions: 'deliveryTimedOut' },
        'producer.crash': { target: 'crashed', actions: 'closeOnCrash' },
      },
    },
    crashed: { type: 'final', description: 'the application process died; whatever was not acknowledged is unknown to it' },
  },
});

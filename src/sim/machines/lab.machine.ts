import { enqueueActions, setup } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import type { KafkaVersion } from '../protocol/kafka-version';
import type { BrokerConfig } from '../scenario/schema';
import type { ConsumerMemberId } from '../trace/types';
import { brokerMachine } from './broker.machine';
import { consumerMachine, consumerSystemId } from './consumer.machine';
import type { ConsumerInput } from './consumer-model';
import { coordinatorMachine, type CoordinatorInput } from './coordinator.machine';
import { databaseMachine, type DatabaseInput } from './database.machine';
import type { NetworkModel } from './network-model';
import { networkMachine, producerSystemId } from './network.machine';
import type { ProducerInput } from './producer-model';
import { producerMachine } from './producer.machine';

export interface LabInput {
  clock: SimClock;
  broker: BrokerConfig;
  network: NetworkModel;
  /** The version whose rules the broker applies (the producers get theirs with their input); default 4.0. */
  kafkaVersion?: KafkaVersion;
}

export type LabEvent =
  | { type: 'producer.launch'; input: ProducerInput }
  | { type: 'producer.retire'; instance: number }
  /** A run with a consumer side: the group coordinator (broker side) and the application's database start. */
  | { type: 'consumer-side.start'; coordinator: CoordinatorInput; database: DatabaseInput }
  | { type: 'consumer.launch'; input: ConsumerInput }
  | { type: 'consumer.retire'; member: ConsumerMemberId; instance: number };

/**
 * The root of a run's actor system: it invokes the network and the broker, and launches each application instance's
 * producer (a new one after every producer restart). A crashed producer is retired: stopped and taken out of the
 * system, so what still arrives for it goes nowhere (a crashed producer ignored it anyway). XState copies a parent's
 * `children` map on every spawn and stop, so keeping every crashed producer would make each restart, and the end of
 * the run, cost time in proportion to all the restarts before it. The parties find each other by system id:
 * `network`, `broker`, `producer-1`, `producer-2`, …
 */
export const labMachine = setup({
  types: { input: {} as LabInput, context: {} as LabInput, events: {} as LabEvent },
  actors: { producer: producerMachine, network: networkMachine, broker: brokerMachine, consumer: consumerMachine, coordinator: coordinatorMachine, database: databaseMachine },
  actions: {
    launchProducer: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'producer.launch') return;
      const id = producerSystemId(event.input.instance);
      enqueue.spawnChild('producer', { id, systemId: id, input: { ...event.input, clock: context.clock } });
    }),
    retireProducer: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'producer.retire') enqueue.stopChild(producerSystemId(event.instance));
    }),
    startConsumerSide: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'consumer-side.start') return;
      enqueue.spawnChild('coordinator', { id: 'coordinator', systemId: 'coordinator', input: event.coordinator });
      enqueue.spawnChild('database', { id: 'database', systemId: 'database', input: event.database });
    }),
    launchConsumer: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'consumer.launch') return;
      const id = consumerSystemId(event.input.member, event.input.instance);
      enqueue.spawnChild('consumer', { id, systemId: id, input: { ...event.input, clock: context.clock } });
    }),
    retireConsumer: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'consumer.retire') enqueue.stopChild(consumerSystemId(event.member, event.instance));
    }),
  },
}).createMachine({
  id: 'lab',
  context: ({ input }) => input,
  invoke: [
    { src: 'network', id: 'network', systemId: 'network', input: ({ context }) => ({ n: context.network, clock: context.clock }) },
    { src: 'broker', id: 'broker', systemId: 'broker', input: ({ context }) => ({ config: context.broker, clock: context.clock, kafkaVersion: context.kafkaVersion }) },
  ],
  on: {
    'producer.launch': { actions: 'launchProducer' },
    'producer.retire': { actions: 'retireProducer' },
    'consumer-side.start': { actions: 'startConsumerSide' },
    'consumer.launch': { actions: 'launchConsumer' },
    'consumer.retire': { actions: 'retireConsumer' },
  },
});

import { enqueueActions, setup } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import type { KafkaVersion } from '../protocol/kafka-version';
import { replicationOf, type BrokerConfig } from '../scenario/schema';
import { controllerMachine } from './controller.machine';
import type { LabEvent } from './lab.machine';
import type { NetworkModel } from './network-model';
import { networkMachine, producerSystemId } from './network.machine';
import { producerMachine } from './producer.machine';
import { brokerSystemId } from './replica-model';
import { replicaMachine } from './replica.machine';

export interface ClusterLabInput {
  clock: SimClock;
  broker: BrokerConfig;
  network: NetworkModel;
  kafkaVersion?: KafkaVersion;
}

/** Brokers 1 … replication.factor. */
export const replicaIds = (config: BrokerConfig): number[] => Array.from({ length: replicationOf(config).rf }, (_, k) => k + 1);

/**
 * The root of a run with replication (broker.replication.factor > 1): the network, one replica machine per broker
 * (`broker`, `broker-2`, `broker-3`…), the controller, and each application instance's producer, as in
 * lab.machine.ts. The network sends requests to whichever broker the controller last made leader.
 */
export const clusterLabMachine = setup({
  types: { input: {} as ClusterLabInput, context: {} as ClusterLabInput, events: {} as LabEvent },
  actors: { producer: producerMachine, network: networkMachine, replica: replicaMachine, controller: controllerMachine },
  actions: {
    startCluster: enqueueActions(({ context, enqueue }) => {
      const replicas = replicaIds(context.broker);
      for (const id of replicas) {
        const systemId = brokerSystemId(id);
        enqueue.spawnChild('replica', { id: systemId, systemId, input: { id, replicas, config: context.broker, clock: context.clock, kafkaVersion: context.kafkaVersion } });
      }
      enqueue.spawnChild('controller', { id: 'controller', systemId: 'controller', input: { replicas, unclean: replicationOf(context.broker).unclean } });
    }),
    launchProducer: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'producer.launch') return;
      const id = producerSystemId(event.input.instance);
      enqueue.spawnChild('producer', { id, systemId: id, input: { ...event.input, clock: context.clock } });
    }),
    retireProducer: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'producer.retire') enqueue.stopChild(producerSystemId(event.instance));
    }),
  },
}).createMachine({
  id: 'lab',
  context: ({ input }) => input,
  invoke: [{ src: 'network', id: 'network', systemId: 'network', input: ({ context }) => ({ n: context.network, clock: context.clock }) }],
  entry: 'startCluster',
  on: { 'producer.launch': { actions: 'launchProducer' }, 'producer.retire': { actions: 'retireProducer' } },
});

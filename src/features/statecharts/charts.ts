import { batchMachine } from '../../sim/machines/batch.machine';
import { brokerMachine } from '../../sim/machines/broker.machine';
import { producerIdMachine } from '../../sim/machines/producer-id.machine';
import { connectionMachine } from '../../sim/machines/connection.machine';
import { networkMachine } from '../../sim/machines/network.machine';
import { producerMachine } from '../../sim/machines/producer.machine';
import { controllerMachine } from '../../sim/machines/controller.machine';
import { replicaMachine } from '../../sim/machines/replica.machine';
import type { LifecycleParty, PartyId, Trace } from '../../sim/trace/types';
import { extractChart, type Chart } from './graph';

export const PARTIES: readonly PartyId[] = ['producer', 'network', 'connection', 'broker'];

let charts: readonly Chart<PartyId>[] | null = null;
let lifecycles: readonly Chart<LifecycleParty>[] | null = null;

/** The parties' statecharts, read once from the machines the simulation runs (the connection is the network's child). */
export function partyCharts(): readonly Chart<PartyId>[] {
  charts ??= [
    extractChart('producer', producerMachine),
    extractChart('network', networkMachine),
    extractChart('connection', connectionMachine),
    extractChart('broker', brokerMachine),
  ];
  return charts;
}

const replicated = new Map<number, readonly Chart<PartyId>[]>();

/**
 * The charts a run's parties have: without replication the four above; with it, producer, network and connection,
 * then each broker's replica machine (broker 1 stays `broker`, then `broker-2`, `broker-3`…) and the controller.
 */
export function chartsFor(trace: Pick<Trace, 'scenario'>): readonly Chart<PartyId>[] {
  const rf = trace.scenario.broker['replication.factor'] ?? 1;
  if (rf === 1) return partyCharts();
  let list = replicated.get(rf);
  if (!list) {
    const [producer, network, connection] = partyCharts();
    const brokers = Array.from({ length: rf }, (_, k) => extractChart((k === 0 ? 'broker' : `broker-${k + 1}`) as PartyId, replicaMachine));
    list = [producer!, network!, connection!, ...brokers, extractChart('controller' as PartyId, controllerMachine)];
    replicated.set(rf, list);
  }
  return list;
}

/** The statecharts of things with a life of their own: one producer batch, one producer id at the broker. */
export function lifecycleCharts(): readonly Chart<LifecycleParty>[] {
  lifecycles ??= [extractChart('batch', batchMachine), extractChart('producerId', producerIdMachine)];
  return lifecycles;
}

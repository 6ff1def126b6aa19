import { batchMachine } from '../../sim/machines/batch.machine';
import { brokerMachine } from '../../sim/machines/broker.machine';
import { producerIdMachine } from '../../sim/machines/producer-id.machine';
import { connectionMachine } from '../../sim/machines/connection.machine';
import { networkMachine } from '../../sim/machines/network.machine';
import { producerMachine } from '../../sim/machines/producer.machine';
import type { LifecycleParty, PartyId } from '../../sim/trace/types';
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

/** The statecharts of things with a life of their own: one producer batch, one producer id at the broker. */
export function lifecycleCharts(): readonly Chart<LifecycleParty>[] {
  lifecycles ??= [extractChart('batch', batchMachine), extractChart('producerId', producerIdMachine)];
  return lifecycles;
}

import { brokerMachine } from '../../sim/machines/broker.machine';
import { connectionMachine } from '../../sim/machines/connection.machine';
import { networkMachine } from '../../sim/machines/network.machine';
import { producerMachine } from '../../sim/machines/producer.machine';
import type { PartyId } from '../../sim/trace/types';
import { extractChart, type Chart } from './graph';

export const PARTIES: readonly PartyId[] = ['producer', 'network', 'connection', 'broker'];

let charts: readonly Chart[] | null = null;

/** The parties' statecharts, read once from the machines the simulation runs (the connection is the network's child). */
export function partyCharts(): readonly Chart[] {
  charts ??= [
    extractChart('producer', producerMachine),
    extractChart('network', networkMachine),
    extractChart('connection', connectionMachine),
    extractChart('broker', brokerMachine),
  ];
  return charts;
}

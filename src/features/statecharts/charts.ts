import { brokerMachine } from '../../sim/machines/broker.machine';
import { networkMachine } from '../../sim/machines/network.machine';
import { producerMachine } from '../../sim/machines/producer.machine';
import type { PartyId } from '../../sim/trace/types';
import { extractChart, type Chart } from './graph';

export const PARTIES: readonly PartyId[] = ['producer', 'network', 'broker'];

let charts: readonly Chart[] | null = null;

/** The three parties' statecharts, read once from the machines the simulation runs. */
export function partyCharts(): readonly Chart[] {
  charts ??= [extractChart('producer', producerMachine), extractChart('network', networkMachine), extractChart('broker', brokerMachine)];
  return charts;
}

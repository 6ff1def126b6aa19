import { batchMachine } from '../../sim/machines/batch.machine';
import { brokerMachine } from '../../sim/machines/broker.machine';
import { producerIdMachine } from '../../sim/machines/producer-id.machine';
import { connectionMachine } from '../../sim/machines/connection.machine';
import { networkMachine } from '../../sim/machines/network.machine';
import { producerMachine } from '../../sim/machines/producer.machine';
import { controllerMachine } from '../../sim/machines/controller.machine';
import { replicaMachine } from '../../sim/machines/replica.machine';
import { consumerMachine } from '../../sim/machines/consumer.machine';
import { coordinatorMachine } from '../../sim/machines/coordinator.machine';
import { databaseMachine } from '../../sim/machines/database.machine';
import { messageMachine } from '../../sim/machines/message.machine';
import { txnAppMachine } from '../../sim/txn/txn-app.machine';
import { txnCoordinatorMachine } from '../../sim/txn/txn-coordinator.machine';
import { readerMachine } from '../../sim/txn/reader.machine';
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
 * The charts a run's parties have: without replication or a consumer the four above; with replication, producer,
 * network and connection, then each broker's replica machine (broker 1 stays `broker`, then `broker-2`,
 * `broker-3`…) and the controller; with a consumer side, the four and then its group members, coordinator and
 * database.
 */
export function chartsFor(trace: Pick<Trace, 'scenario'>): readonly Chart<PartyId>[] {
  if (trace.scenario.transactions) return txnCharts(trace.scenario.transactions.readers?.length ?? 2, trace.scenario.faults.scripted.some((f) => f.kind === 'txn-zombie'));
  const members = consumerChartsOf(trace);
  if (members !== 0) return consumerSideCharts(members).parties;
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

const transactional = new Map<string, readonly Chart<PartyId>[]>();

/**
 * A transactional run's charts, in place of the producer side's: the application's producer (its transaction
 * manager and the application, two parallel regions), with a takeover (`txn-zombie`) the replacement instance's
 * beside it, the transaction coordinator, and each downstream reader. Their ids are the trace's own party ids
 * (TxnPartyId), under which each event's `states` holds their values.
 */
export function txnCharts(readers: number, replacement = false): readonly Chart<PartyId>[] {
  const key = `${readers}:${replacement}`;
  let list = transactional.get(key);
  if (!list) {
    const parties = [
      extractChart('txn-producer', txnAppMachine),
      ...(replacement ? [extractChart('txn-replacement', txnAppMachine)] : []),
      extractChart('txn-coordinator', txnCoordinatorMachine),
      ...Array.from({ length: readers }, (_, k) => extractChart(`reader-${k + 1}`, readerMachine)),
    ];
    list = parties as unknown as readonly Chart<PartyId>[];
    transactional.set(key, list);
  }
  return list;
}

/** The statecharts of things with a life of their own: one producer batch, one producer id at the broker. */
export function lifecycleCharts(): readonly Chart<LifecycleParty>[] {
  lifecycles ??= [extractChart('batch', batchMachine), extractChart('producerId', producerIdMachine)];
  return lifecycles;
}

/** Which consumer-side charts a run has: none, one group member, or two. */
export type ConsumerCharts = 0 | 1 | 2;

/** The consumer-side charts a trace needs: its group members (a second with a member-join fault), the coordinator and the database. */
export function consumerChartsOf(trace: Pick<Trace, 'scenario'>): ConsumerCharts {
  if (!trace.scenario.consumer) return 0;
  return trace.scenario.faults.scripted.some((f) => f.kind === 'member-join') ? 2 : 1;
}

const withConsumer = new Map<ConsumerCharts, { parties: readonly Chart<PartyId>[]; lifecycles: readonly Chart<LifecycleParty>[] }>();

/**
 * The charts of a run: the producer side's always (the same arrays as `partyCharts` and `lifecycleCharts`), and in a
 * run with a consumer the group members', the coordinator's, the database's and a message's persisted state.
 */
function consumerSideCharts(members: ConsumerCharts): { parties: readonly Chart<PartyId>[]; lifecycles: readonly Chart<LifecycleParty>[] } {
  if (members === 0) return { parties: partyCharts(), lifecycles: lifecycleCharts() };
  let c = withConsumer.get(members);
  if (!c) {
    const consumers = [extractChart<PartyId>('consumer-1', consumerMachine), ...(members === 2 ? [extractChart<PartyId>('consumer-2', consumerMachine)] : [])];
    c = {
      parties: [...partyCharts(), ...consumers, extractChart('coordinator', coordinatorMachine), extractChart('database', databaseMachine)],
      lifecycles: [...lifecycleCharts(), extractChart('message', messageMachine)],
    };
    withConsumer.set(members, c);
  }
  return c;
}

/** The statecharts of a run's things with a life of their own: a message's persisted state too, with a consumer side. */
export function lifecyclesFor(trace: Pick<Trace, 'scenario'>): readonly Chart<LifecycleParty>[] {
  // A transactional run's batches and producer ids are not recorded as things of their own.
  if (trace.scenario.transactions) return NO_LIFECYCLES;
  const members = consumerChartsOf(trace);
  return members === 0 ? lifecycleCharts() : consumerSideCharts(members).lifecycles;
}

const NO_LIFECYCLES: readonly Chart<LifecycleParty>[] = [];

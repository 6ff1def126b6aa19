import fc from 'fast-check';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { describe, expect, test } from 'vitest';
import { getPreset, PRESETS } from '../../scenarios/presets';
import { brokerMachine } from '../machines/broker.machine';
import { connectionMachine } from '../machines/connection.machine';
import { networkMachine } from '../machines/network.machine';
import { producerMachine } from '../machines/producer.machine';
import { controllerMachine } from '../machines/controller.machine';
import { replicaMachine } from '../machines/replica.machine';
import { partitionsMachine } from '../txn/partitions.machine';
import { readerMachine } from '../txn/reader.machine';
import { txnAppMachine } from '../txn/txn-app.machine';
import { txnCoordinatorMachine } from '../txn/txn-coordinator.machine';
import { runSimulation } from '../run-simulation';
import { scenarioArb } from '../testing/arbitraries';
import type { ProducerSidePartyId as PartyId, StateValue, Trace } from './types';

const MACHINES: Record<PartyId, AnyStateMachine> = {
  producer: producerMachine,
  network: networkMachine,
  connection: connectionMachine,
  broker: brokerMachine,
};

function nodeIds(machine: AnyStateMachine): Set<string> {
  const walk = (n: AnyStateNode): string[] => [n.id, ...Object.values(n.states).flatMap((c) => walk(c as AnyStateNode))];
  return new Set(walk(machine.root));
}

/**
 * With replication every broker is a replica machine (broker 1 still `broker`, then `broker-2`, `broker-3`…) and
 * the controller is a party too.
 */
function machinesOf(trace: Trace): Record<string, AnyStateMachine> {
  // A transactional run has its own parties; the application's appears once its first instance has started.
  if (trace.scenario.transactions) {
    if (trace.configError !== null) return {};
    const out: Record<string, AnyStateMachine> = { 'txn-producer': txnAppMachine, 'txn-coordinator': txnCoordinatorMachine, partitions: partitionsMachine };
    trace.scenario.transactions.readers.forEach((_, k) => (out[`reader-${k + 1}`] = readerMachine));
    // After a takeover, the instance that took over has a chart of its own.
    if (trace.events.some((e) => e.kind === 'txn.app.started' && (e.transition?.party as string) === 'txn-replacement')) out['txn-replacement'] = txnAppMachine;
    return out;
  }
  const rf = trace.scenario.broker['replication.factor'] ?? 1;
  if (rf === 1) return MACHINES;
  const out: Record<string, AnyStateMachine> = { ...MACHINES, broker: replicaMachine, controller: controllerMachine };
  for (let id = 2; id <= rf; id++) out[`broker-${id}`] = replicaMachine;
  return out;
}

/** The ids of the active leaf states a state value names, checked against the machine: every key must be a child. */
function leaves(machine: AnyStateMachine, value: StateValue): string[] {
  const walk = (node: AnyStateNode, v: StateValue): string[] => {
    if (typeof v === 'string') {
      const child = node.states[v] as AnyStateNode | undefined;
      if (!child) throw new Error(`${node.id} has no state ${v}`);
      return [child.id];
    }
    return Object.entries(v).flatMap(([k, sub]) => {
      const child = node.states[k] as AnyStateNode | undefined;
      if (!child) throw new Error(`${node.id} has no state ${k}`);
      return walk(child, sub);
    });
  };
  return walk(machine.root, value);
}

function checkStates(trace: Trace): void {
  let previous: unknown = null;
  const machines = machinesOf(trace);
  const ids = Object.fromEntries(Object.entries(machines).map(([p, m]) => [p, nodeIds(m)])) as Record<string, Set<string>>;
  const parties = Object.keys(machines).sort();
  for (const ev of trace.events) {
    expect(ev.states, `event ${ev.i}`).toBeDefined();
    const states = ev.states! as Record<string, StateValue>;
    // The consumer side's parties appear only in a run with a consumer (consumer-states.test.ts checks them).
    const keys = Object.keys(states).sort();
    const txn = trace.scenario.transactions !== undefined;
    const started = (party: string) => trace.events.some((e) => e.kind === 'txn.app.started' && (e.transition?.party as string) === party && e.i <= ev.i);
    const expected = txn ? parties.filter((p) => (p !== 'txn-producer' && p !== 'txn-replacement') || started(p)) : parties;
    expect(keys.filter((k) => k in machines)).toEqual(expected);
    if (!trace.scenario.consumer) expect(keys).toEqual(expected);
    for (const party of expected) expect(leaves(machines[party]!, states[party]!).length).toBeGreaterThan(0);
    if (ev.transition && ev.transition.party in machines) {
      const known = ids[ev.transition.party]!;
      expect(known.has(ev.transition.source), ev.transition.source).toBe(true);
      for (const t of ev.transition.targets) expect(known.has(t), t).toBe(true);
    }
    // Unchanged states are the same object as the event before's (a long trace shares them).
    if (previous !== null && JSON.stringify(previous) === JSON.stringify(states)) expect(states).toBe(previous);
    previous = states;
  }
}

describe('the trace records each party’s state and the transition taken', () => {
  test('lost ack, idempotence on: the producer’s regions move as the protocol does', () => {
    const p = getPreset('lost-ack')!;
    const trace = runSimulation({ ...p.scenario, producer: { ...p.scenario.producer, 'enable.idempotence': true } });
    checkStates(trace);
    const value = (i: number) => trace.events[i]!.states!.producer as { running: { idempotence: StateValue; connection: StateValue } };
    const requested = trace.events.findIndex((e) => e.kind === 'pid.requested');
    expect(value(requested).running.idempotence).toBe('initializing');
    const assigned = trace.events.findIndex((e) => e.kind === 'pid.assigned');
    expect(value(assigned).running.idempotence).toEqual({ ready: 'steady' });
    expect(trace.events[assigned]!.transition).toEqual({
      party: 'producer',
      event: 'pid.received',
      source: 'producer.running.idempotence.initializing',
      targets: ['producer.running.idempotence.ready'],
    });
    // The lost ack breaks the connection: connected → waitingToReconnect, and the connection actor is closed.
    const closed = trace.events.findIndex((e) => e.kind === 'connection.closed');
    expect(value(closed).running.connection).toBe('waitingToReconnect');
    expect(trace.events[closed]!.transition).toMatchObject({ event: 'connection.lost', targets: ['producer.running.connection.waitingToReconnect'] });
    expect(trace.events[closed]!.states!.connection).toBe('closed');
    // The broker's own step: a targetless transition of `up` on produce.
    const handled = trace.events.find((e) => e.kind === 'broker.handled')!;
    expect(handled.transition).toEqual({ party: 'broker', event: 'produce', source: 'broker.up', targets: [] });
  });

  test('broker restart: down after a clean shutdown or a crash, then recovering on the way back up', () => {
    for (const [id, shutdown, downState, stopKind] of [
      ['broker-restart', 'clean', 'afterCleanShutdown', 'broker.shutdown'],
      ['broker-crash', 'crash', 'afterCrash', 'broker.crashed'],
    ] as const) {
      const trace = runSimulation(getPreset(id)!.scenario);
      checkStates(trace);
      const stopped = trace.events.find((e) => e.kind === stopKind)!;
      expect(stopped.states!.broker).toEqual({ down: downState });
      const restarted = trace.events.find((e) => e.kind === 'broker.restarted')!;
      expect(restarted).toMatchObject({ shutdown });
      expect(restarted.states!.broker).toBe('up');
      expect(restarted.transition).toEqual({ party: 'broker', event: 'broker.restart', source: `broker.down.${downState}`, targets: ['broker.recovering'] });
    }
  });

  test('every preset, idempotence off and on: valid state values and transitions on every event', () => {
    for (const p of PRESETS) {
      for (const on of [false, true]) checkStates(runSimulation({ ...p.scenario, producer: { ...p.scenario.producer, 'enable.idempotence': on } }));
    }
  });

  test('random scenarios with faults and broker restarts: valid state values and transitions on every event', () => {
    fc.assert(
      fc.property(fc.boolean().chain((brokerRestarts) => scenarioArb({ maxInFlight: { min: 1, max: 5 }, brokerRestarts })), (s) => {
        checkStates(runSimulation(s));
      }),
      { numRuns: 60, seed: 20261201 },
    );
  });
});

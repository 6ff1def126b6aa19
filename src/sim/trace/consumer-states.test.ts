import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { describe, expect, test } from 'vitest';
import { PRESETS } from '../../scenarios/presets';
import { consumerMachine } from '../machines/consumer.machine';
import { coordinatorMachine } from '../machines/coordinator.machine';
import { databaseMachine } from '../machines/database.machine';
import { messageMachine } from '../machines/message.machine';
import { runSimulation } from '../run-simulation';
import { databaseTables } from './database-tables';
import type { ConsumerSidePartyId } from './types';

const MACHINES: Record<ConsumerSidePartyId, AnyStateMachine> = {
  'consumer-1': consumerMachine,
  'consumer-2': consumerMachine,
  coordinator: coordinatorMachine,
  database: databaseMachine,
};

function nodeIds(machine: AnyStateMachine): Set<string> {
  const walk = (n: AnyStateNode): string[] => [n.id, ...Object.values(n.states).flatMap((c) => walk(c as AnyStateNode))];
  return new Set(walk(machine.root));
}

const consumerPresets = PRESETS.filter((p) => p.scenario.consumer !== undefined);

describe('the consumer side in the trace', () => {
  test('there are six consumer presets, each of version 2', () => {
    expect(consumerPresets.map((p) => p.id).sort()).toEqual([
      'consumer-commit-before-processing',
      'consumer-crash-before-commit',
      'consumer-dedup-in-memory-restart',
      'consumer-dedup-same-transaction',
      'consumer-message-state-machine',
      'consumer-slow-processing-rebalance',
    ]);
    for (const p of consumerPresets) expect(p.scenario.version).toBe(2);
  });

  for (const p of consumerPresets) {
    test(`${p.id}: every state value and transition names a state of the party's statechart`, () => {
      const trace = runSimulation(p.scenario);
      const ids = Object.fromEntries(Object.entries(MACHINES).map(([k, m]) => [k, nodeIds(m)])) as Record<ConsumerSidePartyId, Set<string>>;
      const messageIds = nodeIds(messageMachine);
      let sawConsumer = false;
      for (const ev of trace.events) {
        const states = ev.states!;
        for (const party of Object.keys(MACHINES) as ConsumerSidePartyId[]) {
          const v = states[party];
          if (v === undefined) continue;
          if (party === 'consumer-1') sawConsumer = true;
          expect(typeof v === 'string' && ids[party].has(`${MACHINES[party].id}.${v}`), `${party} ${JSON.stringify(v)} at #${ev.i}`).toBe(true);
        }
        if (ev.transition && ev.transition.party in MACHINES) {
          const known = ids[ev.transition.party as ConsumerSidePartyId];
          expect(known.has(ev.transition.source), ev.transition.source).toBe(true);
          for (const t of ev.transition.targets) expect(known.has(t), t).toBe(true);
        }
        for (const m of ev.moves ?? []) if (m.party === 'message') expect(messageIds.has(m.target), m.target).toBe(true);
        // Snapshots ride on the events of their party.
        if (ev.lane === 'consumer' && ev.kind !== 'db.txn') expect(ev.consumer, `${ev.kind} #${ev.i}`).toBeDefined();
        if (ev.lane === 'database') expect(ev.database, `${ev.kind} #${ev.i}`).toBeDefined();
        if (ev.kind === 'group.stable' || ev.kind === 'offset.commit.handled') expect(ev.coordinator).toBeDefined();
      }
      expect(sawConsumer).toBe(true);
      expect(databaseTables(trace.events)).toEqual(trace.database);
    });
  }

  test('the persisted state machine: each message moves received → processing → done as a child statechart', () => {
    const trace = runSimulation(consumerPresets.find((p) => p.id === 'consumer-message-state-machine')!.scenario);
    const moves = trace.events.flatMap((e) => e.moves ?? []).filter((m) => m.party === 'message');
    for (const message of [1, 2, 3]) {
      const targets = moves.filter((m) => m.id === message).map((m) => m.target);
      expect(targets[0]).toBe('message.received');
      expect(targets.at(-1)).toBe('message.done');
    }
    expect(trace.database!.messages).toEqual([
      { message: 1, state: 'done' },
      { message: 2, state: 'done' },
      { message: 3, state: 'done' },
    ]);
    // The crash after the commit left message 2 received; the restarted member found it.
    const scan = trace.events.find((e) => e.kind === 'recovery.scanned' && e.pending.length > 0);
    expect(scan).toMatchObject({ pending: [{ message: 2, state: 'received' }] });
  });

  test('a fenced member: the late commit is refused locally after a poll timeout; a paused member is refused UNKNOWN_MEMBER_ID by the coordinator', () => {
    const slow = runSimulation(consumerPresets.find((p) => p.id === 'consumer-slow-processing-rebalance')!.scenario);
    expect(slow.events.find((e) => e.kind === 'commit.completed' && e.error !== 'NONE')).toMatchObject({ member: 'consumer-1', error: 'COMMIT_FAILED' });
    const paused = {
      ...consumerPresets.find((p) => p.id === 'consumer-crash-before-commit')!.scenario,
      faults: {
        ...consumerPresets[0]!.scenario.faults,
        scripted: [{ kind: 'slow-processing' as const, message: 2, copy: 1, durationMs: 8000, stall: 'pause' as const }],
      },
    };
    const trace = runSimulation(paused);
    expect(trace.events.find((e) => e.kind === 'group.member.removed')).toMatchObject({ reason: 'session-timeout', memberId: 1 });
    expect(trace.events.find((e) => e.kind === 'offset.commit.handled' && e.error !== 'NONE')).toMatchObject({
      error: 'UNKNOWN_MEMBER_ID',
      rule: { rule: 'unknown-member', memberId: 1 },
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { brokerMachine } from '../../sim/machines/broker.machine';
import { networkMachine } from '../../sim/machines/network.machine';
import { producerMachine } from '../../sim/machines/producer.machine';
import { activeIds, describeValue, extractChart, guardName, pathOf, takenIds } from './graph';
import { hierarchicalTestMachine } from './test-machine';

/** Every state node id below the root, straight from XState, independent of the extraction. */
function stateIds(node: AnyStateNode): string[] {
  return Object.values(node.states).flatMap((c) => [c.id, ...stateIds(c as AnyStateNode)]);
}

describe('extractChart', () => {
  it('has exactly the machines’ states, parents before children', () => {
    for (const [party, machine] of [
      ['producer', producerMachine],
      ['network', networkMachine],
      ['broker', brokerMachine],
      ['producer', hierarchicalTestMachine],
    ] as const) {
      const chart = extractChart(party, machine);
      expect(chart.order.slice(1).sort()).toEqual(stateIds(machine.root).sort());
      expect(chart.order[0]).toBe(machine.id);
      const seen = new Set<string>();
      for (const id of chart.order) {
        const parent = chart.nodes[id]!.parent;
        if (parent !== null) expect(seen.has(parent), id).toBe(true);
        seen.add(id);
      }
    }
  });

  it('reads the producer: its start, its parallel regions with their states, and its targetless work', () => {
    const chart = extractChart('producer', producerMachine);
    expect(chart.nodes['producer']!.initial).toBe('producer.created');
    expect(chart.nodes['producer.rejected']!.kind).toBe('final');
    expect(chart.nodes['producer.running']!.kind).toBe('parallel');
    expect(chart.nodes['producer.running']!.children).toEqual(['producer.running.idempotence', 'producer.running.connection']);
    expect(chart.nodes['producer.running.idempotence.ready']!.initial).toBe('producer.running.idempotence.ready.steady');
    const edges = chart.edges.map((e) => [e.source, e.targets, e.label]);
    expect(edges).toContainEqual(['producer.created', ['producer.rejected'], 'producer.start [configRejected]']);
    expect(edges).toContainEqual(['producer.created', ['producer.running.idempotence.disabled'], 'producer.start [idempotenceOff]']);
    expect(edges).toContainEqual(['producer.running', ['producer.crashed'], 'producer.crash']);
    expect(edges).toContainEqual(['producer.running.idempotence.initializing', ['producer.running.idempotence.ready'], 'pid.received']);
    expect(edges).toContainEqual(['producer.running.connection.connected', ['producer.running.connection.waitingToReconnect'], 'connection.lost']);
    const internal = chart.nodes['producer.running']!.internal.map((t) => t.label);
    expect(internal).toContain('app.send');
    expect(internal).toContain('response.received');
    expect(chart.nodes['producer.running']!.description).toMatch(/accepting records/);
  });

  it('reads compound, parallel, history, final, after and guarded transitions from a hierarchical machine', () => {
    const chart = extractChart('producer', hierarchicalTestMachine);
    const n = (id: string) => chart.nodes[id]!;
    expect(n('demo.running').kind).toBe('parallel');
    expect(n('demo.running').children).toEqual(['demo.running.idempotence', 'demo.running.connection']);
    expect(n('demo.running.idempotence').region).toBe(true);
    expect(n('demo.running.idempotence').kind).toBe('compound');
    expect(n('demo.running.idempotence').initial).toBe('demo.running.idempotence.uninitialized');
    expect(n('demo.running.idempotence.ready').initial).toBe('demo.running.idempotence.ready.steady');
    expect(n('demo.running.idempotence.ready.steady').parent).toBe('demo.running.idempotence.ready');
    expect(n('demo.running.connection.hist').kind).toBe('history');
    expect(n('demo.running.connection.hist').history).toBe('deep');
    expect(n('demo.done').kind).toBe('final');
    expect(n('demo.idle').internal.map((t) => t.label)).toEqual(['ping']);
    const label = (source: string) => chart.edges.filter((e) => e.source === source).map((e) => e.label);
    expect(label('demo.idle')).toEqual(['start [canStart]']);
    expect(label('demo.running.idempotence.uninitialized')).toEqual(['after 10 ms [isIdempotent]']);
    expect(label('demo.running.connection.waitingToReconnect')).toEqual(['after reconnectBackoff']);
    expect(label('demo.running.idempotence.ready.steady')).toEqual(['bump [and(isIdempotent, not(fresh))]']);
    const stop = chart.edges.find((e) => e.source === 'demo.running')!;
    expect(stop.targets).toEqual(['demo.stopped']);
    expect(chart.edges.find((e) => e.source === 'demo.stopped')!.targets).toEqual(['demo.running.connection.hist']);
    const after = chart.edges.find((e) => e.source === 'demo.running.idempotence.uninitialized')!;
    expect(after.delay).toBe('10 ms');
    expect(after.event).toMatch(/^xstate\.after\.10\./);
  });

  it('names guards given as strings, objects and combinators', () => {
    expect(guardName(undefined)).toBeNull();
    expect(guardName('isIdempotent')).toBe('isIdempotent');
    expect(guardName({ type: 'canRetry', params: { n: 1 } })).toBe('canRetry');
  });
});

describe('active states', () => {
  const chart = extractChart('producer', hierarchicalTestMachine);
  const value = { running: { idempotence: { ready: 'bumpRequired' }, connection: 'connected' } };

  it('lists every node along the path, in every region of a parallel state', () => {
    expect(activeIds(chart, value).sort()).toEqual(
      [
        'demo.running',
        'demo.running.idempotence',
        'demo.running.idempotence.ready',
        'demo.running.idempotence.ready.bumpRequired',
        'demo.running.connection',
        'demo.running.connection.connected',
      ].sort(),
    );
    expect(activeIds(chart, 'idle')).toEqual(['demo.idle']);
    expect(activeIds(chart, undefined)).toEqual([]);
    expect(activeIds(chart, 'nowhere')).toEqual([]);
  });

  it('describes a value in words along the nesting', () => {
    expect(describeValue(chart, value)).toBe('running › idempotence: ready › bumpRequired; connection: connected');
    expect(describeValue(chart, 'idle')).toBe('idle');
    expect(describeValue(extractChart('broker', brokerMachine), 'down')).toBe('down');
    expect(pathOf(chart, 'demo.running.connection.connected')).toBe('running.connection.connected');
  });

  it('matches the transition taken by source, event and targets', () => {
    const tr = { party: 'producer' as const, event: 'drop', source: 'demo.running.connection.connected', targets: ['demo.running.connection.waitingToReconnect'] };
    expect([...takenIds(chart, tr)]).toEqual(['demo.running.connection.connected:drop:0']);
    expect([...takenIds(chart, { ...tr, party: 'broker' })]).toEqual([]);
    expect([...takenIds(chart, undefined)]).toEqual([]);
    const internal = { party: 'producer' as const, event: 'ping', source: 'demo.idle', targets: [] };
    expect([...takenIds(chart, internal)]).toEqual(['demo.idle:ping:0']);
  });
});

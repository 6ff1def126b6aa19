import { describe, expect, test } from 'vitest';
import { getPreset } from '../src/scenarios/presets';
import type { KafkaVersion } from '../src/sim/protocol/kafka-version';
import { runSimulation } from '../src/sim/run-simulation';
import type { ScenarioInput } from '../src/sim/scenario/schema';
import { checkTrace } from '../src/sim/trace/checker';
import { callbacks, eventsOf, scenario } from './helpers';

/**
 * The version lens at the level of a whole run: for each version, one set of faults whose outcome differs from the
 * lab's model (3.x/4.0) because of that version's rule (reference §1.4, §1.7, §2.3, §4).
 */

/** A preset with idempotence set to true (older versions default to off) and the given version. */
function presetOn(id: string, kafkaVersion: KafkaVersion, producer: ScenarioInput['producer'] = {}) {
  const p = getPreset(id)!.scenario;
  return scenario({ ...p, kafkaVersion, producer: { ...p.producer, 'enable.idempotence': true, ...producer } });
}

const verdictsFor = (trace: ReturnType<typeof runSimulation>, message: number) =>
  eventsOf(trace, 'broker.handled').filter((e) => e.messages.includes(message)).map((e) => e.verdict);

describe('0.11: one cached batch', () => {
  // The original of message 1 is delayed past its retry, and message 2 is written in between.
  const run = (v: KafkaVersion) => runSimulation(presetOn('delayed-original', v, { 'max.in.flight.requests.per.connection': 1 }));
  test('the late original is OUT_OF_ORDER_SEQUENCE_NUMBER on 0.11, a recognised duplicate from 1.0 on', () => {
    expect(verdictsFor(run('0.11'), 1)).toEqual(['appended', 'OUT_OF_ORDER_SEQUENCE_NUMBER']);
    expect(verdictsFor(run('1.0.0'), 1)).toEqual(['appended', 'duplicate']);
    expect(verdictsFor(run('4.0'), 1)).toEqual(['appended', 'duplicate']);
  });
  test('0.11 refuses idempotence with max.in.flight 5', () => {
    expect(runSimulation(presetOn('delayed-original', '0.11')).configError).toBe('idempotence-max-in-flight-one');
  });
});

describe('1.0.0: DUPLICATE_SEQUENCE_NUMBER for a copy older than the cache', () => {
  // A clean restart leaves one cached batch; the retry of message 4 is older than it.
  const t100 = runSimulation(presetOn('broker-restart', '1.0.0'));
  test('the broker answers DUPLICATE_SEQUENCE_NUMBER and the client counts it delivered at offset −1', () => {
    expect(verdictsFor(t100, 4)).toContain('DUPLICATE_SEQUENCE_NUMBER');
    expect(callbacks(t100).get(4)).toBe(-1);
    expect(checkTrace(t100).duplicates).toBe(0);
  });
  test('the same faults on 3.x: OUT_OF_ORDER_SEQUENCE_NUMBER, an epoch bump, and duplicates', () => {
    const t3 = runSimulation(presetOn('broker-restart', '3.x'));
    expect(verdictsFor(t3, 4)).toContain('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(eventsOf(t3, 'epoch.bumped')).toHaveLength(1);
    expect(checkTrace(t3).duplicates).toBe(2);
  });
});

describe('2.4: a sequence gap resets the producer id; an unknown producer must start at 0', () => {
  test('broker-restart: message 4 fails with OUT_OF_ORDER_SEQUENCE_NUMBER and a new producer id follows, no duplicate', () => {
    const t = runSimulation(presetOn('broker-restart', '2.4'));
    expect(callbacks(t).get(4)).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(eventsOf(t, 'pid.reset').map((e) => e.pid)).toEqual([1000]);
    expect(eventsOf(t, 'epoch.bumped')).toEqual([]);
    expect(eventsOf(t, 'pid.assigned').map((e) => e.pid)).toEqual([1000, 1001]);
    expect(checkTrace(t).duplicates).toBe(0);
  });
  test('new-producer-reorder: UNKNOWN_PRODUCER_ID holds message 2 back, so nothing is lost (lost on 2.5+)', () => {
    const t24 = runSimulation(presetOn('new-producer-reorder', '2.4'));
    expect(verdictsFor(t24, 2)[0]).toBe('UNKNOWN_PRODUCER_ID');
    expect(eventsOf(t24, 'sequences.restarted')).toHaveLength(1);
    expect(t24.log.map((r) => r.message)).toEqual([1, 2]);
    const t40 = runSimulation(presetOn('new-producer-reorder', '4.0'));
    expect(t40.log.map((r) => r.message)).toEqual([2]);
    expect(checkTrace(t40).lost).toBe(1);
  });
});

describe('3.0.0: idempotence not yet on by default', () => {
  const lostAck = (v: KafkaVersion) => {
    const p = getPreset('lost-ack')!.scenario;
    const { 'enable.idempotence': _unset, ...producer } = p.producer;
    return runSimulation(scenario({ ...p, kafkaVersion: v, producer }));
  };
  test('a lost ack with enable.idempotence unset is a duplicate on 3.0.0 and recognised on 3.x', () => {
    expect(checkTrace(lostAck('3.0.0')).duplicates).toBe(1);
    expect(checkTrace(lostAck('3.x')).duplicates).toBe(0);
  });
});

describe('3.x and 4.0: max.in.flight > 5 and linger.ms', () => {
  const six = (v: KafkaVersion) => runSimulation(scenario({ kafkaVersion: v, producer: { 'max.in.flight.requests.per.connection': 6 } }));
  test('enable.idempotence unset, max.in.flight 6: 3.x runs without idempotence, 4.0 refuses', () => {
    const t3 = six('3.x');
    expect(t3.configError).toBeNull();
    expect(eventsOf(t3, 'producer.started')[0]!.config).toEqual([{ id: 'idempotence-off-max-in-flight', maxInFlight: 6 }]);
    expect(t3.log.every((r) => r.pid === -1)).toBe(true);
    expect(six('4.0').configError).toBe('idempotence-max-in-flight');
  });
  test('linger.ms unset: a batch leaves as soon as it can on 3.x and 5 ms after its first record on 4.0', () => {
    // idempotence off, room for more records, and message 2 long after the connection is up: only linger.ms holds the batch
    const sentAt = (v: KafkaVersion) => {
      const t = runSimulation(scenario({ kafkaVersion: v, producer: { 'enable.idempotence': false, 'batch.size.records': 10 }, workload: { messages: 2, intervalMs: 200 } }));
      return eventsOf(t, 'request.sent').find((e) => e.messages.includes(2))!.t;
    };
    expect(sentAt('3.x')).toBe(200);
    expect(sentAt('4.0')).toBe(205);
  });
});

test('the trace carries the version', () => {
  expect(runSimulation(scenario({ kafkaVersion: '2.4' })).scenario.kafkaVersion).toBe('2.4');
  expect(runSimulation(scenario({})).scenario.kafkaVersion).toBe('4.0');
});

import { describe, expect, test } from 'vitest';
import { configNoteText, configProblemText } from '../../i18n/facts';
import { producerConfig } from '../testing/scenario';
import { resolveProducerConfig } from './producer-config';

/** new KafkaProducer(config) as Kafka 4.0 checks it (reference §4, ProducerConfig and KafkaProducer). */
describe('resolveProducerConfig', () => {
  test('enable.idempotence left unset is Kafka’s default: on', () => {
    const r = resolveProducerConfig(producerConfig());
    expect(producerConfig()['enable.idempotence']).toBeUndefined();
    expect(r).toEqual({ config: expect.objectContaining({ 'enable.idempotence': true, 'delivery.timeout.ms': 120000 }), problem: null, notes: [] });
  });

  test('unset, acks ≠ all: idempotence is silently turned off instead of refused', () => {
    for (const acks of ['1', '0'] as const) {
      const r = resolveProducerConfig(producerConfig({ acks }));
      expect(r.problem).toBeNull();
      expect(r.config['enable.idempotence']).toBe(false);
      expect(r.notes).toEqual([{ id: 'idempotence-off-acks', acks }]);
    }
  });

  test('unset, retries = 0: idempotence is silently turned off instead of refused', () => {
    const r = resolveProducerConfig(producerConfig({ retries: 0 }));
    expect(r).toMatchObject({ problem: null, config: { 'enable.idempotence': false }, notes: [{ id: 'idempotence-off-retries' }] });
  });

  test('explicit true: the same settings are refused; explicit false: nothing to check', () => {
    expect(resolveProducerConfig(producerConfig({ acks: '1', 'enable.idempotence': true })).problem).toBe('idempotence-acks');
    expect(resolveProducerConfig(producerConfig({ retries: 0, 'enable.idempotence': true })).problem).toBe('idempotence-retries');
    const off = resolveProducerConfig(producerConfig({ acks: '1', retries: 0, 'enable.idempotence': false }));
    expect(off).toMatchObject({ problem: null, config: { 'enable.idempotence': false }, notes: [] });
  });

  test('Kafka’s order: retries, then acks, then max.in.flight', () => {
    const all = { 'enable.idempotence': true, retries: 0, acks: '1', 'max.in.flight.requests.per.connection': 6 } as const;
    expect(resolveProducerConfig(producerConfig(all)).problem).toBe('idempotence-retries');
    expect(resolveProducerConfig(producerConfig({ ...all, retries: 3 })).problem).toBe('idempotence-acks');
    expect(resolveProducerConfig(producerConfig({ ...all, retries: 3, acks: 'all' })).problem).toBe('idempotence-max-in-flight');
  });

  test('4.0: max.in.flight > 5 is refused even when enable.idempotence is unset (KAFKA-17927)', () => {
    expect(resolveProducerConfig(producerConfig({ 'max.in.flight.requests.per.connection': 6 })).problem).toBe('idempotence-max-in-flight');
    // the check sees the default (true) even when acks has already turned idempotence off
    expect(resolveProducerConfig(producerConfig({ acks: '1', 'max.in.flight.requests.per.connection': 6 })).problem).toBe('idempotence-max-in-flight');
    expect(resolveProducerConfig(producerConfig({ 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 6 })).problem).toBeNull();
  });

  test('delivery.timeout.ms set below linger.ms + request.timeout.ms is refused; unset, it is raised with Kafka’s warning', () => {
    const tight = { 'linger.ms': 5, 'request.timeout.ms': 200000 };
    expect(resolveProducerConfig(producerConfig({ ...tight, 'delivery.timeout.ms': 120000 })).problem).toBe('delivery-timeout');
    const raised = resolveProducerConfig(producerConfig(tight));
    expect(raised).toMatchObject({ problem: null, config: { 'delivery.timeout.ms': 200005 }, notes: [{ id: 'delivery-timeout-raised', deliveryTimeoutMs: 200005 }] });
    expect(configNoteText('en', raised.notes[0]!)).toBe('delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to 200005.');
    expect(configNoteText('zh', raised.notes[0]!)).toContain('200005');
  });

  test('the idempotence checks come before the delivery timeout’s (ProducerConfig, then KafkaProducer)', () => {
    const c = producerConfig({ 'enable.idempotence': true, acks: '1', 'delivery.timeout.ms': 10, 'request.timeout.ms': 1000 });
    expect(configProblemText('en', resolveProducerConfig(c).problem!)).toMatch(/^ConfigException: Must set acks to all/);
  });
});

import type { ProducerConfig } from '../scenario/schema';
import type { ConfigNote, ConfigProblemCode } from '../trace/facts';
import { DEFAULT_KAFKA_VERSION, kafkaVersionRules, type KafkaVersion } from './kafka-version';

/** Kafka's default for delivery.timeout.ms (§4); enable.idempotence and linger.ms default by version (kafka-version.ts). */
export const DELIVERY_TIMEOUT_DEFAULT_MS = 120000;

/** The configuration the producer runs with: every setting has its value, the ones left unset included. */
export interface EffectiveProducerConfig extends Omit<ProducerConfig, 'enable.idempotence' | 'delivery.timeout.ms' | 'linger.ms'> {
  'enable.idempotence': boolean;
  'delivery.timeout.ms': number;
  'linger.ms': number;
}

export interface ResolvedProducerConfig {
  /** What the producer runs with (Kafka's defaults and adjustments applied). Meaningless when `problem` is set. */
  config: EffectiveProducerConfig;
  /** The ConfigException that stops the producer from being constructed, or null. */
  problem: ConfigProblemCode | null;
  /** What Kafka changed on its own, in the order it did (its log lines, as facts). */
  notes: ConfigNote[];
}

/**
 * new KafkaProducer(config), as Kafka checks it (reference §4): first ProducerConfig
 * .postProcessAndValidateIdempotenceConfigs (retries, then acks, then max.in.flight), then
 * KafkaProducer.configureDeliveryTimeout. The version decides the defaults and one leniency (kafka-version.ts):
 * - `enable.idempotence` set by the user: a conflicting setting is a ConfigException.
 * - left unset: the version's default. Where that is true (3.x, 4.0), retries = 0 or acks ≠ all silently turn
 *   idempotence off; max.in.flight above the limit does too in 3.x, and is refused all the same in 4.0 (KAFKA-17927).
 *   Where it is false (before 3.0.1) idempotence is simply off.
 * - max.in.flight with idempotence on: at most 5, and exactly 1 in 0.11 (§1.4).
 * - `linger.ms` left unset: the version's default (5 ms in 4.0, 0 before).
 * - `delivery.timeout.ms` below linger.ms + request.timeout.ms is refused only if the user set it; left unset it is
 *   raised to that sum, with Kafka's warning.
 * @example resolveProducerConfig({ ...defaults, acks: '1' }).config['enable.idempotence'] // → false, with a note
 */
export function resolveProducerConfig(c: ProducerConfig, version: KafkaVersion = DEFAULT_KAFKA_VERSION): ResolvedProducerConfig {
  const rules = kafkaVersionRules(version);
  const notes: ConfigNote[] = [];
  const userSet = c['enable.idempotence'] !== undefined;
  let idempotent = c['enable.idempotence'] ?? rules.idempotenceDefault;
  let problem: ConfigProblemCode | null = null;
  if (idempotent) {
    let disable = false;
    if (c.retries === 0) {
      if (userSet) problem ??= 'idempotence-retries';
      else notes.push({ id: 'idempotence-off-retries' });
      disable = true;
    }
    if (c.acks !== 'all') {
      if (userSet) problem ??= 'idempotence-acks';
      else notes.push({ id: 'idempotence-off-acks', acks: c.acks });
      disable = true;
    }
    const inFlight = c['max.in.flight.requests.per.connection'];
    if (inFlight > rules.maxInFlightForIdempotence) {
      const code: ConfigProblemCode = rules.maxInFlightForIdempotence === 1 ? 'idempotence-max-in-flight-one' : 'idempotence-max-in-flight';
      if (userSet || rules.inFlightOverLimitUnset === 'refuse') {
        // 4.0: an error whether or not enable.idempotence was set (the check still sees the default, true).
        problem ??= code;
      } else {
        notes.push({ id: 'idempotence-off-max-in-flight', maxInFlight: inFlight });
        disable = true;
      }
    }
    if (disable) idempotent = false;
  }
  const lingerMs = c['linger.ms'] ?? rules.lingerMsDefault;
  const floorMs = Math.min(lingerMs + c['request.timeout.ms'], 2147483647);
  let deliveryMs = c['delivery.timeout.ms'] ?? DELIVERY_TIMEOUT_DEFAULT_MS;
  if (deliveryMs < floorMs) {
    if (c['delivery.timeout.ms'] !== undefined) problem ??= 'delivery-timeout';
    else {
      deliveryMs = floorMs;
      notes.push({ id: 'delivery-timeout-raised', deliveryTimeoutMs: floorMs });
    }
  }
  return { config: { ...c, 'enable.idempotence': idempotent, 'delivery.timeout.ms': deliveryMs, 'linger.ms': lingerMs }, problem, notes };
}

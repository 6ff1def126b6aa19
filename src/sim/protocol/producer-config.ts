import type { ProducerConfig } from '../scenario/schema';
import type { ConfigNote, ConfigProblemCode } from '../trace/facts';

/** The Kafka client version whose configuration rules apply. The lab models 4.0; others come with the version lens. */
export type ClientVersion = '4.0';

/** Kafka's defaults for the settings a scenario may leave unset, where unset and the default value differ (§4). */
export const IDEMPOTENCE_DEFAULT = true;
export const DELIVERY_TIMEOUT_DEFAULT_MS = 120000;

/** ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE */
const MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

/** The configuration the producer runs with: every setting has its value, the ones left unset included. */
export interface EffectiveProducerConfig extends Omit<ProducerConfig, 'enable.idempotence' | 'delivery.timeout.ms'> {
  'enable.idempotence': boolean;
  'delivery.timeout.ms': number;
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
 * KafkaProducer.configureDeliveryTimeout.
 * - `enable.idempotence` set by the user: a conflicting setting is a ConfigException.
 * - left unset (Kafka's default, true): retries = 0 or acks ≠ all silently turn idempotence off. In 4.0
 *   max.in.flight > 5 is refused all the same (KAFKA-17927; 3.x turned idempotence off instead).
 * - `delivery.timeout.ms` below linger.ms + request.timeout.ms is refused only if the user set it; left unset it is
 *   raised to that sum, with Kafka's warning.
 * `version` is where the version lens will choose between these rules.
 * @example resolveProducerConfig({ ...defaults, acks: '1' }).config['enable.idempotence'] // → false, with a note
 */
export function resolveProducerConfig(c: ProducerConfig, _version: ClientVersion = '4.0'): ResolvedProducerConfig {
  const notes: ConfigNote[] = [];
  const userSet = c['enable.idempotence'] !== undefined;
  let idempotent = c['enable.idempotence'] ?? IDEMPOTENCE_DEFAULT;
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
    // 4.0: an error whether or not enable.idempotence was set (the check still sees the default, true).
    if (c['max.in.flight.requests.per.connection'] > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) problem ??= 'idempotence-max-in-flight';
    if (disable) idempotent = false;
  }
  const floorMs = Math.min(c['linger.ms'] + c['request.timeout.ms'], 2147483647);
  let deliveryMs = c['delivery.timeout.ms'] ?? DELIVERY_TIMEOUT_DEFAULT_MS;
  if (deliveryMs < floorMs) {
    if (c['delivery.timeout.ms'] !== undefined) problem ??= 'delivery-timeout';
    else {
      deliveryMs = floorMs;
      notes.push({ id: 'delivery-timeout-raised', deliveryTimeoutMs: floorMs });
    }
  }
  return { config: { ...c, 'enable.idempotence': idempotent, 'delivery.timeout.ms': deliveryMs }, problem, notes };
}

import { z } from 'zod';

/**
 * The scenario file format (version 1). Producer and broker settings use Kafka's own config names so that a
 * student can carry what they learn here straight to a real `producer.properties`.
 * Every field has the documented default, so `{ "version": 1, "name": "x" }` is a valid scenario.
 */

export const SCENARIO_VERSION = 1 as const;
export const INT_MAX = 2147483647;

/** Error replies that a fault can make the broker send instead of processing normally. */
export const BROKER_ERROR_FAULTS = [
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'NOT_LEADER_OR_FOLLOWER',
  'REQUEST_TIMED_OUT',
] as const;
export type BrokerErrorFault = (typeof BROKER_ERROR_FAULTS)[number];

const ms = (def: number) => z.number().int().min(0).max(INT_MAX).default(def);
const probability = z.number().min(0).max(1).default(0);
const messageRef = z.number().int().min(1).describe('logical message number, 1-based');
const attemptRef = z.number().int().min(1).default(1).describe('attempt of the request carrying that message, 1-based');
const instanceRef = z
  .number()
  .int()
  .min(1)
  .default(1)
  .describe('which run of the application sent it: 1, or 2, 3… for the messages re-sent after a producer restart');

export const producerConfigSchema = z
  .object({
    'enable.idempotence': z.boolean().default(true),
    acks: z.enum(['all', '1', '0']).default('all'),
    'max.in.flight.requests.per.connection': z.number().int().min(1).max(10).default(5),
    retries: z.number().int().min(0).max(INT_MAX).default(INT_MAX),
    'retry.backoff.ms': ms(100),
    'retry.backoff.max.ms': ms(1000),
    'request.timeout.ms': z.number().int().min(1).max(INT_MAX).default(30000),
    'delivery.timeout.ms': z.number().int().min(1).max(INT_MAX).default(120000),
    'linger.ms': ms(5),
    'batch.size.records': z.number().int().min(1).max(10000).default(1),
  })
  .strict();

export const brokerConfigSchema = z
  .object({
    'producer.id.expiration.ms': z.number().int().min(1).max(INT_MAX).default(86400000),
    'producer.id.expiration.check.interval.ms': z.number().int().min(1).max(INT_MAX).default(600000),
    /** Time the broker takes to handle one produce request. */
    processingMs: ms(1),
  })
  .strict();

export const workloadSchema = z
  .object({
    messages: z.number().int().min(0).max(200000).default(3),
    startMs: ms(0),
    intervalMs: ms(10),
    /** Extra random spacing added to each interval, drawn from the workload stream. */
    jitterMs: ms(0),
  })
  .strict();

export const networkSchema = z
  .object({
    latencyMs: z
      .object({ min: ms(5), max: ms(15) })
      .strict()
      .refine((l) => l.max >= l.min, { message: 'max must be at least min', path: ['max'] })
      .default({ min: 5, max: 15 }),
  })
  .strict();

export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lose-request'), message: messageRef, attempt: attemptRef, instance: instanceRef }).strict(),
  z.object({ kind: z.literal('lose-response'), message: messageRef, attempt: attemptRef, instance: instanceRef }).strict(),
  z
    .object({ kind: z.literal('delay-request'), message: messageRef, attempt: attemptRef, instance: instanceRef, delayMs: z.number().int().min(1).max(INT_MAX) })
    .strict(),
  z
    .object({
      kind: z.literal('stall'),
      message: messageRef,
      attempt: attemptRef,
      instance: instanceRef,
      /** Which way the link stalls: requests to the broker, or responses back to the producer. */
      direction: z.enum(['request', 'response']).default('request'),
      durationMs: z.number().int().min(1).max(INT_MAX),
    })
    .strict(),
  z.object({ kind: z.literal('error-reply'), message: messageRef, attempt: attemptRef, instance: instanceRef, error: z.enum(BROKER_ERROR_FAULTS) }).strict(),
  z.object({ kind: z.literal('broker-restart'), atMs: ms(0), downMs: ms(100) }).strict(),
  z.object({ kind: z.literal('producer-restart'), atMs: ms(0), downMs: ms(50) }).strict(),
]);

export const faultRatesSchema = z
  .object({
    loseRequest: probability,
    loseResponse: probability,
    delayRequest: probability,
    delayMs: ms(1500),
    stall: probability,
    stallMs: ms(1500),
    errorReply: probability,
  })
  .strict();

export const scenarioSchema = z
  .object({
    version: z.literal(SCENARIO_VERSION),
    id: z.string().regex(/^[a-z0-9-]*$/, 'use lower-case letters, digits and dashes').max(80).default('custom'),
    name: z.string().min(1).max(200),
    description: z.string().max(5000).default(''),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    producer: producerConfigSchema.default(producerConfigSchema.parse({})),
    broker: brokerConfigSchema.default(brokerConfigSchema.parse({})),
    workload: workloadSchema.default(workloadSchema.parse({})),
    network: networkSchema.default(networkSchema.parse({})),
    faults: z
      .object({
        scripted: z.array(faultSchema).max(10000).default([]),
        rates: faultRatesSchema.default(faultRatesSchema.parse({})),
      })
      .strict()
      .default({ scripted: [], rates: faultRatesSchema.parse({}) }),
  })
  .strict();

/** A scenario as written in a file: defaults may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in: what the simulation runs. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ProducerConfig = Scenario['producer'];
export type BrokerConfig = Scenario['broker'];
export type Fault = z.output<typeof faultSchema>;
export type FaultRates = Scenario['faults']['rates'];

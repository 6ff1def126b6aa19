import { describe, expect, test } from 'vitest';
import type { ProducerConfig } from '../scenario/schema';
import { partyHarness, type Observed } from '../testing/party-harness';
import { producerConfig } from '../testing/scenario';
import type { Packet } from './effects';
import type { ProducerEvent } from './producer-events';
import type { ProducerContext } from './producer.machine';
import { producerMachine } from './producer.machine';

/**
 * How the client retries, fails and resolves batches, against Kafka's Sender, RecordAccumulator and
 * TransactionManager (reference §1.3, §1.5, §1.7).
 */

type ProduceRef = Extract<Packet, { kind: 'produce' }>['ref'];

function driver(over: Partial<ProducerConfig> = {}) {
  const config = producerConfig({ 'linger.ms': 0, ...over });
  const h = partyHarness(producerMachine, 'producer-1', (clock) => ({ instance: 1, config, firstBatchId: 1, firstReqId: 1, firstConnection: 0, clock }), ['network']);
  const m = () => (h.actor.getSnapshot().context as ProducerContext).m;
  const send = (event: ProducerEvent, now?: number) => h.send(event, now);
  return { m, p: () => m().partitions[0]!, send };
}

const produced = (fx: Observed[]): ProduceRef[] =>
  fx.flatMap((f) => (f.type === 'sent' && f.event.type === 'packet.send' && (f.event['packet'] as Packet).kind === 'produce' ? [(f.event['packet'] as Extract<Packet, { kind: 'produce' }>).ref] : []));

/** An idempotent producer with pid 1000, epoch 0 and messages 1..n in flight (one per batch). */
function withInFlight(n: number, over: Partial<ProducerConfig> = {}) {
  const d = driver(over);
  d.send({ type: 'producer.start' });
  d.send({ type: 'app.send', message: 1, resend: false }, 0);
  d.send({ type: 'pid.assigned', pid: 1000, epoch: 0, connection: d.m().connection }, 5);
  for (let msg = 2; msg <= n; msg++) d.send({ type: 'app.send', message: msg, resend: false }, 5 + msg);
  return d;
}

describe('retries after a disconnect, idempotence off (§1.5)', () => {
  test('the dead connection’s requests are retried newest first (addFirst), not in send order', () => {
    const d = driver({ 'enable.idempotence': false, 'request.timeout.ms': 1000, 'delivery.timeout.ms': 60000 });
    d.send({ type: 'producer.start' });
    for (const msg of [1, 2, 3]) d.send({ type: 'app.send', message: msg, resend: false }, msg);
    expect(d.m().requests.size).toBe(3);
    d.send({ type: 'connection.broken', connection: d.m().connection }, 10);
    const out: ProduceRef[] = [];
    out.push(...produced(d.send({ type: 'reconnect.ready' }, 60)));
    // the backoff timers fire in the order the batches failed: oldest first
    for (const batch of [1, 2, 3]) out.push(...produced(d.send({ type: 'backoff.elapsed', batch, attempt: 1 }, 110)));
    expect(out.map((r) => [r.messages[0], r.attempt])).toEqual([
      [3, 2],
      [2, 2],
      [1, 2],
    ]);
  });

  test('with idempotence on the same failure is retried in sequence order', () => {
    const d = withInFlight(3, { 'request.timeout.ms': 1000, 'delivery.timeout.ms': 60000 });
    d.send({ type: 'connection.broken', connection: d.m().connection }, 10);
    expect(d.p().queue.toArray().map((b) => b.baseSeq)).toEqual([0, 1, 2]);
  });
});

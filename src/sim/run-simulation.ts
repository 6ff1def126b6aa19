import { Kernel } from './kernel/kernel';
import { createRng } from './kernel/rng';
import { brokerMachine } from './machines/broker.machine';
import type { BrokerEvent } from './machines/broker-events';
import type { BrokerEffect } from './machines/broker-model';
import type { Effect } from './machines/effects';
import { startMachine, type Engine, type MachineRunner } from './machines/machine-runner';
import { createNetworkModel, type NetworkEffect, type NetworkEvent } from './machines/network-model';
import { networkMachine } from './machines/network.machine';
import type { ProducerEvent } from './machines/producer-events';
import { producerMachine } from './machines/producer.machine';
import { stepActor } from './machines/step';
import { createFaultPlan } from './network/fault-plan';
import type { Scenario } from './scenario/schema';
import type { Trace } from './trace/types';

export interface RunOptions {
  /** Safety limit: the run stops (and is marked truncated) after this many trace events. */
  maxEvents?: number;
  /**
   * How the machines run: `'flat'` (default) steps each machine's own transition table directly; `'actor'` uses
   * XState's `createActor`. Traces are byte-identical (property-tested); `'actor'` is the reference.
   */
  engine?: Engine;
}

type AppEvent =
  | { type: 'workload'; message: number }
  | { type: 'producer.crash'; downMs: number }
  | { type: 'producer.restart' }
  | { type: 'broker.crash'; downMs: number }
  | { type: 'broker.restart' }
  | { type: 'expiry.check' };

type Item =
  | { to: 'producer'; instance: number; event: ProducerEvent }
  | { to: 'broker'; event: BrokerEvent }
  | { to: 'network'; event: NetworkEvent }
  | { to: 'app'; event: AppEvent };

/**
 * Runs a scenario to completion and returns its trace: plain, serialisable data. Pure and deterministic:
 * the same scenario (seed included) always gives a byte-identical trace.
 * @example const trace = runSimulation(getPreset('lost-ack')!.scenario); checkTrace(trace).duplicates
 */
export function runSimulation(scenario: Scenario, options: RunOptions = {}): Trace {
  const maxEvents = options.maxEvents ?? 2_000_000;
  const rng = createRng(scenario.seed);
  const k = new Kernel<Item>();
  const plan = createFaultPlan(scenario.faults.scripted, scenario.faults.rates, rng.faults);
  const engine = options.engine ?? 'flat';
  const broker = startMachine(brokerMachine, scenario.broker, engine);
  const network = startMachine(networkMachine, { n: createNetworkModel(scenario.network.latencyMs, rng.network, plan) }, engine);

  // The application: what it has sent, what it has seen acknowledged, what waits while its producer is down.
  const sent: number[] = [];
  const acked = new Set<number>();
  let buffered: number[] = [];
  let instance = 1;
  let producer: MachineRunner<typeof producerMachine> | null = null;
  let configError: string | null = null;

  const onProducerEffect = (fx: Effect<ProducerEvent>) => {
    if (fx.type === 'record') {
      const ev = k.record(fx.ev);
      if (ev.kind === 'delivery.ack') for (const msg of ev.messages) acked.add(msg);
      if (ev.kind === 'config.error') configError = ev.message;
    } else if (fx.type === 'timer') k.schedule(k.now + fx.delayMs, { to: 'producer', instance, event: fx.event }, false, fx.key);
    else if (fx.type === 'cancel') k.cancel(fx.key);
    else if (fx.type === 'send') k.schedule(k.now, { to: 'network', event: { type: 'send', packet: fx.packet } });
    else k.schedule(k.now, { to: 'network', event: { type: 'close', connection: fx.connection } });
  };
  const onBrokerEffect = (fx: BrokerEffect) => {
    if (fx.type === 'record') k.record(fx.ev);
    else if (fx.type === 'append') k.append(fx.records);
    else if (fx.type === 'reply') k.schedule(k.now + fx.delayMs, { to: 'network', event: { type: 'send', packet: fx.packet } });
  };
  const onNetworkEffect = (fx: NetworkEffect) => {
    if (fx.type === 'record') k.record(fx.ev);
    else if (fx.type === 'timer') k.schedule(k.now + fx.delayMs, { to: 'network', event: fx.event });
    else if (fx.type === 'deliver') {
      const d = fx.delivery;
      const item: Item = d.to === 'broker' ? { to: 'broker', event: d.event } : { to: 'producer', instance, event: d.event };
      k.schedule(k.now + fx.delayMs, item, false, fx.key);
    } else if (fx.type === 'withdraw') {
      if (k.cancel(fx.key) && fx.loss) k.record(fx.loss);
    } else k.schedule(k.now + fx.delayMs, { to: 'producer', instance, event: fx.event });
  };
  const sendProducer = (event: ProducerEvent) => producer?.send(event);
  const sendBroker = (event: BrokerEvent) => broker.send(event);
  const sendNetwork = (event: NetworkEvent) => network.send(event);
  const runProducer = (event: ProducerEvent) => {
    if (producer) stepActor(producer.context.m, k.now, sendProducer, event, onProducerEffect);
  };
  const runBroker = (event: BrokerEvent) => stepActor(broker.context.b, k.now, sendBroker, event, onBrokerEffect);
  const runNetwork = (event: NetworkEvent) => stepActor(network.context.n, k.now, sendNetwork, event, onNetworkEffect);

  /** Ids continue across restarts so every batch, request and connection in the trace is unique. */
  let ids = { nextBatchId: 1, nextReqId: 1, connection: 0 };
  const startProducer = (resend: number[]) => {
    producer = startMachine(
      producerMachine,
      { instance, config: scenario.producer, firstBatchId: ids.nextBatchId, firstReqId: ids.nextReqId, firstConnection: ids.connection },
      engine,
    );
    runProducer({ type: 'producer.start' });
    if (producer.value === 'rejected') {
      producer = null;
      return;
    }
    for (const msg of resend) runProducer({ type: 'app.send', message: msg, resend: true });
  };

  const runApp = (event: AppEvent) => {
    switch (event.type) {
      case 'workload': {
        sent.push(event.message);
        if (producer) runProducer({ type: 'app.send', message: event.message, resend: false });
        else buffered.push(event.message);
        if (event.message < scenario.workload.messages) {
          const jitter = scenario.workload.jitterMs > 0 ? Math.floor(rng.workload.next() * (scenario.workload.jitterMs + 1)) : 0;
          k.schedule(k.now + scenario.workload.intervalMs + jitter, { to: 'app', event: { type: 'workload', message: event.message + 1 } });
        }
        break;
      }
      case 'producer.crash': {
        if (!producer) break;
        const unacked = sent.filter((msg) => !acked.has(msg));
        k.record({ kind: 'producer.crashed', lane: 'producer', instance, unacked });
        runProducer({ type: 'producer.crash' });
        const dead = producer.context.m;
        producer = null;
        ids = { nextBatchId: dead.nextBatchId, nextReqId: dead.nextReqId, connection: dead.connection };
        k.schedule(k.now + event.downMs, { to: 'app', event: { type: 'producer.restart' } });
        break;
      }
      case 'producer.restart': {
        instance += 1;
        const resend = sent.filter((msg) => !acked.has(msg) && !buffered.includes(msg));
        const waiting = buffered;
        buffered = [];
        startProducer(resend);
        for (const msg of waiting) runProducer({ type: 'app.send', message: msg, resend: false });
        break;
      }
      case 'broker.crash':
        runBroker({ type: 'broker.crash' });
        runNetwork({ type: 'broker.down' });
        k.schedule(k.now + event.downMs, { to: 'app', event: { type: 'broker.restart' } });
        break;
      case 'broker.restart':
        runBroker({ type: 'broker.restart' });
        runNetwork({ type: 'broker.up' });
        break;
      case 'expiry.check':
        runBroker({ type: 'expiry.check' });
        k.schedule(k.now + scenario.broker['producer.id.expiration.check.interval.ms'], { to: 'app', event }, true);
        break;
    }
  };

  startProducer([]);
  if (configError === null) {
    if (scenario.workload.messages > 0) {
      k.schedule(scenario.workload.startMs, { to: 'app', event: { type: 'workload', message: 1 } });
    }
    for (const f of scenario.faults.scripted) {
      if (f.kind === 'broker-restart') k.schedule(f.atMs, { to: 'app', event: { type: 'broker.crash', downMs: f.downMs } });
      if (f.kind === 'producer-restart') k.schedule(f.atMs, { to: 'app', event: { type: 'producer.crash', downMs: f.downMs } });
    }
    const interval = scenario.broker['producer.id.expiration.check.interval.ms'];
    k.schedule(interval, { to: 'app', event: { type: 'expiry.check' } }, true);
  }

  let truncated = false;
  for (let item = k.next(); item !== undefined; item = k.next()) {
    if (item.to === 'producer') {
      if (item.instance === instance) runProducer(item.event);
    } else if (item.to === 'broker') runBroker(item.event);
    else if (item.to === 'network') runNetwork(item.event);
    else runApp(item.event);
    if (k.events.length >= maxEvents) {
      truncated = true;
      break;
    }
  }
  const endT = k.events.length > 0 ? k.events[k.events.length - 1]!.t : 0;
  return { version: 1, scenario, events: k.events, log: k.log, configError, endT, truncated };
}

import { createActor, type AnyActorRef, type InspectionEvent } from 'xstate';
import { MAX_EVENTS } from './budget/estimate-work';
import { keepDelayedEventsBySender } from './kernel/delayed-events';
import { Kernel } from './kernel/kernel';
import { createRng } from './kernel/rng';
import { brokerMachine } from './machines/broker.machine';
import { consumerMachine, consumerSystemId } from './machines/consumer.machine';
import type { ConsumerEnv } from './machines/consumer-model';
import { createConsumerFaultPlan } from './machines/consumer-fault-plan';
import { coordinatorMachine } from './machines/coordinator.machine';
import { databaseMachine } from './machines/database.machine';
import { connectionMachine } from './machines/connection.machine';
import { labMachine, type LabEvent } from './machines/lab.machine';
import { createNetworkModel } from './machines/network-model';
import { networkMachine, producerSystemId } from './machines/network.machine';
import { producerMachine } from './machines/producer.machine';
import { createFaultPlan } from './network/fault-plan';
import { replicationOf, type Scenario } from './scenario/schema';
import { nextExpiryCheck } from './protocol/broker-rules';
import { StateRecorder } from './trace/state-recorder';
import type { ConsumerMemberId, Trace, TraceEvent } from './trace/types';
import { clusterLabMachine, replicaIds } from './machines/cluster.machine';
import { controllerMachine } from './machines/controller.machine';
import { brokerSystemId } from './machines/replica-model';
import { replicaMachine } from './machines/replica.machine';
import { createClusterView, finalLog } from './trace/cluster-view';
import { databaseTables } from './trace/database-tables';
import { runTransactions } from './txn/run-transactions';

export interface RunOptions {
  /** Safety limit: the run stops (and is marked truncated) after this many trace events. */
  maxEvents?: number;
  /**
   * XState's inspection of the run's actor system (every event, microstep and action), as `createActor`'s `inspect`
   * option takes it: `bench/xstate-work.ts` counts XState's work per trace event with it. Not for transactional runs.
   */
  inspect?: (event: InspectionEvent) => void;
}

/**
 * Runs a scenario to completion and returns its trace: plain, serialisable data. The producer, the network and the
 * broker are XState statecharts in one actor system, run by XState's own interpreter (`createActor`) with the
 * kernel as its clock, so every delayed event fires in virtual time, in a reproducible order. Pure and
 * deterministic: the same scenario (seed included) always gives a byte-identical trace.
 * @example const trace = runSimulation(getPreset('lost-ack')!.scenario); checkTrace(trace).duplicates
 */
export function runSimulation(scenario: Scenario, options: RunOptions = {}): Trace {
  const maxEvents = options.maxEvents ?? MAX_EVENTS;
  // A transactional run (scenario version 3) has parties of its own (sim/txn/).
  if (scenario.transactions) return runTransactions(scenario, maxEvents);
  const rng = createRng(scenario.seed);
  const k = new Kernel();
  const plan = createFaultPlan(scenario.faults.scripted, scenario.faults.rates, rng.faults);

  // The application: what it has sent, what it has seen acknowledged, what waits while its producer is down.
  const sent: number[] = [];
  const acked = new Set<number>();
  let buffered: number[] = [];
  let instance = 1;
  let producer: AnyActorRef | null = null;
  let configError: string | null = null;

  // With replication (replication.factor > 1) every event also carries the replicas' view (trace/cluster-view.ts).
  // A consumer side runs only without replication (the scenario schema refuses both together).
  const replicated = replicationOf(scenario.broker).rf > 1;
  let clusterView: (() => TraceEvent['cluster']) | null = null;
  let coordinator: AnyActorRef | null = null;
  const recorder = new StateRecorder(k, (ev: TraceEvent) => {
    if (ev.kind === 'delivery.ack') for (const msg of ev.messages) acked.add(msg);
    else if (ev.kind === 'config.error') configError = ev.message;
    // The consumer side: fetches waiting past the log end are answered once the log has grown (just after this event).
    else if (coordinator && ev.kind === 'broker.handled' && ev.offset >= 0 && ev.verdict !== 'duplicate') {
      const c = coordinator;
      k.schedule(k.now, () => c.send({ type: 'log.appended' }));
    }
    if (clusterView) ev.cluster = clusterView();
  });
  const labInput = { clock: k, broker: scenario.broker, kafkaVersion: scenario.kafkaVersion, network: createNetworkModel(scenario.network.latencyMs, rng.network, plan) };
  const lab: AnyActorRef = replicated
    ? createActor(clusterLabMachine, { clock: k, input: labInput, inspect: options.inspect })
    : createActor(labMachine, { clock: k, input: labInput, inspect: options.inspect });
  keepDelayedEventsBySender(lab.system, k);
  lab.subscribe({ error: (err: unknown) => (recorder.failure ??= err) });
  lab.start();
  const network = lab.system.get('network') as AnyActorRef;
  const broker = lab.system.get('broker') as AnyActorRef;
  recorder.watch('network', network, networkMachine);
  recorder.watch('connection', lab.system.get('connection') as AnyActorRef, connectionMachine);
  const replicas = replicated ? replicaIds(scenario.broker) : [];
  const replicaActor = (id: number) => lab.system.get(brokerSystemId(id)) as AnyActorRef;
  const controller = replicated ? (lab.system.get('controller') as AnyActorRef) : null;
  if (controller) {
    for (const id of replicas) recorder.watch(brokerSystemId(id) as 'broker', replicaActor(id), replicaMachine);
    recorder.watch('controller' as 'broker', controller, controllerMachine);
    clusterView = createClusterView(controller, replicas.map((id) => ({ id, actor: replicaActor(id) })));
  } else recorder.watch('broker', broker, brokerMachine);

  /** Ids continue across restarts so every batch, request and connection in the trace is unique. */
  let ids = { nextBatchId: 1, nextReqId: 1, connection: 0 };
  const startProducer = (resend: number[]) => {
    lab.send({
      type: 'producer.launch',
      input: { instance, config: scenario.producer, kafkaVersion: scenario.kafkaVersion, firstBatchId: ids.nextBatchId, firstReqId: ids.nextReqId, firstConnection: ids.connection },
    });
    const actor = lab.system.get(producerSystemId(instance)) as AnyActorRef;
    recorder.watch('producer', actor, producerMachine);
    actor.send({ type: 'producer.start' });
    if (actor.getSnapshot().value === 'rejected') return;
    producer = actor;
    for (const msg of resend) actor.send({ type: 'app.send', message: msg, resend: true });
  };

  const workload = (message: number) => {
    sent.push(message);
    if (producer) producer.send({ type: 'app.send', message, resend: false });
    else buffered.push(message);
    if (message < scenario.workload.messages) {
      const jitter = scenario.workload.jitterMs > 0 ? Math.floor(rng.workload.next() * (scenario.workload.jitterMs + 1)) : 0;
      k.schedule(k.now + scenario.workload.intervalMs + jitter, () => workload(message + 1));
    }
  };

  const crashProducer = (downMs: number) => {
    if (!producer) return;
    const unacked = sent.filter((msg) => !acked.has(msg));
    recorder.recordEnvironment({ kind: 'producer.crashed', lane: 'producer', instance, unacked });
    producer.send({ type: 'producer.crash' });
    const m = producer.getSnapshot().context.m;
    producer = null;
    ids = { nextBatchId: m.nextBatchId, nextReqId: m.nextReqId, connection: m.connection };
    // Retired once what it did on crashing (closing its connection, sent with no delay) has gone out.
    const crashed = instance;
    k.schedule(k.now, () => lab.send({ type: 'producer.retire', instance: crashed }));
    k.schedule(k.now + downMs, restartProducer);
  };

  const restartProducer = () => {
    instance += 1;
    const resend = sent.filter((msg) => !acked.has(msg) && !buffered.includes(msg));
    const waiting = buffered;
    buffered = [];
    startProducer(resend);
    for (const msg of waiting) producer?.send({ type: 'app.send', message: msg, resend: false });
  };

  const stopBroker = (downMs: number, shutdown: 'clean' | 'crash') => {
    if (replicated) return;
    broker.send({ type: shutdown === 'clean' ? 'broker.shutdown' : 'broker.crash' });
    network.send({ type: 'broker.down' });
    k.schedule(k.now + downMs, () => {
      broker.send({ type: 'broker.restart' });
      network.send({ type: 'broker.up' });
    });
  };

  // The broker's periodic producer-id expiration check runs at every multiple of its interval. Only a check at or
  // after the time an entry can first expire can change anything, so the run jumps to that check (and waits for an
  // entry if there is none): the cost of a run grows with its events, not with its virtual duration.
  const interval = scenario.broker['producer.id.expiration.check.interval.ms'];
  const expiration = scenario.broker['producer.id.expiration.ms'];
  let checkPending = false;
  const scheduleCheck = () => {
    const t = nextExpiryCheck(broker.getSnapshot().context.b.entries.values(), k.now, interval, expiration);
    checkPending = t !== null;
    if (t !== null) k.schedule(t, expiryCheck, true);
  };
  // While the broker is down nothing is checked; the first check after it is up again is scheduled then.
  const brokerUp = () => !replicated && (broker.getSnapshot().matches('up') as boolean);
  const expiryCheck = () => {
    broker.send({ type: 'expiry.check' });
    if (brokerUp()) scheduleCheck();
    else checkPending = false;
  };
  if (!replicated) {
    broker.subscribe(() => {
      if (!checkPending && brokerUp()) scheduleCheck();
    });
  }

  /** With replication: a broker process killed (and started again `downMs` later); a follower cut off from the leader for a while. */
  const killBroker = (id: number, downMs: number | undefined) => {
    if (!controller || !replicas.includes(id)) return;
    replicaActor(id).send({ type: 'broker.kill' });
    controller.send({ type: 'broker.failed', broker: id });
    if (downMs !== undefined) k.schedule(k.now + downMs, () => replicaActor(id).send({ type: 'broker.start' }));
  };
  const isolateFollower = (id: number, durationMs: number) => {
    if (!replicas.includes(id)) return;
    replicaActor(id).send({ type: 'follower.isolate' });
    k.schedule(k.now + durationMs, () => replicaActor(id).send({ type: 'follower.heal' }));
  };

  if (scenario.consumer && !replicated) {
    const consumer = scenario.consumer;
    const cfaults = createConsumerFaultPlan(scenario.faults.scripted, scenario.faults.consumerRates, rng.faults, consumer.restartMs);
    // The lab's root (lab.machine.ts; a run with a consumer has no replication) starts the consumer side's parties.
    const start: LabEvent = {
      type: 'consumer-side.start',
      coordinator: {
        clock: k,
        log: {
          logEndOffset: () => k.log.length,
          read: (from, to) => k.log.slice(from, to).map((r) => ({ offset: r.offset, message: r.message })),
        },
        sessionTimeoutMs: consumer['session.timeout.ms'],
        rebalanceTimeoutMs: consumer['max.poll.interval.ms'],
        latencyMs: consumer.requestLatencyMs,
        loseCommitResponse: cfaults.loseCommitResponse,
      },
      database: { config: scenario.database!, clock: k },
    };
    lab.send(start);
    coordinator = lab.system.get('coordinator') as AnyActorRef;
    const database = lab.system.get('database') as AnyActorRef;
    recorder.watch('coordinator', coordinator, coordinatorMachine);
    recorder.watch('database', database, databaseMachine);
    const deliveries = new Map<number, number>();
    let nextTxn = 1;
    let nextCommit = 1;
    const env: ConsumerEnv = {
      delivered: (message) => {
        const n = (deliveries.get(message) ?? 0) + 1;
        deliveries.set(message, n);
        return n;
      },
      nextTxn: () => nextTxn++,
      nextCommit: () => nextCommit++,
      crashAt: cfaults.crashAt,
      slowness: cfaults.slowness,
      crashed: (member, crashedInstance, downMs, memberId) => {
        // Its heartbeats stop (the coordinator's session timer starts); the actor is retired; a new process starts later.
        k.schedule(k.now, () => {
          if (memberId >= 0) coordinator?.send({ type: 'group.silent', memberId });
          lab.send({ type: 'consumer.retire', member, instance: crashedInstance });
        });
        k.schedule(k.now + downMs, () => launchMember(member, crashedInstance + 1));
      },
    };
    const launchMember = (member: ConsumerMemberId, memberInstance: number) => {
      const self = consumerSystemId(member, memberInstance);
      lab.send({ type: 'consumer.launch', input: { member, instance: memberInstance, self, config: consumer, database: scenario.database!, dedup: scenario.dedup!.strategy, env } });
      const actor = lab.system.get(self) as AnyActorRef;
      recorder.watch(member, actor, consumerMachine);
      actor.send({ type: 'consumer.start' });
    };
    k.schedule(consumer.startMs, () => launchMember('consumer-1', 1));
    const join = scenario.faults.scripted.find((f) => f.kind === 'member-join');
    if (join) k.schedule(join.atMs, () => launchMember('consumer-2', 1));
    for (const f of scenario.faults.scripted) {
      if (f.kind === 'database-outage') k.schedule(f.atMs, () => database.send({ type: 'db.outage', downMs: f.downMs }));
    }
  }

  startProducer([]);
  if (configError === null) {
    if (scenario.workload.messages > 0) k.schedule(scenario.workload.startMs, () => workload(1));
    for (const f of scenario.faults.scripted) {
      if (f.kind === 'broker-restart') k.schedule(f.atMs, () => stopBroker(f.downMs, f.shutdown));
      if (f.kind === 'producer-restart') k.schedule(f.atMs, () => crashProducer(f.downMs));
      if (f.kind === 'broker-kill') k.schedule(f.atMs, () => killBroker(f.broker, f.downMs));
      if (f.kind === 'follower-isolate') k.schedule(f.atMs, () => isolateFollower(f.broker, f.durationMs));
    }
    // With replication the brokers do not expire producer ids (see the fidelity notes).
    if (!replicated) scheduleCheck();
  }

  const truncated = recorder.runToEnd(maxEvents);
  // With replication the partition's log is the one its leader ends with: what failover truncated is not in it.
  const log = controller ? finalLog(controller, replicas.map((id) => ({ id, actor: replicaActor(id) })), k.log) : k.log;
  lab.stop();
  const endT = k.events.length > 0 ? k.events[k.events.length - 1]!.t : 0;
  const trace: Trace = { version: 1, scenario, events: k.events, log, configError, endT, truncated };
  if (scenario.consumer) trace.database = databaseTables(k.events);
  return trace;
}

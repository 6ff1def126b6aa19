import { createActor, enqueueActions, setup, type AnyActorRef } from 'xstate';
import { MAX_EVENTS } from '../budget/estimate-work';
import { keepDelayedEventsBySender } from '../kernel/delayed-events';
import { Kernel, type SimClock } from '../kernel/kernel';
import { createRng } from '../kernel/rng';
import { resolveProducerConfig } from '../protocol/producer-config';
import { lastStableOffset, type PartitionLog } from '../protocol/txn-rules';
import { transactionRulesOf, type Fault, type Scenario, type TxnCrashPoint } from '../scenario/schema';
import { StateRecorder } from '../trace/state-recorder';
import type { PartitionView, PartyId, PartyStates, ReaderId, Trace, TraceEvent, TxnPartyId } from '../trace/types';
import { LINK_ID } from './txn-effects';
import { txnLinkMachine } from './txn-link.machine';
import { outputPartition, partitionLogs, partitionsMachine, PARTITIONS_ID, type PartitionsInput } from './partitions.machine';
import { readerMachine, type ReaderInput } from './reader.machine';
import { txnAppMachine, txnAppSystemId, type TxnAppMachineInput } from './txn-app.machine';
import type { TxnAppEnv, TxnAppInput } from './txn-app-model';
import { TXN_COORDINATOR_ID, txnCoordinatorMachine, txnStateLog, type TxnCoordinatorInput } from './txn-coordinator.machine';

type RootInput = { clock: SimClock; coordinator: TxnCoordinatorInput; partitions: PartitionsInput };
/** Which of the application's charts an instance is followed as. */
type AppParty = Extract<TxnPartyId, 'txn-producer' | 'txn-replacement'>;

type RootEvent = { type: 'app.launch'; input: TxnAppInput } | { type: 'app.retire'; instance: number } | { type: 'reader.launch'; input: ReaderInput };

/**
 * The root of a transactional run's actor system: it invokes the link, the transaction coordinator and the broker
 * that leads the partitions, and launches each application instance (a new one after a crash or a takeover) and
 * the downstream readers. Parties find each other by system id.
 */
export const txnLabMachine = setup({
  types: { input: {} as RootInput, context: {} as RootInput, events: {} as RootEvent },
  actors: { link: txnLinkMachine, coordinator: txnCoordinatorMachine, partitions: partitionsMachine, app: txnAppMachine, reader: readerMachine },
  actions: {
    launch: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'app.launch') return;
      const id = txnAppSystemId(event.input.instance);
      enqueue.spawnChild('app', { id, systemId: id, input: { ...event.input, clock: context.clock } satisfies TxnAppMachineInput });
    }),
    retire: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'app.retire') enqueue.stopChild(txnAppSystemId(event.instance));
    }),
    launchReader: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'reader.launch') enqueue.spawnChild('reader', { id: event.input.id, systemId: event.input.id, input: event.input });
    }),
  },
}).createMachine({
  id: 'txn-lab',
  context: ({ input }) => input,
  invoke: [
    { src: 'link', id: LINK_ID, systemId: LINK_ID },
    { src: 'coordinator', id: TXN_COORDINATOR_ID, systemId: TXN_COORDINATOR_ID, input: ({ context }) => context.coordinator },
    { src: 'partitions', id: PARTITIONS_ID, systemId: PARTITIONS_ID, input: ({ context }) => context.partitions },
  ],
  on: { 'app.launch': { actions: 'launch' }, 'app.retire': { actions: 'retire' }, 'reader.launch': { actions: 'launchReader' } },
});

type TxnFault = Extract<Fault, { txn: number }>;

/** The scripted faults of a transactional run, by the transaction they strike. */
function faultsByTxn(faults: readonly Fault[]) {
  const of = <K extends TxnFault['kind']>(kind: K) => faults.filter((f): f is Extract<TxnFault, { kind: K }> => f.kind === kind);
  const lostOnce = new Set(of('lose-endtxn-response').map((f) => f.txn));
  return {
    crashAt: (txn: number, point: TxnCrashPoint) => {
      const f = of('txn-crash').find((x) => x.txn === txn && x.at === point);
      return f ? { downMs: f.restart ? f.downMs : null } : null;
    },
    zombieAt: (txn: number, at: 'before-produce' | 'after-produce') => {
      const f = of('txn-zombie').find((x) => x.txn === txn && x.at === at);
      return f ? { pauseMs: f.pauseMs, takeoverMs: f.takeoverMs } : null;
    },
    abortInstead: (txn: number) => of('txn-abort').some((f) => f.txn === txn),
    delayProduce: (txn: number) => of('delay-produce').find((f) => f.txn === txn)?.delayMs ?? 0,
    idle: (txn: number) => of('txn-idle').find((f) => f.txn === txn)?.idleMs ?? 0,
    loseEndTxnResponse: (txn: number) => lostOnce.delete(txn),
  };
}

function viewOf(log: PartitionLog): PartitionView {
  return {
    id: log.id,
    records: log.records,
    lso: lastStableOffset(log),
    leo: log.records.length,
    aborted: log.aborted,
    open: [...log.open.entries()].map(([pid, first]) => ({ pid, first })),
  };
}

/**
 * Runs a transactional scenario (scenario version 3): the upstream producer fills the input topic, the
 * transactional application reads, transforms and writes it in transactions, the readers read the output at their
 * isolation level. Pure and deterministic, like every run; XState's interpreter runs every party with the kernel
 * as its clock.
 */
export function runTransactions(scenario: Scenario, maxEvents = MAX_EVENTS): Trace {
  const txn = scenario.transactions!;
  // The producer's own checks come first (ProducerConfig.postProcessAndValidateIdempotenceConfigs): a transactional
  // producer needs idempotence, so turning it off (or acks/retries turning it off) is a ConfigException.
  const resolved = resolveProducerConfig(scenario.producer, scenario.kafkaVersion);
  const refused = resolved.problem ?? (resolved.config['enable.idempotence'] ? null : 'transactional-id-without-idempotence');
  if (refused) {
    const k = new Kernel();
    k.record({ kind: 'config.error', lane: 'producer', message: refused, states: {} as PartyStates } as never);
    return { version: 1, scenario, events: k.events, log: [], configError: refused, endT: 0, truncated: false, partitions: [] };
  }
  const { tv, verification } = transactionRulesOf(scenario);
  const rng = createRng(scenario.seed);
  const k = new Kernel();
  const faults = faultsByTxn(scenario.faults.scripted);
  const latencyMs = txn.requestLatencyMs;
  const outputs = Array.from({ length: txn['output.partitions'] }, (_, p) => outputPartition(p));

  let lab: AnyActorRef | null = null;
  const alive = (id: string) => lab?.system.get(id) !== undefined;
  const readers: { id: ReaderId; actor: AnyActorRef }[] = [];
  let pollQueued = false;
  const pollReaders = () => {
    if (pollQueued || readers.length === 0) return;
    pollQueued = true;
    k.schedule(k.now, () => {
      pollQueued = false;
      for (const r of readers) r.actor.send({ type: 'poll' });
    });
  };
  const recorder = new StateRecorder(
    k,
    (ev: TraceEvent) => {
      // The readers fetch whenever the output changes: a write, or a marker.
      if (ev.kind === 'txn.marker' && ev.error === 'NONE' && outputs.includes(ev.partition)) pollReaders();
      else if (ev.kind === 'txn.handled' && ev.api === 'Produce' && ev.results?.some((r) => r.error === 'NONE' && !r.duplicate)) pollReaders();
    },
    {} as PartyStates,
  );

  const root = createActor(txnLabMachine, {
    clock: k,
    input: {
      clock: k,
      coordinator: {
        clock: k,
        cfg: {
          transactionalId: txn['transactional.id'],
          tv,
          timeoutMs: txn['transaction.timeout.ms'],
          checkIntervalMs: txn['transaction.abort.timed.out.transaction.cleanup.interval.ms'],
          latencyMs,
          loseEndTxnResponse: faults.loseEndTxnResponse,
          alive,
        },
      },
      partitions: { clock: k, cfg: { outputPartitions: txn['output.partitions'], tv, verification, latencyMs, alive } },
    },
  });
  lab = root;
  keepDelayedEventsBySender(root.system, k);
  root.subscribe({ error: (err: unknown) => (recorder.failure ??= err) });
  root.start();
  const partitions = root.system.get(PARTITIONS_ID) as AnyActorRef;
  const coordinator = root.system.get(TXN_COORDINATOR_ID) as AnyActorRef;
  recorder.watch('txn-coordinator' as PartyId, coordinator, txnCoordinatorMachine);
  recorder.watch('partitions' as PartyId, partitions, partitionsMachine);

  const total = scenario.workload.messages;
  let nextReq = 1;
  let nextTxn = 1;
  let instances = 0;
  let produced = 0;
  const env: TxnAppEnv = {
    nextReq: () => nextReq++,
    nextTxn: () => nextTxn++,
    crashAt: faults.crashAt,
    zombieAt: faults.zombieAt,
    abortInstead: faults.abortInstead,
    delayProduce: faults.delayProduce,
    idle: faults.idle,
    // A restarted instance is followed as the party its predecessor was; one that takes over from a stalled
    // instance (a zombie to be) as the replacement, so the zombie's own chart goes on to show it being fenced.
    crashed: (instance, downMs) => {
      k.schedule(k.now, () => root.send({ type: 'app.retire', instance }));
      const party = partyOf.get(instance) ?? 'txn-producer';
      if (downMs !== null) k.schedule(k.now + downMs, () => launch(party));
    },
    takeover: (_instance, takeoverMs) => {
      k.schedule(k.now + takeoverMs, () => launch('txn-replacement'));
    },
    total,
    produced: () => produced,
    committed: (upTo) => {
      produced = Math.max(produced, upTo);
    },
  };
  const partyOf = new Map<number, AppParty>();
  function launch(party: AppParty = 'txn-producer'): void {
    instances += 1;
    const instance = instances;
    partyOf.set(instance, party);
    root.send({ type: 'app.launch', input: { instance, self: txnAppSystemId(instance), cfg: txn, tv, env } });
    const actor = root.system.get(txnAppSystemId(instance)) as AnyActorRef;
    recorder.watch(party as PartyId, actor, txnAppMachine);
    actor.send({ type: 'app.start' });
  }

  txn.readers.forEach((r, i) => {
    const id: ReaderId = `reader-${i + 1}`;
    root.send({ type: 'reader.launch', input: { clock: k, id, isolation: r['isolation.level'], partitions: outputs, latencyMs } });
    const actor = root.system.get(id) as AnyActorRef;
    recorder.watch(id as PartyId, actor, readerMachine);
    readers.push({ id, actor });
  });

  // The upstream producer writes the input topic (the `produce` app has no input: it writes its own messages).
  if (txn.app === 'consume-transform-produce') {
    const upstream = (message: number) => {
      partitions.send({ type: 'input.append', message });
      if (message < total) {
        const jitter = scenario.workload.jitterMs > 0 ? Math.floor(rng.workload.next() * (scenario.workload.jitterMs + 1)) : 0;
        k.schedule(k.now + scenario.workload.intervalMs + jitter, () => upstream(message + 1));
      }
    };
    if (total > 0) k.schedule(scenario.workload.startMs, () => upstream(1));
  }
  k.schedule(txn.startMs, () => launch());
  for (const f of scenario.faults.scripted) {
    if (f.kind !== 'coordinator-restart') continue;
    k.schedule(f.atMs, () => coordinator.send({ type: 'coordinator.crash', downMs: f.downMs }));
    k.schedule(f.atMs + f.downMs, () => coordinator.send({ type: 'coordinator.restart' }));
  }

  const truncated = recorder.runToEnd(maxEvents);
  const logs = [...partitionLogs(partitions.getSnapshot() as never), txnStateLog(coordinator.getSnapshot() as never)];
  root.stop();
  const endT = k.events.length > 0 ? k.events[k.events.length - 1]!.t : 0;
  return { version: 1, scenario, events: k.events, log: [], configError: null, endT, truncated, partitions: logs.map(viewOf) };
}

import { setup } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import {
  appendBatch,
  appendMarker,
  committedOffset,
  createPartitionLog,
  fetchRecords,
  lastStableOffset,
  type IsolationLevel,
  type PartitionLog,
  type PartitionRecord,
  type TxnError,
  type TxnResult,
} from '../protocol/txn-rules';
import type { RuleFact } from '../trace/facts';
import type { ReaderId, TxnBatchRef, TxnRequestRef } from '../trace/types';
import { txnStep, type TxnStep } from './txn-effects';

/** The partitions of a transactional run, each led by the one broker (the lab's simplification: one replica each). */
export const INPUT_PARTITION = 'input-0';
export const OFFSETS_PARTITION = '__consumer_offsets-0';
export const TXN_STATE_PARTITION = '__transaction_state-0';
export const outputPartition = (p: number): string => `output-${p}`;
export const PARTITIONS_ID = 'partitions';

export type PartitionAnswer = { partition: string; error: TxnError; offset: number; duplicate: boolean; rule: RuleFact | null };
export type FetchAnswer = { partition: string; from: number; next: number; bound: number; hw: number; records: { offset: number; message: number }[] };

export type PartitionsEvent =
  | { type: 'input.append'; message: number }
  | { type: 'Produce'; ref: TxnRequestRef; batches: TxnBatchRef[]; replyTo: string }
  | { type: 'TxnOffsetCommit'; ref: TxnRequestRef; group: string; offset: number; replyTo: string }
  | { type: 'OffsetFetch'; ref: TxnRequestRef; group: string; replyTo: string }
  /** A fetch: the application's of the input (`ref`, parked while there is nothing to read) or a reader's. */
  | { type: 'Fetch'; ref: TxnRequestRef | null; reader: ReaderId | null; partitions: { partition: string; from: number }[]; isolation: IsolationLevel; max: number; replyTo: string }
  | { type: 'markers.write'; pid: number; epoch: number; result: TxnResult; partitions: string[]; replyTo: string }
  | { type: 'verify.result'; req: number; results: { partition: string; ok: boolean; error: TxnError }[] };

export interface PartitionsConfig {
  outputPartitions: number;
  /** Transaction version 2 (the leader adds partitions to the transaction itself) or 1. */
  tv: 1 | 2;
  /** KIP-890 part 1: a first transactional write to a partition is checked with the coordinator. */
  verification: boolean;
  latencyMs: number;
  /** Does the actor with this system id still exist (an answer to a crashed instance goes nowhere)? */
  alive: (id: string) => boolean;
}

interface PartitionsModel {
  cfg: PartitionsConfig;
  logs: Map<string, PartitionLog>;
  /** Produce requests and (TV2) offset commits waiting for the coordinator's verification, by request id. */
  verifying: Map<number, Extract<PartitionsEvent, { type: 'Produce' | 'TxnOffsetCommit' }>>;
  /** The application's input fetch, parked while the input has nothing past its position. */
  parked: Extract<PartitionsEvent, { type: 'Fetch' }> | null;
}

export interface PartitionsInput {
  clock: SimClock;
  cfg: PartitionsConfig;
}

function createModel(cfg: PartitionsConfig): PartitionsModel {
  const ids = [INPUT_PARTITION, ...Array.from({ length: cfg.outputPartitions }, (_, p) => outputPartition(p)), OFFSETS_PARTITION];
  return { cfg, logs: new Map(ids.map((id) => [id, createPartitionLog(id)])), verifying: new Map(), parked: null };
}

const log = (m: PartitionsModel, id: string): PartitionLog => {
  const l = m.logs.get(id);
  if (!l) throw new Error(`no partition ${id}`);
  return l;
};

const view = (r: PartitionRecord) => ({ offset: r.offset, message: r.message });

function reply(m: PartitionsModel, s: TxnStep, to: string, event: { type: string } & Record<string, unknown>): boolean {
  const alive = m.cfg.alive(to);
  s.send(to, event, m.cfg.latencyMs);
  return alive;
}

function answerFetch(m: PartitionsModel, s: TxnStep, e: Extract<PartitionsEvent, { type: 'Fetch' }>): void {
  const results: FetchAnswer[] = e.partitions.map(({ partition, from }) => {
    const f = fetchRecords(log(m, partition), from, e.isolation, e.max);
    return { partition, from, next: f.next, bound: f.bound, hw: log(m, partition).records.length, records: f.records.map(view) };
  });
  if (e.ref) {
    const records = results.flatMap((r) => r.records);
    const alive = reply(m, s, e.replyTo, { type: 'response', ref: e.ref, error: 'NONE', records, next: results[0]?.next ?? 0 });
    s.record({ kind: 'txn.handled', lane: 'broker', ...e.ref, error: 'NONE', rule: null, lost: !alive });
  } else reply(m, s, e.replyTo, { type: 'fetch.response', results });
}

/** Appends each verified batch (or answers the coordinator's refusal), then answers the Produce request. */
function produce(m: PartitionsModel, s: TxnStep, e: Extract<PartitionsEvent, { type: 'Produce' }>, refused: Map<string, TxnError>): void {
  const results: PartitionAnswer[] = e.batches.map((b) => {
    const no = refused.get(b.partition);
    if (no) return { partition: b.partition, error: no, offset: -1, duplicate: false, rule: null };
    const a = appendBatch(log(m, b.partition), { pid: e.ref.pid, epoch: e.ref.epoch, baseSeq: b.baseSeq, kind: 'data', values: b.messages, transactional: true }, s.now);
    return { partition: b.partition, error: a.error, offset: a.offset, duplicate: a.duplicate, rule: a.rule };
  });
  const error = results.find((r) => r.error !== 'NONE')?.error ?? 'NONE';
  const alive = reply(m, s, e.replyTo, { type: 'response', ref: e.ref, error, results });
  s.record({ kind: 'txn.handled', lane: 'broker', ...e.ref, error, rule: null, results, lost: !alive });
}

/** Stores a transactional offset commit (unless the coordinator refused it), and answers. */
function commitOffsets(m: PartitionsModel, s: TxnStep, e: Extract<PartitionsEvent, { type: 'TxnOffsetCommit' }>, refused: TxnError | null): void {
  if (refused) {
    const results: PartitionAnswer[] = [{ partition: OFFSETS_PARTITION, error: refused, offset: -1, duplicate: false, rule: null }];
    const alive = reply(m, s, e.replyTo, { type: 'response', ref: e.ref, error: refused });
    s.record({ kind: 'txn.handled', lane: 'broker', ...e.ref, error: refused, rule: null, results, lost: !alive });
    return;
  }
  // The group coordinator writes the offsets as a transactional record of the producer (no sequence number).
  const a = appendBatch(log(m, OFFSETS_PARTITION), { pid: e.ref.pid, epoch: e.ref.epoch, baseSeq: -1, kind: 'offset', values: [e.offset], transactional: true, group: e.group }, s.now);
  // Only a stale epoch can refuse it (it carries no sequence number).
  const rule = a.error === 'NONE' ? null : a.rule;
  const results: PartitionAnswer[] = [{ partition: OFFSETS_PARTITION, error: a.error, offset: a.offset, duplicate: false, rule }];
  const alive = reply(m, s, e.replyTo, { type: 'response', ref: e.ref, error: a.error });
  s.record({ kind: 'txn.handled', lane: 'broker', ...e.ref, error: a.error, rule, results, lost: !alive });
}

const steps = {
  inputAppend: (m: PartitionsModel, e: Extract<PartitionsEvent, { type: 'input.append' }>, s: TxnStep) => {
    const input = log(m, INPUT_PARTITION);
    const offset = input.records.length;
    input.records.push({ offset, kind: 'data', message: e.message, pid: -1, epoch: -1, seq: -1, transactional: false, control: null, t: s.now });
    s.record({ kind: 'input.appended', lane: 'broker', partition: INPUT_PARTITION, offset, message: e.message });
    const parked = m.parked;
    if (!parked) return m;
    answerFetch(m, s, parked);
    return { ...m, parked: null };
  },
  produce: (m: PartitionsModel, e: Extract<PartitionsEvent, { type: 'Produce' }>, s: TxnStep) => {
    // KIP-890: the first transactional write of a producer id to a partition is checked with the coordinator
    // (part 1, TV1 with verification), or added to the transaction by the leader itself (part 2, TV2).
    const unchecked = m.cfg.tv === 2 || m.cfg.verification ? e.batches.filter((b) => !log(m, b.partition).open.has(e.ref.pid)).map((b) => b.partition) : [];
    if (unchecked.length === 0) {
      produce(m, s, e, new Map());
      return m;
    }
    s.send('txn-coordinator', { type: 'verify', req: e.ref.req, pid: e.ref.pid, epoch: e.ref.epoch, partitions: unchecked, add: m.cfg.tv === 2, replyTo: PARTITIONS_ID }, m.cfg.latencyMs);
    const verifying = new Map(m.verifying);
    verifying.set(e.ref.req, e);
    return { ...m, verifying };
  },
  verified: (m: PartitionsModel, e: Extract<PartitionsEvent, { type: 'verify.result' }>, s: TxnStep) => {
    const waiting = m.verifying.get(e.req);
    if (!waiting) return m;
    const refused = new Map<string, TxnError>();
    for (const r of e.results) {
      s.record({ kind: 'txn.verification', lane: 'broker', partition: r.partition, pid: waiting.ref.pid, epoch: waiting.ref.epoch, ok: r.ok, error: r.error, req: e.req });
      // A fenced producer's write is answered as the partition would answer a stale epoch.
      if (!r.ok) refused.set(r.partition, r.error === 'PRODUCER_FENCED' ? 'INVALID_PRODUCER_EPOCH' : r.error);
    }
    if (waiting.type === 'Produce') produce(m, s, waiting, refused);
    else commitOffsets(m, s, waiting, refused.get(OFFSETS_PARTITION) ?? null);
    const verifying = new Map(m.verifying);
    verifying.delete(e.req);
    return { ...m, verifying };
  },
  offsetCommit: (m: PartitionsModel, e: Extract<PartitionsEvent, { type: 'TxnOffsetCommit' }>, s: TxnStep) => {
    // TV2: the client sends no AddOffsetsToTxn; the group coordinator adds __consumer_offsets to the transaction.
    if (m.cfg.tv === 2 && !log(m, OFFSETS_PARTITION).open.has(e.ref.pid)) {
      s.send('txn-coordinator', { type: 'verify', req: e.ref.req, pid: e.ref.pid, epoch: e.ref.epoch, partitions: [OFFSETS_PARTITION], add: true, replyTo: PARTITIONS_ID }, m.cfg.latencyMs);
      const verifying = new Map(m.verifying);
      verifying.set(e.ref.req, e);
      return { ...m, verifying };
    }
    commitOffsets(m, s, e, null);
    return m;
  },
  offsetFetch: (m: PartitionsModel, e: Extract<PartitionsEvent, { type: 'OffsetFetch' }>, s: TxnStep) => {
    const c = committedOffset(log(m, OFFSETS_PARTITION), e.group);
    const alive = reply(m, s, e.replyTo, { type: 'response', ref: e.ref, error: c.error, offset: c.offset });
    s.record({ kind: 'txn.handled', lane: 'broker', ...e.ref, error: c.error, rule: null, lost: !alive });
    return m;
  },
  fetch: (m: PartitionsModel, e: Extract<PartitionsEvent, { type: 'Fetch' }>, s: TxnStep) => {
    if (e.ref && e.partitions.every(({ partition, from }) => fetchRecords(log(m, partition), from, e.isolation, 1).next === from)) return { ...m, parked: e };
    answerFetch(m, s, e);
    return m;
  },
  markers: (m: PartitionsModel, e: Extract<PartitionsEvent, { type: 'markers.write' }>, s: TxnStep) => {
    for (const partition of e.partitions) {
      const l = log(m, partition);
      const a = appendMarker(l, e.pid, e.epoch, e.result, s.now);
      s.record({ kind: 'txn.marker', lane: 'broker', partition, offset: a.record?.offset ?? -1, result: e.result, pid: e.pid, epoch: e.epoch, error: a.error, lso: lastStableOffset(l) });
    }
    s.send(e.replyTo, { type: 'markers.written', pid: e.pid, epoch: e.epoch, result: e.result }, m.cfg.latencyMs);
    return m;
  },
};

type Ctx = { m: PartitionsModel; clock: SimClock };

/**
 * The broker that leads every partition of a transactional run: the input topic, the output topic's partitions and
 * `__consumer_offsets` (it is the group coordinator too). It appends transactional batches with the idempotent
 * checks, verifies a first write with the transaction coordinator (KIP-890), writes markers, stores transactional
 * offset commits, and answers fetches at each isolation level. The lab's simplification: one broker, always up.
 */
export const partitionsMachine = setup({
  types: { context: {} as Ctx, events: {} as PartitionsEvent, input: {} as PartitionsInput },
  actions: {
    inputAppend: txnStep<PartitionsModel, PartitionsEvent>((m, e, s) => (e.type === 'input.append' ? steps.inputAppend(m, e, s) : m)),
    produce: txnStep<PartitionsModel, PartitionsEvent>((m, e, s) => (e.type === 'Produce' ? steps.produce(m, e, s) : m)),
    verified: txnStep<PartitionsModel, PartitionsEvent>((m, e, s) => (e.type === 'verify.result' ? steps.verified(m, e, s) : m)),
    offsetCommit: txnStep<PartitionsModel, PartitionsEvent>((m, e, s) => (e.type === 'TxnOffsetCommit' ? steps.offsetCommit(m, e, s) : m)),
    offsetFetch: txnStep<PartitionsModel, PartitionsEvent>((m, e, s) => (e.type === 'OffsetFetch' ? steps.offsetFetch(m, e, s) : m)),
    fetch: txnStep<PartitionsModel, PartitionsEvent>((m, e, s) => (e.type === 'Fetch' ? steps.fetch(m, e, s) : m)),
    markers: txnStep<PartitionsModel, PartitionsEvent>((m, e, s) => (e.type === 'markers.write' ? steps.markers(m, e, s) : m)),
  },
}).createMachine({
  id: 'partitions',
  context: ({ input }) => ({ m: createModel(input.cfg), clock: input.clock }),
  initial: 'leading',
  states: {
    leading: {
      description: 'leads every partition: appends, verifies first transactional writes, writes markers, answers fetches',
      on: {
        'input.append': { actions: 'inputAppend' },
        Produce: { actions: 'produce' },
        'verify.result': { actions: 'verified' },
        TxnOffsetCommit: { actions: 'offsetCommit' },
        OffsetFetch: { actions: 'offsetFetch' },
        Fetch: { actions: 'fetch' },
        'markers.write': { actions: 'markers' },
      },
    },
  },
});

/** The partitions' logs, for the trace at the end of a run. */
export function partitionLogs(snapshot: { context: Ctx }): PartitionLog[] {
  return [...snapshot.context.m.logs.values()];
}

import { createActor, enqueueActions, setup, type AnyActorRef } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import { emptyTables, runTxn, type DbTables, type TxnProgram } from '../protocol/consumer-rules';
import type { DatabaseConfig } from '../scenario/schema';
import type { ConsumerMemberId, DatabaseSnapshot, MessageState } from '../trace/types';
import type { TraceEventInput } from './effects';
import { MESSAGE_EVENT, messageActorId, messageMachine } from './message.machine';
import { enact, type ChildStarted, type Enqueue, type TraceEmitted } from './trace-emit';

/** A transaction's answer to the member that sent it. */
export interface DbResult {
  type: 'db.result';
  txn: number;
  result: 'committed' | 'unavailable';
  found: boolean;
  pending?: { message: number; offset: number; state: MessageState }[];
}

export type DatabaseEvent =
  | { type: 'db.txn'; member: ConsumerMemberId; txn: number; program: TxnProgram; replyTo: string }
  | { type: 'db.outage'; downMs: number }
  | { type: 'db.restore' };

export interface DatabaseInput {
  config: DatabaseConfig;
  clock: SimClock;
}

export interface DatabaseContext {
  config: DatabaseConfig;
  clock: SimClock;
  /** The application's tables: containers this actor alone owns. */
  tables: DbTables;
  /** Each message's persisted state machine (state-machine strategy), by message id: a container this actor owns. */
  messages: Map<number, AnyActorRef>;
  counts: DatabaseSnapshot['messageStates'];
  lastSnapshot: DatabaseSnapshot | null;
}

type DbEffect =
  | { type: 'record'; ev: TraceEventInput }
  | { type: 'timer'; delayMs: number; event: { type: string }; id?: string }
  | { type: 'reply'; to: string; result: DbResult };

function snapshot(c: DatabaseContext, up: boolean): DatabaseSnapshot {
  const prev = c.lastSnapshot;
  const s = { up, effects: c.tables.effects.length, processed: c.tables.processed.size, messageStates: { ...c.counts } };
  if (
    prev &&
    prev.up === s.up &&
    prev.effects === s.effects &&
    prev.processed === s.processed &&
    prev.messageStates.received === s.messageStates.received &&
    prev.messageStates.processing === s.messageStates.processing &&
    prev.messageStates.done === s.messageStates.done
  )
    return prev;
  c.lastSnapshot = s;
  return s;
}

/**
 * A message's state machine is an actor the database starts and owns (in its own map, as the producer owns its
 * batches: spawning thousands into the actor system would make each spawn cost time in proportion to the others).
 */
function moveMessage(enqueue: Enqueue, messages: Map<number, AnyActorRef>, message: number, to: MessageState): void {
  if (!messages.has(message)) {
    enqueue(() => {
      const ref = createActor(messageMachine, { id: messageActorId(message) });
      messages.set(message, ref);
      ref.start();
    });
    enqueue.emit({ type: 'child.started', party: 'message', id: message, ref: () => messages.get(message) });
    if (to === 'received') return;
  }
  enqueue.sendTo(() => messages.get(message)!, { type: MESSAGE_EVENT[to] });
}

const dbStep = (f: (c: DatabaseContext, e: DatabaseEvent, up: boolean, out: DbEffect[], moves: { message: number; to: MessageState }[]) => void) =>
  enqueueActions<DatabaseContext, DatabaseEvent, undefined, DatabaseEvent, never, never, never, never, TraceEmitted | ChildStarted>(({ context, event, self, system, enqueue }) => {
    const up = (self.getSnapshot() as { value: unknown }).value === 'up';
    const out: DbEffect[] = [];
    const moves: { message: number; to: MessageState }[] = [];
    // The step's copy: the tables are containers this actor owns and change in place; the rest is assigned back.
    const s: DatabaseContext = { ...context, counts: { ...context.counts } };
    f(s, event, up, out, moves);
    enqueue.assign({ counts: s.counts, lastSnapshot: s.lastSnapshot });
    const e = enqueue as unknown as Enqueue;
    for (const m of moves) moveMessage(e, context.messages, m.message, m.to);
    enact(out, event, e, (fx) => {
      if (fx.type === 'reply') {
        const to = system.get(fx.to) as AnyActorRef | undefined;
        if (to) e.sendTo(to, fx.result as unknown as { type: string }, { delay: context.config.latencyMs });
      }
    });
  });

/**
 * The application's database: up or down (an outage window), applying each transaction atomically when it arrives.
 * Its effects table is what the end-to-end verdict is about; it survives any consumer crash.
 */
export const databaseMachine = setup({
  types: { context: {} as DatabaseContext, events: {} as DatabaseEvent, input: {} as DatabaseInput, emitted: {} as TraceEmitted | ChildStarted },
  actions: {
    transact: dbStep((c, e, up, out, moves) => {
      if (e.type !== 'db.txn') return;
      if (!up) {
        out.push({ type: 'record', ev: { kind: 'db.txn', lane: 'database', member: e.member, txn: e.txn, ops: [], result: 'unavailable', database: snapshot(c, up) } });
        out.push({ type: 'reply', to: e.replyTo, result: { type: 'db.result', txn: e.txn, result: 'unavailable', found: false } });
        return;
      }
      const r = runTxn(c.tables, e.program);
      for (const m of r.moves ?? []) {
        if (m.from) c.counts[m.from] -= 1;
        c.counts[m.to] += 1;
        moves.push({ message: m.message, to: m.to });
      }
      out.push({ type: 'record', ev: { kind: 'db.txn', lane: 'database', member: e.member, txn: e.txn, ops: r.ops, result: 'committed', database: snapshot(c, up) } });
      const result: DbResult = { type: 'db.result', txn: e.txn, result: 'committed', found: r.found };
      if (r.pending) result.pending = r.pending;
      out.push({ type: 'reply', to: e.replyTo, result });
    }),
    goDown: dbStep((c, e, _up, out) => {
      if (e.type !== 'db.outage') return;
      out.push({ type: 'record', ev: { kind: 'db.down', lane: 'database', untilT: c.clock.now + e.downMs, database: snapshot(c, false) } });
      out.push({ type: 'timer', delayMs: e.downMs, event: { type: 'db.restore' } });
    }),
    comeUp: dbStep((c, _e, _up, out) => {
      out.push({ type: 'record', ev: { kind: 'db.up', lane: 'database', database: snapshot(c, true) } });
    }),
  },
}).createMachine({
  id: 'database',
  context: ({ input }) => ({
    config: input.config,
    clock: input.clock,
    tables: emptyTables(),
    messages: new Map(),
    counts: { received: 0, processing: 0, done: 0 },
    lastSnapshot: null,
  }),
  initial: 'up',
  states: {
    up: {
      description: 'accepts transactions; each commits atomically when it arrives',
      on: { 'db.txn': { actions: 'transact' }, 'db.outage': { target: 'down', actions: 'goDown' } },
    },
    down: {
      description: 'unreachable: every transaction fails and the application has to try again; what was committed stays',
      on: { 'db.txn': { actions: 'transact' }, 'db.restore': { target: 'up', actions: 'comeUp' }, 'db.outage': { actions: 'goDown' } },
    },
  },
});

import { enqueueActions, type AnyActorRef } from 'xstate';
import type { SimClock } from '../kernel/kernel';
import type { TraceEventInput } from '../machines/effects';
import { enact, type ChildStarted, type Enqueue, type TraceEmitted } from '../machines/trace-emit';

/** A message between the parties of a transactional run: an event for the actor with system id `to`. */
export type TxnMessage = { type: string } & Record<string, unknown>;

/**
 * What one step of a transactional run's party asks for, in order: trace records, its own delayed events (with an
 * id, withdrawable), messages to other parties over the link (after `delayMs`), facts that move its own statechart,
 * and calls into the run's environment (a crash, a takeover).
 */
export type TxnEffect =
  | { type: 'record'; ev: TraceEventInput }
  | { type: 'timer'; delayMs: number; event: TxnMessage; id?: string }
  | { type: 'cancel'; id: string }
  | { type: 'send'; to: string; event: TxnMessage; delayMs: number }
  | { type: 'fact'; fact: { type: string } }
  | { type: 'env'; run: () => void };

/** The system id of the link every message of a transactional run travels on. */
export const LINK_ID = 'txn-link';

/** A step's effects collected in order; the machine turns them into XState's own actions. */
export class TxnStep {
  readonly out: TxnEffect[] = [];
  constructor(readonly now: number) {}
  record(ev: TraceEventInput): void {
    this.out.push({ type: 'record', ev });
  }
  timer(delayMs: number, event: TxnMessage, id?: string): void {
    this.out.push(id === undefined ? { type: 'timer', delayMs, event } : { type: 'timer', delayMs, event, id });
  }
  cancel(id: string): void {
    this.out.push({ type: 'cancel', id });
  }
  send(to: string, event: TxnMessage, delayMs: number): void {
    this.out.push({ type: 'send', to, event, delayMs });
  }
  fact(type: string): void {
    this.out.push({ type: 'fact', fact: { type } });
  }
  env(run: () => void): void {
    this.out.push({ type: 'env', run });
  }
}

/** Turns a step's effects into XState actions: records emitted, timers raised with a delay, messages sent to the link. */
export function enactTxn(step: TxnStep, cause: { type: string }, enqueue: Enqueue, system: { get: (id: string) => AnyActorRef | undefined }): void {
  let facts: string[] | undefined;
  for (const fx of step.out) if (fx.type === 'fact') (facts ??= []).push(fx.fact.type);
  enact(
    step.out,
    cause,
    enqueue,
    (fx) => {
      if (fx.type === 'fact') enqueue.raise(fx.fact);
      else if (fx.type === 'send') {
        // Handed to the link at once: what has left a process arrives even if the process dies meanwhile.
        const link = system.get(LINK_ID);
        if (link) enqueue.sendTo(link, { type: 'carry', to: fx.to, event: fx.event, delayMs: fx.delayMs });
      } else if (fx.type === 'env') enqueue(() => fx.run());
    },
    facts,
    // A fence passes through PrepareEpochFence on its way to PrepareAbort in one step: its record shows that state.
    true,
  );
}

/**
 * An `enqueueActions` step for a party whose context holds its model `m` and the clock: `f` reads the event and the
 * model and fills a step; the model is replaced through `assign`, then the effects are enacted in order.
 */
export function txnStep<M, E extends { type: string }>(f: (m: M, e: E, s: TxnStep) => M) {
  return enqueueActions<{ m: M; clock: SimClock }, E, undefined, E, never, never, never, never, TraceEmitted | ChildStarted>(({ context, event, system, enqueue }) => {
    const s = new TxnStep(context.clock.now);
    const m = f(context.m, event, s);
    if (m !== context.m) enqueue.assign({ m } as never);
    enactTxn(s, event, enqueue as unknown as Enqueue, system as never);
  });
}

import { transition, type AnyActorRef, type AnyMachineSnapshot, type AnyStateMachine, type StateValue as XStateValue } from 'xstate';
import type { Kernel } from '../kernel/kernel';
import type { TraceEventInput } from '../machines/effects';
import type { ChildStarted, TraceEmitted } from '../machines/trace-emit';
import type { LifecycleMove, LifecycleParty, PartyId, PartyStates, StateValue, TraceEvent, TransitionTaken } from './types';

function sameValue(a: StateValue, b: StateValue): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const vb = b[k];
    if (vb === undefined || !sameValue(a[k]!, vb)) return false;
  }
  return true;
}

/** The innermost active state node's id (the lifecycle machines are flat). */
function leafId(snapshot: AnyMachineSnapshot): string {
  return snapshot._nodes[snapshot._nodes.length - 1]!.id;
}

type Move = Pick<LifecycleMove, 'event' | 'source' | 'target'>;

function findMove(before: AnyMachineSnapshot, after: AnyMachineSnapshot): Move {
  const active = new Set<unknown>(after._nodes);
  for (const node of before._nodes) {
    for (const [event, transitions] of node.transitions) {
      for (const t of transitions) {
        const targets = t.target ?? [];
        if (targets.length > 0 && targets.every((n) => active.has(n))) return { event, source: node.id, target: targets[0]!.id };
      }
    }
  }
  return { event: '', source: leafId(before), target: leafId(after) };
}

/**
 * The move from one state of a lifecycle machine to another, found once per pair of states: the lifecycle machines
 * are flat (a root and one active state), so the pair of active states decides it.
 */
const movesFound = new WeakMap<object, Map<object, Move>>();

/** A flat machine's active state: XState lists a final state's nodes leaf first, any other's root first. */
function activeState(nodes: readonly unknown[]): object {
  const first = nodes[0] as { parent?: unknown };
  return (first.parent === undefined ? nodes[1] : first) as object;
}

function moveOf(party: LifecycleParty, id: number, before: AnyMachineSnapshot, after: AnyMachineSnapshot): LifecycleMove {
  const flat = before._nodes.length === 2 && after._nodes.length === 2;
  const from = flat ? activeState(before._nodes) : before;
  const to = flat ? activeState(after._nodes) : after;
  let m = flat ? movesFound.get(from)?.get(to) : undefined;
  if (!m) {
    m = findMove(before, after);
    if (flat) {
      let byTarget = movesFound.get(from);
      if (!byTarget) movesFound.set(from, (byTarget = new Map()));
      byTarget.set(to, m);
    }
  }
  return { party, id, event: m.event, source: m.source, target: m.target };
}

/** The same active state nodes (XState keeps them in document order), compared without allocating. */
function sameNodes(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Watched {
  actor: AnyActorRef;
  machine: AnyStateMachine;
  /** The snapshot before the current macrostep: observers hear of a new one only after its emitted events. */
  before: AnyMachineSnapshot;
  /** The active state nodes `value` was read from, and the value as recorded (shared while unchanged). */
  nodes: readonly unknown[];
  value: StateValue;
  /** Transitions that leave the state unchanged, by recorded state value and event type: they depend on nothing else. */
  staying: WeakMap<object, Map<string, TransitionTaken | undefined>>;
  /** The record of each of the machine's transitions taken so far (read-only, so events share it), by event type. */
  taken: Map<object, Map<string, TransitionTaken>>;
  /** Where each fact leads from each state value (JSON) it was raised in: see `factMove`. */
  factMoves: Map<string, FactMove>;
}

interface FactMove {
  /** The state value after the fact, as JSON, and a snapshot in that state. */
  key: string;
  snapshot: AnyMachineSnapshot;
  /** The transition the fact took, if it moved a region. */
  taken: TransitionTaken | undefined;
}

interface TransitionNode {
  source: { id: string };
  target?: readonly { id: string }[];
}

/** A transition as the trace records it; one object for every event that records the same transition of a party. */
function takenOf(party: PartyId, w: Watched, event: string, t: TransitionNode): TransitionTaken {
  let byEvent = w.taken.get(t);
  if (!byEvent) w.taken.set(t, (byEvent = new Map()));
  let result = byEvent.get(event);
  if (!result) byEvent.set(event, (result = { party, event, source: t.source.id, targets: (t.target ?? []).map((n) => n.id) }));
  return result;
}

/**
 * Writes the parties' emitted trace records into the kernel's trace, each stamped with every party's state value
 * after its step (state objects are shared between events while nothing changes) and the transition that recorded
 * it. XState reports the transitions it takes only through its inspection API, which costs about a quarter of a
 * run's time, so the transition is read with the machine's own `getTransitionData` from the snapshot the step
 * started from, and only for steps that recorded something.
 */
export class StateRecorder {
  private parties = new Map<PartyId, Watched>();
  /** The consumer side's parties join this record when they are first watched (only in a run with a consumer). */
  private states: PartyStates = { producer: 'created', network: 'reachable', connection: 'none', broker: 'up' };
  /** The states the last recorded event was stamped with. */
  private lastStamp: PartyStates | null = null;
  /** Children's transitions not yet written: they go on the next recorded event. */
  private moves: LifecycleMove[] = [];
  /** An exception thrown inside a machine: XState stops the actor and reports it here; the run rethrows it. */
  failure: unknown = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly onRecord: (ev: TraceEvent) => void,
    /** The parties' states before anything happens (a transactional run has parties of its own). */
    initial?: PartyStates,
  ) {
    if (initial) this.states = initial;
  }

  /** Follows an actor as the given party (a newer actor replaces an older one for the same party; the older one's records still count). */
  watch(party: PartyId, actor: AnyActorRef, machine: AnyStateMachine): void {
    // A party first seen here (the consumer side's, or with replication the controller and brokers 2, 3…) starts
    // from its actor's own state.
    const initial = this.states[party] ?? ((actor.getSnapshot() as AnyMachineSnapshot).value as XStateValue as StateValue);
    if (this.states[party] === undefined) this.states = { ...this.states, [party]: initial };
    const w: Watched = { actor, machine, before: actor.getSnapshot() as AnyMachineSnapshot, nodes: [], value: initial, staying: new WeakMap(), taken: new Map(), factMoves: new Map() };
    this.parties.set(party, w);
    actor.subscribe({
      next: (snapshot: AnyMachineSnapshot) => {
        w.before = snapshot;
      },
      error: (err: unknown) => {
        this.failure ??= err;
      },
    });
    actor.on('trace', (e: TraceEmitted) => this.record(party, w, e));
    actor.on('child.started', (e: ChildStarted) => this.follow(e));
  }

  /**
   * Follows a child with a life of its own (a batch, a producer id): its start and every transition it takes become
   * moves on the trace. The transition is read from the state nodes' own transitions: the one, from a node active
   * before, whose targets are all active after.
   */
  private follow(e: ChildStarted): void {
    const child = e.ref();
    if (!child) return;
    const { party, id } = e;
    let before = child.getSnapshot() as AnyMachineSnapshot;
    this.moves.push({ party, id, event: 'start', source: null, target: leafId(before) });
    child.subscribe((after: AnyMachineSnapshot) => {
      if (sameNodes(after._nodes, before._nodes)) return;
      this.moves.push(moveOf(party, id, before, after));
      before = after;
    });
  }

  private currentStates(): PartyStates {
    let next: Record<PartyId, StateValue> | null = null;
    for (const [party, w] of this.parties) {
      const nodes = (w.actor.getSnapshot() as AnyMachineSnapshot)._nodes;
      if (sameNodes(nodes, w.nodes)) continue;
      w.nodes = nodes;
      const value = (w.actor.getSnapshot() as AnyMachineSnapshot).value as XStateValue as StateValue;
      if (sameValue(value, w.value)) continue;
      w.value = value;
      next ??= { ...this.states } as Record<PartyId, StateValue>;
      next[party] = value;
    }
    if (next) this.states = next;
    return this.states;
  }

  private transitionOf(party: PartyId, w: Watched, cause: { type: string }): TransitionTaken | undefined {
    const staying = sameNodes(w.before._nodes, w.nodes) && typeof w.value === 'object' ? w.staying : null;
    const cached = staying?.get(w.value as object)?.get(cause.type);
    if (cached !== undefined || staying?.get(w.value as object)?.has(cause.type)) return cached;
    const taken = w.machine.getTransitionData(w.before, cause as never);
    const t = taken.find((x) => x.target !== undefined && x.target.length > 0) ?? taken[0];
    const result = t ? takenOf(party, w, cause.type, t) : undefined;
    if (staying) {
      let byEvent = staying.get(w.value as object);
      if (!byEvent) staying.set(w.value as object, (byEvent = new Map()));
      byEvent.set(cause.type, result);
    }
    return result;
  }

  /**
   * Runs the kernel until only background work is left, or until `maxEvents` events are recorded; an exception thrown
   * inside a machine is thrown again here. Returns whether the run was cut off.
   */
  runToEnd(maxEvents: number): boolean {
    let truncated = false;
    while (this.kernel.step()) {
      if (this.failure !== null) throw this.failure;
      if (this.kernel.events.length >= maxEvents) {
        truncated = true;
        break;
      }
    }
    if (this.failure !== null) throw this.failure;
    return truncated;
  }

  /** Records an event of the simulation's environment (the application), stamped with the parties' states. */
  recordEnvironment(input: TraceEventInput): void {
    const ev = input as TraceEvent;
    ev.states = this.lastStamp = this.currentStates();
    this.takeMoves(ev);
    this.onRecord(this.kernel.record(ev));
  }

  /**
   * The last of a step's raised facts that moved a region: the transition, on that fact, from a state active before
   * the step to a state active after it. Read from the state nodes' own transitions; only for steps that raised facts.
   */
  private factTransition(party: PartyId, w: Watched, facts: readonly string[], nodes: readonly unknown[] = w.nodes): TransitionTaken | undefined {
    const after = new Set<unknown>(nodes);
    for (let k = facts.length - 1; k >= 0; k--) {
      const fact = facts[k]!;
      for (const node of w.before._nodes) {
        for (const t of node.transitions.get(fact) ?? []) {
          const targets = t.target ?? [];
          if (targets.length > 0 && targets.every((n) => after.has(n))) return takenOf(party, w, fact, t);
        }
      }
    }
    return undefined;
  }

  private takeMoves(ev: TraceEvent): void {
    if (this.moves.length === 0) return;
    ev.moves = this.moves;
    this.moves = [];
  }

  /**
   * Records made before the last of their step's facts (a fence's move to PrepareEpochFence, on the way to
   * PrepareAbort): stamped with the state after the facts raised by then, found with XState's pure `transition` from
   * the snapshot the step started from (fact transitions have no actions), and the transition the last of those took.
   */
  private midStep(party: PartyId, w: Watched, cause: { type: string }, facts: readonly string[], through: number): { states: PartyStates; transition: TransitionTaken | undefined } {
    let snapshot = w.before;
    let key = JSON.stringify(snapshot.value);
    // The transition: the last fact by then that moved a region, from the state it was raised in.
    let taken: TransitionTaken | undefined;
    for (let k = 0; k < through; k++) {
      const move = this.factMove(party, w, snapshot, key, facts[k]!);
      snapshot = move.snapshot;
      key = move.key;
      taken = move.taken ?? taken;
    }
    // Before any fact has moved a region, the step's own transition (on the event that caused it) is the records'.
    taken ??= this.transitionOf(party, w, cause);
    const states = this.currentStates();
    if (through === facts.length) return { states, transition: taken };
    const mid = snapshot.value as XStateValue as StateValue;
    // Unchanged states stay one shared object, as everywhere in the trace.
    const last = this.lastStamp;
    const same = last !== null && Object.keys(last).length === Object.keys(states).length && sameValue(last[party]!, mid) && Object.keys(states).every((p) => p === party || last[p as PartyId] === states[p as PartyId]);
    return { states: same ? last : { ...states, [party]: mid }, transition: taken };
  }

  /**
   * Where a fact leads from a state, computed by XState's pure `transition` once per state and fact, then remembered
   * (fact transitions have no actions, and their guards read only the run's settings).
   */
  private factMove(party: PartyId, w: Watched, from: AnyMachineSnapshot, key: string, fact: string): FactMove {
    const id = `${key}\n${fact}`;
    let move = w.factMoves.get(id);
    if (!move) {
      const next = transition(w.machine, from, { type: fact })[0];
      move = { key: JSON.stringify(next.value), snapshot: next, taken: this.factTransition(party, { ...w, before: from }, [fact], next._nodes) };
      w.factMoves.set(id, move);
    }
    return move;
  }

  private record(party: PartyId, w: Watched, e: TraceEmitted): void {
    if (e.facts && e.factsThrough !== undefined) {
      const mid = this.midStep(party, w, e.cause, e.facts, e.factsThrough);
      this.write(e, mid.states, mid.transition);
      return;
    }
    const states = this.currentStates();
    const moved = e.facts && !sameNodes(w.before._nodes, w.nodes) ? this.factTransition(party, w, e.facts) : undefined;
    this.write(e, states, moved ?? this.transitionOf(party, w, e.cause));
  }

  private write(e: TraceEmitted, states: PartyStates, transition: TransitionTaken | undefined): void {
    this.lastStamp = states;
    for (const input of e.records) {
      const ev = input as TraceEvent;
      ev.states = states;
      this.takeMoves(ev);
      if (transition) ev.transition = transition;
      this.onRecord(this.kernel.record(ev));
    }
    if (e.log) this.kernel.append(e.log);
  }
}

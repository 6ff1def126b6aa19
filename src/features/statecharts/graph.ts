import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { LifecycleParty, PartyId, StateValue, TxnPartyId } from '../../sim/trace/types';

/** Whose statechart: a party, or a kind of child with a life of its own (one batch, one producer id). */
export type ChartOwner = PartyId | LifecycleParty | TxnPartyId;

/** A transition taken, as the trace records it (a party's, or a batch's or producer id's move). */
export interface TakenTransition {
  party: ChartOwner;
  event: string;
  source: string;
  targets: readonly string[];
}

/**
 * A statechart as plain data, read from an XState machine's own definition (`machine.root`), so the picture can
 * never drift from the code: every state node, its nesting, initial child, and every transition with its event,
 * guard and delay.
 */

export type ChartNodeKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface ChartTransition {
  /** Unique within the chart: source id, event and position among that event's candidates. */
  id: string;
  source: string;
  /** Target state node ids; empty for a targetless transition (actions only, the state is not left). */
  targets: string[];
  /** The event type as XState knows it (`xstate.after.…` for delayed transitions, '' for eventless ones). */
  event: string;
  guard: string | null;
  /** For a delayed (`after`) transition: the delay in ms or its name. */
  delay: string | null;
  /** What the edge is labelled with: `event [guard]`, `after 100 ms [guard]`, `always [guard]`. */
  label: string;
}

export interface ChartNode {
  id: string;
  key: string;
  kind: ChartNodeKind;
  parent: string | null;
  /** Child state node ids, in definition order. */
  children: string[];
  /** Child ids by their key (a state value names children by key). */
  childByKey: Record<string, string>;
  /** The initial child of a compound state. */
  initial: string | null;
  history: 'shallow' | 'deep' | null;
  description: string | null;
  /** This node is one region of a parallel state. */
  region: boolean;
  /** Transitions from this node that do not leave it (targetless), listed inside the state. */
  internal: ChartTransition[];
}

export interface Chart<P extends ChartOwner = ChartOwner> {
  party: P;
  /** The machine's root node id (the machine id); the root is not drawn as a state. */
  rootId: string;
  nodes: Record<string, ChartNode>;
  /** Every node id, parents before children, in definition order. */
  order: string[];
  /** Transitions with targets, one entry per transition (a transition may have several targets). */
  edges: ChartTransition[];
}

type FnGuard = ((...args: never[]) => unknown) & { guards?: unknown[] };

/** A guard's name: the string or `{ type }` it was given as, or `and(a, b)` / `not(a)` for combined guards. */
export function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const f = guard as FnGuard;
    const name = f.name || 'guard';
    if (Array.isArray(f.guards)) return `${name}(${f.guards.map((g) => guardName(g) ?? '?').join(', ')})`;
    return name;
  }
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return 'guard';
}

function delayName(delay: unknown): string {
  if (typeof delay === 'number') return `${delay} ms`;
  if (typeof delay === 'string') return delay;
  return 'delay';
}

interface Candidate {
  target?: readonly AnyStateNode[];
  guard?: unknown;
}

/** Every transition list of a node by event type, with each candidate's delay (for `after` transitions). */
function transitionsOf(node: AnyStateNode): { event: string; list: readonly Candidate[]; delays: unknown[] }[] {
  const after = node.after as readonly (Candidate & { delay: unknown })[];
  const out: { event: string; list: readonly Candidate[]; delays: unknown[] }[] = [];
  for (const [event, list] of node.transitions) {
    out.push({ event, list, delays: list.map((t) => after.find((a) => (a as unknown) === t)?.delay) });
  }
  if (node.always?.length) out.push({ event: '', list: node.always, delays: node.always.map(() => undefined) });
  return out;
}

/** Reads a machine's definition into a chart. Pure: the same machine always gives the same chart. */
export function extractChart<P extends ChartOwner>(party: P, machine: AnyStateMachine): Chart<P> {
  const nodes: Record<string, ChartNode> = {};
  const order: string[] = [];
  const edges: ChartTransition[] = [];

  const visit = (node: AnyStateNode, parent: AnyStateNode | null) => {
    const children = Object.values(node.states) as AnyStateNode[];
    let initial: string | null = null;
    if (node.type === 'compound') {
      try {
        initial = node.initial?.target?.[0]?.id ?? null;
      } catch {
        initial = null;
      }
    }
    const chartNode: ChartNode = {
      id: node.id,
      key: node.key,
      kind: node.type,
      parent: parent ? parent.id : null,
      children: children.map((c) => c.id),
      childByKey: Object.fromEntries(children.map((c) => [c.key, c.id])),
      initial,
      history: node.type === 'history' ? (node.history === 'deep' ? 'deep' : 'shallow') : null,
      description: node.description ?? null,
      region: parent?.type === 'parallel',
      internal: [],
    };
    nodes[node.id] = chartNode;
    order.push(node.id);
    for (const { event, list, delays } of transitionsOf(node)) {
      list.forEach((t, k) => {
        const guard = guardName(t.guard);
        const delay = delays[k] === undefined ? null : delayName(delays[k]);
        const head = delay !== null ? `after ${delay}` : event === '' ? 'always' : event;
        const transition: ChartTransition = {
          id: `${node.id}:${event}:${k}`,
          source: node.id,
          targets: (t.target ?? []).map((n) => n.id),
          event,
          guard,
          delay,
          label: guard ? `${head} [${guard}]` : head,
        };
        if (transition.targets.length === 0) chartNode.internal.push(transition);
        // A machine-level transition leaves whichever top-level state is active: drawn from each of them.
        else if (parent === null) for (const c of children) edges.push({ ...transition, id: `${c.id}:${event}:${k}`, source: c.id });
        else edges.push(transition);
      });
    }
    for (const c of children) visit(c, node);
  };
  visit(machine.root, null);
  return { party, rootId: machine.root.id, nodes, order, edges };
}

/** Ids of every state node active in a state value: each node along the path, all regions of a parallel state. */
export function activeIds(chart: Chart, value: StateValue | undefined): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  const walk = (parentId: string, v: StateValue) => {
    const parent = chart.nodes[parentId];
    if (!parent) return;
    if (typeof v === 'string') {
      const id = parent.childByKey[v];
      if (id) out.push(id);
      return;
    }
    for (const [key, sub] of Object.entries(v)) {
      const id = parent.childByKey[key];
      if (!id) continue;
      out.push(id);
      walk(id, sub);
    }
  };
  walk(chart.rootId, value);
  return out;
}

/**
 * A state value in words, along the chart's nesting: `running › idempotence: ready › steady; connection: connected`.
 * Regions of a parallel state are named with their key and separated by semicolons.
 */
export function describeValue(chart: Chart, value: StateValue | undefined): string {
  if (value === undefined) return '';
  const inner = (nodeId: string, v: StateValue | undefined): string => {
    const node = chart.nodes[nodeId];
    if (!node || v === undefined) return '';
    if (typeof v === 'string') {
      const id = node.childByKey[v];
      return id ? v : '';
    }
    if (node.kind === 'parallel') {
      return node.children
        .map((id) => chart.nodes[id]!)
        .filter((r) => r.key in v)
        .map((r) => {
          const rest = inner(r.id, v[r.key]);
          return rest ? `${r.key}: ${rest}` : r.key;
        })
        .join('; ');
    }
    return Object.entries(v)
      .filter(([key]) => key in node.childByKey)
      .map(([key, sub]) => {
        const rest = inner(node.childByKey[key]!, sub);
        return rest ? `${key} › ${rest}` : key;
      })
      .join('; ');
  };
  return inner(chart.rootId, value);
}

/** The path of a node below the machine root, as written in the code: `running.connection.connected`. */
export function pathOf(chart: Chart, id: string): string {
  const keys: string[] = [];
  for (let n = chart.nodes[id]; n && n.parent !== null; n = chart.nodes[n.parent]) keys.unshift(n.key);
  return keys.join('.');
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The chart's transitions matching the one taken: same source, event and targets (or, failing that, source and targets). */
export function takenIds(chart: Chart, tr: TakenTransition | undefined): Set<string> {
  const out = new Set<string>();
  if (!tr || tr.party !== chart.party) return out;
  const all = [...chart.edges, ...Object.values(chart.nodes).flatMap((n) => n.internal)];
  const bySource = all.filter((c) => c.source === tr.source && sameSet(c.targets, tr.targets));
  const exact = bySource.filter((c) => c.event === tr.event);
  for (const c of exact.length ? exact : bySource) out.add(c.id);
  return out;
}

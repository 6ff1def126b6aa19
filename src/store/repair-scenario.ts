import { consumerProblems, formatPath, migrate, parseScenario, problemsOf, type InputProblem } from '../sim/scenario/parse';
import { CONSUMER_FAULT_KINDS, scenarioSchema, SCENARIO_VERSIONS, type Scenario } from '../sim/scenario/schema';

/** Rounds of repair at most: each removes every field the previous round found invalid. */
const MAX_ROUNDS = 8;

type Json = Record<string | number, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** The object holding the value at `path` (created by a structured clone, so the input is never changed). */
function parentOf(root: Json, path: readonly PropertyKey[]): Json | null {
  let at: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!isObject(at)) return null;
    at = at[key as string];
  }
  return isObject(at) ? at : null;
}

/** Where a problem can be cut out: a scripted fault goes whole, anything else is the field itself. */
function cutPath(path: readonly PropertyKey[]): readonly PropertyKey[] {
  if (path[0] === 'faults' && path[1] === 'scripted' && typeof path[2] === 'number') return path.slice(0, 3);
  return path;
}

/** Removes what one issue points at; false when there is nothing left to remove there. */
function cut(root: Json, issue: { code: string; path: readonly PropertyKey[]; keys?: unknown }, done: Set<string>): boolean {
  if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
    const holder = issue.path.length === 0 ? root : (parentOf(root, [...issue.path, '']) as Json | null);
    if (!holder) return false;
    for (const k of issue.keys) delete holder[k as string];
    return true;
  }
  let path = cutPath(issue.path);
  // A field removed once and still wrong (a default that breaks a rule with its neighbour): remove its parent.
  while (path.length > 0 && done.has(formatPath(path))) path = path.slice(0, -1);
  if (path.length === 0) return false;
  done.add(formatPath(path));
  const holder = parentOf(root, path);
  if (!holder) return false;
  const key = path[path.length - 1]!;
  if (Array.isArray(holder) && typeof key === 'number') holder.splice(key, 1, undefined);
  else delete holder[key as string];
  return true;
}

/** Fault list entries removed above are left as holes so later indexes stay right; they go at the end. */
function dropHoles(root: Json): void {
  const faults = root.faults;
  if (isObject(faults) && Array.isArray(faults.scripted)) faults.scripted = faults.scripted.filter((f) => f !== undefined);
}

export type RepairResult = { ok: true; scenario: Scenario; dropped: InputProblem[] } | { ok: false; problems: InputProblem[] };

/**
 * Keeps every valid part of a saved scenario: each invalid field is left out (its default takes its place), an
 * invalid scripted fault is left out whole, an unknown key is removed, and a missing or invalid name becomes
 * "custom". `dropped` lists what was left out, with the paths and reasons of the first check. A scenario from
 * another version, or one not even an object, cannot be repaired.
 */
export function repairScenario(input: unknown): RepairResult {
  const first = parseScenario(input);
  if (first.ok) return { ok: true, scenario: first.scenario, dropped: [] };
  if (!isObject(input) || Array.isArray(input) || !(SCENARIO_VERSIONS as readonly unknown[]).includes(input.version)) return { ok: false, problems: first.problems };
  const root = structuredClone(input) as Json;
  const done = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = scenarioSchema.safeParse(root);
    if (result.success) return { ok: true, scenario: withoutConsumerProblems(result.data), dropped: first.problems };
    for (const issue of result.error.issues) {
      if (issue.path[0] === 'name') {
        root.name = 'custom';
        continue;
      }
      if (!cut(root, issue as never, done)) return { ok: false, problems: first.problems };
    }
    dropHoles(root);
  }
  const last = scenarioSchema.safeParse(root);
  return last.success ? { ok: true, scenario: withoutConsumerProblems(last.data), dropped: first.problems } : { ok: false, problems: problemsOf(last.error.issues, root) };
}

/** Leaves out what the consumer side's settings rule out (consumer faults and sections without a consumer, a conflicting auto-commit switch). */
function withoutConsumerProblems(s: Scenario): Scenario {
  if (consumerProblems(s).length === 0) return migrate(s);
  if (s.consumer) {
    const { 'enable.auto.commit': _off, ...consumer } = s.consumer;
    return migrate({ ...s, consumer });
  }
  const { database: _d, dedup: _k, ...rest } = s;
  const { consumerRates: _r, ...faults } = s.faults;
  const scripted = s.faults.scripted.filter((f) => !(CONSUMER_FAULT_KINDS as readonly string[]).includes(f.kind));
  return migrate({ ...rest, faults: { ...faults, scripted } });
}

import { errorReplyPossible } from '../protocol/error-replies';
import { excerpt, stripBom } from './excerpt';
import {
  CONSUMER_FAULT_KINDS,
  databaseConfigSchema,
  dedupConfigSchema,
  formatVersionOf,
  replicationOf,
  scenarioSchema,
  SCENARIO_VERSION,
  TXN_FAULT_KINDS,
  type Fault,
  type Scenario,
} from './schema';

/** The most unknown keys one message names; the rest are counted. */
export const MAX_KEYS_LISTED = 5;

/**
 * One problem with untrusted input, language-free: the field path, a code for what is wrong and the details, plus
 * the English text. `errors` holds `${path}: ${message}`; an interface can render `code` + `params` in any language.
 */
export interface InputProblem {
  /** `faults.scripted[0].message`, `(root)` or `(file)`. */
  path: string;
  /** A zod issue code (`invalid_type`, `too_small`…), or `too-new-version` / `not-json` from the parser itself. */
  code: string;
  params: Record<string, string | number>;
  /** The English reason, exactly as it appears after the path in `errors`. */
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[]; problems: InputProblem[] };

/** A field path as people write it: `faults.scripted[0].message`, or `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** The language-free details of a zod issue (only plain values, so a problem can be stored and compared). */
function issueParams(issue: Record<string, unknown>): InputProblem['params'] {
  const params: InputProblem['params'] = {};
  for (const key of ['expected', 'origin', 'format', 'pattern', 'inclusive', 'exact', 'divisor'] as const) {
    const v = issue[key];
    if (typeof v === 'string' || typeof v === 'number') params[key] = v;
    else if (typeof v === 'boolean' || typeof v === 'bigint') params[key] = String(v);
  }
  if (issue.pattern instanceof RegExp) params.pattern = String(issue.pattern);
  for (const key of ['minimum', 'maximum'] as const) {
    const v = issue[key];
    if (typeof v === 'number' || typeof v === 'bigint') params[key] = Number(v);
  }
  if (Array.isArray(issue.values)) {
    params.count = issue.values.length;
    params.values = issue.values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join('|');
  }
  if (Array.isArray(issue.keys)) {
    params.keys = issue.keys.slice(0, MAX_KEYS_LISTED).map((k) => excerpt(String(k))).join(', ');
    if (issue.keys.length > MAX_KEYS_LISTED) params.more = issue.keys.length - MAX_KEYS_LISTED;
  }
  if (Array.isArray(issue.options)) params.options = issue.options.map((o) => `'${String(o)}'`).join(' | ');
  const received = typeof issue.message === 'string' ? /, received (\S+)$/.exec(issue.message)?.[1] : undefined;
  if (issue.code === 'invalid_type' && received) params.received = received;
  return params;
}

/**
 * zod's English for an issue, except that unknown keys are quoted as short escaped excerpts, at most
 * `MAX_KEYS_LISTED` of them (zod would echo every key whole).
 */
function issueMessage(issue: { code: string; message: string }, params: InputProblem['params']): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const more = typeof params.more === 'number' ? ` (and ${params.more} more)` : '';
  const plural = /^Unrecognized keys/.test(issue.message) ? 's' : '';
  return `Unrecognized key${plural}: ${params.keys ?? ''}${more}`;
}

/** The most options a message lists for an unknown kind: past this, the closest ones to what was written. */
export const MAX_OPTIONS_LISTED = 6;

/** Edit distance between two short strings (for "the closest kinds"); O(a·b). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The value at a path of the input (what an issue is about), if any. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at = input;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * An unknown kind among many (the scripted faults have over twenty): the options closest to what was written, in
 * the schema's order, and how many there are in all; the message says where all are listed.
 */
function closestOptions(issue: Record<string, unknown>, input: unknown): { options: string; count: number } | null {
  const options = Array.isArray(issue.options) ? issue.options.map(String) : null;
  if (!options || options.length <= MAX_OPTIONS_LISTED) return null;
  const written = valueAt(input, issue.path as PropertyKey[]);
  const text = typeof written === 'string' ? written.slice(0, 80) : '';
  const ranked = options.map((o, k) => ({ o, k, d: distance(text, o) })).sort((a, b) => a.d - b.d || a.k - b.k);
  const chosen = ranked.slice(0, 3).sort((a, b) => a.k - b.k).map((x) => `'${x.o}'`);
  return { options: chosen.join(' | '), count: options.length };
}

/** zod issues as problems (`input`: what was parsed, to name the closest options to an unknown kind). */
export function problemsOf(issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[], input?: unknown): InputProblem[] {
  return issues.map((issue) => {
    const params = issueParams(issue as unknown as Record<string, unknown>);
    const closest = issue.code === 'invalid_union' ? closestOptions(issue as unknown as Record<string, unknown>, input) : null;
    if (closest) {
      params.options = closest.options;
      params.count = closest.count;
      const message = `Invalid discriminator value. Closest of the ${closest.count} kinds: ${closest.options} (all are listed in docs/scenario-format.md)`;
      return { path: formatPath(issue.path), code: 'invalid_union', params, message };
    }
    return { path: formatPath(issue.path), code: issue.code, params, message: issueMessage(issue, params) };
  });
}

/** A `version` that is not a whole number is not a version at all (rather than the wrong version). */
function notAVersion(v: unknown): InputProblem | null {
  if (typeof v === 'number' && Number.isInteger(v)) return null;
  const found = v === undefined ? 'nothing' : excerpt(typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
  const shown = typeof v === 'string' ? found : found.replace(/^"|"$/g, '');
  return {
    path: 'version',
    code: 'not-a-version',
    params: { found: shown, reads: SCENARIO_VERSION },
    message: `${shown} is not a version: a version is a whole number (this build reads version ${SCENARIO_VERSION})`,
  };
}

function failed(problems: InputProblem[]): ParseResult {
  return { ok: false, errors: problems.map((p) => `${p.path}: ${p.message}`), problems };
}

/**
 * Validates untrusted input (a file, a share link, saved state) and fills in defaults.
 * Never throws: every problem comes back as a message that names the field path.
 * @example parseScenario({ version: 1, name: 'x', producer: { acks: 'two' } })
 *   // → { ok: false, errors: ['producer.acks: Invalid option: expected one of "0"|"1"|"all"'], problems: [...] }
 */
export function parseScenario(input: unknown): ParseResult {
  if (typeof input === 'object' && input !== null && 'version' in input) {
    const v = (input as { version: unknown }).version;
    const bad = notAVersion(v);
    if (bad) {
      const rest = scenarioSchema.safeParse({ ...(input as object), version: SCENARIO_VERSION });
      return failed([bad, ...(rest.success ? [] : problemsOf(rest.error.issues, input))]);
    }
    if (typeof v === 'number' && v > SCENARIO_VERSION) {
      return failed([
        {
          path: 'version',
          code: 'too-new-version',
          params: { found: v, reads: SCENARIO_VERSION },
          message: `this file is version ${v}, but this build reads version ${SCENARIO_VERSION}; open it with a newer Exactly-Once Lab`,
        },
      ]);
    }
  }
  const result = scenarioSchema.safeParse(input);
  if (!result.success) return failed(problemsOf(result.error.issues, input));
  const refused = [...impossibleFaults(result.data), ...replicationProblems(result.data), ...consumerProblems(result.data), ...transactionProblems(result.data)];
  return refused.length > 0 ? failed(refused) : { ok: true, scenario: migrate(result.data) };
}

/**
 * Reads a parsed scenario into the version-2 model. Version 1 had no consumer side, and every version-1 field means
 * the same in version 2, so nothing moves: the consumer-side sections are filled in (database and dedup defaults)
 * only when there is a consumer, and `version` becomes 2 as soon as a version-2 section or fault is used. A
 * scenario that uses none of them keeps the version it was read as (1 for an older file), so its trace, its short
 * link's preset checksum and its golden stay byte for byte what they were.
 */
export function migrate(s: Scenario): Scenario {
  let out = s;
  if (s.consumer && (!s.database || !s.dedup)) {
    out = { ...s, database: s.database ?? databaseConfigSchema.parse({}), dedup: s.dedup ?? dedupConfigSchema.parse({}) };
  }
  const version = formatVersionOf(out);
  return version === out.version ? out : { ...out, version };
}

/**
 * What the consumer side's settings rule out: a consumer fault (or database/dedup section) without a consumer, and
 * `enable.auto.commit=false` with the `auto` commit strategy.
 */
export function consumerProblems(s: Scenario): InputProblem[] {
  const out: InputProblem[] = [];
  if (!s.consumer) {
    s.faults.scripted.forEach((f, i) => {
      if ((CONSUMER_FAULT_KINDS as readonly string[]).includes(f.kind)) {
        out.push({ path: `faults.scripted[${i}].kind`, code: 'problem.needsConsumer', params: { kind: f.kind }, message: `a ${f.kind} fault needs a consumer section` });
      }
    });
    for (const section of ['database', 'dedup'] as const) {
      if (s[section]) out.push({ path: section, code: 'problem.needsConsumer', params: { kind: section }, message: `a ${section} section needs a consumer section` });
    }
    if (s.faults.consumerRates) out.push({ path: 'faults.consumerRates', code: 'problem.needsConsumer', params: { kind: 'consumerRates' }, message: 'consumerRates needs a consumer section' });
    return out;
  }
  // The consumer reads one broker's log: with replication it would have to follow the leader and its high watermark,
  // which the lab does not model yet.
  if (replicationOf(s.broker).rf > 1) {
    out.push({
      path: 'broker.replication.factor',
      code: 'problem.consumerWithReplication',
      params: {},
      message: 'a consumer section needs replication.factor 1: the lab does not yet model a consumer reading from replicas',
    });
  }
  const joins = s.faults.scripted.flatMap((f, i) => (f.kind === 'member-join' ? [i] : []));
  for (const i of joins.slice(1)) {
    out.push({ path: `faults.scripted[${i}]`, code: 'problem.oneMemberJoin', params: {}, message: 'only one member-join fault: the lab has two group members at most' });
  }
  if (s.consumer.commit.strategy === 'auto' && s.consumer['enable.auto.commit'] === false) {
    out.push({
      path: 'consumer.enable.auto.commit',
      code: 'problem.autoCommitOff',
      params: {},
      message: 'the auto commit strategy needs enable.auto.commit=true (or left out)',
    });
  }
  return out;
}

/**
 * What a transactional run rules out (version 3): a transaction fault without a transactions section; transactions
 * beside the consumer side or replication (the lab models them apart); Kafka versions before 3.x (the lab's
 * transactions follow 3.x and 4.0); and transaction version 2 before Kafka 4.0.
 */
export function transactionProblems(s: Scenario): InputProblem[] {
  const out: InputProblem[] = [];
  if (!s.transactions) {
    s.faults.scripted.forEach((f, i) => {
      if ((TXN_FAULT_KINDS as readonly string[]).includes(f.kind)) {
        out.push({ path: `faults.scripted[${i}].kind`, code: 'problem.needsTransactions', params: { kind: f.kind }, message: `a ${f.kind} fault needs a transactions section` });
      }
    });
    return out;
  }
  if (s.consumer) {
    out.push({ path: 'consumer', code: 'problem.transactionsWithConsumer', params: {}, message: 'a transactions section runs without a consumer section: its application reads the input topic itself' });
  }
  if (replicationOf(s.broker).rf > 1) {
    out.push({ path: 'broker.replication.factor', code: 'problem.transactionsWithReplication', params: {}, message: 'a transactions section needs replication.factor 1: the lab does not yet model transactions across replicas' });
  }
  if (s.kafkaVersion !== '3.x' && s.kafkaVersion !== '4.0') {
    out.push({ path: 'kafkaVersion', code: 'problem.transactionsVersion', params: { version: s.kafkaVersion }, message: `transactions in the lab follow Kafka 3.x or 4.0, not ${s.kafkaVersion}` });
  }
  if (s.transactions['transaction.version'] === 2 && s.kafkaVersion !== '4.0') {
    out.push({ path: 'transactions.transaction.version', code: 'problem.tv2NeedsKafka4', params: { version: s.kafkaVersion }, message: `transaction.version 2 came with Kafka 4.0, not ${s.kafkaVersion}` });
  }
  s.faults.scripted.forEach((f, i) => {
    if (!(TXN_FAULT_KINDS as readonly string[]).includes(f.kind)) {
      out.push({ path: `faults.scripted[${i}].kind`, code: 'problem.notInTransactions', params: { kind: f.kind }, message: `a ${f.kind} fault does not apply to a transactional run: use the transaction faults` });
    }
  });
  for (const [rate, value] of Object.entries(s.faults.rates)) {
    if (value > 0 && rate !== 'delayMs' && rate !== 'stallMs') {
      out.push({ path: `faults.rates.${rate}`, code: 'problem.notInTransactions', params: { kind: rate }, message: `random ${rate} faults do not apply to a transactional run: its requests travel a loss-free link` });
    }
  }
  return out;
}

/**
 * Scripted faults that cannot happen with the scenario's settings: an error reply that only acks=all can produce
 * (NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND, a broker-side REQUEST_TIMED_OUT; reference §1.7) on a
 * producer with acks=0 or 1. Each names the fault's `error` field.
 */
export function impossibleFaults(s: Scenario): InputProblem[] {
  return impossibleFaultIndices(s).map((i) => {
    const f = s.faults.scripted[i] as Extract<Fault, { kind: 'error-reply' }>;
    return {
      path: `faults.scripted[${i}].error`,
      code: 'problem.errorNeedsAcksAll',
      params: { error: f.error, acks: s.producer.acks },
      message: `${f.error} is only sent with acks=all, but producer.acks is "${s.producer.acks}"`,
    };
  });
}

/**
 * Replication settings and node faults that cannot mean anything with the scenario's replication factor: a broker id
 * beyond it, min.insync.replicas above it, a follower fault without followers, the single-broker restart with several.
 * The code is the catalogue key of the problem's words.
 */
export function replicationProblems(s: Scenario): InputProblem[] {
  const { rf, minIsr } = replicationOf(s.broker);
  const out: InputProblem[] = [];
  if (minIsr > rf) {
    out.push({
      path: 'broker.min.insync.replicas',
      code: 'problem.minIsrAboveReplicas',
      params: { minIsr, rf },
      message: `min.insync.replicas is ${minIsr}, more than replication.factor (${rf}): no write with acks=all could ever succeed`,
    });
  }
  s.faults.scripted.forEach((f, i) => {
    if ((f.kind === 'broker-kill' || f.kind === 'follower-isolate') && rf === 1) {
      out.push({
        path: `faults.scripted[${i}].kind`,
        code: 'problem.needsReplication',
        params: { kind: f.kind },
        message: `${f.kind} needs followers: set broker.replication.factor to 2 or more (with one broker, use broker-restart)`,
      });
    } else if ((f.kind === 'broker-kill' || f.kind === 'follower-isolate') && f.broker > rf) {
      out.push({
        path: `faults.scripted[${i}].broker`,
        code: 'problem.noSuchBroker',
        params: { broker: f.broker, rf },
        message: `there is no broker ${f.broker}: broker.replication.factor is ${rf}, so the partition's replicas are on brokers 1 to ${rf}`,
      });
    } else if (f.kind === 'broker-restart' && rf > 1) {
      out.push({
        path: `faults.scripted[${i}].kind`,
        code: 'problem.restartNeedsOneBroker',
        params: { rf },
        message: `broker-restart is for a single broker; with broker.replication.factor ${rf}, use broker-kill with a broker id and downMs`,
      });
    }
  });
  return out;
}

function impossibleFaultIndices(s: Scenario): number[] {
  const out: number[] = [];
  s.faults.scripted.forEach((f, i) => {
    if (f.kind === 'error-reply' && !errorReplyPossible(f.error, s.producer.acks)) out.push(i);
  });
  return out;
}

/**
 * The scenario without the scripted faults its settings rule out, and those faults: what an interface does when a
 * setting change (acks=1) makes a scripted error reply impossible, telling the user what it removed.
 */
export function withoutImpossibleFaults(s: Scenario): { scenario: Scenario; removed: Fault[] } {
  const drop = new Set(impossibleFaultIndices(s));
  if (drop.size === 0) return { scenario: s, removed: [] };
  const removed = s.faults.scripted.filter((_, i) => drop.has(i));
  return { scenario: { ...s, faults: { ...s.faults, scripted: s.faults.scripted.filter((_, i) => !drop.has(i)) } }, removed };
}

/** Parses JSON text (a UTF-8 byte-order mark at its start is allowed), reporting a syntax error as clearly as a schema error. */
export function parseScenarioJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (e) {
    const detail = (e as Error).message;
    const position = /position (\d+)/.exec(detail)?.[1];
    return failed([{ path: '(file)', code: 'not-json', params: position ? { detail, position: Number(position) } : { detail }, message: `not valid JSON: ${detail}` }]);
  }
  return parseScenario(data);
}

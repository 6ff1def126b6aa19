import { getPreset, PRESETS } from '../scenarios/presets';
import { isKafkaVersion, KAFKA_VERSIONS, type KafkaVersion } from '../sim/protocol/kafka-version';
import { resolveProducerConfig } from '../sim/protocol/producer-config';
import { runSimulation } from '../sim/run-simulation';
import { parseScenario, parseScenarioJson } from '../sim/scenario/parse';
import { COMMIT_STRATEGIES, DEDUP_STRATEGIES, transactionRulesOf, type CommitStrategy, type DedupStrategy, type Scenario } from '../sim/scenario/schema';
import type { ConsumerOutcome, TransactionsOutcome } from '../sim/trace/outcome-types';
import { checkTrace } from '../sim/trace/checker';
import type { Trace } from '../sim/trace/types';
import { describe } from '../i18n/describe';
import { explainAnomaly, summarise } from '../i18n/explain';
import { explainEffectAnomaly, summariseEffects } from '../i18n/explain-effects';
import { explainTxnAnomaly, summariseTransactions } from '../i18n/explain-txn';
import { configProblemText } from '../i18n/facts';
import { budgetText } from '../i18n/budget';
import { t } from '../i18n/t';
import { checkBudget, WORK_LIMIT } from '../sim/budget/estimate-work';
import { excerpt, EXCERPT_CHARS } from '../sim/scenario/excerpt';
import { ChunkedWriter, writeJson } from './json-stream';
import { toJsonReport } from './json-report';

export { toJsonReport };

export interface CliIo {
  readFile(path: string): string | null;
  /** A line of standard output. */
  out(text: string): void;
  /** A piece of standard output, written as it is (a long report comes in many pieces). */
  write(chunk: string): void;
  err(text: string): void;
}

export const USAGE = `Usage: npm run sim -- <scenario.json | preset-id> [--idempotence on|off] [--broker-shutdown clean|crash] [--kafka-version V] [--seed N] [--dedup S] [--commit S] [--commit-mode sync|async] [--json]

Runs a scenario headlessly and prints its events and the verdict.
  --idempotence on|off            override producer enable.idempotence
  --broker-shutdown clean|crash   how every scripted broker-restart goes down: a clean shutdown (snapshot at the
                                  log end) or a crash (the log after the last snapshot is replayed)
  --kafka-version V               whose rules the producer and broker follow: ${KAFKA_VERSIONS.join(', ')}
  --seed N                        override the scenario's seed: a decimal whole number from 0 to 4294967295
  --dedup S                       the consumer's deduplication: ${DEDUP_STRATEGIES.join('|')}
  --commit S                      when the consumer commits offsets: ${COMMIT_STRATEGIES.join('|')}
  --commit-mode sync|async        commitSync or commitAsync
                                  (each of the three adds a consumer with default settings to a scenario without one)
  --json                 print one JSON document: kafkaVersion, scenario, outcome (with outcome.effects when there is
                         a consumer; outcome.transactions and outcome.consumers in a transactional run), log, events
                         (and database, the final tables, when there is a consumer; partitions in a transactional run)
Presets: ${PRESETS.map((p) => p.id).join(', ')}
A scenario estimated to need more than ${WORK_LIMIT.toLocaleString('en')} events is refused before it runs.
Exit status: 0 after a run, 2 on invalid input or a refused scenario (the message goes to stderr).`;

interface Args {
  source: string;
  idempotence?: boolean;
  shutdown?: 'clean' | 'crash';
  kafkaVersion?: KafkaVersion;
  seed?: number;
  dedup?: DedupStrategy;
  commit?: CommitStrategy;
  commitMode?: 'sync' | 'async';
  json: boolean;
}

/** The largest seed: seeds are unsigned 32-bit numbers. */
const SEED_MAX = 0xffffffff;

const quoted = (v: string | undefined) => (v === undefined ? 'nothing' : excerpt(v));
/** A file name or option as typed when it is short and plain, otherwise a short escaped excerpt of it. */
const plain = (v: string) => (v.length <= EXCERPT_CHARS && /^[-\w./\\:@+=~]*$/.test(v) ? v : excerpt(v));

function parseArgs(argv: readonly string[]): Args | string {
  let source: string | undefined;
  let idempotence: boolean | undefined;
  let shutdown: 'clean' | 'crash' | undefined;
  let kafkaVersion: KafkaVersion | undefined;
  let seed: number | undefined;
  let dedup: DedupStrategy | undefined;
  let commit: CommitStrategy | undefined;
  let commitMode: 'sync' | 'async' | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--idempotence') {
      const v = argv[++i];
      if (v !== 'on' && v !== 'off') return `--idempotence takes "on" or "off", got ${quoted(v)}`;
      idempotence = v === 'on';
    } else if (a === '--broker-shutdown') {
      const v = argv[++i];
      if (v !== 'clean' && v !== 'crash') return `--broker-shutdown takes "clean" or "crash", got ${v === undefined ? 'nothing' : `"${v}"`}`;
      shutdown = v;
    } else if (a === '--kafka-version') {
      const v = argv[++i];
      if (!isKafkaVersion(v)) return `--kafka-version takes one of ${KAFKA_VERSIONS.join(', ')}, got ${quoted(v)}`;
      kafkaVersion = v;
    } else if (a === '--seed') {
      const v = argv[++i];
      const n = v !== undefined && /^[0-9]{1,10}$/.test(v) ? Number(v) : NaN;
      if (!(n <= SEED_MAX)) return `--seed takes a decimal whole number from 0 to ${SEED_MAX}, got ${quoted(v)}`;
      seed = n;
    } else if (a === '--dedup') {
      const v = argv[++i];
      if (!(DEDUP_STRATEGIES as readonly (string | undefined)[]).includes(v)) return `--dedup takes one of ${DEDUP_STRATEGIES.join(', ')}, got ${quoted(v)}`;
      dedup = v as DedupStrategy;
    } else if (a === '--commit') {
      const v = argv[++i];
      if (!(COMMIT_STRATEGIES as readonly (string | undefined)[]).includes(v)) return `--commit takes one of ${COMMIT_STRATEGIES.join(', ')}, got ${quoted(v)}`;
      commit = v as CommitStrategy;
    } else if (a === '--commit-mode') {
      const v = argv[++i];
      if (v !== 'sync' && v !== 'async') return `--commit-mode takes "sync" or "async", got ${quoted(v)}`;
      commitMode = v;
    } else if (a === '--help' || a === '-h') return 'help';
    else if (a.startsWith('--')) return `unknown option ${plain(a)}`;
    else if (source === undefined) source = a;
    else return `unexpected argument ${excerpt(a)}: give one scenario file or preset id`;
  }
  if (source === undefined) return 'missing the scenario: give a scenario file or a preset id';
  return { source, idempotence, shutdown, kafkaVersion, seed, dedup, commit, commitMode, json };
}

function loadScenario(args: Args, io: CliIo): Scenario | string {
  const text = io.readFile(args.source);
  let input: unknown;
  if (text === null) {
    const preset = getPreset(args.source);
    if (!preset) return `${plain(args.source)}: no such file, and no preset has that id (presets: ${PRESETS.map((p) => p.id).join(', ')})`;
    input = preset.scenario;
  } else {
    const parsed = parseScenarioJson(text);
    if (!parsed.ok) return `${plain(args.source)}: invalid scenario\n  ${parsed.errors.join('\n  ')}`;
    input = parsed.scenario;
  }
  const base = input as Scenario;
  const merged = {
    ...base,
    seed: args.seed ?? base.seed,
    kafkaVersion: args.kafkaVersion ?? base.kafkaVersion,
    producer: { ...base.producer, ...(args.idempotence === undefined ? {} : { 'enable.idempotence': args.idempotence }) },
    faults: {
      ...base.faults,
      scripted: base.faults.scripted.map((f) => (f.kind === 'broker-restart' && args.shutdown ? { ...f, shutdown: args.shutdown } : f)),
    },
  };
  const consumerSide = args.dedup !== undefined || args.commit !== undefined || args.commitMode !== undefined;
  if (consumerSide) {
    const consumer = (base.consumer ?? {}) as Partial<NonNullable<Scenario['consumer']>>;
    const commit = { ...consumer.commit, ...(args.commit ? { strategy: args.commit } : {}), ...(args.commitMode ? { mode: args.commitMode } : {}) };
    Object.assign(merged, { consumer: { ...consumer, commit }, ...(args.dedup ? { dedup: { ...base.dedup, strategy: args.dedup } } : {}) });
  }
  const checked = parseScenario(merged);
  return checked.ok ? checked.scenario : checked.errors.join('\n');
}

/** A transactional run's partitions, what each consumer returned, and the verdict. */
function* transactionalReport(trace: Trace, o: TransactionsOutcome, consumers: ConsumerOutcome[]): Generator<string> {
  for (const p of trace.partitions ?? []) {
    yield '';
    yield `${p.id}: LSO ${p.lso}, log end ${p.leo}${p.open.length > 0 ? `, open: ${p.open.map((x) => `producer ${x.pid} from ${x.first}`).join(', ')}` : ''}`;
    if (p.records.length === 0) yield '  (empty)';
    for (const r of p.records) {
      const what = r.kind === 'control' ? `${r.control} marker` : r.kind === 'state' ? `state ${r.state}` : r.kind === 'offset' ? `offset commit ${r.message} (group ${r.group})` : `message ${r.message}`;
      const by = r.pid < 0 ? '' : `  (producer ${r.pid} epoch ${r.epoch}${r.seq >= 0 ? ` seq ${r.seq}` : ''}${r.transactional && r.kind !== 'control' && r.kind !== 'state' ? ', transactional' : ''})`;
      yield `  offset ${String(r.offset).padStart(3)}  ${what}${by}`;
    }
  }
  for (const c of consumers) {
    yield '';
    yield `${c.id} (${c.isolation}) returned: ${c.records.length === 0 ? '(nothing)' : c.records.map((r) => `m${r.message} @${r.topic}-${r.partition}:${r.offset}`).join(', ')}`;
  }
  yield '';
  yield `Verdict: committed ${o.committed} · aborted ${o.aborted} · hanging ${o.hanging.length} · duplicates ${o.duplicates} · leaked ${o.leaked} · lost ${o.lost} · exactly-once ${o.exactlyOnce ? 'yes' : 'no'}`;
  yield summariseTransactions('en', o);
  for (const a of o.anomalies) yield `  - ${explainTxnAnomaly('en', a)}`;
}

/** The header line: the scenario and the settings that matter most. */
function headerLine(s: Scenario): string {
  if (s.transactions) {
    const { tv, verification } = transactionRulesOf(s);
    return `${s.name} (${s.id}) · seed ${s.seed} · transactional.id=${s.transactions['transactional.id']} · ${s.transactions.app} · transaction.version=${tv} · verification=${verification} · Kafka ${s.kafkaVersion}`;
  }
  return `${s.name} (${s.id}) · seed ${s.seed} · enable.idempotence=${s.producer['enable.idempotence'] ?? `unset → ${resolveProducerConfig(s.producer, s.kafkaVersion).config['enable.idempotence']}`} · acks=${s.producer.acks} · max.in.flight=${s.producer['max.in.flight.requests.per.connection']} · Kafka ${s.kafkaVersion}`;
}

/** The text report, line by line: the event list, the log and the verdict. */
function* textReport(trace: Trace): Generator<string> {
  const s = trace.scenario;
  yield headerLine(s);
  yield '';
  for (const ev of trace.events) {
    yield `t=${String(ev.t).padStart(6)} ms  #${String(ev.i).padEnd(4)} ${ev.lane.padEnd(8)} ${describe(ev, 'en')}`;
  }
  const o = checkTrace(trace);
  if (o.transactions && trace.configError !== null) {
    yield '';
    yield summarise('en', o);
    return;
  }
  if (o.transactions) {
    yield* transactionalReport(trace, o.transactions, o.consumers ?? []);
    return;
  }
  yield '';
  yield 'Log:';
  if (trace.log.length === 0) yield '  (empty)';
  for (const r of trace.log) {
    const id = r.pid < 0 ? 'no producer id' : `producer ${r.pid} epoch ${r.epoch} seq ${r.seq}`;
    yield `  offset ${String(r.offset).padStart(3)}  message ${r.message}  (${id})`;
  }
  yield '';
  yield `Verdict: duplicates ${o.duplicates} · lost ${o.lost} · reordered ${o.reordered} · exactly-once ${o.exactlyOnce ? 'yes' : 'no'}`;
  yield summarise('en', o);
  for (const a of o.anomalies) yield `  - ${explainAnomaly('en', a)}`;
  if (!o.effects) return;
  const e = o.effects;
  yield '';
  yield 'Effects in the database:';
  if (trace.database && trace.database.effects.length === 0) yield '  (none)';
  for (const r of trace.database?.effects ?? []) yield `  message ${r.message}  from offset ${r.offset}  (event #${r.event}${r.rewrites > 0 ? `, rewritten ${r.rewrites}×` : ''})`;
  yield '';
  yield `Effects verdict: duplicates ${e.duplicates} · lost ${e.lost} · exactly-once ${e.exactlyOnce ? 'yes' : 'no'}`;
  yield summariseEffects('en', e);
  for (const a of e.anomalies) yield `  - ${explainEffectAnomaly('en', a)}`;
}

/**
 * Writes a report to standard output in pieces, never as one string: the JSON document (three levels walked, so
 * that each event, log record and anomaly is written on its own) or the text, line by line.
 */
export function writeReport(trace: Trace, json: boolean, write: (chunk: string) => void): void {
  const out = new ChunkedWriter(write);
  if (json) writeJson(toJsonReport(trace), out, 3);
  else {
    let first = true;
    for (const line of textReport(trace)) {
      out.write(first ? line : `\n${line}`);
      first = false;
    }
  }
  out.write('\n');
  out.flush();
}

/** The headless runner behind `npm run sim`. Returns the exit status. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    io.err(`error: ${args}\n\n${USAGE}`);
    return 2;
  }
  const scenario = loadScenario(args, io);
  if (typeof scenario === 'string') {
    io.err(`error: ${scenario}`);
    return 2;
  }
  const refusal = checkBudget(scenario);
  if (refusal) {
    io.err(`error: ${budgetText('en', refusal)}`);
    return 2;
  }
  const trace = runSimulation(scenario);
  writeReport(trace, args.json, (chunk) => io.write(chunk));
  if (trace.truncated) io.err(`note: ${t('en', 'alert.truncated', { n: trace.events.length })}`);
  if (trace.configError) {
    io.err(`error: ${configProblemText('en', trace.configError)}`);
    return 2;
  }
  return 0;
}

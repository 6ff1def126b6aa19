import { getPreset, PRESETS } from '../scenarios/presets';
import { resolveProducerConfig } from '../sim/protocol/producer-config';
import { runSimulation } from '../sim/run-simulation';
import { parseScenario, parseScenarioJson } from '../sim/scenario/parse';
import type { Scenario } from '../sim/scenario/schema';
import { checkTrace } from '../sim/trace/checker';
import type { Trace } from '../sim/trace/types';
import { describe } from '../i18n/describe';
import { explainAnomaly, summarise } from '../i18n/explain';
import { configProblemText } from '../i18n/facts';

export interface CliIo {
  readFile(path: string): string | null;
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `Usage: npm run sim -- <scenario.json | preset-id> [--idempotence on|off] [--seed N] [--json]

Runs a scenario headlessly and prints its events and the verdict.
  --idempotence on|off   override producer enable.idempotence
  --seed N               override the scenario's seed (0 … 4294967295)
  --json                 print one JSON document: scenario, outcome, log, events
Presets: ${PRESETS.map((p) => p.id).join(', ')}
Exit status: 0 after a run, 2 on invalid input (the message goes to stderr).`;

interface Args {
  source: string;
  idempotence?: boolean;
  seed?: number;
  json: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  let source: string | undefined;
  let idempotence: boolean | undefined;
  let seed: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--idempotence') {
      const v = argv[++i];
      if (v !== 'on' && v !== 'off') return `--idempotence takes "on" or "off", got ${v === undefined ? 'nothing' : `"${v}"`}`;
      idempotence = v === 'on';
    } else if (a === '--seed') {
      const v = argv[++i];
      const n = v === undefined ? NaN : Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return `--seed takes a whole number from 0 to 4294967295, got ${v === undefined ? 'nothing' : `"${v}"`}`;
      seed = n;
    } else if (a === '--help' || a === '-h') return 'help';
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (source === undefined) source = a;
    else return `unexpected argument "${a}": give one scenario file or preset id`;
  }
  if (source === undefined) return 'missing the scenario: give a scenario file or a preset id';
  return { source, idempotence, seed, json };
}

function loadScenario(args: Args, io: CliIo): Scenario | string {
  const text = io.readFile(args.source);
  let input: unknown;
  if (text === null) {
    const preset = getPreset(args.source);
    if (!preset) return `${args.source}: no such file, and no preset has that id (presets: ${PRESETS.map((p) => p.id).join(', ')})`;
    input = preset.scenario;
  } else {
    const parsed = parseScenarioJson(text);
    if (!parsed.ok) return `${args.source}: invalid scenario\n  ${parsed.errors.join('\n  ')}`;
    input = parsed.scenario;
  }
  const base = input as Scenario;
  const merged = {
    ...base,
    seed: args.seed ?? base.seed,
    producer: { ...base.producer, ...(args.idempotence === undefined ? {} : { 'enable.idempotence': args.idempotence }) },
  };
  const checked = parseScenario(merged);
  return checked.ok ? checked.scenario : checked.errors.join('\n');
}

/**
 * The JSON document of `--json`: stable field names for scripts and course material. The trace and the outcome carry
 * facts (rule ids, error codes, anomaly causes with their numbers); the English renderings sit beside them
 * (`configError`, `outcome.explanation`, each anomaly's `explanation`).
 */
export function toJsonReport(trace: Trace) {
  const outcome = checkTrace(trace);
  return {
    scenario: trace.scenario,
    configError: trace.configError === null ? null : configProblemText('en', trace.configError),
    configProblem: trace.configError,
    outcome: {
      ...outcome,
      explanation: summarise('en', outcome),
      anomalies: outcome.anomalies.map((a) => ({ ...a, explanation: explainAnomaly('en', a) })),
    },
    log: trace.log.map((r) => ({ offset: r.offset, producerId: r.pid, epoch: r.epoch, sequence: r.seq, messageId: r.message, t: r.t })),
    events: trace.events,
  };
}

function textReport(trace: Trace): string {
  const lines: string[] = [];
  const s = trace.scenario;
  lines.push(`${s.name} (${s.id}) · seed ${s.seed} · enable.idempotence=${s.producer['enable.idempotence'] ?? `unset → ${resolveProducerConfig(s.producer).config['enable.idempotence']}`} · acks=${s.producer.acks} · max.in.flight=${s.producer['max.in.flight.requests.per.connection']}`);
  lines.push('');
  for (const ev of trace.events) {
    lines.push(`t=${String(ev.t).padStart(6)} ms  #${String(ev.i).padEnd(4)} ${ev.lane.padEnd(8)} ${describe(ev, 'en')}`);
  }
  const o = checkTrace(trace);
  lines.push('', 'Log:');
  if (trace.log.length === 0) lines.push('  (empty)');
  for (const r of trace.log) {
    const id = r.pid < 0 ? 'no producer id' : `producer ${r.pid} epoch ${r.epoch} seq ${r.seq}`;
    lines.push(`  offset ${String(r.offset).padStart(3)}  message ${r.message}  (${id})`);
  }
  lines.push('', `Verdict: duplicates ${o.duplicates} · lost ${o.lost} · reordered ${o.reordered} · exactly-once ${o.exactlyOnce ? 'yes' : 'no'}`);
  lines.push(summarise('en', o));
  for (const a of o.anomalies) lines.push(`  - ${explainAnomaly('en', a)}`);
  return lines.join('\n');
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
  const trace = runSimulation(scenario);
  io.out(args.json ? JSON.stringify(toJsonReport(trace)) : textReport(trace));
  if (trace.configError) {
    io.err(`error: ${configProblemText('en', trace.configError)}`);
    return 2;
  }
  return 0;
}

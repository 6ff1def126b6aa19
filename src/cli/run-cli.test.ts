import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { getPreset } from '../scenarios/presets';
import { runSimulation } from '../sim/run-simulation';
import { USAGE } from './run-cli';
import { runCliCaptured } from './run-cli-capture';

/** Runs the CLI in-process against a fake file system. */
const run = runCliCaptured;

const json = (argv: string[], files?: Record<string, string>) => {
  const r = run([...argv, '--json'], files);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as {
    scenario: { seed: number; producer: Record<string, unknown> };
    outcome: { duplicates: number; lost: number; reordered: number; exactlyOnce: boolean; explanation: string };
    log: { offset: number; producerId: number; epoch: number; sequence: number; messageId: number }[];
    events: unknown[];
  };
};

describe('npm run sim', () => {
  test('a preset by id: the event list, the log and the verdict, exit 0', () => {
    const r = run(['lost-ack', '--idempotence', 'off']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Lost ack \(lost-ack\) · seed \d+ · enable\.idempotence=false/);
    expect(r.out).toContain('Network loses the broker\'s response for message 1');
    expect(r.out).toMatch(/offset +0 +message 1 +\(no producer id\)\n +offset +1 +message 1 +\(no producer id\)/);
    expect(r.out).toContain('Verdict: duplicates 1 · lost 0 · reordered 0 · exactly-once no');
    expect(run(['lost-ack', '--idempotence', 'on']).out).toContain('Verdict: duplicates 0 · lost 0 · reordered 0 · exactly-once yes');
  });

  test('--broker-shutdown sets how every scripted broker restart goes down', () => {
    const clean = run(['broker-restart']);
    expect(clean.out).toContain('The broker shuts down cleanly');
    expect(clean.out).toContain('Verdict: duplicates 2');
    const crash = run(['broker-restart', '--broker-shutdown', 'crash']);
    expect(crash.code).toBe(0);
    expect(crash.out).toContain('The broker crashes');
    expect(crash.out).toContain('Verdict: duplicates 0 · lost 0 · reordered 0 · exactly-once yes');
    const doc = JSON.parse(run(['broker-crash', '--broker-shutdown', 'clean', '--json']).out) as { scenario: { faults: { scripted: { kind: string; shutdown?: string }[] } } };
    expect(doc.scenario.faults.scripted.find((f) => f.kind === 'broker-restart')?.shutdown).toBe('clean');
  });

  test('--kafka-version sets whose rules apply; the text names it and the JSON carries it', () => {
    expect(run(['lost-ack']).out.split('\n')[0]).toMatch(/ · Kafka 4\.0$/);
    const old = run(['broker-restart', '--kafka-version', '1.0.0', '--idempotence', 'on']);
    expect(old.code).toBe(0);
    expect(old.out.split('\n')[0]).toMatch(/ · Kafka 1\.0\.0$/);
    expect(old.out).toContain('DUPLICATE_SEQUENCE_NUMBER');
    const doc = JSON.parse(run(['lost-ack', '--kafka-version', '2.4', '--json']).out) as { kafkaVersion: string; scenario: { kafkaVersion: string } };
    expect(doc.kafkaVersion).toBe('2.4');
    expect(doc.scenario.kafkaVersion).toBe('2.4');
    expect((JSON.parse(run(['lost-ack', '--json']).out) as { kafkaVersion: string }).kafkaVersion).toBe('4.0');
  });

  test('--json: outcome, log and events, as documented', () => {
    const off = json(['lost-ack', '--idempotence', 'off']);
    expect(off.outcome).toMatchObject({ duplicates: 1, lost: 0, reordered: 0, exactlyOnce: false });
    expect(off.outcome.explanation).toContain('1 duplicate');
    expect(off.log.map((r) => r.messageId)).toEqual([1, 1, 2, 3]);
    expect(off.log[0]).toMatchObject({ offset: 0, producerId: -1, epoch: -1, sequence: -1, messageId: 1 });
    const on = json(['lost-ack', '--idempotence', 'on']);
    expect(on.outcome).toMatchObject({ duplicates: 0, exactlyOnce: true });
    expect(on.log.map((r) => [r.producerId, r.epoch, r.sequence, r.messageId])).toEqual([
      [1000, 0, 0, 1],
      [1000, 0, 1, 2],
      [1000, 0, 2, 3],
    ]);
    // The events are the trace itself.
    const preset = getPreset('lost-ack')!.scenario;
    const trace = runSimulation({ ...preset, producer: { ...preset.producer, 'enable.idempotence': true } });
    expect(on.events).toEqual(JSON.parse(JSON.stringify(trace.events)));
  });

  test('--json: the trace and the outcome carry facts, with the English words beside them', () => {
    const off = JSON.parse(run(['lost-ack', '--idempotence', 'off', '--json']).out) as {
      configError: string | null;
      configProblem: string | null;
      outcome: { summary: { recognisedRetries: number }; anomalies: { cause: string; params: unknown; explanation: string }[] };
      events: { kind: string; rule?: unknown }[];
    };
    expect(off.configError).toBeNull();
    expect(off.configProblem).toBeNull();
    expect(off.events.find((e) => e.kind === 'broker.handled')?.rule).toEqual({ id: 'no-producer-id' });
    expect(off.outcome.anomalies[0]).toMatchObject({ cause: 'duplicate-retry', params: { copies: 2, retry: { kind: 'ack-lost' } } });
    expect(off.outcome.anomalies[0]!.explanation).toMatch(/^Message 1 is in the log 2 times, at offsets 0 and 1: .*its ack was lost/);
    const on = JSON.parse(run(['lost-ack', '--idempotence', 'on', '--json']).out) as typeof off;
    expect(on.outcome.summary.recognisedRetries).toBe(1);
    const s = { ...getPreset('lost-ack')!.scenario, producer: { ...getPreset('lost-ack')!.scenario.producer, 'max.in.flight.requests.per.connection': 6 } };
    const refused = JSON.parse(run(['six.json', '--json'], { 'six.json': JSON.stringify(s) }).out) as typeof off;
    expect(refused.configProblem).toBe('idempotence-max-in-flight');
    expect(refused.configError).toBe('ConfigException: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.');
  });

  test('--seed overrides the scenario’s seed: decimal digits, 0 to 4294967295', () => {
    expect(json(['lost-ack', '--seed', '77']).scenario.seed).toBe(77);
    expect(json(['lost-ack', '--seed', '4294967295']).scenario.seed).toBe(4294967295);
    expect(json(['lost-ack', '--seed', '007']).scenario.seed).toBe(7);
  });

  test('a huge argument is quoted as a short excerpt', () => {
    const r = run(['lost-ack', 'z'.repeat(100_000)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: unexpected argument "${'z'.repeat(40)}…" (100000 characters)`);
    expect(r.err.length).toBeLessThan(USAGE.length + 200);
  });

  test('a scenario file with a UTF-8 byte-order mark is read like any other', () => {
    const text = `\uFEFF${JSON.stringify(getPreset('lost-ack')!.scenario)}`;
    expect(json(['bom.json'], { 'bom.json': text }).outcome.duplicates).toBe(0);
  });

  test('a scenario too big to simulate is refused up front: why, what to change, exit 2, nothing on stdout', () => {
    const lossy = { version: 1, name: 'x', workload: { messages: 200000 }, faults: { rates: { loseRequest: 0.9 } } };
    const r = run(['lossy.json', '--json'], { 'lossy.json': JSON.stringify(lossy) });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: This scenario is too big to simulate: it would take about [\d,]+ events, more than the limit of 2,000,000\. Lower the fault rates/);
    const restarts = {
      version: 1,
      name: 'x',
      workload: { messages: 200000, intervalMs: 0 },
      faults: { scripted: Array.from({ length: 50 }, (_, i) => ({ kind: 'producer-restart', atMs: i, downMs: 1 })) },
    };
    expect(run(['r.json'], { 'r.json': JSON.stringify(restarts) }).err).toContain('Use fewer producer restarts');
  });

  test('--json events carry each party’s state value and the transition that recorded them', () => {
    const events = json(['lost-ack', '--json']).events as { states: Record<string, unknown>; transition?: { party: string; event: string } }[];
    expect(Object.keys(events[0]!.states).sort()).toEqual(['broker', 'connection', 'network', 'producer']);
    expect(events.every((e) => e.states && typeof e.states === 'object')).toBe(true);
    expect(events.some((e) => e.transition?.party === 'broker' && e.transition.event === 'produce')).toBe(true);
  });

  test('a scenario file is read and validated; its errors name the field, exit 2', () => {
    const scenario = JSON.stringify(getPreset('lost-request')!.scenario);
    expect(json(['my.json'], { 'my.json': scenario }).outcome.lost).toBe(0);
    const bad = run(['bad.json'], { 'bad.json': JSON.stringify({ version: 1, name: 'x', producer: { acks: 'two' } }) });
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/^error: bad\.json: invalid scenario\n {2}producer\.acks: /);
    const notJson = run(['broken.json'], { 'broken.json': '{ "version": 1,' });
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('broken.json: invalid scenario');
  });

  test.each([
    [['--json'], 'missing the scenario'],
    [['nope'], 'nope: no such file, and no preset has that id'],
    [['lost-ack', '--idempotence', 'maybe'], '--idempotence takes "on" or "off", got "maybe"'],
    [['broker-restart', '--broker-shutdown', 'kill'], '--broker-shutdown takes "clean" or "crash", got "kill"'],
    [['lost-ack', '--kafka-version', '3.0'], '--kafka-version takes one of 0.11, 1.0.0, 2.4, 3.0.0, 3.x, 4.0, got "3.0"'],
    [['lost-ack', '--kafka-version'], '--kafka-version takes one of 0.11, 1.0.0, 2.4, 3.0.0, 3.x, 4.0, got nothing'],
    [['lost-ack', '--seed', '-1'], '--seed takes a decimal whole number from 0 to 4294967295, got "-1"'],
    [['lost-ack', '--seed', '0x10'], '--seed takes a decimal whole number from 0 to 4294967295, got "0x10"'],
    ...['1e3', '', ' 5', '4294967296', '1.0', '+5'].map((v): [string[], string] => [['lost-ack', '--seed', v], `--seed takes a decimal whole number from 0 to 4294967295, got ${JSON.stringify(v)}`]),
    [['lost-ack', '--seed'], '--seed takes a decimal whole number from 0 to 4294967295, got nothing'],
    [['lost-ack', '--x\u0000y'], 'unknown option "--x\\u0000y"'],
    [['lost-ack', '--engine', 'actor'], 'unknown option --engine'],
    [['lost-ack', '--fast'], 'unknown option --fast'],
    [['lost-ack', 'lost-request'], 'unexpected argument "lost-request"'],
  ])('%j is refused with exit 2: %s', (argv, message) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`error: ${message}`);
  });

  test('a configuration Kafka refuses is reported on stderr with exit 2 (the run itself is still printed)', () => {
    const s = { ...getPreset('lost-ack')!.scenario, producer: { ...getPreset('lost-ack')!.scenario.producer, 'max.in.flight.requests.per.connection': 6 } };
    const r = run(['six.json'], { 'six.json': JSON.stringify(s) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: ConfigException: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.');
    expect(r.out).toContain('Verdict:');
  });

  test('--help prints the usage, exit 0', () => {
    expect(run(['--help'])).toEqual({ code: 0, out: USAGE, err: '' });
  });

  test('the npm script: a real process, stdout, stderr and exit status', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const doc = JSON.parse(execFileSync(tsx, ['scripts/sim.ts', 'lost-ack', '--idempotence', 'off', '--json'], { cwd: root, encoding: 'utf8' })) as {
      outcome: { duplicates: number };
    };
    expect(doc.outcome.duplicates).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'lab-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{"version": 1, "name": "x", "seed": "one"}');
    const bad = spawnSync(tsx, ['scripts/sim.ts', join(dir, 'bad.json')], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('seed:');
  });
});

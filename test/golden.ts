import { createHash } from 'node:crypto';
import { PRESETS } from '../src/scenarios/presets';
import { runSimulation } from '../src/sim/run-simulation';
import { checkTrace } from '../src/sim/trace/checker';

export const GOLDEN_DIR = new URL('./golden/', import.meta.url);

export interface GoldenCase {
  file: string;
  presetId: string;
  idempotence: boolean;
}

export const GOLDEN_CASES: GoldenCase[] = PRESETS.flatMap((p) =>
  [false, true].map((idempotence) => ({ file: `${p.id}.${idempotence ? 'on' : 'off'}.json`, presetId: p.id, idempotence })),
);

/**
 * A preset's run as a reviewable text: one event per line (without the inspector snapshots; the parties' state values
 * only where they changed), the log, the outcome, and a hash of the whole trace so that a change in the snapshots
 * shows up too.
 */
export function renderGolden(c: GoldenCase): string {
  const preset = PRESETS.find((p) => p.id === c.presetId)!;
  const scenario = { ...preset.scenario, producer: { ...preset.scenario.producer, 'enable.idempotence': c.idempotence } };
  const trace = runSimulation(scenario);
  const outcome = checkTrace(trace);
  let lastStates: unknown = null;
  const events = trace.events.map(({ producer: _p, broker: _b, cluster: _c, states, ...rest }) => {
    const changed = states !== lastStates;
    lastStates = states;
    return JSON.stringify(changed ? { ...rest, states } : rest);
  });
  const log = trace.log.map((r) => JSON.stringify(r));
  const sha = createHash('sha256').update(JSON.stringify(trace)).digest('hex');
  return [
    '{',
    `  "preset": ${JSON.stringify(c.presetId)},`,
    `  "enable.idempotence": ${c.idempotence},`,
    `  "outcome": ${JSON.stringify({ ...outcome, anomalies: undefined })},`,
    `  "anomalies": [\n${outcome.anomalies.map((a) => '    ' + JSON.stringify(a)).join(',\n')}\n  ],`,
    `  "log": [\n${log.map((l) => '    ' + l).join(',\n')}\n  ],`,
    `  "events": [\n${events.map((e) => '    ' + e).join(',\n')}\n  ],`,
    `  "traceSha256": ${JSON.stringify(sha)}`,
    '}',
    '',
  ].join('\n');
}

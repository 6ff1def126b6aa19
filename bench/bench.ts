// npm run bench [-- --messages N] [--loss-rate R] [--runs K] [--no-browser] [--no-sim]
// Measures the simulation in Node and the visualiser in headless Chromium, prints the figures and writes them to
// bench/results.json (only the parts measured; the other figures already there are kept). The machine's load
// average when measuring is written with them: figures taken on a busy machine are inflated.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { benchScenarioEndToEnd, benchScenarioTransactional, runSimBench } from './sim-bench';
import { xstateFloorEventsPerSec } from './xstate-floor';

interface Options {
  messages: number;
  lossRate: number;
  runs: number;
  browser: boolean;
  sim: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { messages: 10000, lossRate: 0.1, runs: 9, browser: true, sim: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (name: string, min: number, max: number) => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name} takes a number from ${min} to ${max}`);
      return v;
    };
    if (a === '--messages') o.messages = Math.floor(num('--messages', 1, 1_000_000));
    else if (a === '--loss-rate') o.lossRate = num('--loss-rate', 0, 0.9);
    else if (a === '--runs') o.runs = Math.floor(num('--runs', 1, 100));
    else if (a === '--no-browser') o.browser = false;
    else if (a === '--no-sim') o.sim = false;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const file = new URL('./results.json', import.meta.url);
  const results: Record<string, number | string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number | string>) : {};
  // A figure the benchmark no longer measures is dropped rather than kept from an older run.
  delete results.simEventsPerSecActor;
  const load = () => Math.round(loadavg()[0]! * 100) / 100;
  if (o.sim) {
    console.log(`Simulation: ${o.messages} messages, loss rate ${o.lossRate} per request and per response, idempotence on, 5 in flight, median of ${o.runs} runs`);
    results.loadAverageSim = load();
    const sim = runSimBench(o);
    console.log(`  ${sim.events} trace events in ${sim.medianMs} ms`);
    const floor = xstateFloorEventsPerSec();
    const ratio = Math.round((sim.simEventsPerSec / floor) * 100) / 100;
    console.log(`  simEventsPerSec   ${sim.simEventsPerSec}   (target ≥ 150000, and ≥ 0.4 × the floor)`);
    console.log(`  simMessagesPerSec ${sim.simMessagesPerSec}`);
    console.log(`  xstateFloorEventsPerSec ${floor}   (createActor: two states, one guarded transition, one assign per event)`);
    console.log(`  simToFloorRatio   ${ratio}`);
    Object.assign(results, {
      simEventsPerSec: sim.simEventsPerSec,
      simMessagesPerSec: sim.simMessagesPerSec,
      simEvents: sim.events,
      simMedianMs: sim.medianMs,
      xstateFloorEventsPerSec: floor,
      simToFloorRatio: ratio,
    });
    console.log(`End to end: the same run with a consumer group member and the application's database (inbox), median of ${o.runs} runs`);
    const e2e = runSimBench(o, benchScenarioEndToEnd);
    console.log(`  ${e2e.events} trace events in ${e2e.medianMs} ms`);
    console.log(`  simEventsPerSecEndToEnd   ${e2e.simEventsPerSec}`);
    console.log(`  simMessagesPerSecEndToEnd ${e2e.simMessagesPerSec}`);
    Object.assign(results, {
      simEventsPerSecEndToEnd: e2e.simEventsPerSec,
      simMessagesPerSecEndToEnd: e2e.simMessagesPerSec,
      simEventsEndToEnd: e2e.events,
      simMedianMsEndToEnd: e2e.medianMs,
    });
    console.log(`Transactions: the same number of records through a consume-transform-produce application, median of ${o.runs} runs`);
    const txn = runSimBench(o, benchScenarioTransactional);
    console.log(`  ${txn.events} trace events in ${txn.medianMs} ms`);
    console.log(`  simEventsPerSecTxn   ${txn.simEventsPerSec}`);
    console.log(`  simMessagesPerSecTxn ${txn.simMessagesPerSec}`);
    Object.assign(results, {
      simEventsPerSecTxn: txn.simEventsPerSec,
      simMessagesPerSecTxn: txn.simMessagesPerSec,
      simEventsTxn: txn.events,
      simMedianMsTxn: txn.medianMs,
    });
  }
  if (o.browser) {
    const { runBrowserBench, printNewBrowserFigures } = await import('./browser-bench');
    console.log('Visualiser in headless Chromium (10,000-message run):');
    results.loadAverageBrowser = load();
    const b = await runBrowserBench();
    console.log(`  timeline10kP95FrameMs ${b.timeline10kP95FrameMs}   (target ≤ 16.7)`);
    console.log(`  scrubP95Ms            ${b.scrubP95Ms}   (target ≤ one frame)`);
    console.log(`  bundleGzipKB          ${b.bundleGzipKB}   (target < 200)`);
    printNewBrowserFigures(b);
    Object.assign(results, b);
  }
  results.node = process.version;
  console.log(`Load average (1 min) when measuring: simulation ${results.loadAverageSim ?? '-'}, browser ${results.loadAverageBrowser ?? '-'} (${availableParallelism()} cores)`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log('Wrote bench/results.json');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

import { parseScenario } from './src/sim/scenario/parse';
import { runSimulation } from './src/sim/run-simulation';
import { describe as d } from './src/i18n/describe';
import { checkTrace } from './src/sim/trace/checker';
const r = parseScenario({ version: 3, name: 'x', workload: { messages: 2 }, kafkaVersion: '3.x', ...JSON.parse(process.argv[2]!) });
if (!r.ok) { console.log(r.errors); process.exit(1); }
const trace = runSimulation(r.scenario);
for (const ev of trace.events) if (!ev.lane.startsWith('reader') || process.env.R) console.log(String(ev.t).padStart(6), String(ev.i).padStart(4), ev.lane.padEnd(16), d(ev, 'en'));
for (const p of trace.partitions ?? []) console.log(p.id, 'lso', p.lso, 'leo', p.leo, p.records.map(r => r.kind === 'control' ? r.control : r.kind==='state' ? r.state : `${r.kind}:${r.message}/e${r.epoch}`).join(' '));
console.log(JSON.stringify(checkTrace(trace).transactions));

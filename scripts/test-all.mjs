#!/usr/bin/env node
// Runs every check the project has (types, lint, unit/property/component tests, browser end-to-end tests) and
// closes with one plain line, "N passed, N failed, N skipped", counted from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n── ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(label, ok) {
  if (ok) tally.passed++;
  else {
    tally.failed++;
    failures.push(label);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

check('typecheck', run('Type check', 'npx', ['tsc', '-p', '.', '--noEmit']));
check('lint', run('Lint', 'npx', ['eslint', '.']));

const vitestOk = run('Unit, property and component tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']);
const vitest = readJson('reports/vitest.json');
if (vitest) {
  tally.passed += vitest.numPassedTests ?? 0;
  tally.failed += vitest.numFailedTests ?? 0;
  tally.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if (!vitestOk && (vitest.numFailedTests ?? 0) === 0) check('vitest (suite error)', false);
} else check('vitest (no report)', false);
if (vitest && (vitest.numFailedTests ?? 0) > 0) failures.push(`${vitest.numFailedTests} vitest test(s)`);

/** The browser tests drive Debian's Chromium; on a fresh Debian machine (as root) install it on the way. */
function ensureChromium() {
  if (existsSync(CHROMIUM) || process.env.CHROMIUM_PATH) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  console.log('\nChromium is missing: installing Debian\'s chromium package for the browser tests...');
  run('apt-get update', 'apt-get', ['update', '-qq']);
  run('apt-get install chromium', 'apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
}

if (existsSync('playwright.config.ts')) {
  ensureChromium();
  if (!existsSync(CHROMIUM)) {
    console.error(`\nChromium not found at ${CHROMIUM}. Install it with: apt-get install chromium (or set CHROMIUM_PATH).`);
    check('e2e (no chromium)', false);
  } else {
    const e2eOk = run('Browser end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'reports/e2e.json' });
    const e2e = readJson('reports/e2e.json');
    if (e2e?.stats) {
      tally.passed += e2e.stats.expected ?? 0;
      tally.failed += (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0);
      tally.skipped += e2e.stats.skipped ?? 0;
      if ((e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0) > 0) failures.push('e2e test(s)');
      if (!e2eOk && (e2e.stats.unexpected ?? 0) === 0) check('e2e (runner error)', false);
    } else check('e2e (no report)', false);
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed > 0 ? 1 : 0);

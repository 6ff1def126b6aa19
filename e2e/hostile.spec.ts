import type { Page } from '@playwright/test';
import { expect, longTasks, openLab, test, watchLongTasks } from './fixtures';

/**
 * A sample of the hostile valid scenarios (issue #10; the whole set runs in test/hostile-scenarios.test.ts), imported
 * as files: each accepted one is run in the worker and shown with no main-thread task over BOUND_MS (the issue's
 * bound), and one too big to simulate is refused with a notice while the run on screen stays. A second attempt is
 * allowed, so that one burst of load elsewhere on a shared machine does not fail it.
 */
const BOUND_MS = 200;
const ATTEMPTS = 2;
const MAX_INTERVAL = 2 ** 31 - 1;

const ACCEPTED = [
  {
    name: 'Idle gaps, tight housekeeping',
    broker: { 'producer.id.expiration.check.interval.ms': 1, 'producer.id.expiration.ms': 1, 'log.roll.ms': 1 },
    workload: { messages: 200, intervalMs: MAX_INTERVAL },
  },
  { name: 'Everything at t=0', workload: { messages: 20000, intervalMs: 0 } },
];
const REFUSED = { name: 'Ninety percent lost', workload: { messages: 200000 }, faults: { rates: { loseRequest: 0.9 } } };

const shownName = (page: Page) => page.evaluate(() => window.__lab!.store.getState().trace.scenario.name);

async function importFile(page: Page, scenario: { name: string }) {
  await page.locator('details.share-menu > summary').click();
  await page.getByLabel('Import scenario').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 1, ...scenario })) });
  await page.keyboard.press('Escape');
}

/** Imports each accepted scenario and waits until its run is shown and drawn; returns the long tasks of each. */
async function importAll(page: Page): Promise<Record<string, number[]>> {
  const tasks: Record<string, number[]> = {};
  for (const scenario of ACCEPTED) {
    await watchLongTasks(page);
    await importFile(page, scenario);
    await page.waitForFunction(
      (name) => {
        const s = window.__lab!.store.getState();
        return s.runStatus.kind !== 'running' && s.trace.scenario.name === name;
      },
      scenario.name,
      { timeout: 120_000 },
    );
    const n = await page.evaluate(() => window.__lab!.store.getState().trace.events.length);
    expect(n).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__lab!.store.getState().trace.truncated)).toBe(false);
    await expect(page.locator(`.event-row[aria-setsize="${n}"]`).first()).toBeAttached();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    tasks[scenario.name] = await longTasks(page);
  }
  return tasks;
}

test(`hostile scenarios run in the worker with no main-thread task over ${BOUND_MS} ms`, async ({ page }) => {
  test.setTimeout(600_000);
  await openLab(page);
  await page.evaluate(() => window.__lab!.idle());
  let best: { tasks: Record<string, number[]>; longest: number } | null = null;
  for (let attempt = 1; attempt <= ATTEMPTS && (!best || best.longest > BOUND_MS); attempt++) {
    const tasks = await importAll(page);
    const longest = Math.max(0, ...Object.values(tasks).flat());
    const described = Object.entries(tasks).map(([name, t]) => `${name}: ${t.join(', ') || 'none'}`).join('; ');
    test.info().annotations.push({ type: `long tasks (ms), attempt ${attempt}`, description: described });
    if (!best || longest < best.longest) best = { tasks, longest };
  }
  const described = Object.entries(best!.tasks).map(([name, t]) => `${name}: ${t.join(', ') || 'none'}`).join('; ');
  expect(best!.longest, `long tasks (ms): ${described}`).toBeLessThanOrEqual(BOUND_MS);
});

test('a hostile scenario too big to simulate is refused with a notice, at once; the run on screen stays', async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page);
  await page.evaluate(() => window.__lab!.idle());
  const before = await shownName(page);
  const stats = await page.locator('.timeline-stats').textContent();
  await watchLongTasks(page);
  await importFile(page, REFUSED);
  const notice = page.getByRole('alert').filter({ hasText: 'too big to simulate' });
  await expect(notice).toContainText('Lower the fault rates');
  await expect(notice).toContainText('The previous run and its settings are kept.');
  expect(await shownName(page)).toBe(before);
  expect(await page.evaluate(() => window.__lab!.store.getState().runStatus.kind)).not.toBe('running');
  await expect(page.locator('.timeline-stats')).toHaveText(stats!);
  expect(Math.max(0, ...(await longTasks(page)))).toBeLessThanOrEqual(BOUND_MS);
});

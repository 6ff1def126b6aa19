import type { Page } from '@playwright/test';
import { expect, longTasks, openLab, outcome, test, watchLongTasks } from './fixtures';

/**
 * A long run arrives from the worker in pieces, each indexed as it comes, and the checker runs in the worker: no
 * main-thread task may take long while it is received and shown, nor when a setting change re-runs it. The work
 * per task no longer grows with the run (a piece is 2,000 events), while computing the verdict and the timeline
 * layout of a 10,000-message run on the main thread in one go takes well over a second. The bound leaves room
 * for a busy shared machine, and a second attempt is allowed, so that one burst of load elsewhere does not fail it.
 */
const MESSAGES = 10_000;
const BOUND_MS = 400;
const ATTEMPTS = 2;

/** Starts recording long tasks afresh (the Long Tasks API reports tasks of 50 ms or more). */

/** Resolves once a run with this many messages and this idempotence is in the store and drawn in a frame. */
async function shown(page: Page, messages: number, idempotent: boolean): Promise<number> {
  await page.waitForFunction(
    ({ messages, idempotent }) => {
      const s = window.__lab!.store.getState();
      const sc = s.trace.scenario;
      return s.runStatus.kind !== 'running' && sc.workload.messages === messages && sc.producer['enable.idempotence'] === idempotent;
    },
    { messages, idempotent },
    { timeout: 45_000 },
  );
  const n = await page.evaluate(() => window.__lab!.store.getState().trace.events.length);
  await expect(page.locator(`.event-row[aria-setsize="${n}"]`).first()).toBeAttached();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  return n;
}

/** Imports a long run, then changes a setting on it; returns the long tasks of each. */
async function measure(page: Page, seed: number): Promise<{ onImport: number[]; onChange: number[] }> {
  const base = JSON.parse(await page.evaluate(() => JSON.stringify(window.__lab!.store.getState().scenario))) as {
    workload: object;
    faults: { rates: object };
    producer: Record<string, unknown>;
  };
  const idempotent = base.producer['enable.idempotence'] === true;
  const file = { ...base, seed, workload: { ...base.workload, messages: MESSAGES }, faults: { scripted: [], rates: { ...base.faults.rates, loseRequest: 0.05, loseResponse: 0.05 } } };

  await page.locator('details.share-menu > summary').click();
  await watchLongTasks(page);
  await page.getByLabel('Import scenario').setInputFiles({ name: `long-${seed}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const events = await shown(page, MESSAGES, idempotent);
  expect(events).toBeGreaterThan(5 * MESSAGES);
  const onImport = await longTasks(page);
  await page.keyboard.press('Escape');

  await page.getByRole('switch', { name: 'Idempotence' }).click();
  await shown(page, MESSAGES, !idempotent);
  const onChange = await longTasks(page);
  // One of the two runs has idempotence off and lists duplicates: the checker's verdict came from the worker.
  await expect(outcome(page)).toContainText(idempotent ? /Duplicates: [1-9]/ : 'Duplicates: 0');
  return { onImport, onChange };
}

test(`a ${MESSAGES}-message run is received and shown without a main-thread task over ${BOUND_MS} ms`, async ({ page }) => {
  test.setTimeout(240_000);
  await openLab(page);
  await page.evaluate(() => window.__lab!.idle());
  let best: { onImport: number[]; onChange: number[]; longest: number } | null = null;
  for (let attempt = 1; attempt <= ATTEMPTS && (!best || best.longest > BOUND_MS); attempt++) {
    const m = await measure(page, 100 + attempt);
    const longest = Math.max(0, ...m.onImport, ...m.onChange);
    test.info().annotations.push({ type: `long tasks (ms), attempt ${attempt}`, description: `import: ${m.onImport.join(', ') || 'none'}; change: ${m.onChange.join(', ') || 'none'}` });
    if (!best || longest < best.longest) best = { ...m, longest };
  }
  expect(best!.longest, `long tasks while importing: ${best!.onImport.join(', ') || 'none'}; after the change: ${best!.onChange.join(', ') || 'none'} (ms)`).toBeLessThanOrEqual(BOUND_MS);
});

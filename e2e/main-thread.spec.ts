import type { Page } from '@playwright/test';
import { expect, openLab, outcome, test } from './fixtures';

/**
 * A long run arrives from the worker in pieces, each indexed as it comes, and the checker runs in the worker: no
 * main-thread task may take long while it is received and shown, nor when a setting change re-runs it. The bound
 * leaves room for a busy machine; computing the verdict or the timeline layout of such a run on the main thread
 * in one go takes several times as long.
 */
const MESSAGES = 5000;
const BOUND_MS = 250;

/** Starts recording long tasks (the Long Tasks API reports tasks of 50 ms or more). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
}

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));

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

test(`a ${MESSAGES}-message run is received and shown without a main-thread task over ${BOUND_MS} ms`, async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page);
  await page.evaluate(() => window.__lab!.idle());
  const base = JSON.parse(await page.evaluate(() => JSON.stringify(window.__lab!.store.getState().scenario))) as {
    workload: object;
    faults: { rates: object };
    producer: Record<string, unknown>;
  };
  const idempotent = base.producer['enable.idempotence'] === true;
  const file = { ...base, workload: { ...base.workload, messages: MESSAGES }, faults: { scripted: [], rates: { ...base.faults.rates, loseRequest: 0.05, loseResponse: 0.05 } } };

  await page.locator('details.share-menu > summary').click();
  await watchLongTasks(page);
  await page.getByLabel('Import scenario').setInputFiles({ name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const events = await shown(page, MESSAGES, idempotent);
  expect(events).toBeGreaterThan(5 * MESSAGES);
  const onImport = await longTasks(page);
  await page.keyboard.press('Escape');

  await page.getByRole('switch', { name: 'Idempotence' }).click();
  await shown(page, MESSAGES, !idempotent);
  const onChange = await longTasks(page);
  // With idempotence off, this run's verdict lists duplicates: the checker's explanations came from the worker.
  await expect(outcome(page)).toContainText(idempotent ? /Duplicates: [1-9]/ : 'Duplicates: 0');

  test.info().annotations.push({ type: 'long tasks (ms)', description: `import: ${onImport.join(', ') || 'none'}; change: ${onChange.join(', ') || 'none'}` });
  expect(Math.max(0, ...onImport), `long tasks while importing: ${onImport.join(', ')} ms`).toBeLessThanOrEqual(BOUND_MS);
  expect(Math.max(0, ...onChange), `long tasks after the change: ${onChange.join(', ')} ms`).toBeLessThanOrEqual(BOUND_MS);
});

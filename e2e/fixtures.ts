import { test as base, expect, type Page } from '@playwright/test';

/** Every test fails if the page logs a console error or warning, or throws. */
export const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await use(problems);
      expect(problems, 'console errors or warnings').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function openLab(page: Page, presetId?: string) {
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  if (presetId) await page.getByLabel('Scenario').selectOption(presetId);
  // Runs come from the worker: the page is ready for a test once the run it asked for is shown.
  await page.evaluate(() => window.__lab!.idle());
}

export const slider = (page: Page) => page.getByRole('slider', { name: 'Time' });
export const outcome = (page: Page) => page.getByRole('region', { name: 'Outcome' });

export async function cursor(page: Page): Promise<number> {
  return Number(await slider(page).inputValue());
}

/** Index of the first trace event matching a predicate, read through the test handle. */
export async function findEvent(page: Page, kind: string, message: number, attempt = 1): Promise<number> {
  return page.evaluate(
    ({ kind, message, attempt }) => {
      const events = window.__lab!.store.getState().trace.events as unknown as { i: number; kind: string; messages?: number[]; attempt?: number }[];
      return events.find((e) => e.kind === kind && e.messages?.[0] === message && e.attempt === attempt)?.i ?? -1;
    },
    { kind, message, attempt },
  );
}

/** Starts recording the page's main-thread long tasks (again, from empty, when it already does). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long?: number[] };
    if (w.__long) {
      w.__long.length = 0;
      return;
    }
    const long: number[] = [];
    w.__long = long;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
}

/** The long tasks (ms) recorded since the last call, and the record emptied. */
export const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));

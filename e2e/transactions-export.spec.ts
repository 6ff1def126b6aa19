import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

/** A transactional run through the share menu's exports and into the audience window. */

async function download(page: Page, button: string) {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const d = await pending;
  return { name: d.suggestedFilename(), data: await readFile((await d.path())!) };
}

test('a transactional run exports its scenario, timeline, trace and handout', async ({ page }) => {
  await openLab(page, 'txn-zombie-fencing');
  await page.evaluate(() => window.__lab!.store.getState().jumpToEnd());
  await page.getByText('Share & export', { exact: true }).click();

  const scenario = await download(page, 'Export scenario');
  expect(scenario.name).toBe('txn-zombie-fencing.json');
  const parsed = JSON.parse(scenario.data.toString('utf8')) as { version: number; transactions: unknown };
  expect(parsed.version).toBe(3);
  expect(parsed.transactions).toBeDefined();

  const svg = await download(page, 'Export timeline as SVG');
  const text = svg.data.toString('utf8');
  // The transactional lanes and their marks, not the producer side's.
  for (const label of ['Application', 'Transaction', 'output-0', 'output-1', 'Reader 1', 'COMMIT', 'ABORT', 'fenced']) expect(text, label).toContain(label);
  expect(text).not.toContain('>Network<');
  const check = await page.evaluate((s) => new DOMParser().parseFromString(s, 'image/svg+xml').querySelector('parsererror')?.textContent ?? null, text);
  expect(check).toBeNull();

  const png = await download(page, 'Export timeline as PNG');
  expect([...png.data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.data.length).toBeGreaterThan(5000);

  const json = await download(page, 'Export trace as JSON');
  const report = JSON.parse(json.data.toString('utf8')) as { outcome: { transactions?: { committed: number; aborted: number; exactlyOnce: boolean } }; events: unknown[]; partitions?: unknown[] };
  expect(report.events.length).toBe(await page.evaluate(() => window.__lab!.store.getState().trace.events.length));
  expect(report.outcome.transactions).toMatchObject({ committed: 2, aborted: 1, exactlyOnce: true });

  // The handout: every step with its narration, and pictures of the transactional timeline.
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('button', { name: 'Print handout' }).click();
  const steps = await page.evaluate(() => window.__lab!.store.getState().trace.events.length);
  const handout = page.locator('.print-handout');
  await expect(handout.locator('li')).toHaveCount(steps);
  await expect(handout.locator('li').last()).toContainText(/PRODUCER_FENCED|fenced/);
});

test('the audience window follows a transactional lesson without its answers, with the transactional lanes', async ({ page, consoleProblems }) => {
  await openLab(page);
  await page.evaluate(async () => {
    window.__lab!.store.getState().startLesson('txn-zombie-fencing');
    await window.__lab!.idle();
  });
  const [audience] = await Promise.all([page.context().waitForEvent('page'), page.locator('.audience-button').click()]);
  audience.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`audience ${m.type()}: ${m.text()}`);
  });
  audience.on('pageerror', (e) => consoleProblems.push(`audience pageerror: ${e.message}`));
  await audience.setViewportSize({ width: 1280, height: 720 });
  await expect(audience.locator('.stage-only')).toBeVisible();
  // The presenter steps to the lesson's first question; the audience follows, with the question and no answer.
  const step = await page.evaluate(async () => {
    for (let k = 0; k < 20; k++) {
      window.__lab!.store.getState().goToStep(k);
      await window.__lab!.idle();
      if (document.querySelector('.lesson-question')) return k;
    }
    return -1;
  });
  expect(step).toBeGreaterThanOrEqual(0);
  await expect.poll(() => audience.evaluate(() => window.__lab!.store.getState().lessonStep)).toBe(step);
  await expect(audience.locator('.lesson-question legend')).toBeVisible();
  await expect(audience.locator('.timeline-canvas-wrap')).toHaveAttribute('data-lanes', '7');
  const text = await audience.evaluate(() => document.body.innerText);
  for (const word of ['Speaker notes', 'Answer:', '✓ Correct answer']) expect(text).not.toContain(word);
  // Revealed by the presenter, the audience sees the explanation.
  await page.locator('.lesson-question').getByRole('radio').first().check();
  await page.locator('.lesson-question').getByRole('button', { name: 'Reveal' }).click();
  await expect(audience.locator('.lesson-question .answer-mark').first()).toBeVisible();
});

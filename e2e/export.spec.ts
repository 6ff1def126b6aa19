import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, openLab, slider, test } from './fixtures';

async function openMenu(page: Page) {
  await page.getByText('Share & export', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Export timeline as SVG' })).toBeVisible();
}

async function download(page: Page, button: string) {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const d = await pending;
  return { name: d.suggestedFilename(), data: await readFile((await d.path())!) };
}

test('scenario, timeline and trace exports download readable files', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await slider(page).fill('12');
  await openMenu(page);

  const scenario = await download(page, 'Export scenario');
  expect(scenario.name).toBe('lost-ack.json');
  const parsed = JSON.parse(scenario.data.toString('utf8')) as { version: number; id: string };
  expect(parsed).toEqual(JSON.parse(await page.evaluate(() => JSON.stringify(window.__lab!.store.getState().scenario))));
  expect(parsed.version).toBe(1);

  const svg = await download(page, 'Export timeline as SVG');
  expect(svg.name).toMatch(/^lost-ack-seed\d+-timeline\.svg$/);
  const text = svg.data.toString('utf8');
  expect(text).toContain('<svg');
  for (const label of ['Producer', 'Network', 'Broker', 'appended @0', 'duplicate', 'ms</text>']) expect(text).toContain(label);
  expect(text).toContain('stroke-dasharray');
  // The SVG is well-formed: the browser parses it without errors and finds the lanes.
  const check = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, texts: doc.querySelectorAll('text').length, paths: doc.querySelectorAll('path').length };
  }, text);
  expect(check.error).toBeNull();
  expect(check.texts).toBeGreaterThan(10);
  expect(check.paths).toBeGreaterThan(10);

  const png = await download(page, 'Export timeline as PNG');
  expect(png.name).toMatch(/-timeline\.png$/);
  expect([...png.data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.data.length).toBeGreaterThan(5000);

  const json = await download(page, 'Export trace as JSON');
  expect(json.name).toMatch(/-trace\.json$/);
  const report = JSON.parse(json.data.toString('utf8')) as { scenario: unknown; outcome: { duplicates: number; exactlyOnce: boolean }; log: unknown[]; events: { kind: string }[] };
  expect(Object.keys(report)).toEqual(expect.arrayContaining(['scenario', 'outcome', 'log', 'events']));
  expect(report.events.length).toBe(await page.evaluate(() => window.__lab!.store.getState().trace.events.length));
  expect(report.outcome.exactlyOnce).toBe(true);
  expect(report.log.length).toBeGreaterThan(0);
});

test('the printable handout lists every step with its narration and timeline pictures', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await openMenu(page);
  await page.getByRole('button', { name: 'Print handout' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const handout = page.locator('.print-handout');
  await expect(handout).toBeHidden();
  const steps = await page.evaluate(() => window.__lab!.store.getState().trace.events.length);
  await expect(handout.locator('li')).toHaveCount(steps);
  await expect(handout.locator('img')).toHaveCount(Math.ceil(steps / 10));
  const narration = await page.evaluate(() => document.querySelector('.narration-text')?.textContent ?? '');
  await expect(handout.locator('li').first()).toContainText(narration);

  await page.emulateMedia({ media: 'print' });
  await expect(handout).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeHidden();
  const sizes = await handout.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
  expect(Math.min(...sizes)).toBeGreaterThan(800);
  await page.screenshot({ path: '/tmp/shots4s/handout-print.png', fullPage: true });
  await page.pdf({ path: '/tmp/shots4s/handout.pdf', format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
});

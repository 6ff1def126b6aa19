import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cursor, expect, openLab, slider, test } from './fixtures';

const view = (page: Page) => page.getByRole('region', { name: 'Side-by-side comparison' });

test('lost-ack side by side: the "off" log holds one more record, message 1 again', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.getByRole('button', { name: 'Compare off vs on' }).click();
  await expect(page.getByRole('button', { name: 'Compare off vs on' })).toHaveAttribute('aria-pressed', 'true');
  await expect(view(page).getByRole('figure', { name: 'Idempotence off' })).toBeVisible();
  await expect(view(page).getByRole('figure', { name: 'Idempotence on' })).toBeVisible();
  const offLog = view(page).getByRole('table', { name: /Partition log: Idempotence off/ });
  const onLog = view(page).getByRole('table', { name: /Partition log: Idempotence on/ });
  const offRows = await offLog.locator('tbody tr').count();
  const onRows = await onLog.locator('tbody tr').count();
  expect(offRows).toBe(onRows + 1);
  await expect(offLog).toContainText('extra record: message 1 again at offset 1');
  await expect(onLog).not.toContainText('extra record');
  await expect(view(page).getByRole('status')).toContainText('“Idempotence off” log holds 1 more record');

  // One playback control drives both runs by virtual time.
  const events = view(page).locator('.compare-run-event');
  const before = await events.allTextContents();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => events.allTextContents()).not.toEqual(before);
  const end = await page.evaluate(() => window.__lab!.store.getState().trace.events.length - 1);
  await slider(page).fill(String(end));
  expect(await cursor(page)).toBe(end);
  const last = await events.allTextContents();
  for (const text of last) expect(text).toMatch(/Event (\d+) of \1 /);

  // Another setting can differ instead.
  await page.getByLabel('Setting that differs').selectOption('in-flight');
  await expect(view(page).getByRole('figure', { name: 'max.in.flight = 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Compare off vs on' }).click();
  await expect(view(page)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
});

test('reorder-in-flight side by side marks the out-of-order record', async ({ page }) => {
  await openLab(page, 'reorder-in-flight');
  await page.getByRole('button', { name: 'Compare off vs on' }).click();
  await expect(view(page).getByRole('table', { name: /Idempotence off/ })).toContainText('out of order: message 3 after message 4');
});

test('the comparison view has no serious or critical accessibility violations', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.getByRole('button', { name: 'Compare off vs on' }).click();
  await expect(view(page)).toBeVisible();
  for (const theme of ['light', 'dark', 'projector'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    const results = await new AxeBuilder({ page }).include('.compare').include('.compare-bar').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  }
});

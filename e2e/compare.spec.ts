import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cursor, expect, openLab, slider, test } from './fixtures';

const view = (page: Page) => page.getByRole('region', { name: 'Side-by-side comparison' });

test('lost-ack side by side: the "off" log holds one more record, message 1 again', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.getByRole('button', { name: 'Compare off vs on' }).click();
  await expect(page.getByRole('button', { name: 'Compare off vs on' })).toHaveAttribute('aria-pressed', 'true');
  await expect(view(page).getByRole('figure', { name: 'Idempotence off' })).toBeVisible();
  // The logs, record by record, unfold below the two runs.
  await view(page).getByText(/Both partition logs, record by record/).click();
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
  const events = view(page).locator('.compare-run-head');
  const before = await events.allTextContents();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => events.allTextContents()).not.toEqual(before);
  const end = await page.evaluate(() => window.__lab!.store.getState().trace.events.length - 1);
  await slider(page).fill(String(end));
  expect(await cursor(page)).toBe(end);
  // Both runs are at their last event (each run's place is in the page, its counter is the playback's alone).
  const runs = view(page).getByRole('figure');
  await expect(runs).toHaveCount(2);
  for (const run of await runs.all()) expect(await run.getAttribute('data-event')).toBe(await run.getAttribute('data-events'));
  await expect(page.getByText(/^Event \d+ of \d+/)).toHaveCount(0);

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
  await view(page).getByText(/Both partition logs, record by record/).click();
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

for (const size of [
  { width: 1280, height: 800 },
  { width: 1280, height: 720 },
]) {
  test(`at ${size.width}×${size.height} both runs are on screen whole, with one zoom and Fit for both`, async ({ page }) => {
    await page.setViewportSize(size);
    await openLab(page, 'lost-ack');
    for (const theme of ['light', 'projector'] as const) {
      await page.getByLabel('Theme').selectOption(theme);
      await page.getByRole('button', { name: 'Compare off vs on' }).click();
      const canvases = view(page).getByRole('img');
      await expect(canvases).toHaveCount(2);
      for (const c of await canvases.all()) {
        const box = (await c.boundingBox())!;
        const wrap = (await c.locator('..').boundingBox())!;
        expect(box.height, `${theme}: the canvas is drawn whole in its box`).toBeLessThanOrEqual(wrap.height + 1);
        expect(wrap.y + wrap.height, `${theme}: inside the window`).toBeLessThanOrEqual(size.height);
        expect(box.height).toBeGreaterThan(80);
      }
      await expect(page.getByRole('button', { name: 'Play' })).toBeInViewport();
      await page.screenshot({ path: `test-results/compare-${theme}-${size.width}x${size.height}.png` });
      await page.getByRole('button', { name: 'Compare off vs on' }).click();
    }
    await page.getByLabel('Theme').selectOption('light');
    await page.getByRole('button', { name: 'Compare off vs on' }).click();
    const runs = view(page).getByRole('figure');
    const windows = async () => Promise.all((await runs.all()).map((r) => r.getAttribute('data-window')));
    const whole = await windows();
    expect(whole[0]).toBe(whole[1]);
    await view(page).getByRole('button', { name: 'Zoom in' }).click();
    const zoomed = await windows();
    expect(zoomed[0]).toBe(zoomed[1]);
    expect(zoomed[0]).not.toBe(whole[0]);
    // The wheel over either run zooms both.
    const second = (await view(page).getByRole('img').nth(1).boundingBox())!;
    await page.mouse.move(second.x + second.width / 2, second.y + second.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(windows).not.toEqual(zoomed);
    const wheeled = await windows();
    expect(wheeled[0]).toBe(wheeled[1]);
    await view(page).getByRole('button', { name: 'Fit' }).click();
    expect(await windows()).toEqual(whole);
  });
}

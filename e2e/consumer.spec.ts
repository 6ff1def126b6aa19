import AxeBuilder from '@axe-core/playwright';
import { expect, openLab, outcome, test } from './fixtures';

/** Texts of the timeline's labels and badges, as drawn. */
const labels = (page: import('@playwright/test').Page) => page.evaluate(() => window.__lab!.zoom.get()!.labelBoxes().map((b) => b.text));

test('a consumer preset draws the consumer and database lanes, its inspectors and the effects verdict', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, 'consumer-crash-before-commit');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const fold = timeline.getByRole('button', { name: 'Consumer side' });
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(timeline.getByRole('switch', { name: 'Dedup' })).not.toBeChecked();
  await page.keyboard.press('End');
  await page.evaluate(() => window.__lab!.store.getState().jumpToEnd());
  await page.evaluate(() => window.__lab!.zoom.get()!.fit());
  const drawn = await labels(page);
  expect(drawn.some((t) => /^⚠ duplicate effect m2$/.test(t)), drawn.join(' | ')).toBe(true);
  expect(drawn.some((t) => /consumer crashed/.test(t)), drawn.join(' | ')).toBe(true);
  const area = await page.evaluate(() => window.__lab!.zoom.get()!.drawingArea());
  expect(area!.bottom).toBeLessThanOrEqual(720);

  // Inspectors at the cursor (the end of the run).
  const consumer = page.getByRole('region', { name: 'Consumer state' });
  await expect(consumer).toContainText('Assignment');
  await expect(consumer).toContainText('Committed offset');
  const database = page.getByRole('region', { name: 'Database' });
  await expect(database.getByRole('table', { name: /Effects table/ })).toContainText('2: duplicated');

  // The verdict on the effects, beside the log's; a witness button moves the cursor.
  const out = outcome(page);
  await expect(out).toContainText('Exactly-once: yes');
  await expect(out).toContainText('Duplicated effects: 1');
  await expect(out).toContainText('Exactly-once of effects: no');
  await out.getByRole('button', { name: /Duplicated effect: message 2/ }).click();
  const c = await page.evaluate(() => window.__lab!.store.getState().cursor);
  expect(c).toBeLessThan(await page.evaluate(() => window.__lab!.store.getState().trace.events.length - 1));

  // Folding the consumer side with the keyboard gives the producer side its height back.
  await fold.focus();
  await page.keyboard.press('Enter');
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await page.evaluate(() => window.__lab!.zoom.get()!.fit());
  expect((await labels(page)).some((t) => /duplicate effect|consumer crashed/.test(t))).toBe(false);
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'true');

  // The dedup switch re-runs with the processed id in the effect's transaction: no duplicated effect.
  await timeline.getByRole('switch', { name: 'Dedup' }).check();
  await page.evaluate(() => window.__lab!.idle());
  await expect(out).toContainText('Exactly-once of effects: yes');
});

test('lost-ack has no consumer lanes, inspectors or stage controls', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('button', { name: 'Consumer side' })).toHaveCount(0);
  await expect(timeline.getByRole('switch', { name: 'Dedup' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Consumer state' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Database' })).toHaveCount(0);
  await expect(outcome(page)).not.toContainText('Exactly-once of effects');
  const layout = await page.evaluate(() => {
    const t = window.__lab!.store.getState().trace;
    return t.events.some((e) => e.lane === 'consumer' || e.lane === 'database');
  });
  expect(layout).toBe(false);
});

for (const theme of ['light', 'projector'] as const) {
  test(`a consumer preset has no serious or critical accessibility violations (${theme})`, async ({ page }) => {
    await openLab(page, 'consumer-slow-processing-rebalance');
    await page.getByLabel('Theme').selectOption(theme);
    await page.evaluate(() => window.__lab!.store.getState().jumpToEnd());
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  });
}

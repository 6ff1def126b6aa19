import AxeBuilder from '@axe-core/playwright';
import { expect, openLab, test } from './fixtures';

for (const theme of ['light', 'dark', 'projector'] as const) {
  test(`no serious or critical accessibility violations (${theme})`, async ({ page }) => {
    await openLab(page, 'lost-ack');
    await page.getByLabel('Theme').selectOption(theme);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await page.getByRole('button', { name: 'Step forward' }).click();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  });
}

test('no accessibility violations with the fault menu open', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const sent = await page.evaluate(() => window.__lab!.store.getState().trace.events.findIndex((e) => e.kind === 'request.sent'));
  await page.getByRole('slider', { name: 'Time' }).fill(String(sent));
  await page.getByRole('button', { name: /^Request / }).first().click();
  await expect(page.getByRole('menu')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

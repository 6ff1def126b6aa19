import { cursor, expect, findEvent, openLab, slider, test } from './fixtures';

test('losing a response by clicking it on the timeline makes the producer retry; the fork survives reload', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const stats = page.locator('.timeline-stats');
  const retriesBefore = Number((await stats.textContent())!.match(/(\d+) retr/)![1]);
  const handled = await findEvent(page, 'broker.handled', 3, 1);
  expect(handled).toBeGreaterThan(0);
  // Zoom onto the response so the click lands on it.
  await page.evaluate((i) => {
    const s = window.__lab!.store.getState();
    const t = s.trace.events[i]!.t;
    window.__lab!.zoom.get()!.showWindow(t - 15, t + 25);
  }, handled);
  const point = await page.evaluate((i) => window.__lab!.zoom.get()!.arrowPoint(i, 'response'), handled);
  expect(point).not.toBeNull();
  await page.mouse.move(point!.x, point!.y);
  await expect(page.getByRole('tooltip')).toContainText('Response');
  await page.mouse.click(point!.x, point!.y);
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Lose this response' }).click();
  await expect(menu).toBeHidden();
  await expect(page.getByText('Lose response: message 3, attempt 1')).toBeVisible();
  await expect(stats).toContainText(`${retriesBefore + 1} retries`);
  const retry = await findEvent(page, 'request.sent', 3, 2);
  expect(retry, 'message 3 is sent again as attempt 2').toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByLabel('Theme').selectOption('dark');
  const before = await cursor(page);
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByText('Lose response: message 3, attempt 1')).toBeVisible();
  await expect(slider(page)).toHaveValue(String(before));
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect(page.getByLabel('Scenario')).toHaveValue('lost-ack');
  await expect(page.locator('.timeline-stats')).toContainText(`${retriesBefore + 1} retries`);
});

test('a saved scenario with a bad field keeps its other parts, and the notice names the field', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('exactly-once-lab:state', JSON.stringify({ version: 1, presetId: 'lost-ack', scenario: { version: 1, name: 'x', seed: 31, producer: { acks: 'two' } }, cursor: 0, theme: 'light', speed: 1 })));
  await page.reload();
  await expect(page.getByRole('alert', { name: 'Saved lab' })).toContainText('scenario.producer.acks');
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByLabel('Seed')).toHaveValue('31');
});

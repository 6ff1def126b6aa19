import { cursor, expect, openLab, slider, test } from './fixtures';

test('every preset loads, shows its description, and steps forward and back', async ({ page }) => {
  await openLab(page);
  const select = page.getByLabel('Scenario');
  const ids = await select.locator('option').evaluateAll((opts) => opts.map((o) => (o as HTMLOptionElement).value));
  expect(ids.length).toBeGreaterThan(0);
  expect(ids).toContain('lost-ack');
  for (const id of ids) {
    await select.selectOption(id);
    await expect(slider(page)).toHaveValue('0');
    const name = await select.locator(`option[value="${id}"]`).textContent();
    await expect(page.locator('.scenario-description')).toContainText(name!.trim());
    const total = await page.evaluate(() => window.__lab!.store.getState().trace.events.length);
    expect(total, `${id} has events`).toBeGreaterThan(2);
    const first = await page.locator('.narration-text').textContent();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await page.getByRole('button', { name: 'Step forward' }).click();
    expect(await cursor(page)).toBe(2);
    await expect(page.locator('.narration-text')).not.toHaveText(first!);
    await page.getByRole('button', { name: 'Step back' }).click();
    expect(await cursor(page)).toBe(1);
    await page.getByRole('button', { name: 'Jump to end' }).click();
    expect(await cursor(page)).toBe(total - 1);
    await page.getByRole('button', { name: 'Step back' }).click();
    expect(await cursor(page)).toBe(total - 2);
    await expect(page.getByRole('region', { name: 'Outcome' })).toContainText('Duplicates:');
  }
});

test('Reset restores the preset settings and rewinds', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.getByRole('switch', { name: 'Idempotence' }).uncheck();
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('switch', { name: 'Idempotence' })).toBeChecked();
  await expect(slider(page)).toHaveValue('0');
});

test('a refused configuration is shown as an alert', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.getByLabel('max.in.flight.requests.per.connection').fill('6');
  await page.getByLabel('max.in.flight.requests.per.connection').press('Enter');
  await expect(page.getByRole('alert')).toContainText(/max\.in\.flight/i);
});

import { readFileSync } from 'node:fs';
import { expect, openLab, test } from './fixtures';

const KEY = 'exactly-once-lab:state';

test('a scenario over the work budget is refused with a notice; the run and settings on screen stay', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.getByLabel('Lose requests').fill('0.5');
  await page.evaluate(() => window.__lab!.idle());
  const stats = page.locator('.timeline-stats');
  const statsBefore = await stats.textContent();
  const messages = page.getByLabel('Messages');
  const before = await messages.inputValue();
  await messages.fill('50000');
  await messages.press('Enter');
  const notice = page.getByRole('alert').filter({ hasText: 'too big to simulate' });
  await expect(notice).toContainText('Lower the fault rates');
  await expect(notice).toContainText('The previous run and its settings are kept.');
  await expect(messages).toHaveValue(before);
  await expect(stats).toHaveText(statsBefore!);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  // The refusal is not saved: a reload shows the run that was on screen.
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByLabel('Messages')).toHaveValue(before);
});

test('a save with one bad field is restored except that field; it is kept until exported, then the lab saves over it', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const save = await page.evaluate((key) => {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as Record<string, unknown> | null;
    const scenario = (window.__lab!.store.getState() as { scenario: Record<string, unknown> }).scenario;
    const text = JSON.stringify({ ...(saved ?? { version: 1, presetId: 'lost-ack', cursor: 0 }), scenario: { ...scenario, seed: 4242 }, theme: 'dark', speed: 3.14 });
    localStorage.setItem(key, text);
    return text;
  }, KEY);
  await page.reload();
  const notice = page.getByRole('alert', { name: 'Saved lab' });
  await expect(notice).toContainText('Your saved lab was restored, except what was not valid and was left out: speed: expected one of');
  await expect(page.getByLabel('Seed')).toHaveValue('4242');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');

  // Stepping and changing settings save nothing over it.
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByLabel('Theme').selectOption('light');
  await page.waitForTimeout(500);
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(save);

  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Export the save' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('exactly-once-lab-saved-state.json');
  expect(readFileSync((await file.path())!, 'utf8')).toBe(save);
  await expect(notice).toBeHidden();
  await expect.poll(() => page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).theme as string, KEY)).toBe('light');
});

test('a save from a newer build is named, kept untouched, and replaced only when discarded', async ({ page }) => {
  await page.goto('/');
  const save = JSON.stringify({ version: 9, somethingNew: [1, 2, 3] });
  await page.evaluate(([key, text]) => localStorage.setItem(key!, text!), [KEY, save]);
  await page.reload();
  const notice = page.getByRole('alert', { name: 'Saved lab' });
  await expect(notice).toContainText('written by a newer version of Exactly-Once Lab (saved format 9; this build reads 1)');
  await expect(notice).toContainText('kept exactly as it was');
  await expect(page.getByLabel('Scenario')).toHaveValue('lost-ack');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.waitForTimeout(500);
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(save);

  await notice.getByRole('button', { name: 'Discard the save' }).focus();
  await page.keyboard.press('Enter');
  await expect(notice).toBeHidden();
  await expect.poll(() => page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).version as number, KEY)).toBe(1);
  await page.reload();
  await expect(page.getByRole('alert', { name: 'Saved lab' })).toHaveCount(0);
});

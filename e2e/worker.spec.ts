import type { Page } from '@playwright/test';
import { cursor, expect, openLab, outcome, slider, test } from './fixtures';

/** Counts the runs shown from now on (each one replaces the trace). */
async function countRuns(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __runs: number };
    w.__runs = 0;
    window.__lab!.store.subscribe((s, prev) => {
      if (s.trace !== prev.trace) w.__runs++;
    });
  });
}

const runs = (page: Page) => page.evaluate(() => (window as unknown as { __runs: number }).__runs);
const idle = (page: Page) => page.evaluate(() => window.__lab!.idle());

test('a setting change is run in the worker and shown with the cursor kept', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await idle(page);
  expect(page.workers().length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => cursor(page)).toBe(2);
  await expect(outcome(page)).toContainText('Duplicates: 0');
  await countRuns(page);
  await page.getByRole('switch', { name: 'Idempotence' }).click();
  await expect(outcome(page)).toContainText('Duplicates: 1');
  expect(await runs(page)).toBe(1);
  expect(await cursor(page)).toBe(2);
});

test('typing in a number field runs nothing until Enter or leaving the field; Escape reverts', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await idle(page);
  await countRuns(page);
  const messages = page.getByLabel('Messages');
  const before = await messages.inputValue();
  await messages.fill('');
  await messages.pressSequentially('120');
  await page.waitForTimeout(300);
  expect(await runs(page)).toBe(0);
  await messages.press('Enter');
  await expect.poll(() => runs(page)).toBe(1);
  expect(await page.evaluate(() => window.__lab!.store.getState().scenario.workload.messages)).toBe(120);

  const seed = page.getByLabel('Seed');
  await seed.fill('42');
  await seed.press('Escape');
  await expect(seed).toHaveValue('1');
  await seed.fill('43');
  await page.getByRole('switch', { name: 'Idempotence' }).focus();
  await expect.poll(() => runs(page)).toBe(2);
  expect(await page.evaluate(() => window.__lab!.store.getState().scenario.seed)).toBe(43);

  // Invalid text is marked and runs nothing, then leaving the field puts the value back.
  await messages.fill('-5');
  await messages.press('Enter');
  await expect(messages).toHaveAttribute('aria-invalid', 'true');
  await messages.blur();
  await expect(messages).toHaveValue('120');
  expect(await runs(page)).toBe(2);
  expect(before).not.toBe('120');
});

test('a long run shows its progress, and Cancel puts back the previous run and its settings', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await idle(page);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => cursor(page)).toBe(1);
  const before = await page.evaluate(() => {
    const s = window.__lab!.store.getState();
    return { events: s.trace.events.length, messages: s.scenario.workload.messages };
  });
  const messages = page.getByLabel('Messages');
  await messages.fill('50000');
  await messages.press('Enter');
  const progress = page.getByRole('status').filter({ hasText: 'Running the simulation' });
  await expect(progress).toBeVisible();
  // Meanwhile the previous run stays on screen and the page still answers.
  await expect(slider(page)).toHaveValue('1');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => cursor(page)).toBe(2);
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('Run cancelled');
  await expect(messages).toHaveValue(String(before.messages));
  const after = await page.evaluate(() => {
    const s = window.__lab!.store.getState();
    return { events: s.trace.events.length, messages: s.scenario.workload.messages, status: s.runStatus.kind };
  });
  expect(after).toEqual({ ...before, status: 'idle' });
  expect(await cursor(page)).toBe(2);

  // The next run starts a fresh worker.
  await page.getByRole('switch', { name: 'Idempotence' }).click();
  await expect(outcome(page)).toContainText('Duplicates: 1');
});

test('the cancelled-run notice is in Chinese too', async ({ page }) => {
  await page.goto('/?lang=zh');
  await expect(page.getByRole('region', { name: '时间线' })).toBeVisible();
  await page.evaluate(() => window.__lab!.idle());
  const messages = page.getByLabel('消息数');
  await messages.fill('50000');
  await messages.press('Enter');
  const progress = page.getByRole('status').filter({ hasText: '正在运行模拟' });
  await expect(progress).toBeVisible();
  await progress.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('alert')).toContainText('已取消运行');
});

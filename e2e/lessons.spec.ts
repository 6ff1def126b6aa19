import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cursor, expect, openLab, test } from './fixtures';

const panel = (page: Page) => page.getByRole('region', { name: 'Lesson guide' });

async function startLesson(page: Page, id: string) {
  await openLab(page);
  await page.getByLabel('Lesson', { exact: true }).selectOption(id);
  await expect(panel(page).getByText(/^Step 1 of \d+$/)).toBeVisible();
  // The lesson's run comes from the worker; its first step's cursor is placed when it arrives.
  await page.evaluate(() => window.__lab!.idle());
}

async function stepCount(page: Page): Promise<{ k: number; n: number }> {
  const text = (await panel(page).getByText(/^Step \d+ of \d+$/).textContent()) ?? '';
  const [, k, n] = /Step (\d+) of (\d+)/.exec(text)!;
  return { k: Number(k), n: Number(n) };
}

test('a whole lesson forward and back, answering a question and revealing it', async ({ page }) => {
  await startLesson(page, 'lost-ack');
  await expect(page.getByLabel('Ask questions')).toBeChecked();
  const { n } = await stepCount(page);
  expect(n).toBeGreaterThanOrEqual(5);
  const startCursor = await cursor(page);
  expect(startCursor).toBeGreaterThan(0);
  const next = panel(page).getByRole('button', { name: 'Next step', exact: true });
  const prev = panel(page).getByRole('button', { name: 'Previous step', exact: true });
  const nextBox = await next.boundingBox();
  let answered = false;
  let reveals = 0;
  for (let guard = 0; guard < 40; guard++) {
    const { k } = await stepCount(page);
    // The buttons stay in the same place on every step.
    expect(await next.boundingBox()).toEqual(nextBox);
    const question = panel(page).getByRole('group');
    if ((await question.count()) > 0 && (await question.getByRole('button', { name: 'Reveal' }).count()) > 0) {
      const before = await cursor(page);
      if (!answered) {
        // Answer the first question wrongly on purpose, then reveal with the button.
        const radios = question.getByRole('radio');
        await radios.first().check();
        await question.getByRole('button', { name: 'Reveal' }).click();
        answered = true;
      } else {
        await next.click();
      }
      reveals++;
      await expect(question.getByText('✓ Correct answer')).toBeVisible();
      await expect(panel(page).getByRole('status')).toContainText(answered && reveals === 1 ? 'Not quite. The producer only sees a broken connection' : /.{40,}/);
      await expect(panel(page).getByText(/^Step \d+ of/)).toHaveText(`Step ${k} of ${n}`);
      expect(await cursor(page)).toBe(before + 1);
      continue;
    }
    if (k === n) break;
    await next.click();
    await expect(panel(page).getByText(/^Step \d+ of/)).toHaveText(`Step ${k + 1} of ${n}`);
  }
  expect(reveals).toBeGreaterThanOrEqual(2);
  await expect(panel(page).getByText(/^Step \d+ of/)).toHaveText(`Step ${n} of ${n}`);
  await expect(page.getByLabel('Idempotence')).toBeChecked();
  // The lesson's final log holds each message once.
  await expect(page.getByRole('region', { name: 'Outcome' })).toContainText('Exactly-once: yes');
  for (let k = n; k > 1; k--) {
    await prev.click();
    await expect(panel(page).getByText(/^Step \d+ of/)).toHaveText(`Step ${k - 1} of ${n}`);
  }
  await expect(prev).toBeDisabled();
  expect(await cursor(page)).toBe(startCursor);
  await expect(page.getByLabel('Idempotence')).not.toBeChecked();
});

test('jump to a step, questions off, free exploration and reload', async ({ page }) => {
  await startLesson(page, 'lost-ack');
  await page.getByLabel('Jump to step').selectOption({ index: 2 });
  await expect(panel(page).getByText(/^Step \d+ of/)).toHaveText(/^Step 3 of/);
  await expect(panel(page).getByRole('group')).toBeVisible();
  const waiting = await cursor(page);
  await page.getByLabel('Ask questions').uncheck();
  await expect(panel(page).getByRole('group')).toHaveCount(0);
  expect(await cursor(page)).toBe(waiting + 1);
  await page.reload();
  await expect(panel(page).getByText(/^Step \d+ of/)).toHaveText(/^Step 3 of/);
  await page.getByLabel('Lesson', { exact: true }).selectOption({ label: 'Free exploration' });
  await expect(page.getByRole('button', { name: 'Next step' })).toHaveCount(0);
});

test('the lesson panel has no serious or critical accessibility violations', async ({ page }) => {
  await startLesson(page, 'lost-ack');
  await page.getByLabel('Jump to step').selectOption({ index: 2 });
  await panel(page).getByRole('radio').nth(1).check();
  for (const theme of ['light', 'dark', 'projector'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    const results = await new AxeBuilder({ page }).include('.lesson-panel').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme} ${v.id}: ${v.help}`)).toEqual([]);
  }
  await panel(page).getByRole('button', { name: 'Reveal' }).click();
  const results = await new AxeBuilder({ page }).include('.lesson-panel').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('presenter mode: projector theme, clicker and arrow keys step the lesson, speaker notes on demand', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Theme')).toHaveValue('projector');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  // Without a lesson the clicker steps events.
  const c0 = await cursor(page);
  await page.keyboard.press('PageDown');
  expect(await cursor(page)).toBe(c0 + 1);
  await page.getByLabel('Lesson', { exact: true }).selectOption('lost-request');
  const count = panel(page).getByText(/^Step \d+ of/);
  await expect(count).toHaveText(/^Step 1 of/);
  await page.locator('h1').click();
  await page.keyboard.press('PageDown');
  await expect(count).toHaveText(/^Step 2 of/);
  await page.keyboard.press('ArrowRight');
  await expect(count).toHaveText(/^Step 3 of/);
  await expect(panel(page).getByRole('group')).toBeVisible();
  // On a 1280×800 projector the room sees the question and the timeline together: the pickers, the per-event
  // narration, language, theme and sharing make way while presenting.
  const timeline = await page.getByRole('region', { name: 'Timeline' }).boundingBox();
  expect(timeline!.y).toBeLessThan(800 - 150);
  await expect(page.getByLabel('Jump to step')).toBeHidden();
  const waiting = await cursor(page);
  await page.keyboard.press('PageDown');
  await expect(panel(page).getByText('✓ Correct answer')).toBeVisible();
  expect(await cursor(page)).toBe(waiting + 1);
  await page.keyboard.press('PageUp');
  await expect(count).toHaveText(/^Step 2 of/);
  await page.keyboard.press('ArrowLeft');
  await expect(count).toHaveText(/^Step 1 of/);

  const notes = page.getByRole('complementary', { name: 'Speaker notes' });
  await expect(notes).toBeHidden();
  await page.getByRole('button', { name: 'Speaker notes' }).click();
  await expect(notes).toBeVisible();
  await expect(notes).toContainText('Rule: NETWORK_EXCEPTION is retriable');
  await expect(notes).toContainText('Say next:');

  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.getByLabel('Theme')).toHaveValue('light');
  await expect(page.getByLabel('Jump to step')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Speaker notes' })).toHaveCount(0);
  // Outside presenter mode the arrows step events again.
  const c1 = await cursor(page);
  await page.keyboard.press('ArrowRight');
  expect(await cursor(page)).toBe(c1 + 1);
  await expect(count).toHaveText(/^Step 1 of/);
});

test('in a lesson the description folds away (the timeline stays on the first screen) and a waiting question cannot be skipped past', async ({ page }) => {
  await openLab(page);
  // Outside a lesson the description is open text, and a changed setting is pointed out.
  await page.getByRole('switch', { name: 'Idempotence' }).click();
  await expect(page.locator('.scenario-description')).toContainText('You have changed this scenario');
  await page.getByLabel('Lesson', { exact: true }).selectOption('lost-ack');
  const about = page.locator('details.scenario-description');
  await expect(about).toBeVisible();
  await expect(about).not.toHaveAttribute('open');
  await expect(about).not.toContainText('You have changed this scenario');
  // Open the first question.
  const next = panel(page).getByRole('button', { name: 'Next step', exact: true });
  for (let guard = 0; guard < 10 && (await panel(page).getByRole('radio').count()) === 0; guard++) await next.click();
  await expect(panel(page).getByRole('radio').first()).toBeVisible();
  const timeline = await page.getByRole('region', { name: 'Timeline' }).boundingBox();
  // Its toolbar and the top of the first lane fit on the first screen of a 1280×800 projector.
  expect(timeline!.y).toBeLessThan(800 - 120);
  // The keyboard cannot step past the question either: the inspectors would give the answer away.
  const waiting = await cursor(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  expect(await cursor(page)).toBe(waiting);
  await expect(page.getByRole('region', { name: 'Producer state' })).not.toContainText('backoff');
  // Nor can the comparison, which shows both runs to the end.
  const compare = page.getByRole('button', { name: 'Compare off vs on' });
  await expect(compare).toBeDisabled();
  await expect(page.getByText('After the reveal.')).toBeVisible();
  // The description is one click away, by keyboard too.
  await about.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(about).toHaveAttribute('open');
  await expect(about).toContainText('its response never reaches the producer');
  await panel(page).getByRole('button', { name: 'Reveal' }).click();
  await expect(compare).toBeEnabled();
});

test('the Kafka versions lesson moves the stage from one version to the next', async ({ page }) => {
  await startLesson(page, 'kafka-versions');
  const tag = page.locator('.stage-bar .kafka-version-tag');
  await expect(tag).toHaveText('Kafka 4.0');
  await page.getByLabel('Jump to step').selectOption({ index: 1 });
  await expect(tag).toHaveText('Kafka 2.4');
  await page.getByLabel('Jump to step').selectOption({ index: 3 });
  await expect(tag).toHaveText('Kafka 0.11');
  await expect(page.getByLabel('Kafka version')).toHaveValue('0.11');
});

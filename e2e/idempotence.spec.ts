import { expect, openLab, outcome, test } from './fixtures';

test('on lost-ack, idempotence turns the duplicate into a discarded retry', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const idempotence = page.getByRole('switch', { name: 'Idempotence' });
  await idempotence.uncheck();
  await expect(outcome(page)).toContainText('Duplicates: 1');
  await expect(outcome(page)).toContainText('Exactly-once: no');
  await idempotence.check();
  await expect(outcome(page)).toContainText('Duplicates: 0');
  await expect(outcome(page)).toContainText('Exactly-once: yes');
});

test('an anomaly button moves the cursor to its witness', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.getByRole('switch', { name: 'Idempotence' }).uncheck();
  const button = outcome(page).getByRole('button', { name: /Duplicate/ }).first();
  await button.click();
  const witness = await page.evaluate(() => {
    const s = window.__lab!.store.getState();
    return s.cursor;
  });
  expect(witness).toBeGreaterThan(0);
  await expect(page.locator('.event-row[aria-current="step"]')).toBeVisible();
});

test('the Kafka version setting: 3.0.0 leaves idempotence off by default, and the stage says which version it shows', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const idempotence = page.getByRole('switch', { name: 'Idempotence' });
  await page.getByRole('button', { name: 'Kafka’s default' }).click();
  await expect(idempotence).toBeChecked();
  await expect(page.locator('.stage-bar .kafka-version-tag')).toHaveText('Kafka 4.0');
  await page.getByLabel('Kafka version').selectOption('3.0.0');
  await expect(page.locator('.stage-bar .kafka-version-tag')).toHaveText('Kafka 3.0.0');
  await expect(idempotence).not.toBeChecked();
  await expect(outcome(page)).toContainText('Duplicates: 1');
  await page.getByLabel('Kafka version').selectOption('3.x');
  await expect(idempotence).toBeChecked();
  await expect(outcome(page)).toContainText('Duplicates: 0');
});

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { cursor, expect, openLab, slider, test } from './fixtures';

async function openMenu(page: Page) {
  await page.getByText('Share & export', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Export scenario' })).toBeVisible();
}

/** What a share link must reproduce, read from the page (once its run, computed in the worker, is shown). */
async function labState(page: Page) {
  await page.evaluate(() => window.__lab!.idle());
  return {
    scenario: await page.evaluate(() => JSON.stringify(window.__lab!.store.getState().scenario)),
    cursor: await cursor(page),
    narration: await page.locator('.narration').innerText(),
    theme: await page.getByLabel('Theme').inputValue(),
    preset: await page.getByLabel('Scenario', { exact: true }).inputValue(),
  };
}

test('a share link reopens the identical lab in a new page, ahead of saved state', async ({ page, browser }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLab(page, 'lost-ack');
  await page.evaluate(() => {
    const s = window.__lab!.store.getState();
    s.setSeed(4242);
    s.addFault({ kind: 'lose-response', message: 2, attempt: 1 });
    s.setFaultRate('loseRequest', 0.05);
  });
  await page.getByLabel('Theme').selectOption('dark');
  await slider(page).fill('14');
  await expect(page.getByText('Lose response: message 2, attempt 1')).toBeVisible();
  const before = await labState(page);
  expect(before.cursor).toBe(14);

  await openMenu(page);
  const field = page.getByLabel('Share link');
  await expect(field).toHaveAttribute('readonly', '');
  const link = await field.inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v=1&s=[A-Za-z0-9+$-]+&c=[0-9a-f]{8}$/);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // A fresh browser profile whose saved lab is something else: the link wins.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  const problems: string[] = [];
  page2.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  await openLab(page2, 'lost-request');
  await page2.waitForTimeout(400);
  const fresh = await other.newPage();
  await fresh.goto(link);
  await expect(fresh.getByRole('region', { name: 'Timeline' })).toBeVisible();
  expect(await labState(fresh)).toEqual(before);
  await expect(fresh.getByText('Lose response: message 2, attempt 1')).toBeVisible();
  // The link is used up: the address bar no longer carries it, so a reload shows the (now saved) lab.
  expect(new URL(fresh.url()).hash).toBe('');
  await fresh.waitForTimeout(400);
  await fresh.reload();
  expect(await labState(fresh)).toEqual(before);
  // Pasting a link into a tab that is already open applies it too.
  await page2.goto(link);
  await expect(slider(page2)).toHaveValue('14');
  expect(await labState(page2)).toEqual(before);
  expect(problems).toEqual([]);
  await other.close();
});

for (const [name, hash, expected] of [
  ['damaged data', '#v=1&s=@@@not-lz', 'could not be decompressed'],
  ['a newer version', '#v=2&s=N4Ig', 'This link was made by a newer version (v2); this build reads v1.'],
  [
    'invalid fields',
    `#v=1&s=${LZString.compressToEncodedURIComponent(JSON.stringify({ presetId: 'lost-ack', scenario: { version: 1, name: 'x', producer: { acks: 'two' } }, cursor: -3, theme: 'light' }))}`,
    "The link's lab state is not valid: cursor: Too small: expected number to be >=0; scenario.producer.acks:",
  ],
] as const) {
  test(`a share link with ${name} says what is wrong and leaves the saved lab working`, async ({ page }) => {
    await openLab(page, 'lost-request');
    await slider(page).fill('5');
    await page.waitForTimeout(400);
    const before = await labState(page);
    await page.goto('about:blank');
    await page.goto(`/${hash}`);
    const alert = page.getByRole('alert').filter({ hasText: 'This share link could not be opened.' });
    await expect(alert).toContainText(expected);
    await expect(alert).toContainText('Your previous lab is still here.');
    expect(await labState(page)).toEqual(before);
    // Still usable: Play moves the cursor.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => cursor(page)).toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Pause' }).click();
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toBeHidden();
  });
}

test('importing a bad scenario file lists field-path errors and keeps the current work; a good file loads', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.evaluate(() => window.__lab!.store.getState().setSeed(77));
  const before = await labState(page);
  await openMenu(page);
  await page.getByLabel('Import scenario').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, name: 'Broken', seed: -1, producer: { acks: 'two' }, workload: { messages: 'many' } })),
  });
  const alert = page.getByRole('alert').filter({ hasText: 'broken.json was not imported' });
  await expect(alert).toContainText('producer.acks:');
  await expect(alert).toContainText('seed:');
  await expect(alert).toContainText('workload.messages:');
  expect(await labState(page)).toEqual(before);

  await page.getByLabel('Import scenario').setInputFiles({ name: 'bad-syntax.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1,') });
  await expect(page.getByRole('alert').filter({ hasText: 'bad-syntax.json was not imported' })).toContainText('not valid JSON');
  expect(await labState(page)).toEqual(before);

  await page.getByLabel('Import scenario').setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, id: 'mine', name: 'My three messages', seed: 9, workload: { messages: 3 } })),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Loaded “My three messages” from mine.json.' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'was not imported' })).toHaveCount(0);
  expect(await page.evaluate(() => window.__lab!.store.getState().scenario.seed)).toBe(9);
});

test('a lab too big for a link offers the scenario file instead', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.evaluate(() => {
    const s = window.__lab!.store.getState();
    for (let m = 1; m <= 3; m++) for (let a = 1; a <= 60; a++) s.addFault({ kind: 'delay-request', message: m, attempt: a, delayMs: 1000 + m * 97 + a * 31 });
  });
  await openMenu(page);
  await expect(page.getByText(/This lab is too big for a link \([\d,]+ characters; links over 2,000 get cut off\)/)).toBeVisible();
  await expect(page.getByLabel('Share link')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy share link' })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download scenario file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lost-ack.json');
});

test('the share and export menu has no serious accessibility violations; screenshot', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await openMenu(page);
  await page.getByLabel('Import scenario').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"name":"x","producer":{"acks":"two"}}') });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.json' })).toBeVisible();
  await page.screenshot({ path: '/tmp/shots4s/share-menu-light.png' });
  for (const theme of ['light', 'dark', 'projector'] as const) {
    await page.evaluate((t) => window.__lab!.store.getState().setTheme(t), theme);
    const results = await new AxeBuilder({ page }).include('.share-menu').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  }
  await page.screenshot({ path: '/tmp/shots4s/share-menu-projector.png' });
  // Escape closes the menu and returns focus to its button.
  await page.getByRole('button', { name: 'Export scenario' }).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Export scenario' })).toBeHidden();
  await expect(page.getByText('Share & export', { exact: true })).toBeFocused();
});

import { cursor, expect, openLab, slider, test } from './fixtures';

test('the lab works from the keyboard alone', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const total = await page.evaluate(() => window.__lab!.store.getState().trace.events.length);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await cursor(page)).toBe(3);
  await page.keyboard.press('ArrowLeft');
  expect(await cursor(page)).toBe(2);
  await page.keyboard.press('End');
  expect(await cursor(page)).toBe(total - 1);
  await page.keyboard.press('Home');
  expect(await cursor(page)).toBe(0);

  // Shortcuts keep working after a button was used.
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const afterPlay = await cursor(page);
  expect(afterPlay).toBeGreaterThanOrEqual(1);

  // Back with Shift+Tab to the Idempotence switch, on the stage above the playback row, and flip it with Space.
  let found = false;
  for (let k = 0; k < 40 && !found; k++) {
    await page.keyboard.press('Shift+Tab');
    found = await page.evaluate(() => document.activeElement?.id === 'idempotence');
  }
  expect(found).toBe(true);
  await page.keyboard.press('Space');
  await expect(page.getByRole('switch', { name: 'Idempotence' })).not.toBeChecked();
  await expect(page.getByRole('region', { name: 'Outcome' })).toContainText('Duplicates: 1');

  // Keyboard fork: focus the event list, go to a request, Enter opens the menu.
  await page.getByRole('group', { name: 'Event transcript' }).focus();
  await page.keyboard.press('Home');
  const sent = await page.evaluate(() => window.__lab!.store.getState().trace.events.findIndex((e) => e.kind === 'request.sent'));
  for (let k = 0; k < sent; k++) await page.keyboard.press('ArrowDown');
  expect(await cursor(page)).toBe(sent);
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Lose this request' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Delay this request' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(page.getByText('Lose request: message 1, attempt 1')).toBeVisible();

  // Zoom shortcuts and the help dialog.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('+');
  await page.keyboard.press('-');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await expect(slider(page)).toBeVisible();
});

test('focus is always visible', async ({ page }) => {
  await openLab(page);
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
});

test('Tab order follows the layout: header, the stage (timeline and playback), statecharts and events, settings, then the inspectors', async ({ page }) => {
  await openLab(page, 'lost-ack');
  // With idempotence off the outcome panel lists the duplicate as a button, so the inspectors have a focus stop too.
  await page.getByRole('switch', { name: 'Idempotence' }).click();
  await expect(page.getByRole('region', { name: 'Outcome' })).toContainText('Duplicates: 1');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const regions: string[] = [];
  for (let k = 0; k < 150; k++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'none';
      if (el.closest('.app-header')) return 'header';
      if (el.closest('main')) return 'main';
      if (el.closest('.workbench .col-main')) return 'lists';
      if (el.closest('.col-controls')) return 'settings';
      if (el.closest('.col-inspectors')) return 'inspectors';
      return 'other';
    });
    if (where === 'none') break;
    if (regions[regions.length - 1] !== where) regions.push(where);
    if (regions.length > 6) break;
  }
  expect(regions).toEqual(['header', 'main', 'lists', 'settings', 'inspectors']);
  // Visually too: the settings start below the playback bar, and the inspectors sit to the right of both.
  const play = await page.getByRole('button', { name: 'Play', exact: true }).boundingBox();
  const settings = await page.getByRole('complementary', { name: 'Settings and faults' }).boundingBox();
  const inspectors = await page.getByRole('complementary', { name: 'Inspectors' }).boundingBox();
  expect(settings!.y).toBeGreaterThan(play!.y);
  expect(inspectors!.x).toBeGreaterThan(settings!.x + settings!.width - 1);
});

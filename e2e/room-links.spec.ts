import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import jsQR from 'jsqr';
import { cursor, expect, openLab, slider, test } from './fixtures';

async function openMenu(page: Page) {
  await page.getByText('Share & export', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Export scenario' })).toBeVisible();
}

/** A share link of the lost-ack preset at step 5, read from the share menu. */
async function makeLink(page: Page): Promise<string> {
  await openLab(page, 'lost-ack');
  await slider(page).fill('5');
  await openMenu(page);
  const link = await page.getByLabel('Share link').inputValue();
  await page.keyboard.press('Escape');
  return link;
}

/** Work of the user's own: the lost-request preset with another seed. */
async function makeOwnWork(page: Page) {
  await page.getByLabel('Scenario').selectOption('lost-request');
  await page.evaluate(() => window.__lab!.store.getState().setSeed(4242));
  await page.evaluate(() => window.__lab!.idle());
  await page.waitForTimeout(400); // saved
}

const shown = (page: Page) =>
  page.evaluate(() => {
    const s = window.__lab!.store.getState();
    return { preset: s.presetId, seed: s.scenario.seed, cursor: s.cursor };
  });

test('a link opened over changed work asks first; Back returns to the work and Forward to the link', async ({ page }) => {
  const link = await makeLink(page);
  const linkSeed = await page.evaluate(() => window.__lab!.store.getState().scenario.seed);
  await makeOwnWork(page);
  const prompt = page.getByRole('alert').filter({ hasText: 'A shared link opens' });

  // Pasted into this tab: nothing changes until the user chooses.
  await page.goto(link);
  await expect(prompt).toContainText('It replaces your changed scenario');
  expect(await shown(page)).toMatchObject({ preset: 'lost-request', seed: 4242 });
  await prompt.getByRole('button', { name: 'Keep my work' }).click();
  await expect(prompt).toBeHidden();
  expect(new URL(page.url()).hash).toBe('');
  expect(await shown(page)).toMatchObject({ preset: 'lost-request', seed: 4242 });

  await page.goto(link);
  await prompt.getByRole('button', { name: 'Open the link' }).click();
  await expect(prompt).toBeHidden();
  await expect.poll(() => shown(page)).toEqual({ preset: 'lost-ack', seed: linkSeed, cursor: 5 });
  expect(new URL(page.url()).hash).toBe('');

  await page.goBack();
  await expect.poll(() => shown(page)).toMatchObject({ preset: 'lost-request', seed: 4242 });
  await page.goForward();
  await expect.poll(() => shown(page)).toEqual({ preset: 'lost-ack', seed: linkSeed, cursor: 5 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a link opened in a new tab over saved changed work asks first, and Back brings the saved work back', async ({ page, context }) => {
  const link = await makeLink(page);
  await makeOwnWork(page);
  const tab = await context.newPage();
  await tab.goto(link);
  const prompt = tab.getByRole('alert').filter({ hasText: 'A shared link opens' });
  await prompt.getByRole('button', { name: 'Open the link' }).click();
  await expect.poll(() => shown(tab)).toMatchObject({ preset: 'lost-ack', cursor: 5 });
  await tab.goBack();
  await expect.poll(() => shown(tab)).toMatchObject({ preset: 'lost-request', seed: 4242 });
});

test('a link over an unchanged preset opens at once', async ({ page }) => {
  const link = await makeLink(page);
  await page.getByLabel('Scenario').selectOption('lost-request');
  await page.evaluate(() => window.__lab!.idle());
  await page.goto(link);
  await expect.poll(() => shown(page)).toMatchObject({ preset: 'lost-ack', cursor: 5 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a hash that is not a share link is left alone, and a second bad link replaces the first message', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await slider(page).fill('3');
  await page.goto('/#intro');
  await page.waitForTimeout(300);
  expect(new URL(page.url()).hash).toBe('#intro');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await cursor(page)).toBe(3);

  await page.goto('/#v=1&s=@@@not-lz');
  const refused = page.getByRole('alert').filter({ hasText: 'This share link could not be opened.' });
  await expect(refused).toContainText('could not be decompressed');
  await page.goto('/#v=2&s=N4Ig');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('newer version (v2)');
  await expect(refused).not.toContainText('could not be decompressed');
  expect(await cursor(page)).toBe(3);
});

test('the share menu shows the link as a QR code that decodes to the link, and large for the room', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await openMenu(page);
  const link = await page.getByLabel('Share link').inputValue();
  const qr = page.getByRole('img', { name: 'QR code that opens this lab' }).first();
  await expect(qr).toBeVisible();
  // Draw the picture at 4 px per module and let a QR decoder read it.
  const pixels = await qr.evaluate(async (svg) => {
    const size = 4 * (svg as SVGSVGElement).viewBox.baseVal.width;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, size, size);
    return { size, data: Array.from(ctx.getImageData(0, 0, size, size).data) };
  });
  const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.size, pixels.size);
  expect(decoded?.data).toBe(link);

  await page.getByLabel('Theme').selectOption('projector');
  await page.getByRole('button', { name: 'Show the QR code large' }).click();
  const dialog = page.getByRole('dialog', { name: 'QR code that opens this lab' });
  await expect(dialog).toBeVisible();
  const box = (await dialog.getByRole('img').boundingBox())!;
  expect(box.height).toBeGreaterThan(500);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  await page.screenshot({ path: 'test-results/share-qr-large.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Only the dialog closed: the menu is still open.
  await expect(page.getByRole('button', { name: 'Export scenario' })).toBeVisible();
});

test('from the single-file build the menu says a link would point at a local file and offers the scenario file', async ({ page }) => {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.singlefile.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  await page.goto(pathToFileURL(resolve('dist-single/index.html')).href);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await page.getByText('Share & export', { exact: true }).click();
  await expect(page.getByText(/This page is a file on this computer \(file:\/\/.*index\.html\): a link to it opens only here/)).toBeVisible();
  await expect(page.getByLabel('Share link')).toHaveCount(0);
  await expect(page.getByRole('img', { name: 'QR code that opens this lab' })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download scenario file' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
});

import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

/**
 * Embed mode (`?embed=1`), driven as a slide deck would drive it: through the example page, which embeds the lab
 * in an iframe, sends it postMessage commands from its buttons and shows the state the lab posts back.
 */

async function openExample(page: Page): Promise<Frame> {
  await page.goto('/embed-example.html');
  const handle = await page.locator('#lab').elementHandle();
  const frame = (await handle!.contentFrame())!;
  await expect(frame.locator('.stage-only')).toBeVisible();
  await frame.evaluate(() => window.__lab!.idle());
  // The lab has posted its first state.
  await expect(page.locator('#state')).toHaveText(/^event \d+ of \d+/);
  return frame;
}

const frameCursor = (frame: Frame) => frame.evaluate(() => window.__lab!.store.getState().cursor);
const postedStep = async (page: Page) => Number(await page.locator('#state').getAttribute('data-step'));

test('embed mode shows only the stage, obeys eol:step and eol:goto, and posts eol:state on every change', async ({ page }) => {
  const frame = await openExample(page);
  for (const selector of ['.app-header', '.col-controls', '.col-inspectors', '.lesson-bar', '.share-menu', '.statecharts']) {
    await expect(frame.locator(selector), selector).toHaveCount(0);
  }
  await expect(frame.getByRole('region', { name: 'Timeline' })).toBeVisible();
  // Nothing in the frame took focus: the page keeps it.
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  // The stage fits its iframe.
  const box = (await page.locator('#lab').boundingBox())!;
  expect(await frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(1);
  expect(box.height).toBeGreaterThan(300);

  const total = await frame.evaluate(() => window.__lab!.store.getState().trace.events.length);
  await expect(page.locator('#state')).toContainText(`of ${total}`);
  const start = await frameCursor(frame);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => frameCursor(frame)).toBe(start + 1);
  await expect.poll(() => postedStep(page)).toBe(start + 1);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect.poll(() => frameCursor(frame)).toBe(start);
  await expect.poll(() => postedStep(page)).toBe(start);

  await page.getByLabel('Go to event').fill('7');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect.poll(() => frameCursor(frame)).toBe(7);
  await expect(page.locator('#state')).toHaveText(`event 8 of ${total}`);
  // A delta of several steps, and one past the end (clamped).
  await page.evaluate(() => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'eol:step', delta: 3 }, '*'));
  await expect.poll(() => frameCursor(frame)).toBe(10);
  await page.evaluate(() => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'eol:goto', step: 1e6 }, '*'));
  await expect.poll(() => frameCursor(frame)).toBe(total - 1);
  await expect.poll(() => postedStep(page)).toBe(total - 1);
});

test('embed mode ignores junk messages', async ({ page }) => {
  const frame = await openExample(page);
  await page.evaluate(() => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'eol:goto', step: 4 }, '*'));
  await expect.poll(() => frameCursor(frame)).toBe(4);
  const before = await frame.evaluate(() => JSON.stringify({ c: window.__lab!.store.getState().cursor, s: window.__lab!.store.getState().scenario }));
  await page.evaluate(() => {
    const w = (document.getElementById('lab') as HTMLIFrameElement).contentWindow!;
    const junk: unknown[] = [
      null,
      42,
      'eol:step',
      [],
      { type: 'eol:step', delta: 'one' },
      { type: 'eol:step', delta: 1.5 },
      { type: 'eol:step', delta: 1e9 },
      { type: 'eol:goto' },
      { type: 'eol:goto', step: -1 },
      { type: 'eol:goto', step: '3' },
      { type: 'eol:goto', step: Number.NaN },
      { type: 'eol:load' },
      { type: 'eol:load', link: 42 },
      { type: 'eol:load', link: 'https://example.com/no-hash' },
      { type: 'eol:load', link: '#intro' },
      { type: 'eol:load', link: 'x'.repeat(100_000) },
      { type: 'eol:state', step: 0, total: 1, lesson: null },
      { type: 'hello', from: 'x' },
      { type: 'EOL:STEP', delta: 1 },
    ];
    for (const m of junk) w.postMessage(m, '*');
  });
  // Give the frame time to (not) act on them.
  await frame.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  const after = await frame.evaluate(() => JSON.stringify({ c: window.__lab!.store.getState().cursor, s: window.__lab!.store.getState().scenario }));
  expect(after).toBe(before);
  await expect(frame.locator('.alert')).toHaveCount(0);
  // A command from another frame than the embedding page is not obeyed either.
  await page.evaluate(() => {
    const other = document.createElement('iframe');
    other.id = 'other';
    document.body.append(other);
    const lab = (document.getElementById('lab') as HTMLIFrameElement).contentWindow!;
    const w = other.contentWindow as Window & { lab?: Window; eval(code: string): unknown };
    w.lab = lab;
    w.eval("lab.postMessage({ type: 'eol:goto', step: 0 }, '*')");
  });
  await frame.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  expect(await frameCursor(frame)).toBe(4);
});

test('eol:load opens a share link (a lesson with it), and the state names the lesson', async ({ page }) => {
  // A share link made in the lab: another scenario, a lesson step.
  await openLab(page);
  await page.evaluate(async () => {
    const s = window.__lab!.store.getState();
    s.startLesson('lost-ack');
    await window.__lab!.idle();
    window.__lab!.store.getState().goToStep(1);
    await window.__lab!.idle();
  });
  await page.getByText('Share & export').click();
  const link = await page.locator('#share-link-field').inputValue();
  expect(link).toContain('#');
  // The share menu offers the iframe code for that link.
  const snippet = await page.locator('#share-embed-field').inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]*\?embed=1#[^"]+" title="Exactly-Once Lab"/);
  const expected = await page.evaluate(() => {
    const s = window.__lab!.store.getState();
    return { cursor: s.cursor, events: s.trace.events.length };
  });

  const frame = await openExample(page);
  expect(await frame.evaluate(() => window.__lab!.store.getState().lessonId)).toBeNull();
  await page.getByLabel('Share link').fill(link);
  await page.getByRole('button', { name: 'Load' }).click();
  await expect.poll(() => frame.evaluate(() => window.__lab!.store.getState().lessonId)).toBe('lost-ack');
  await frame.evaluate(() => window.__lab!.idle());
  expect(await frameCursor(frame)).toBe(expected.cursor);
  await expect(page.locator('#state')).toHaveText(new RegExp(`^event ${expected.cursor + 1} of ${expected.events} · lesson lost-ack, step 2 of \\d+$`));
  // In a lesson, eol:step moves through its steps (like a clicker).
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#state')).toContainText('step 3 of');
  // The embed's lesson shows no speaker notes and no pickers.
  await expect(frame.locator('.speaker-notes')).toHaveCount(0);

  // The iframe code from the share menu works as it is: it opens the same place.
  await page.setContent(`<!doctype html><title>deck</title>${snippet}`);
  const frame2 = (await (await page.locator('iframe').elementHandle())!.contentFrame())!;
  await expect(frame2.locator('.stage-only')).toBeVisible();
  await frame2.evaluate(() => window.__lab!.idle());
  await expect.poll(() => frame2.evaluate(() => window.__lab!.store.getState().lessonId)).toBe('lost-ack');
});

test('a click in the embedded lab hands the keyboard back to the page', async ({ page }) => {
  const frame = await openExample(page);
  const start = await frameCursor(frame);
  await frame.locator('.playback').getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => frameCursor(frame)).toBe(start + 1);
  // The deck's keys reach the embedding page, not the lab.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#key')).toHaveText('ArrowRight');
  expect(await frameCursor(frame)).toBe(start + 1);
  // Someone who tabs into the frame keeps the keyboard there (keyboard use is not a click).
  await frame.locator('.playback').getByRole('button', { name: 'Step forward' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => frameCursor(frame)).toBe(start + 2);
  expect(await frame.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Step forward');
});

test('the embedded stage has no serious accessibility problem', async ({ page }) => {
  await openExample(page);
  const results = await new AxeBuilder({ page }).include('#lab').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
});

test('from the single file (file://), under its Content-Security-Policy, the embedded lab obeys and posts its state', async ({ page }) => {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.singlefile.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  // The example page beside the single file, as someone would put it on a USB stick.
  copyFileSync('public/embed-example.html', 'dist-single/embed-example.html');
  copyFileSync('public/favicon.svg', 'dist-single/favicon.svg');
  await page.goto(pathToFileURL(resolve('dist-single/embed-example.html')).href);
  const frame = (await (await page.locator('#lab').elementHandle())!.contentFrame())!;
  await expect(frame.locator('.stage-only')).toBeVisible();
  await expect(page.locator('#state')).toHaveText(/^event 1 of \d+$/);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#state')).toHaveText(/^event 2 of \d+$/);
  await page.getByLabel('Go to event').fill('5');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(page.locator('#state')).toHaveText(/^event 6 of \d+$/);
  expect(await frame.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
});

import type { Page } from '@playwright/test';
import { cursor, expect, openLab, slider, test } from './fixtures';

const windowShown = (page: Page) => page.evaluate(() => window.__lab!.zoom.get()!.visibleWindow());
const endT = (page: Page) => page.evaluate(() => window.__lab!.store.getState().trace.endT);
const timeAt = (page: Page, i: number) => page.evaluate((k) => window.__lab!.store.getState().trace.events[k]!.t, i);

function overlaps(boxes: { x: number; y: number; w: number; h: number; text: string }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1) out.push(`${a.text} × ${b.text}`);
    }
  return out;
}

test('on a phone the timeline opens zoomed to a readable scale and follows the cursor; Fit shows the whole run', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page, 'lost-ack');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'no sideways scrolling').toBe(0);
  const whole = await endT(page);
  const [t0, t1] = await windowShown(page);
  expect(t1 - t0).toBeLessThan(whole * 0.6);
  const at = await timeAt(page, await cursor(page));
  expect(at).toBeGreaterThanOrEqual(t0);
  expect(at).toBeLessThanOrEqual(t1);
  expect(overlaps(await page.evaluate(() => window.__lab!.zoom.get()!.labelBoxes()))).toEqual([]);
  // The story starts folded, so the timeline begins on the first screen.
  const area = (await page.evaluate(() => window.__lab!.zoom.get()!.drawingArea()))!;
  expect(area.top).toBeLessThan(844);
  await page.locator('.timeline-canvas').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('phone-timeline.png') });

  // Stepping to the end: the last event is on screen.
  const last = await page.evaluate(() => window.__lab!.store.getState().trace.events.length - 1);
  await slider(page).fill(String(last));
  await expect.poll(async () => {
    const [a, b] = await windowShown(page);
    const t = await timeAt(page, last);
    return t >= a && t <= b;
  }).toBe(true);

  await page.getByRole('button', { name: 'Fit' }).first().click();
  await expect.poll(async () => (await windowShown(page)).map(Math.round)).toEqual([0, Math.round(whole)]);
});

test('on a wide screen the timeline still opens with the whole run', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const [t0, t1] = await windowShown(page);
  expect(Math.round(t0)).toBe(0);
  expect(Math.round(t1)).toBe(Math.round(await endT(page)));
});

import type { Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

/** The stage at a projector's and a laptop's sizes, in each theme and language the room may use. */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1280, height: 800 },
];
const THEMES = ['light', 'projector'] as const;
const LANGS = ['en', 'zh'] as const;

/** The cursor, from the store (the slider's name depends on the language). */
const cursor = (page: Page) => page.evaluate(() => window.__lab!.store.getState().cursor);

type Box = { x: number; y: number; w: number; h: number; text: string };

async function labelBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => window.__lab!.zoom.get()!.labelBoxes());
}

async function drawingArea(page: Page) {
  const area = await page.evaluate(() => window.__lab!.zoom.get()!.drawingArea());
  expect(area).not.toBeNull();
  return area!;
}

/** No two label boxes overlap, and all lie inside the drawing area. */
async function expectTidyLabels(page: Page, what: string) {
  const boxes = await labelBoxes(page);
  const area = await drawingArea(page);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    expect(a.x >= area.left - 0.5 && a.x + a.w <= area.right + 0.5 && a.y >= area.top - 0.5 && a.y + a.h <= area.bottom + 0.5, `${what}: "${a.text}" leaves the drawing area`).toBe(true);
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j]!;
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, `${what}: "${a.text}" overlaps "${b.text}"`).toBe(false);
    }
  }
  return boxes;
}

async function setUp(page: Page, theme: string, lang: string) {
  await openLab(page);
  await page.evaluate(
    async ({ theme, lang }) => {
      const s = window.__lab!.store.getState();
      s.setTheme(theme as 'light');
      s.setLanguage(lang as 'en');
      await window.__lab!.idle();
    },
    { theme, lang },
  );
}

/** The header's items sit on one row: their vertical centres agree. */
async function expectOneRowHeader(page: Page) {
  const centres = await page.locator('.app-header > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => r.top + r.height / 2));
  expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(6);
  // Nothing in the header overflows it to the right.
  const overflow = await page.locator('.app-header').evaluate((h) => h.scrollWidth - h.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

for (const size of SIZES) {
  for (const theme of THEMES) {
    for (const lang of LANGS) {
      test(`free exploration at ${size.width}×${size.height}, ${theme}, ${lang}: every lane and Play on the first screen, labels apart`, async ({ page }) => {
        await page.setViewportSize(size);
        await setUp(page, theme, lang);
        await expectOneRowHeader(page);
        const area = await drawingArea(page);
        expect(area.top).toBeGreaterThan(0);
        expect(area.bottom, 'the broker lane is on the first screen').toBeLessThanOrEqual(size.height);
        const play = page.locator('.playback .play');
        const playBox = (await play.boundingBox())!;
        expect(playBox.y + playBox.height).toBeLessThanOrEqual(size.height);
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        // The idempotence switch is on the stage, above the fold.
        const sw = (await page.locator('#idempotence').boundingBox())!;
        expect(sw.y + sw.height).toBeLessThanOrEqual(size.height);
        // The stage says which Kafka version it shows.
        const tag = page.locator('.stage-bar .kafka-version-tag');
        await expect(tag).toHaveText('Kafka 4.0');
        const tagBox = (await tag.boundingBox())!;
        expect(tagBox.y + tagBox.height).toBeLessThanOrEqual(size.height);
        // Labels apart at Fit, zoomed in, and after the run has played to the end.
        await expectTidyLabels(page, 'at the start');
        await page.evaluate(() => window.__lab!.store.getState().jumpToEnd());
        const all = await expectTidyLabels(page, 'at the end');
        expect(all.length).toBeGreaterThan(3);
        await page.evaluate(() => window.__lab!.zoom.get()!.zoomBy(4));
        await expectTidyLabels(page, 'zoomed in');
        await page.evaluate(() => window.__lab!.zoom.get()!.fit());
        await expectTidyLabels(page, 'at Fit');
        // Chinese buttons never wrap one character per line: every playback button is one line tall.
        for (const b of await page.locator('.app-header button, .playback button, .stage-bar button').all()) {
          const box = (await b.boundingBox())!;
          expect(box.width, await b.innerText()).toBeGreaterThan(box.height * 0.8);
          expect(box.height, await b.innerText()).toBeLessThan(64);
        }
      });

      test(`a lesson question at ${size.width}×${size.height}, ${theme}, ${lang}: the question and the whole timeline on one screen, nothing after the cursor`, async ({ page }) => {
        await page.setViewportSize(size);
        await setUp(page, theme, lang);
        await page.evaluate(async () => {
          const s = window.__lab!.store.getState();
          s.startLesson('lost-ack');
          await window.__lab!.idle();
          // Step 4: the retry of message 1 reaches the broker. What will it do?
          window.__lab!.store.getState().goToStep(3);
          await window.__lab!.idle();
        });
        const question = page.locator('.lesson-question');
        await expect(question).toBeVisible();
        const q = (await question.boundingBox())!;
        expect(q.y).toBeGreaterThanOrEqual(0);
        expect(q.y + q.height).toBeLessThanOrEqual(size.height);
        const area = await drawingArea(page);
        expect(area.bottom, 'the broker lane is on the same screen as the question').toBeLessThanOrEqual(size.height);
        await expectTidyLabels(page, 'at the question');

        // Nothing on the page tells what happens next: the retry's write, the run's totals, the outcome.
        const c = await cursor(page);
        const texts = (await labelBoxes(page)).map((b) => b.text);
        expect(texts.some((t) => /@1/.test(t)), 'the write of the retry is not drawn yet').toBe(false);
        const body = await page.locator('body').innerText();
        expect(body).not.toMatch(/appended @1|已追加 @1|duplicate write|重复写入/);
        await expect(page.locator('.timeline-stats')).toHaveCount(0);
        const rows = await page.locator('.event-row').count();
        expect(rows).toBeLessThanOrEqual(c + 1);

        // Revealing shows it, marked as a duplicate.
        await page.locator('.lesson-question input[type=radio]').first().check();
        await page.locator('.reveal-button').click();
        await expect.poll(() => cursor(page)).toBe(c + 1);
        const after = (await labelBoxes(page)).map((b) => b.text);
        expect(after.some((t) => /^⚠ (duplicate write|重复写入) @1$/.test(t)), after.join(' | ')).toBe(true);
        await expectTidyLabels(page, 'after the reveal');
      });
    }
  }

  test(`presenter mode at ${size.width}×${size.height}: the question and the whole timeline on one screen, at the projector's sizes`, async ({ page }) => {
    await page.setViewportSize(size);
    await openLab(page);
    await page.getByLabel('Lesson', { exact: true }).selectOption('lost-ack');
    await page.evaluate(() => window.__lab!.idle());
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(page.locator('.lesson-question')).toBeVisible();
    const q = (await page.locator('.lesson-question').boundingBox())!;
    expect(q.y + q.height).toBeLessThanOrEqual(size.height);
    const area = await drawingArea(page);
    expect(area.bottom).toBeLessThanOrEqual(size.height);
    await expectTidyLabels(page, 'presenting');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  });
}

/**
 * Stepping through a run keeps the lanes still: the narration keeps room for two lines and the row under the canvas
 * one row of chips, whatever the event, so the canvas neither grows nor shrinks from one step to the next (it used
 * to, by a line of narration or a row of chips, on most steps).
 */
for (const { size, theme, lang } of [
  { size: SIZES[0]!, theme: 'projector', lang: 'zh' },
  { size: SIZES[1]!, theme: 'light', lang: 'en' },
] as const) {
  test(`stepping at ${size.width}×${size.height}, ${theme}, ${lang}: the timeline keeps its height at every event`, async ({ page }) => {
    await page.setViewportSize(size);
    await setUp(page, theme, lang);
    const heightsWhileStepping = () =>
      page.evaluate(async () => {
        const lab = window.__lab!;
        const n = lab.store.getState().trace.events.length;
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        const seen = new Map<number, number>();
        for (let k = 0; k < n; k++) {
          lab.store.getState().setCursor(k);
          await frame();
          await frame();
          const h = Math.round(document.querySelector('.timeline-canvas')!.getBoundingClientRect().height);
          if (!seen.has(h)) seen.set(h, k);
        }
        return [...seen].map(([h, k]) => `${h} px from event ${k}`);
      });
    for (const preset of ['lost-ack', 'beyond-dedup-window', 'failover-retry-recognised', 'consumer-crash-before-commit', 'txn-zombie-fencing']) {
      await page.evaluate(async (id) => {
        window.__lab!.store.getState().choosePreset(id);
        await window.__lab!.idle();
      }, preset);
      expect(await heightsWhileStepping(), `${preset}: the canvas's heights while stepping`).toHaveLength(1);
    }
    // In a lesson, within one of its steps, the narration keeps its lines too (one on a short screen, two otherwise).
    await page.evaluate(async () => {
      const s = window.__lab!.store.getState();
      s.startLesson('kafka-versions');
      await window.__lab!.idle();
      window.__lab!.store.getState().goToStep(2);
      await window.__lab!.idle();
    });
    expect(await heightsWhileStepping(), "a lesson step: the canvas's heights while stepping").toHaveLength(1);
  });
}

/** The lab's name stays whole in the header: with a long scenario name, the scenario menu gives up the room. */
for (const lang of LANGS) {
  test(`the header at 1280×720, projector, ${lang}, with the longest scenario name: one row, the lab's name whole`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await setUp(page, 'projector', lang);
    for (const preset of ['consumer-slow-processing-rebalance', 'txn-hanging-lso', 'lost-ack']) {
      await page.evaluate(async (id) => {
        window.__lab!.store.getState().choosePreset(id);
        await window.__lab!.idle();
      }, preset);
      await expectOneRowHeader(page);
      const title = await page.locator('.app-header h1').evaluate((h) => ({ shown: h.clientWidth, needed: h.scrollWidth }));
      expect(title.needed, `${preset}: the lab's name is cut`).toBeLessThanOrEqual(title.shown + 1);
      const menu = (await page.locator('#scenario-select').boundingBox())!;
      expect(menu.width, `${preset}: the scenario menu keeps room for its choice's start`).toBeGreaterThan(60);
    }
  });
}

/** The counts above the canvas: the first (duplicates discarded) always shows, and none is cut in half. */
for (const size of SIZES) {
  for (const lang of LANGS) {
    test(`the counts above the canvas at ${size.width}×${size.height}, projector, ${lang}: whole counts, the duplicates first`, async ({ page }) => {
      await page.setViewportSize(size);
      await setUp(page, 'projector', lang);
      for (const preset of ['lost-ack', 'beyond-dedup-window', 'broker-crash']) {
        await page.evaluate(async (id) => {
          window.__lab!.store.getState().choosePreset(id);
          await window.__lab!.idle();
        }, preset);
        const counts = await page.locator('.timeline-stats').evaluate((p) => {
          const box = p.getBoundingClientRect();
          return [...p.querySelectorAll('.timeline-stat')].map((s) => {
            const r = s.getBoundingClientRect();
            return { text: s.textContent ?? '', shown: r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5, hidden: r.top >= box.bottom - 0.5 };
          });
        });
        expect(counts.length).toBe(6);
        expect(counts[0]!.shown, `${preset}: "${counts[0]!.text}" is shown`).toBe(true);
        for (const c of counts) expect(c.shown || c.hidden, `${preset}: "${c.text}" is shown whole or not at all`).toBe(true);
        // Set apart by space: no separator is left dangling at the end of a wrapped line, and a screen reader still
        // hears the counts apart.
        const line = page.locator('.timeline-stats');
        expect(await line.evaluate((p) => (p as HTMLElement).innerText)).not.toContain('·');
        expect(await line.evaluate((p) => p.textContent)).toContain(lang === 'zh' ? '丢弃、' : 'discarded, ');
      }
    });
  }
}

import type { Page } from '@playwright/test';
import { LESSONS } from '../src/lessons/lessons';
import { expect, openLab, test } from './fixtures';

/**
 * At 1280×720 (and 1024×768 and 1920×1080 outside lessons), in each theme and language, for producer, replication, consumer and
 * transactional presets with the cursor mid-run, and in every lesson: the page never scrolls sideways, nothing leaves
 * the panel, group or bar it belongs to, and the legend opens on the page.
 */
const PRESETS = ['lost-ack', 'reorder-in-flight', 'failover-acks1-loss', 'broker-crash', 'consumer-message-state-machine', 'consumer-dedup-same-transaction', 'txn-hanging-lso'];

/**
 * What leaves its box: the page scrolling sideways, or an element past the edge of the panel, group or bar it is in.
 * Content inside its own scrolling or clipping box is that box's business, and a box that clips (the per-event
 * narration a lesson keeps for screen readers only) holds whatever it holds.
 */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth + 1) out.push(`the page scrolls sideways (${page.scrollWidth} px)`);
    const clipper = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) return p;
      return null;
    };
    for (const box of document.querySelectorAll('.panel, fieldset, .controls, .narration, .playback, .scenario-description, .lesson-panel, .timeline')) {
      const b = box.getBoundingClientRect();
      if (b.width === 0) continue;
      const bs = getComputedStyle(box);
      if (/(hidden|clip)/.test(bs.overflowX) || bs.clipPath !== 'none') continue;
      for (const el of box.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        // What a closed <details> holds is not shown (Chromium still lays it out).
        if (el.closest('details:not([open]) > :not(summary)')) continue;
        const clip = clipper(el);
        if (clip && clip !== box && box.contains(clip)) continue;
        if (r.right > b.right + 1 || r.left < b.left - 1) out.push(`${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 40)}” leaves .${box.classList[0]}`);
      }
    }
    return [...new Set(out)];
  });
}

/** The workshop's projector, an older XGA one (where the header and the stage bar wrap), and a full-HD one (where
 * the settings are a column of their own beside the stage). */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
];

for (const size of SIZES)
for (const theme of ['light', 'projector'] as const) {
  test(`nothing leaves its panel at ${size.width}×${size.height} (${theme}, en and zh)`, async ({ page }) => {
    await page.setViewportSize(size);
    await openLab(page);
    const problems: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      for (const preset of PRESETS) {
        await page.evaluate(
          async ({ theme, lang, preset }) => {
            const s = window.__lab!.store.getState();
            s.setTheme(theme);
            s.setLanguage(lang);
            s.choosePreset(preset);
            await window.__lab!.idle();
            const n = window.__lab!.store.getState().trace.events.length;
            window.__lab!.store.getState().setCursor(Math.floor(n * 0.6));
            await window.__lab!.idle();
          },
          { theme, lang, preset },
        );
        const found = await overflows(page);
        problems.push(...found.map((f) => `${preset}, ${lang}: ${f}`));
        // The legend, opened, is on the page whole, wherever the stage bar has put its button.
        const legend = page.locator('details.legend').first();
        await legend.locator('summary').click();
        const panel = (await legend.locator('.legend-panel').boundingBox())!;
        if (panel.x < 0 || panel.x + panel.width > size.width) problems.push(`${preset}, ${lang}: the open legend runs from ${Math.round(panel.x)} to ${Math.round(panel.x + panel.width)} px`);
        await legend.locator('summary').click();
      }
    }
    expect(problems).toEqual([]);
  });
}

/** Every lesson at its first question (or first step), in presenter mode, as the room sees it: the same check. */
for (const theme of ['light', 'projector'] as const) {
  test(`nothing leaves its panel in a lesson at 1280×720, presenter mode (${theme}, en and zh)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await openLab(page);
    const problems: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      for (const lesson of LESSONS) {
        const k = Math.max(0, lesson.steps.findIndex((s) => s.question));
        await page.evaluate(
          async ({ theme, lang, id, k }) => {
            const s = window.__lab!.store.getState();
            s.setTheme(theme);
            s.setLanguage(lang);
            s.setPresenter(true);
            s.startLesson(id);
            await window.__lab!.idle();
            window.__lab!.store.getState().goToStep(k);
            await window.__lab!.idle();
          },
          { theme, lang, id: lesson.id, k },
        );
        problems.push(...(await overflows(page)).map((f) => `${lesson.id} step ${k + 1}, ${lang}: ${f}`));
      }
    }
    expect(problems).toEqual([]);
  });
}

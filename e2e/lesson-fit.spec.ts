import type { Page } from '@playwright/test';
import { CONSUMER_LESSONS } from '../src/lessons/consumer-lessons';
import { LESSONS } from '../src/lessons/lessons';
import { expect, openLab, test } from './fixtures';

/**
 * Every step of every lesson (the consumer side's included), on a 1280×720 projector in the projector theme, in
 * both languages, in presenter mode and without: the step's text, the Play row and the whole timeline (the consumer
 * and database lanes included) are on the first screen, without scrolling. A long narration must never push the
 * controls the presenter needs below the screen's edge, and a waiting question never shows its answer.
 */
const CONSUMER_SIDE = new Set(CONSUMER_LESSONS.map((l) => l.id));
const SIZE = { width: 1280, height: 720 };

async function bottomOf(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, `${selector} is drawn`).not.toBeNull();
  return box!.y + box!.height;
}

for (const presenter of [true, false])
for (const lang of ['en', 'zh'] as const) {
  test(`every lesson step fits a 1280×720 projector, ${presenter ? 'presenter mode' : 'lesson'}, ${lang}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(SIZE);
    await openLab(page);
    await page.evaluate(async ({ lang, presenter }) => {
      const s = window.__lab!.store.getState();
      s.setTheme('projector');
      s.setLanguage(lang);
      s.setPresenter(presenter);
      await window.__lab!.idle();
    }, { lang, presenter });
    const problems: string[] = [];
    for (const lesson of LESSONS) {
      for (let k = 0; k < lesson.steps.length; k++) {
        await page.evaluate(
          async ({ id, k }) => {
            const s = window.__lab!.store.getState();
            if (s.lessonId !== id) {
              s.startLesson(id);
              await window.__lab!.idle();
            }
            window.__lab!.store.getState().goToStep(k);
            await window.__lab!.idle();
          },
          { id: lesson.id, k },
        );
        const where = `${lesson.id} step ${k + 1}`;
        const play = await bottomOf(page, '.playback .play');
        const narration = await bottomOf(page, '.lesson-body');
        const area = await page.evaluate(() => window.__lab!.zoom.get()!.drawingArea());
        // Play matters when there is something to play (a refused configuration leaves one event).
        const playable = await page.locator('.playback .play').isEnabled();
        if (playable && play > SIZE.height + 0.5) problems.push(`${where}: Play ends at ${Math.round(play)}`);
        if (narration > SIZE.height + 0.5) problems.push(`${where}: the step's text ends at ${Math.round(narration)}`);
        if (!area || area.bottom > SIZE.height + 0.5) problems.push(`${where}: the timeline ends at ${area ? Math.round(area.bottom) : 'nowhere'}`);
        if (CONSUMER_SIDE.has(lesson.id)) {
          const consumer = await page.evaluate(() => window.__lab!.store.getState().trace.scenario.consumer !== undefined);
          if (!consumer) problems.push(`${where}: the run has no consumer`);
        }
        // A question waits: its answer is not on the page before the reveal (no totals, no verdict).
        if (lesson.steps[k]!.question) {
          await expect(page.locator('.lesson-question')).toBeVisible();
          await expect(page.locator('.timeline-stats')).toHaveCount(0);
          await expect(page.locator('.effects-verdict')).toHaveCount(0);
        }
      }
    }
    expect(problems).toEqual([]);
  });
}

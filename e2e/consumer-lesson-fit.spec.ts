import type { Page } from '@playwright/test';
import { CONSUMER_LESSONS } from '../src/lessons/consumer-lessons';
import { expect, openLab, test } from './fixtures';

/**
 * Every step of every consumer-side lesson on a 1280×720 projector in the projector theme, in both languages: the
 * step's text, the Play row and the whole timeline (the consumer and database lanes included) on the first screen.
 */
const SIZE = { width: 1280, height: 720 };

async function bottomOf(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, `${selector} is drawn`).not.toBeNull();
  return box!.y + box!.height;
}

for (const lang of ['en', 'zh'] as const) {
  test(`every consumer lesson step fits a 1280×720 projector, ${lang}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(SIZE);
    await openLab(page);
    await page.evaluate(async (lang) => {
      const s = window.__lab!.store.getState();
      s.setTheme('projector');
      s.setLanguage(lang);
      await window.__lab!.idle();
    }, lang);
    const problems: string[] = [];
    for (const lesson of CONSUMER_LESSONS) {
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
        const lanes = await page.evaluate(() => window.__lab!.store.getState().trace.scenario.consumer !== undefined);
        if (!lanes) problems.push(`${where}: the run has no consumer`);
        const play = await bottomOf(page, '.playback .play');
        const text = await bottomOf(page, '.lesson-body');
        const area = await page.evaluate(() => window.__lab!.zoom.get()!.drawingArea());
        if (play > SIZE.height + 0.5) problems.push(`${where}: Play ends at ${Math.round(play)}`);
        if (text > SIZE.height + 0.5) problems.push(`${where}: the step's text ends at ${Math.round(text)}`);
        if (!area || area.bottom > SIZE.height + 0.5) problems.push(`${where}: the timeline ends at ${area ? Math.round(area.bottom) : 'nowhere'}`);
        // A question waits: its answer is not on the page before the reveal (no verdict, no totals).
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

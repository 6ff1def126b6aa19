import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

/**
 * The presenter's window and the audience window: the audience sees only the stage and never an answer before it
 * is revealed; the two follow each other; a reload keeps each window's role and the lesson's place.
 */

const LESSON = 'lost-ack';

interface Place {
  cursor: number;
  lessonStep: number;
  revealed: boolean;
  chosenAnswer: number | null;
  lessonId: string | null;
  runStatus: string;
}

const place = (page: Page) =>
  page.evaluate((): Place => {
    const s = window.__lab!.store.getState();
    return { cursor: s.cursor, lessonStep: s.lessonStep, revealed: s.revealed, chosenAnswer: s.chosenAnswer, lessonId: s.lessonId, runStatus: s.runStatus.kind };
  });

/** The lesson's first question: its step, prompt, answers, correct answer and explanation (English). */
const firstQuestion = (page: Page) =>
  page.evaluate(async (id) => {
    const s = window.__lab!.store.getState();
    s.startLesson(id);
    await window.__lab!.idle();
    // The lesson's steps, read through the page: the step with the first question.
    for (let k = 0; k < 50; k++) {
      window.__lab!.store.getState().goToStep(k);
      await window.__lab!.idle();
      const q = document.querySelector('.lesson-question');
      if (q) {
        return { step: k, prompt: q.querySelector('legend')!.textContent! };
      }
    }
    throw new Error('no question in the lesson');
  }, LESSON);

/** Fails the test on the audience window's console errors too (the fixture watches the first page only). */
function watchConsole(page: Page, problems: string[]) {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`audience ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`audience pageerror: ${e.message}`));
}

async function openAudience(page: Page, problems: string[]): Promise<Page> {
  const [audience] = await Promise.all([page.context().waitForEvent('page'), page.locator('.audience-button').click()]);
  watchConsole(audience, problems);
  await audience.waitForLoadState();
  await expect(audience.locator('.stage-only')).toBeVisible();
  return audience;
}

/** The two windows agree on the cursor and the lesson's place. */
async function expectInStep(presenter: Page, audience: Page) {
  await expect.poll(async () => {
    const [p, a] = await Promise.all([place(presenter), place(audience)]);
    return a.runStatus === 'idle' && p.runStatus === 'idle' && a.cursor === p.cursor && a.lessonStep === p.lessonStep && a.revealed === p.revealed && a.chosenAnswer === p.chosenAnswer && a.lessonId === p.lessonId;
  }).toBe(true);
}

/** Text that gives the answer away: the speaker notes, and the marks and verdicts shown after a reveal. */
const SPOILERS = ['Speaker notes', 'Say next:', 'Answer:', '✓ Correct answer', 'Not quite.', 'Right. '];

test('the audience window shows only the stage, follows the presenter, and never shows an answer before the reveal', async ({ page, consoleProblems }) => {
  await openLab(page);
  const q = await firstQuestion(page);
  // The presenter's window: its notes hold the answer.
  const audience = await openAudience(page, consoleProblems);
  await expect(page).toHaveURL(/[?&]view=presenter/);
  expect(audience.url()).toMatch(/[?&]view=audience/);
  await expectInStep(page, audience);

  // Only the stage: no header, settings, inspectors, event list, lesson pickers, speaker notes or share menu.
  for (const selector of ['.app-header', '.col-controls', '.col-inspectors', '.event-list', '.lesson-bar', '.speaker-notes', '.share-menu']) {
    await expect(audience.locator(selector), selector).toHaveCount(0);
  }
  await expect(audience.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(audience.locator('.lesson-question legend')).toHaveText(q.prompt);
  expect(await audience.evaluate(() => document.documentElement.dataset.theme)).toBe('projector');

  // The presenter opens the speaker notes: the answer is in the presenter's window only.
  await page.getByRole('button', { name: 'Speaker notes' }).click();
  const explanation = await page.locator('.speaker-notes-pane p').filter({ hasText: 'Answer:' }).textContent();
  expect(explanation).toBeTruthy();
  const answerText = explanation!.replace(/^Answer:\s*/, '');
  const audienceText = async () => audience.evaluate(() => document.body.innerText);
  for (const word of SPOILERS) expect(await audienceText(), word).not.toContain(word);
  // The explanation (everything after the correct answer's own words) is nowhere on the audience's page.
  const explanationTail = answerText.slice(answerText.length - 40);
  expect(await audienceText()).not.toContain(explanationTail);
  // Nothing after the cursor: the audience's cursor is where the presenter's is, short of the answering event.
  expect((await place(audience)).cursor).toBe((await place(page)).cursor);

  // The presenter chooses an answer: the audience sees the choice, still no answer.
  await page.locator('.lesson-question').getByRole('radio').nth(1).check();
  await expectInStep(page, audience);
  await expect(audience.locator('.lesson-question').getByRole('radio').nth(1)).toBeChecked();
  for (const word of SPOILERS) expect(await audienceText(), word).not.toContain(word);

  // The presenter reveals: the audience shows the revealed step.
  await page.locator('.lesson-question').getByRole('button', { name: 'Reveal' }).click();
  await expectInStep(page, audience);
  await expect(audience.locator('.lesson-question .answer-mark').first()).toBeVisible();
  await expect(audience.locator('.lesson-explanation')).toContainText(explanationTail);

  // Stepping from the audience window (a clicker's Page Down) moves the presenter's lesson.
  const before = await place(page);
  await audience.bringToFront();
  await audience.keyboard.press('PageDown');
  await expect.poll(async () => (await place(page)).lessonStep).toBe(before.lessonStep + 1);
  await expectInStep(page, audience);
  // And its Previous button moves it back (a passed step shows revealed).
  await audience.getByRole('button', { name: 'Previous step' }).click();
  await expect.poll(async () => (await place(page)).lessonStep).toBe(before.lessonStep);
  await expectInStep(page, audience);
});

test('answering and revealing from the audience window; reloading either window keeps its role, the place and the chosen answer', async ({ page, consoleProblems }) => {
  await openLab(page);
  const q = await firstQuestion(page);
  const audience = await openAudience(page, consoleProblems);
  await expectInStep(page, audience);

  // The room answers in the audience window: the presenter's window has the same choice.
  await audience.locator('.lesson-question').getByRole('radio').nth(2).check();
  await expect.poll(async () => (await place(page)).chosenAnswer).toBe(2);
  await expectInStep(page, audience);

  // Reload the audience window: still the audience, same step, same choice, nothing revealed.
  await audience.reload();
  await expect(audience.locator('.stage-only')).toBeVisible();
  expect(audience.url()).toMatch(/[?&]view=audience/);
  await expectInStep(page, audience);
  expect(await place(audience)).toMatchObject({ lessonStep: q.step, chosenAnswer: 2, revealed: false });
  await expect(audience.locator('.lesson-question').getByRole('radio').nth(2)).toBeChecked();
  await expect(audience.locator('.app-header')).toHaveCount(0);

  // Reload the presenter's window: still the presenter's (speaker notes there, header and settings too), same place.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await page.evaluate(() => window.__lab!.idle());
  await expect(page).toHaveURL(/[?&]view=presenter/);
  expect(await place(page)).toMatchObject({ lessonId: LESSON, lessonStep: q.step, chosenAnswer: 2, revealed: false });
  await expect(page.getByRole('button', { name: 'Speaker notes' })).toBeVisible();
  await expectInStep(page, audience);

  // After the reload the two still follow each other: the audience reveals, the presenter's window shows it.
  await audience.locator('.lesson-question').getByRole('button', { name: 'Reveal' }).click();
  await expect.poll(async () => (await place(page)).revealed).toBe(true);
  await expectInStep(page, audience);
});

test('free exploration: the presenter steps and plays, the audience window follows; its stepping moves the presenter', async ({ page, consoleProblems }) => {
  await openLab(page);
  const audience = await openAudience(page, consoleProblems);
  await expectInStep(page, audience);
  await page.evaluate(() => window.__lab!.store.getState().jumpToStart());
  await expectInStep(page, audience);
  await page.locator('.playback').getByRole('button', { name: 'Step forward' }).click();
  await page.locator('.playback').getByRole('button', { name: 'Step forward' }).click();
  await expectInStep(page, audience);
  expect((await place(audience)).cursor).toBe(2);

  // A changed scenario is re-run in the audience window (same inputs, same trace).
  await page.locator('#idempotence').click();
  await page.evaluate(() => window.__lab!.idle());
  await expectInStep(page, audience);
  const [pe, ae] = await Promise.all([page, audience].map((p) => p.evaluate(() => window.__lab!.store.getState().trace.events.length)));
  expect(ae).toBe(pe);

  await audience.locator('.playback').getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(async () => (await place(page)).cursor).toBe(3);
  await expectInStep(page, audience);

  // Play in the presenter's window runs to the end; the audience window arrives there too.
  await page.locator('.playback').getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await place(page)).cursor, { timeout: 30_000 }).toBe(pe! - 1);
  await expectInStep(page, audience);
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1280, height: 800 },
]) {
  for (const lang of ['en', 'zh'] as const) {
    test(`the audience window at ${size.width}×${size.height} in ${lang}: the question and every lane on one screen`, async ({ page, consoleProblems }, info) => {
      await page.setViewportSize(size);
      await openLab(page);
      await page.evaluate(async (lang) => {
        window.__lab!.store.getState().setLanguage(lang);
        await window.__lab!.idle();
      }, lang);
      await firstQuestion(page);
      const audience = await openAudience(page, consoleProblems);
      await audience.setViewportSize(size);
      await expectInStep(page, audience);
      await expect(audience.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-Hans' : 'en');
      const question = (await audience.locator('.lesson-question').boundingBox())!;
      expect(question.y + question.height).toBeLessThanOrEqual(size.height);
      const area = (await audience.evaluate(() => window.__lab!.zoom.get()!.drawingArea()))!;
      expect(area.bottom, 'the broker lane is on the screen').toBeLessThanOrEqual(size.height);
      const play = (await audience.locator('.playback .play').boundingBox())!;
      expect(play.y + play.height).toBeLessThanOrEqual(size.height);
      // The stage is the first screen; only the statecharts' bar lies below it.
      const first = (await audience.locator('.first-screen').boundingBox())!;
      expect(first.y + first.height).toBeLessThanOrEqual(size.height + 1);
      expect(await audience.evaluate(() => window.scrollY)).toBe(0);
      await audience.screenshot({ path: info.outputPath(`audience-${size.width}x${size.height}-${lang}.png`) });
      if (process.env.AUDIENCE_SHOTS) await audience.screenshot({ path: `${process.env.AUDIENCE_SHOTS}/audience-${size.width}x${size.height}-${lang}.png` });
    });
  }
}

test('the audience window has no serious accessibility problem, before and after a reveal', async ({ page, consoleProblems }) => {
  await openLab(page);
  await firstQuestion(page);
  const audience = await openAudience(page, consoleProblems);
  await expectInStep(page, audience);
  const check = async () => {
    const results = await new AxeBuilder({ page: audience }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  };
  await check();
  await page.locator('.lesson-question').getByRole('button', { name: 'Reveal' }).click();
  await expectInStep(page, audience);
  await check();
});

test('from the single file (file://), under its Content-Security-Policy, the audience window opens and follows', async ({ page, consoleProblems }) => {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.singlefile.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  const watch = () => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  };
  await page.context().addInitScript(watch);
  await page.goto(pathToFileURL(resolve('dist-single/index.html')).href);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  const [audience] = await Promise.all([page.context().waitForEvent('page'), page.locator('.audience-button').click()]);
  watchConsole(audience, consoleProblems);
  await expect(audience.locator('.stage-only')).toBeVisible();
  expect(audience.url()).toMatch(/^file:.*index\.html\?view=audience$/);
  // No test handle in this build: the audience's slider shows its cursor.
  const audienceSlider = audience.getByRole('slider', { name: 'Time' });
  const presenterSlider = page.getByRole('slider', { name: 'Time' });
  await page.locator('.playback').getByRole('button', { name: 'Step forward' }).click();
  await page.locator('.playback').getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(async () => (await audienceSlider.inputValue()) === (await presenterSlider.inputValue())).toBe(true);
  await audience.locator('.playback').getByRole('button', { name: 'Step back' }).click();
  await expect.poll(async () => (await audienceSlider.inputValue()) === (await presenterSlider.inputValue())).toBe(true);
  for (const p of [page, audience]) expect(await p.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});

test('a step the presenter takes moves in the audience window too (motion), a jump does not', async ({ page, consoleProblems }) => {
  await openLab(page, 'lost-ack');
  const audience = await openAudience(page, consoleProblems);
  await expectInStep(page, audience);
  await audience.evaluate(() => {
    const added: string[] = [];
    (window as unknown as { __added: string[] }).__added = added;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && /\bmotion-(packet|badge)\b/.test(n.className)) added.push(n.className);
    }).observe(document.body, { childList: true, subtree: true });
  });
  const added = () => audience.evaluate(() => (window as unknown as { __added: string[] }).__added.slice());
  // Onto the first request the producer sends: a packet leaves the producer in the audience window.
  const request = await page.evaluate(() => window.__lab!.store.getState().trace.events.findIndex((e) => e.kind === 'request.sent'));
  await page.evaluate((i) => window.__lab!.store.getState().setCursor(i - 1), request);
  await expectInStep(page, audience);
  expect(await added()).toEqual([]);
  await page.locator('.playback').getByRole('button', { name: 'Step forward' }).click();
  await expectInStep(page, audience);
  await expect.poll(added).toContain('motion-packet motion-send motion-request');
});

test('the audience window says whether it follows a presenter window, in words and a symbol', async ({ page, consoleProblems }) => {
  await openLab(page);
  const audience = await openAudience(page, consoleProblems);
  const link = audience.locator('.audience-link');
  await expect(link).toHaveText('⇄ Following the presenter');
  await expect(link).toHaveAttribute('role', 'status');
  // The indicator sits in the playback row, so the stage keeps its height.
  const [row, box] = await Promise.all([audience.locator('.playback').boundingBox(), link.boundingBox()]);
  expect(box!.y).toBeGreaterThanOrEqual(row!.y);
  expect(box!.y + box!.height).toBeLessThanOrEqual(row!.y + row!.height);
  // The presenter's window closes: the audience window says it is on its own.
  await page.close({ runBeforeUnload: true });
  await expect(link).toHaveText('⊘ No presenter window: on its own');
  await audience.close();
});

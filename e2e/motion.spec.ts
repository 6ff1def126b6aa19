import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openLab, slider, test } from './fixtures';

/** Motion: a step forward animates its event in the timeline's overlay, and lights the broker inspector. */

interface Seen {
  cls: string;
  added: number;
  removed: number;
  text?: string;
  /** Where it goes: the x of each keyframe. */
  xs?: number[];
  /** For a dedup slot: which of the five. */
  slot?: number;
  /** How long its animations are set to last, delay included (ms). */
  lasts: number;
}

/** Records every element the motion layer and the broker inspector get, with when it came and went. */
async function watchMotion(page: Page) {
  await page.evaluate(() => {
    const seen: Seen[] = [];
    const lasts = (el: Element) =>
      Math.max(0, ...[el, ...el.children].flatMap((e) => e.getAnimations()).map((a) => {
        const t = a.effect!.getTiming();
        return Number(t.delay ?? 0) + Number(t.duration);
      }));
    (window as unknown as { __motion: Seen[] }).__motion = seen;
    const layer = document.querySelector('.motion-layer')!;
    new MutationObserver((records) => {
      const now = performance.now();
      for (const r of records) {
        for (const n of r.addedNodes) {
          const frames = ((n as Element).getAnimations()[0]?.effect as KeyframeEffect | undefined)?.getKeyframes() ?? [];
          const xs = frames.map((k) => Number(/translate\((-?[\d.]+)px/.exec(String(k.transform))?.[1]));
          seen.push({ cls: (n as Element).className, added: now, removed: -1, xs, text: (n as Element).textContent ?? '', lasts: lasts(n as Element) });
        }
        for (const n of r.removedNodes) {
          const s = seen.find((x) => x.cls === (n as Element).className && x.removed < 0);
          if (s) s.removed = now;
        }
      }
    }).observe(layer, { childList: true });
    const inspector = document.querySelector('section[aria-labelledby="broker-state-title"]')!;
    const lit = new Map<Element, Seen>();
    new MutationObserver((records) => {
      const now = performance.now();
      for (const r of records) {
        const el = r.target as Element;
        const on = el.classList.contains('motion-hit');
        if (on && !lit.has(el)) {
          const s = { cls: `inspector ${el.tagName.toLowerCase()} ${el.className}`, added: now, removed: -1, slot: [...el.parentElement!.children].indexOf(el), lasts: lasts(el) };
          lit.set(el, s);
          seen.push(s);
        } else if (!on && lit.has(el)) {
          lit.get(el)!.removed = now;
          lit.delete(el);
        }
      }
    }).observe(inspector, { attributes: true, attributeFilter: ['class'], subtree: true });
  });
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __motion: Seen[] }).__motion);
const classes = async (page: Page) => (await seen(page)).map((s) => s.cls);

/** Index of the first event of a kind (and verdict) in the run on screen. */
async function eventIndex(page: Page, kind: string, verdict?: string): Promise<number> {
  return page.evaluate(
    ({ kind, verdict }) => {
      const events = window.__lab!.store.getState().trace.events as unknown as { i: number; kind: string; verdict?: string }[];
      return events.find((e) => e.kind === kind && (verdict === undefined || e.verdict === verdict))?.i ?? -1;
    },
    { kind, verdict },
  );
}

/** Puts the cursor just before event `i` (a jump, which does not animate), then clicks Step forward. */
async function stepOnto(page: Page, i: number) {
  expect(i).toBeGreaterThan(0);
  await page.evaluate((c) => window.__lab!.store.getState().setCursor(c), i - 1);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => page.evaluate(() => window.__lab!.store.getState().cursor)).toBe(i);
}

/**
 * Everything that appeared is set to last no more than the step's 300 ms, and has gone again: on time, give or take
 * what a busy machine's late frames add.
 */
async function expectAllGone(page: Page) {
  await expect.poll(async () => (await seen(page)).every((s) => s.removed >= 0), { timeout: 3000 }).toBe(true);
  for (const s of await seen(page)) {
    expect(s.lasts, s.cls).toBeGreaterThan(0);
    expect(s.lasts, s.cls).toBeLessThanOrEqual(300);
    expect(s.removed - s.added, s.cls).toBeLessThanOrEqual(300 + 700);
  }
  await expect(page.locator('.motion-layer > *')).toHaveCount(0);
}

test('a step onto a request: a packet leaves the producer, labelled with its message, and is gone within the step', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await watchMotion(page);
  await stepOnto(page, await eventIndex(page, 'request.sent'));
  await expect.poll(() => classes(page)).toEqual(['motion-packet motion-send motion-request']);
  expect((await seen(page))[0]!.text).toBe('m1 · seq 0');
  await expectAllGone(page);
  // One element for the one animation.
  expect((await seen(page)).map((s) => s.cls)).toEqual(['motion-packet motion-send motion-request']);
});

test('a request reaching the broker travels down and its write grows into the log; the response travels up', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await watchMotion(page);
  await stepOnto(page, await eventIndex(page, 'broker.handled', 'appended'));
  await expect.poll(() => classes(page)).toContain('motion-packet motion-travel-down motion-request');
  await expectAllGone(page);
  const all = await classes(page);
  expect(all).toContain('motion-badge motion-grow');
  expect(all.some((c) => c.startsWith('inspector tr'))).toBe(true);

  await page.evaluate(() => ((window as unknown as { __motion: Seen[] }).__motion.length = 0));
  await stepOnto(page, await eventIndex(page, 'response.received'));
  await expect.poll(() => classes(page)).toContain('motion-packet motion-travel-up motion-response');
  await expectAllGone(page);
});

test('a lost response visibly drops at the network lane', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await watchMotion(page);
  await stepOnto(page, await eventIndex(page, 'response.lost'));
  await expect.poll(() => classes(page)).toEqual(['motion-packet motion-drop motion-response']);
  await expectAllGone(page);
});

test('a retry the broker recognises lights up the dedup cache slot that matched', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.evaluate(async () => {
    window.__lab!.store.getState().setIdempotence(true);
    await window.__lab!.idle();
  });
  await watchMotion(page);
  await stepOnto(page, await eventIndex(page, 'broker.handled', 'duplicate'));
  await expect.poll(() => classes(page)).toContain('motion-badge motion-cache-hit');
  const slot = (await seen(page)).filter((x) => x.cls.startsWith('inspector li'));
  // The batch the retry repeats is the first (and only) one cached for its producer id.
  expect(slot.map((x) => [x.cls, x.slot])).toEqual([['inspector li slot filled motion-hit', 0]]);
  await expectAllGone(page);
  await expect(page.locator('.slot.motion-hit')).toHaveCount(0);
});

test('stepping back and scrubbing with the slider redraw without motion', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await watchMotion(page);
  const i = await eventIndex(page, 'broker.handled', 'appended');
  await page.evaluate((c) => window.__lab!.store.getState().setCursor(c), i + 1);
  await page.getByRole('button', { name: 'Step back' }).click();
  await slider(page).fill(String(i - 1));
  await slider(page).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => window.__lab!.store.getState().cursor)).toBe(i);
  await page.waitForTimeout(500);
  expect(await seen(page)).toEqual([]);
});

test('playing animates the events as they come', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await watchMotion(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await seen(page)).length, { timeout: 10_000 }).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectAllGone(page);
});

test('the system setting for reduced motion turns motion off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openLab(page, 'lost-ack');
  await watchMotion(page);
  await stepOnto(page, await eventIndex(page, 'request.sent'));
  await stepOnto(page, await eventIndex(page, 'broker.handled', 'appended'));
  await page.waitForTimeout(500);
  expect(await seen(page)).toEqual([]);
});

test('the Motion setting turns motion off, and stays off after a reload', async ({ page }) => {
  await openLab(page, 'lost-ack');
  const box = page.getByRole('checkbox', { name: 'Motion' });
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.evaluate(() => window.__lab!.store.flush());
  await page.reload();
  await page.evaluate(() => window.__lab!.idle());
  await expect(page.getByRole('checkbox', { name: 'Motion' })).not.toBeChecked();
  await watchMotion(page);
  await stepOnto(page, await eventIndex(page, 'request.sent'));
  await stepOnto(page, await eventIndex(page, 'response.lost'));
  await page.waitForTimeout(500);
  expect(await seen(page)).toEqual([]);
  // In Chinese it is 动画.
  await page.evaluate(() => window.__lab!.store.getState().setLanguage('zh'));
  await expect(page.getByRole('checkbox', { name: '动画' })).not.toBeChecked();
});

test('while a lesson question waits, a request leaving the producer does not show where or when it arrives', async ({ page }) => {
  await openLab(page);
  await page.evaluate(async () => {
    const s = window.__lab!.store.getState();
    s.startLesson('lost-ack');
    await window.__lab!.idle();
    window.__lab!.store.getState().goToStep(3);
    await window.__lab!.idle();
  });
  await expect(page.locator('.lesson-question')).toBeVisible();
  // The last request sent before the question's limit.
  const sent = await page.evaluate(() => {
    const { trace, cursor } = window.__lab!.store.getState();
    return trace.events.filter((e) => e.kind === 'request.sent' && e.i <= cursor).pop()?.i ?? -1;
  });
  await watchMotion(page);
  await stepOnto(page, sent);
  await expect.poll(async () => (await seen(page)).length).toBe(1);
  const [send] = await seen(page);
  expect(send!.cls).toContain('motion-send');
  // It goes straight down, out of the producer's lane: the slant of its arrow would tell when it arrives.
  const xs = send!.xs!;
  expect(xs.length).toBeGreaterThan(1);
  expect(new Set(xs).size).toBe(1);

  // Revealing plays the answer, the event the question waited for: the retry reaching the broker.
  await page.evaluate(() => window.__lab!.store.getState().setCursor(window.__lab!.store.getState().cursor + 99));
  await page.locator('.lesson-question input[type=radio]').first().check();
  await page.locator('.reveal-button').click();
  await expect.poll(async () => (await seen(page)).map((x) => x.cls)).toContain('motion-packet motion-travel-down motion-request');
});

test('the single-file build animates steps too, from file://', async ({ page }) => {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.singlefile.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  await page.goto(pathToFileURL(resolve('dist-single/index.html')).href);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await page.evaluate(() => {
    const added: string[] = [];
    (window as unknown as { __added: string[] }).__added = added;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && /\bmotion-(packet|badge)\b/.test(n.className)) added.push(n.className);
    }).observe(document.body, { childList: true, subtree: true });
  });
  const step = page.locator('.playback').getByRole('button', { name: 'Step forward' });
  for (let k = 0; k < 12; k++) await step.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __added: string[] }).__added.length)).toBeGreaterThan(0);
});

import { expect, openLab, test } from './fixtures';

/**
 * At 1280×720, in each theme and language, for a producer, a replication, a consumer and a transactional preset with
 * the cursor mid-run: the page never scrolls sideways, and nothing leaves the panel, group or bar it belongs to
 * (content inside its own scrolling or clipping box is that box's business).
 */
const PRESETS = ['lost-ack', 'failover-acks1-loss', 'broker-crash', 'consumer-message-state-machine', 'consumer-dedup-same-transaction', 'txn-hanging-lso'];

for (const theme of ['light', 'projector'] as const) {
  test(`nothing leaves its panel at 1280×720 (${theme}, en and zh)`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
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
        const found = await page.evaluate(() => {
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
            for (const el of box.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) continue;
              const clip = clipper(el);
              if (clip && clip !== box && box.contains(clip)) continue;
              if (r.right > b.right + 1 || r.left < b.left - 1) out.push(`${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 40)}” leaves .${box.classList[0]}`);
            }
          }
          return [...new Set(out)];
        });
        problems.push(...found.map((f) => `${preset}, ${lang}: ${f}`));
      }
    }
    expect(problems).toEqual([]);
  });
}

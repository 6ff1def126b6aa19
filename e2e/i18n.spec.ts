import type { Page } from '@playwright/test';
import { leftoverEnglish } from '../src/i18n/english-check';
import { expect, openLab, outcome, test } from './fixtures';

const LANGUAGE = 'Language / 语言';

/** Everything a reader sees or hears: the page text plus the accessible names and tooltips of visible controls. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.body.innerText];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [aria-valuetext], [placeholder]'))) {
      if (!visible(el)) continue;
      for (const a of ['aria-label', 'title', 'aria-valuetext', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    for (const el of Array.from(document.querySelectorAll('button, input, select, [role="button"], [role="menuitem"], [role="switch"]'))) {
      if (!visible(el)) continue;
      const labels = (el as HTMLInputElement).labels;
      if (labels) for (const l of Array.from(labels)) parts.push(l.textContent ?? '');
    }
    return parts.join('\n');
  });
}

async function expectNoEnglish(page: Page, where: string) {
  const text = await visibleText(page);
  expect(text.length, where).toBeGreaterThan(50);
  expect(leftoverEnglish(text), `${where}: English words left`).toEqual([]);
}

async function toChinese(page: Page) {
  await page.getByLabel(LANGUAGE).selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
}

test('switching to Chinese translates every visible string, and switching back restores English', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await toChinese(page);
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
  await expect(page.getByRole('button', { name: '前进一步' })).toBeVisible();

  // Main view, mid-run.
  const end = await page.evaluate(() => window.__lab!.store.getState().trace.events.length - 1);
  await page.getByRole('slider', { name: '时间' }).fill(String(Math.floor(end / 2)));
  await expect(page.getByRole('region', { name: '结果' })).toContainText('精确一次：');
  await expectNoEnglish(page, 'main view');

  // The shortcuts dialog.
  await page.getByRole('button', { name: /快捷键/ }).click();
  const dialog = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(dialog).toBeVisible();
  await expectNoEnglish(page, 'shortcuts dialog');
  await dialog.getByRole('button', { name: '关闭' }).click();

  // A lesson step with an open question.
  await page.getByLabel('课程', { exact: true }).selectOption('lost-ack');
  await page.getByLabel('跳到步骤').selectOption('2');
  const lesson = page.getByRole('region', { name: '课程导览' });
  await expect(lesson.getByRole('button', { name: '揭晓' })).toBeVisible();
  await expect(lesson).toContainText('确认即将消失');
  await expectNoEnglish(page, 'lesson question');
  await lesson.getByRole('radio').nth(1).check();
  await lesson.getByRole('button', { name: '揭晓' }).click();
  await expect(lesson).toContainText('答对了。');
  await expectNoEnglish(page, 'lesson answer');
  await page.getByLabel('课程', { exact: true }).selectOption('');

  // The side-by-side comparison.
  await page.getByRole('button', { name: '对比关闭与开启' }).click();
  const compare = page.getByRole('region', { name: '并排对比' });
  await expect(compare.getByRole('figure', { name: '幂等关闭' })).toBeVisible();
  await expect(compare).toContainText('多出的记录：消息 1');
  await expectNoEnglish(page, 'compare view');
  await page.getByRole('button', { name: '对比关闭与开启' }).click();

  // The share and export menu.
  await page.getByText('分享与导出').click();
  await expect(page.getByRole('button', { name: '复制分享链接' })).toBeVisible();
  await expectNoEnglish(page, 'share menu');
  expect(await page.locator('#share-link-field').inputValue()).toContain('#v=1&s=');
  await page.getByText('分享与导出').click();

  // Presenter mode with speaker notes.
  await page.getByLabel('课程', { exact: true }).selectOption('lost-ack');
  await page.getByRole('button', { name: '演示模式' }).click();
  await page.getByRole('button', { name: '演讲者备注' }).click();
  await expect(page.getByRole('complementary', { name: '演讲者备注' })).toBeVisible();
  await expectNoEnglish(page, 'presenter mode');
  await page.getByRole('button', { name: '演示模式' }).click();
  await page.getByLabel('课程', { exact: true }).selectOption('');

  // And back to English, everywhere at once.
  await page.getByLabel(LANGUAGE).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeVisible();
  await expect(outcome(page)).toContainText(/Duplicates: \d/);
  await expect(page.getByRole('heading', { name: 'Exactly-Once Lab' })).toBeVisible();
  // Only the bilingual language control itself still shows Chinese.
  const english = (await visibleText(page)).replaceAll('语言', '').replaceAll('简体中文', '');
  expect(english.match(/[\u3400-\u9fff]+/g), 'Chinese left in English mode').toBeNull();
});

test('?lang=zh opens the lab in Chinese', async ({ page }) => {
  await page.goto('/?lang=zh');
  await expect(page.getByRole('region', { name: '时间线' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('heading', { name: '精确一次实验室' })).toBeVisible();
  await expect(page.getByLabel(LANGUAGE)).toHaveValue('zh');
  await expectNoEnglish(page, '?lang=zh');
  await page.goto('/?lang=en');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('the language survives a reload and travels in a share link', async ({ page }) => {
  await openLab(page);
  await toChinese(page);
  await page.getByRole('slider', { name: '时间' }).fill('3');
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByRole('heading', { name: '精确一次实验室' })).toBeVisible();
  await expect(page.getByLabel(LANGUAGE)).toHaveValue('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('slider', { name: '时间' })).toHaveValue('3');

  await page.getByText('分享与导出').click();
  const link = await page.locator('#share-link-field').inputValue();
  await page.getByText('分享与导出').click();
  await page.getByLabel(LANGUAGE).selectOption('en');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: '精确一次实验室' })).toBeVisible();
});

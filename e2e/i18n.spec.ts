import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { hasChinese, leftoverEnglish, withoutFieldPaths } from '../src/i18n/english-check';
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

test('in Chinese, a broken share link and a bad scenario file are explained in Chinese', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await toChinese(page);
  await page.waitForTimeout(400);
  const link = LZString.compressToEncodedURIComponent(
    JSON.stringify({ presetId: 'lost-ack', scenario: { version: 1, name: 'x', producer: { acks: 'two' }, network: { latencyMs: { min: 9, max: 1 } } }, cursor: -3, theme: 'light' }),
  );
  await page.goto('about:blank');
  await page.goto(`/#v=1&s=${link}`);
  const notice = page.getByRole('alert').filter({ hasText: '无法打开此分享链接。' });
  await expect(notice).toContainText('链接中的实验状态无效：cursor：');
  await expect(notice).toContainText('scenario.producer.acks：');
  await expect(notice).toContainText('scenario.network.latencyMs.max：最大值不能小于最小值');
  // Field paths are the link's own names; everything else is Chinese.
  const noticeText = await notice.innerText();
  expect(hasChinese(noticeText)).toBe(true);
  expect(leftoverEnglish(withoutFieldPaths(noticeText)), noticeText).toEqual([]);
  await notice.getByRole('button', { name: '知道了' }).click();

  await page.getByText('分享与导出').click();
  await page.getByLabel('导入场景').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, name: 'Broken', seed: -1, producer: { acks: 'two' }, workload: { messages: 'many' }, faults: { scripted: [{ kind: 'stall', message: 1 }] } })),
  });
  const fileAlert = page.getByRole('alert').filter({ hasText: 'broken.json 未导入' });
  await expect(fileAlert).toContainText('seed：数值过小');
  await expect(fileAlert).toContainText('workload.messages：');
  const fileText = await fileAlert.innerText();
  expect(leftoverEnglish(withoutFieldPaths(fileText)), fileText).toEqual([]);
  await page.getByLabel('导入场景').setInputFiles({ name: 'bad-syntax.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1,') });
  const syntaxAlert = page.getByRole('alert').filter({ hasText: 'bad-syntax.json 未导入' });
  await expect(syntaxAlert).toContainText('（文件）：不是有效的 JSON');
  const alerts = (await page.getByRole('alert').allInnerTexts()).join('\n');
  expect(hasChinese(alerts)).toBe(true);
  expect(leftoverEnglish(withoutFieldPaths(alerts)), alerts).toEqual([]);

  // Switching back to English shows the same problems in the English they always had.
  await page.getByLabel(LANGUAGE).selectOption('en');
  await expect(page.getByRole('alert').filter({ hasText: 'bad-syntax.json was not imported' })).toContainText('(file): not valid JSON:');
});

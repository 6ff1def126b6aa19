import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

type Watched = Window & { cspViolations: string[]; printed: number; injected?: number };

/** Chromium reports a Content-Security-Policy violation as an event on the document, not as a console message. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Watched;
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as Watched).cspViolations);

async function policyOf(page: Page): Promise<Map<string, string[]>> {
  const metas = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(metas).toHaveCount(1);
  const content = (await metas.getAttribute('content')) ?? '';
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

/** What the page must never allow, whichever build it is. */
function expectStrict(policy: Map<string, string[]>) {
  expect(policy.get('default-src')).toEqual(["'none'"]);
  for (const directive of ['script-src', 'style-src']) {
    expect(policy.get(directive)!.length).toBeGreaterThan(0);
    expect(policy.get(directive)).not.toContain("'unsafe-inline'");
    expect(policy.get(directive)).not.toContain("'unsafe-eval'");
    expect(policy.get(directive)).not.toContain('*');
  }
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
}

/** A tour of what loads or draws something: themes, playback, a lesson, the statechart view, compare, exports. */
async function tour(page: Page) {
  await expect(page.locator('.timeline-stats')).toContainText('requests');
  for (const theme of ['dark', 'projector', 'light']) await page.getByLabel('Theme').selectOption(theme);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: /Pause|Play/ }).first().click();
  const guide = page.getByRole('region', { name: 'Lesson guide' });
  await page.getByLabel('Lesson', { exact: true }).selectOption('lost-ack');
  await guide.getByRole('button', { name: 'Next step', exact: true }).click();
  const statecharts = page.getByRole('region', { name: 'Statecharts' });
  await statecharts.getByRole('button', { name: 'Statecharts' }).click();
  await expect(statecharts.locator('svg[data-party="broker"]')).toBeVisible();
  await page.getByRole('button', { name: 'Compare off vs on' }).click();
  await expect(page.getByRole('button', { name: 'Compare off vs on' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Compare off vs on' }).click();
  await page.evaluate(() => {
    const w = window as unknown as Watched;
    w.printed = 0;
    window.print = () => w.printed++;
  });
  await page.getByText('Share & export', { exact: true }).click();
  await page.getByRole('button', { name: 'Print handout' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as Watched).printed)).toBe(1);
  // The handout's timeline pictures are data: images; they must load, not be blocked.
  await page.emulateMedia({ media: 'print' });
  const widths = await page.locator('.print-handout img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
  expect(widths.length).toBeGreaterThan(0);
  expect(Math.min(...widths)).toBeGreaterThan(0);
  await page.emulateMedia({ media: 'screen' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export timeline as PNG' }).click();
  await download;
}

/**
 * The policy is enforced, not just written: a script injected into the page does not run. Chromium logs the refusal
 * as a console error: it is expected here, so it is taken off the list the fixture checks, and only it.
 */
async function expectInjectedScriptBlocked(page: Page, consoleProblems: string[]) {
  expect(consoleProblems).toEqual([]);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = 1;';
    document.head.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as Watched).injected === 1;
  });
  expect(ran).toBe(false);
  expect((await violations(page)).some((v) => v.startsWith('script-src'))).toBe(true);
  expect(consoleProblems).toHaveLength(1);
  expect(consoleProblems[0]).toMatch(/^error: .*inline script .*Content Security Policy/);
  consoleProblems.length = 0;
}

test('the hosted build runs under its Content-Security-Policy with no violation', async ({ page, consoleProblems }) => {
  await watchViolations(page);
  await openLab(page, 'lost-ack');
  const policy = await policyOf(page);
  expectStrict(policy);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  await tour(page);
  expect(await violations(page)).toEqual([]);
  await expectInjectedScriptBlocked(page, consoleProblems);
});

test('the single-file build runs under its Content-Security-Policy with no violation', async ({ page, consoleProblems }) => {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.singlefile.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  await watchViolations(page);
  await page.goto(pathToFileURL(resolve('dist-single/index.html')).href);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  const policy = await policyOf(page);
  expectStrict(policy);
  // Its scripts are inline: each is allowed by its hash alone, and nothing may be loaded from anywhere.
  expect(policy.get('script-src')!.every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s))).toBe(true);
  expect(policy.has('connect-src')).toBe(false);
  await tour(page);
  expect(await violations(page)).toEqual([]);
  await expectInjectedScriptBlocked(page, consoleProblems);
});

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cursor, expect, openLab, test } from './fixtures';

const single = resolve('dist-single/index.html');

test.describe('offline', () => {
  test.beforeAll(() => {
    // The single-file build takes about a second.
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.singlefile.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  });

  test('the single-file build runs from file:// with no network', async ({ page, context }) => {
    expect(existsSync(single)).toBe(true);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) requests.push(r.url());
    });
    await context.setOffline(true);
    await page.goto(pathToFileURL(single).href);
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
    await expect(page.locator('.timeline-stats')).toContainText('requests');
    const drawn = await page.locator('canvas.timeline-canvas').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return colours.size;
    });
    expect(drawn).toBeGreaterThan(4);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => cursor(page)).toBeGreaterThan(2);
    const pause = page.getByRole('button', { name: 'Pause' });
    if ((await pause.count()) > 0) await pause.click();

    // A whole lesson plays from the file too: step to the end, revealing each question on the way.
    const guide = page.getByRole('region', { name: 'Lesson guide' });
    await page.getByLabel('Lesson', { exact: true }).selectOption('lost-ack');
    await expect(guide.getByText(/^Step 1 of \d+$/)).toBeVisible();
    const total = Number(/of (\d+)/.exec((await guide.getByText(/^Step \d+ of \d+$/).textContent()) ?? '')![1]);
    const next = guide.getByRole('button', { name: 'Next step', exact: true });
    let reveals = 0;
    for (let guard = 0; guard < 3 * total && (await next.isEnabled()); guard++) {
      const asking = (await guide.getByRole('button', { name: 'Reveal' }).count()) > 0;
      await next.click();
      if (asking) reveals++;
    }
    await expect(guide.getByText(`Step ${total} of ${total}`)).toBeVisible();
    expect(reveals).toBeGreaterThan(0);
    expect(requests).toEqual([]);
  });

  test('the hosted build works offline after the first visit', async ({ page, context }) => {
    await openLab(page, 'lost-ack');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
    await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('lost-ack');
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect.poll(() => cursor(page)).toBeGreaterThan(0);
    // The web app manifest comes from the cache too.
    const manifest = await page.evaluate(async () => ((await (await fetch('./manifest.webmanifest')).json()) as { name: string }).name);
    expect(manifest).toBe('Exactly-Once Lab');
    await context.setOffline(false);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { cursor, expect, slider, test } from './fixtures';
import { directory, startSite, type Files } from './static-site';

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
});

/** A production build of the lab, as deployed: its directory, the script its page loads, and its version. */
interface Build {
  dir: string;
  entry: string;
  version: string;
}

/** Builds the hosted lab (production mode) into a directory of its own; the id makes each build's scripts differ. */
function buildHosted(id: string, root: string): Build {
  const dir = join(root, id);
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], {
    stdio: 'inherit',
    env: { ...process.env, LAB_BUILD_ID: id },
  });
  const entry = /<script type="module"[^>]* src="\.\/([^"]+)"/.exec(readFileSync(join(dir, 'index.html'), 'utf8'))![1]!;
  const version = /^const PRECACHE = \{"version":"([0-9a-f]+)"/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))![1]!;
  return { dir, entry, version };
}

const cacheName = (b: Build) => `exactly-once-lab-${b.version}`;
const loadedEntry = async (page: Page) => ((await page.locator('script[type="module"][src]').getAttribute('src')) ?? '').replace(/^\.\//, '');

/** Which build the service worker answers with: the page it gives for the lab's address. */
const pageInCharge = (page: Page) =>
  page.evaluate(async () => (navigator.serviceWorker.controller ? await (await fetch('./')).text() : 'no service worker in charge'));

/**
 * Waits for a build to be in charge. The browser looks for a new service worker after a navigation, in its own
 * time; asking it to look now (as it also does periodically) keeps the test from depending on when that is.
 */
async function waitForBuildInCharge(page: Page, build: Build) {
  const lookForUpdate = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update().then(() => undefined, () => undefined));
  const check = async () => {
    await lookForUpdate();
    return pageInCharge(page);
  };
  await expect.poll(check, { timeout: 30_000 }).toContain(build.entry).catch(async (e: unknown) => {
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return JSON.stringify({ installing: reg?.installing?.state, waiting: reg?.waiting?.state, active: reg?.active?.state, caches: await caches.keys() });
    });
    throw new Error(`${String(e)}\n${state}`);
  });
}

/** The lab works: it draws a run from its worker, steps, and loads the statechart view (a chunk of its own). */
async function expectLabWorks(page: Page, build: Build) {
  expect(await loadedEntry(page)).toBe(build.entry);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(page.locator('.timeline-stats')).toContainText('requests');
  // The run is on screen (the time slider spans it) and the saved cursor is back before stepping from it.
  await expect.poll(async () => Number(await slider(page).getAttribute('max'))).toBeGreaterThan(1);
  await slider(page).fill('0');
  await expect.poll(() => cursor(page)).toBe(0);
  const before = await cursor(page);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => cursor(page)).toBe(before + 1);
  const statecharts = page.getByRole('region', { name: 'Statecharts' });
  const toggle = statecharts.getByRole('button', { name: 'Statecharts' });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(statecharts.locator('svg[data-party="broker"]')).toBeVisible();
  // A production build: the test handle is not there.
  expect(await page.evaluate(() => 'window.__lab' in window || window.__lab !== undefined)).toBe(false);
}

/** Every cached script and style is one (never an HTML page), and every cache is a build's or the worker's notes. */
async function cachedEntries(page: Page) {
  return page.evaluate(async () => {
    const out: { cache: string; url: string; type: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) out.push({ cache: name, url: req.url, type: (await cache.match(req))!.headers.get('content-type') ?? '' });
    }
    return out;
  });
}

function expectNoHtmlForCode(entries: { url: string; type: string }[]) {
  const code = entries.filter((e) => /\.(js|css)$/.test(e.url));
  expect(code.length).toBeGreaterThan(0);
  for (const e of code) expect(e.type, e.url).toMatch(e.url.endsWith('.css') ? /^text\/css/ : /javascript/);
}

async function goOffline(page: Page, site: Awaited<ReturnType<typeof startSite>>, offline: boolean) {
  site.setDown(offline);
  await page.context().setOffline(offline);
}

test.describe('offline across deploys', () => {
  let root = '';
  let a: Build;
  let b: Build;
  let site: Awaited<ReturnType<typeof startSite>>;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    root = mkdtempSync(join(tmpdir(), 'lab-deploys-'));
    a = buildHosted('a', root);
    b = buildHosted('b', root);
    site = await startSite();
  });
  test.afterAll(async () => {
    await site?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('two builds differ in every script, and neither has the test handle', () => {
    expect(a.entry).not.toBe(b.entry);
    expect(a.version).not.toBe(b.version);
    for (const build of [a, b]) {
      const scripts = readdirSync(join(build.dir, 'assets')).filter((f) => f.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(2);
      for (const f of scripts) expect(readFileSync(join(build.dir, 'assets', f), 'utf8'), f).not.toContain('__lab');
    }
  });

  test('deploy, deploy again, roll back: offline the lab always works, as the newest complete build', async ({ page }) => {
    test.setTimeout(150_000);
    site.deploy(directory(a.dir));
    await page.goto(site.url);
    await waitForBuildInCharge(page, a);
    await expectLabWorks(page, a);
    // A cache left by an older service worker of the lab.
    await page.evaluate(async () => (await caches.open('exactly-once-lab-v3')).put('./old', new Response('old')));

    // Build B is deployed: the next visit finds it, caches it whole and hands over to it.
    site.deploy(directory(b.dir));
    await page.reload();
    await waitForBuildInCharge(page, b);
    await goOffline(page, site, true);
    await page.reload();
    await expectLabWorks(page, b);
    let entries = await cachedEntries(page);
    const names = new Set(entries.map((e) => e.cache));
    // The older worker's cache is gone; the build before keeps its cache for pages still running it.
    expect([...names].filter((n) => n !== 'exactly-once-lab:state').sort()).toEqual([cacheName(a), cacheName(b)].sort());
    expectNoHtmlForCode(entries);
    // The web app manifest comes from the cache too.
    const manifest = await page.evaluate(async () => ((await (await fetch('./manifest.webmanifest')).json()) as { name: string }).name);
    expect(manifest).toBe('Exactly-Once Lab');

    // Rolled back to A.
    await goOffline(page, site, false);
    site.deploy(directory(a.dir));
    await page.reload();
    await waitForBuildInCharge(page, a);
    await goOffline(page, site, true);
    await page.reload();
    await expectLabWorks(page, a);

    // And B again: A was in charge, B's cache is kept as the build before, and B takes over once more.
    await goOffline(page, site, false);
    site.deploy(directory(b.dir));
    await page.reload();
    await waitForBuildInCharge(page, b);
    await goOffline(page, site, true);
    await page.reload();
    await expectLabWorks(page, b);
    entries = await cachedEntries(page);
    expectNoHtmlForCode(entries);
    await goOffline(page, site, false);
  });

  test('a half-finished deploy is never cached: the complete build stays in charge until the new one is whole', async ({ page }) => {
    test.setTimeout(120_000);
    site.deploy(directory(a.dir));
    await page.goto(site.url);
    await waitForBuildInCharge(page, a);

    // B's page and service worker are up, its scripts not yet: the host answers them with the page (HTML).
    const pageOfB = directory(b.dir);
    const filesOfA = directory(a.dir);
    const half: Files = (path) => (path === '/' || path === '/index.html' || path === '/sw.js' ? pageOfB(path) : filesOfA(path));
    site.deploy(half);
    const update = () =>
      page.evaluate(async () => {
        const reg = (await navigator.serviceWorker.getRegistration())!;
        await reg.update();
        const w = reg.installing ?? reg.waiting;
        if (!w) return 'no new service worker';
        if (w.state === 'redundant' || w.state === 'activated') return w.state;
        return new Promise<string>((done) => {
          w.addEventListener('statechange', () => {
            if (w.state === 'redundant' || w.state === 'activated') done(w.state);
          });
        });
      });
    expect(await update()).toBe('redundant');
    expect(await pageInCharge(page)).toContain(a.entry);
    const entries = await cachedEntries(page);
    expect(entries.some((e) => e.cache === cacheName(b))).toBe(false);
    expectNoHtmlForCode(entries);
    await goOffline(page, site, true);
    await page.reload();
    await expectLabWorks(page, a);

    // The deploy completes: B takes over.
    await goOffline(page, site, false);
    site.deploy(directory(b.dir));
    expect(await update()).toBe('activated');
    await waitForBuildInCharge(page, b);
    await goOffline(page, site, true);
    await page.reload();
    await expectLabWorks(page, b);
    await goOffline(page, site, false);
  });
});

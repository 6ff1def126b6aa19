import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { scriptSizes } from '../bench/browser-bench';

/** The first page's scripts stay within budget: what the first screen does not need is loaded when it is first used. */
test('the production build loads at most 200 KB of gzipped script on the first page', () => {
  test.setTimeout(180_000);
  const out = resolve('test-results/dist-size');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
  const sizes = scriptSizes(out);
  console.log(`first page ${sizes.bundleGzipKB} KB gzip (${sizes.firstPage.join(', ')}), worker ${sizes.workerGzipKB} KB, lazy chunks ${sizes.lazyChunksGzipKB} KB`);
  expect(sizes.bundleGzipKB).toBeGreaterThan(50); // the measurement found the scripts
  expect(sizes.bundleGzipKB).toBeLessThanOrEqual(200);
  // The simulation runs in the worker: none of it is on the first page.
  expect(sizes.firstPage.some((f) => /worker/.test(f))).toBe(false);
});

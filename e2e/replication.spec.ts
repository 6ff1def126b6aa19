import type { Page } from '@playwright/test';
import { expect, openLab, test } from './fixtures';

/** The timeline's lanes (the canvas says how many it draws) and the lanes its events are on. */
async function lanes(page: Page) {
  const drawn = Number(await page.locator('.timeline-canvas-wrap').getAttribute('data-lanes'));
  const used = await page.evaluate(() => [...new Set(window.__lab!.store.getState().trace.events.map((e) => e.lane))].sort());
  return { drawn, used };
}

test('a failover preset has a lane per broker, and the old lost-ack preset has none beyond its three', async ({ page }) => {
  await openLab(page, 'failover-retry-recognised');
  const failover = await lanes(page);
  expect(failover.drawn).toBe(4);
  expect(failover.used).toEqual(expect.arrayContaining(['broker', 'broker-2', 'producer']));
  // The broker inspector shows who leads, the ISR and every replica's log end.
  await page.getByRole('button', { name: 'Jump to end' }).click();
  const replicas = page.getByTestId('replicas');
  await expect(replicas).toContainText('Leader: broker 2 (leader epoch 1)');
  await expect(replicas.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'Outcome' })).toContainText('Duplicates: 0');

  await page.getByLabel('Scenario').selectOption('lost-ack');
  await page.evaluate(() => window.__lab!.idle());
  const single = await lanes(page);
  expect(single.drawn).toBe(3);
  expect(single.used.every((l) => ['producer', 'network', 'broker'].includes(l))).toBe(true);
  await expect(page.getByTestId('replicas')).toHaveCount(0);
});

import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { batchMachine } from '../src/sim/machines/batch.machine';
import { brokerMachine } from '../src/sim/machines/broker.machine';
import { connectionMachine } from '../src/sim/machines/connection.machine';
import { networkMachine } from '../src/sim/machines/network.machine';
import { producerIdMachine } from '../src/sim/machines/producer-id.machine';
import { producerMachine } from '../src/sim/machines/producer.machine';
import { cursor, expect, openLab, slider, test } from './fixtures';

/** Every state node id of a machine, read from its definition (independently of the view's own extraction). */
function stateIds(machine: AnyStateMachine): string[] {
  const walk = (node: AnyStateNode): string[] => Object.values(node.states).flatMap((c) => [c.id, ...walk(c as AnyStateNode)]);
  return walk(machine.root).sort();
}

const eventIndex = (page: Page, kind: string) => page.evaluate((kind) => window.__lab!.store.getState().trace.events.findIndex((e) => e.kind === kind), kind);
const region = (page: Page) => page.getByRole('region', { name: 'Statecharts' });
const state = (page: Page, id: string) => region(page).locator(`[data-state-id="${id}"]`);

async function openView(page: Page) {
  await region(page).getByRole('button', { name: 'Statecharts' }).click();
  await expect(region(page).locator('svg[data-party="broker"]')).toBeVisible();
}

test('the statecharts show exactly the machines’ states, loaded only when opened', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await openLab(page, 'broker-restart');
  expect(scripts.some((u) => u.includes('statecharts-view'))).toBe(false);
  // Closed, it is one line under the playback controls: the timeline and playback stay on the first screen.
  await expect(region(page).getByRole('button', { name: 'Statecharts' })).toHaveAttribute('aria-expanded', 'false');
  await openView(page);
  expect(scripts.some((u) => u.includes('statecharts-view'))).toBe(true);
  for (const [party, machine] of [
    ['producer', producerMachine],
    ['network', networkMachine],
    ['connection', connectionMachine],
    ['broker', brokerMachine],
  ] as const) {
    const drawn = await region(page).locator(`svg[data-party="${party}"] [data-state-id]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-state-id')!));
    expect(drawn.sort(), party).toEqual(stateIds(machine));
  }
  // The trace records every party's state: at the first step the producer has just started.
  await expect(state(page, 'producer.running.idempotence.uninitialized')).toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'producer.running.connection.disconnected')).toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'broker.up')).toHaveAttribute('aria-current', 'true');
  await expect(region(page).getByText(/does not record the parties’ states/)).toHaveCount(0);
  // The open view is remembered.
  await page.reload();
  await expect(region(page).locator('svg[data-party="broker"]')).toBeVisible();
});

test('the highlight follows the cursor, and clicking a state moves the cursor', async ({ page }) => {
  await openLab(page, 'broker-crash');
  await openView(page);
  const crashed = await eventIndex(page, 'broker.crashed');
  const restarted = await eventIndex(page, 'broker.restarted');
  expect(crashed).toBeGreaterThan(0);
  expect(restarted).toBeGreaterThan(crashed);

  await slider(page).fill(String(crashed - 1));
  await expect(state(page, 'broker.up')).toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'broker.down')).not.toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'producer.running')).toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'network.reachable')).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(state(page, 'broker.down')).toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'broker.down.afterCrash')).toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'broker.down.afterCleanShutdown')).not.toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'broker.up')).not.toHaveAttribute('aria-current', 'true');
  await expect(region(page).locator('polyline.sc-taken')).toHaveAttribute('data-transition', 'broker.up:broker.crash:0');
  await expect(region(page).locator('.sc-label.sc-taken')).toContainText('broker.crash');
  await expect(region(page).getByText('broker: down')).toBeVisible();
  await expect(region(page).getByText(/Transition at this step: broker up → down\.afterCrash on broker\.crash/)).toBeVisible();

  // At the restart the broker passes through recovering (loading its snapshot, replaying the log) and is up again.
  await slider(page).fill(String(restarted));
  await expect(state(page, 'broker.up')).toHaveAttribute('aria-current', 'true');
  await expect(region(page).locator('polyline.sc-taken')).toHaveAttribute('data-transition', 'broker.down.afterCrash:broker.restart:0');

  // Clicking a state jumps to the next step where the party enters it; Enter does the same.
  await page.getByRole('button', { name: 'Jump to start' }).click();
  // broker.down is drawn around its two substates, which take the clicks: reach it by keyboard.
  await state(page, 'broker.down').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => cursor(page)).toBe(crashed);
  await expect(region(page).getByRole('status')).toHaveText(`Step ${crashed + 1}: the broker enters down.`);
  await state(page, 'broker.up').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => cursor(page)).toBe(restarted);
  await state(page, 'broker.down.afterCrash').click();
  await expect.poll(() => cursor(page)).toBe(restarted);
  await expect(region(page).getByRole('status')).toHaveText('There is no later step where the broker enters down.afterCrash.');

  const results = await new AxeBuilder({ page }).include('.statecharts').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
});

test('each batch and each producer id has its own statechart, following the step', async ({ page }) => {
  await openLab(page, 'lost-ack');
  await page.getByRole('switch', { name: 'Idempotence' }).check();
  await page.evaluate(() => window.__lab!.idle());
  await openView(page);
  for (const [party, machine] of [
    ['batch', batchMachine],
    ['producerId', producerIdMachine],
  ] as const) {
    const drawn = await region(page).locator(`svg[data-party="${party}"] [data-state-id]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-state-id')!));
    expect(drawn.sort(), party).toEqual(stateIds(machine));
  }
  const retry = await eventIndex(page, 'retry.scheduled');
  const acked = await eventIndex(page, 'delivery.ack');
  expect(retry).toBeGreaterThan(0);
  // The retry: batch 1 leaves inFlight for backingOff, and the chart marks that transition.
  await slider(page).fill(String(retry));
  const batch = region(page).locator('figure[data-lifecycle="batch"]');
  await expect(batch.locator('figcaption')).toContainText('batch 1');
  await expect(state(page, 'batch.backingOff')).toHaveAttribute('aria-current', 'true');
  await expect(state(page, 'batch.inFlight')).not.toHaveAttribute('aria-current', 'true');
  await expect(batch.locator('polyline.sc-taken')).toHaveAttribute('data-transition', 'batch.inFlight:batch.retry:0');
  // The broker knows producer id 1000 from its first append.
  await expect(region(page).locator('figure[data-lifecycle="producerId"] figcaption')).toContainText('producer id 1000');
  await expect(state(page, 'producerId.known')).toHaveAttribute('aria-current', 'true');
  // Clicking a batch state jumps to the step where this batch enters it.
  await state(page, 'batch.acknowledged').click();
  await expect.poll(() => cursor(page)).toBe(acked);
  await expect(state(page, 'batch.acknowledged')).toHaveAttribute('aria-current', 'true');
  await expect(region(page).getByRole('status')).toHaveText(`Step ${acked + 1}: the batch 1 enters acknowledged.`);
});

test('on the projector at 1280×720 a wide chart scrolls sideways to keep its active state in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, 'lost-ack');
  await page.getByLabel('Theme').selectOption('projector');
  await openView(page);
  const retry = await eventIndex(page, 'retry.scheduled');
  await slider(page).fill(String(retry));
  const active = state(page, 'batch.backingOff');
  await expect(active).toHaveAttribute('aria-current', 'true');
  const box = region(page).locator('figure[data-lifecycle="batch"] .statechart-scroll');
  await expect
    .poll(async () => {
      const [b, a] = await Promise.all([box.boundingBox(), active.boundingBox()]);
      return !!b && !!a && a.x >= b.x && a.x + a.width <= b.x + b.width;
    })
    .toBe(true);
});

test('a waiting lesson question is not skipped past', async ({ page }) => {
  await openLab(page);
  await page.getByLabel('Lesson', { exact: true }).selectOption('broker-restart');
  const guide = page.getByRole('region', { name: 'Lesson guide' });
  await guide.getByRole('button', { name: 'Next step', exact: true }).click();
  await expect(guide.getByRole('button', { name: 'Reveal' })).toBeVisible();
  await openView(page);
  const restarted = await eventIndex(page, 'broker.restarted');
  const before = await cursor(page);
  expect(before).toBeLessThan(restarted);
  await state(page, 'broker.up').click();
  await expect(region(page).getByRole('status')).toHaveText('The lesson question comes first: answer it, then try again.');
  expect(await cursor(page)).toBeLessThan(restarted);
  await expect(guide.getByRole('button', { name: 'Reveal' })).toBeVisible();
});

for (const theme of ['light', 'dark', 'projector'] as const) {
  test(`no serious accessibility violations in the open view (${theme}, Chinese)`, async ({ page }) => {
    await page.goto('/?lang=zh');
    await page.getByLabel('主题').selectOption(theme);
    await page.getByRole('button', { name: '状态图' }).click();
    await expect(page.locator('svg[data-party="producer"]')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  });
}

test('offline: the view opens from the single-file build and, after one visit, from the hosted build', async ({ page, context }) => {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.singlefile.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url());
  });
  await context.setOffline(true);
  await page.goto(pathToFileURL(resolve('dist-single/index.html')).href);
  await openView(page);
  expect(requests).toEqual([]);
  await context.setOffline(false);

  // The hosted build: the first visit never opens the view, yet its chunk is cached for offline use.
  await openLab(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await openView(page);
  await context.setOffline(false);
});

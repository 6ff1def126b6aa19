import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { leftoverEnglish } from '../src/i18n/english-check';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { txnCoordinatorMachine } from '../src/sim/txn/txn-coordinator.machine';
import { expect, openLab, outcome, test } from './fixtures';

/** Every state node id of a machine, read from its definition (independently of the view's own extraction). */
function stateIds(machine: AnyStateMachine): string[] {
  const walk = (node: AnyStateNode): string[] => Object.values(node.states).flatMap((c) => [c.id, ...walk(c as AnyStateNode)]);
  return walk(machine.root).sort();
}

/** Texts of the timeline's labels and badges, as drawn. */
const labels = (page: Page) => page.evaluate(() => window.__lab!.zoom.get()!.labelBoxes().map((b) => b.text));

/** The timeline's lanes and drawing area are on a 1280×720 screen without scrolling. */
async function expectLanesOnScreen(page: Page, lanes: number) {
  await expect(page.locator('.timeline-canvas-wrap')).toHaveAttribute('data-lanes', String(lanes));
  const area = await page.evaluate(() => window.__lab!.zoom.get()!.drawingArea());
  expect(area!.top).toBeGreaterThanOrEqual(0);
  expect(area!.bottom).toBeLessThanOrEqual(720);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

test('a transactional preset draws its own lanes, steps to its end and gives the transactions verdict, in English and Chinese', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, 'txn-zombie-fencing');
  await page.getByLabel('Theme').selectOption('projector');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  // The producer's own switches are not there; a note says why.
  await expect(timeline.getByRole('switch', { name: /Idempotence/ })).toHaveCount(0);
  await expect(timeline).toContainText('Transactional run');
  // Application, coordinator, input & offsets, output-0, output-1, reader 1, reader 2.
  await expectLanesOnScreen(page, 7);

  // Step to the end with the keyboard, as an instructor would.
  await page.getByRole('button', { name: 'Reset' }).focus();
  await page.keyboard.press('End');
  const last = await page.evaluate(() => window.__lab!.store.getState().trace.events.length - 1);
  await expect.poll(() => page.evaluate(() => window.__lab!.store.getState().cursor)).toBe(last);
  await page.evaluate(() => window.__lab!.zoom.get()!.fit());
  const drawn = await labels(page);
  expect(drawn.some((t) => /^⊘ (ABORT )?@\d/.test(t)), drawn.join(' | ')).toBe(true);
  expect(drawn.some((t) => /^◆ (COMMIT )?@\d/.test(t)), drawn.join(' | ')).toBe(true);
  expect(drawn.some((t) => /^InitPid/.test(t)), drawn.join(' | ')).toBe(true);
  expect(drawn).toContain('fenced');
  await expectLanesOnScreen(page, 7);

  // The verdict, what each reader returned, and the partitions and coordinator at the cursor.
  const out = outcome(page);
  await expect(out).toContainText('Exactly-once across the loop: yes');
  await expect(out).toContainText('Transactions: 2 committed, 1 aborted.');
  await expect(out).toContainText('reader-1 (read_committed)');
  await expect(out).toContainText('reader-2 (read_uncommitted)');
  const partitions = page.getByRole('region', { name: 'Partitions and coordinator' });
  await expect(partitions).toContainText('CompleteCommit');
  await expect(partitions).toContainText('ABORT marker');
  await expect(partitions).toContainText('⊘ aborted');
  await expect(page.getByRole('region', { name: 'Producer state' })).toHaveCount(0);
  await expect(page.getByText('The transactions settings are shown read-only.')).toBeVisible();

  // The partitions fold onto one lane, and back, from the keyboard.
  const fold = timeline.getByRole('button', { name: 'Partitions' });
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await fold.focus();
  await page.keyboard.press('Enter');
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expectLanesOnScreen(page, 5);
  await page.evaluate(() => window.__lab!.zoom.get()!.fit());
  expect((await labels(page)).some((t) => /^⊘ (ABORT )?@\d/.test(t))).toBe(true);
  await page.keyboard.press('Enter');
  await expectLanesOnScreen(page, 7);

  // The same in Chinese.
  await page.getByLabel('Language / 语言').selectOption('zh');
  await page.evaluate(() => window.__lab!.idle());
  await expect(page.getByRole('region', { name: '结果' })).toContainText('整个循环的精确一次：是');
  await expect(page.getByRole('region', { name: '分区与协调器' })).toContainText('已中止');
  await page.evaluate(() => window.__lab!.zoom.get()!.fit());
  expect(await labels(page)).toContain('被隔离');
  await expectLanesOnScreen(page, 7);
  // Everything on the page is Chinese but Kafka's own names (the timeline's words are checked above): settings and
  // faults as the scenario file spells them are code, and the transactional id is the scenario's own name.
  const text = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const code of Array.from(body.querySelectorAll('code'))) code.remove();
    document.body.append(body);
    body.style.position = 'absolute';
    const words = body.innerText.replaceAll('lab-app', '');
    body.remove();
    return words;
  });
  expect(leftoverEnglish(text)).toEqual([]);
});

test('the statecharts follow the zombie and its replacement apart, and show the coordinator fencing through PrepareEpochFence (Chinese, projector)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, 'txn-zombie-fencing');
  await page.getByLabel('Theme').selectOption('projector');
  await page.getByLabel('Language / 语言').selectOption('zh');
  await page.evaluate(() => window.__lab!.idle());
  const view = page.getByRole('region', { name: '状态图' });
  await view.getByRole('button', { name: '状态图' }).click();
  const chart = (party: string) => view.locator(`svg[data-party="${party}"]`);
  const state = (party: string, id: string) => chart(party).locator(`[data-state-id="${id}"]`);
  await expect(chart('txn-replacement')).toBeVisible();
  // The coordinator's chart is Kafka's TransactionState graph: exactly its states, and only the moves Kafka allows.
  const drawn = await chart('txn-coordinator').locator('[data-state-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state-id')!));
  expect(drawn.sort()).toEqual(stateIds(txnCoordinatorMachine));
  await expect(chart('txn-coordinator').locator('polyline[data-transition^="txn-coordinator.txn.PrepareCommit:to.PrepareAbort"]')).toHaveCount(0);

  // The replacement's InitProducerId fences the open transaction: the coordinator passes through PrepareEpochFence.
  const fence = await page.evaluate(() => window.__lab!.store.getState().trace.events.findIndex((e) => e.kind === 'txn.state' && e.to === 'PrepareEpochFence'));
  expect(fence).toBeGreaterThan(0);
  await page.getByRole('slider', { name: '时间' }).fill(String(fence));
  await expect(state('txn-coordinator', 'txn-coordinator.txn.PrepareEpochFence')).toHaveAttribute('aria-current', 'true');
  await expect(chart('txn-coordinator').locator('polyline.sc-taken')).toHaveAttribute('data-transition', /^txn-coordinator\.txn\.Ongoing:to\.PrepareEpochFence:/);
  await expect(state('txn-producer', 'txn-producer.app.paused')).toHaveAttribute('aria-current', 'true');
  await expect(state('txn-replacement', 'txn-producer.manager.INITIALIZING')).toHaveAttribute('aria-current', 'true');
  await page.getByRole('button', { name: '前进一步' }).click();
  await expect(state('txn-coordinator', 'txn-coordinator.txn.PrepareAbort')).toHaveAttribute('aria-current', 'true');
  await expect(chart('txn-coordinator').locator('polyline.sc-taken')).toHaveAttribute('data-transition', /^txn-coordinator\.txn\.PrepareEpochFence:to\.PrepareAbort:/);

  // At the end the zombie, woken, has been fenced in its own chart, while the replacement is READY.
  await page.evaluate(() => window.__lab!.store.getState().jumpToEnd());
  await expect(state('txn-producer', 'txn-producer.manager.FATAL_ERROR')).toHaveAttribute('aria-current', 'true');
  await expect(state('txn-replacement', 'txn-producer.manager.READY')).toHaveAttribute('aria-current', 'true');
  await expect(view.locator('li[data-party="txn-replacement"]')).toContainText('manager: READY');
  await expect(view.locator('li[data-party="txn-producer"]')).toContainText('manager: FATAL_ERROR');
  await expect(view.getByText('替代实例的生产者').first()).toBeVisible();

  const results = await new AxeBuilder({ page }).include('.statecharts').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
});

test('a late write that leaks: the verdict says exactly-once did not hold, and read_committed is held at the LSO', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, 'txn-hanging-lso');
  await page.getByLabel('Theme').selectOption('projector');
  await page.getByLabel('Language / 语言').selectOption('zh');
  await page.evaluate(() => window.__lab!.idle());
  await expectLanesOnScreen(page, 7);
  await page.evaluate(() => window.__lab!.store.getState().jumpToEnd());
  await expect(page.getByRole('region', { name: '结果' })).toContainText('整个循环的精确一次：否');
  // A reader held at the LSO while the stray transaction is open.
  const held = await page.evaluate(() => window.__lab!.store.getState().trace.events.find((e) => e.kind === 'reader.fetched' && e.records.length === 0 && e.next < e.hw)?.i ?? -1);
  expect(held).toBeGreaterThan(0);
  await page.evaluate((i) => window.__lab!.store.getState().setCursor(i), held);
  await page.evaluate(() => window.__lab!.zoom.get()!.fit());
  const drawn = await labels(page);
  expect(drawn.some((t) => /停在 LSO \d|LSO \d/.test(t)), drawn.join(' | ')).toBe(true);
});

test('a transactional run has no serious or critical accessibility violations (projector)', async ({ page }) => {
  await openLab(page, 'txn-abort-read-committed');
  await page.getByLabel('Theme').selectOption('projector');
  await page.evaluate(() => window.__lab!.store.getState().jumpToEnd());
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
});

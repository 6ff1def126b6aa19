import { describe, expect, it } from 'vitest';
import { noticeText } from '../i18n/notices';
import type { SimClient } from '../worker/sim-client';
import { createLabStore } from './create-lab-store';
import { mainThreadClient } from './main-thread-client';

describe('a scenario over the work budget', () => {
  it('is refused before running: the run on screen, its settings and the cursor stay, and a notice says why', () => {
    const store = createLabStore(null);
    store.getState().setFaultRate('loseRequest', 0.9);
    store.getState().setCursor(3);
    const before = store.getState();
    store.getState().setMessages(200000);
    const after = store.getState();
    expect(after.scenario).toBe(before.scenario);
    expect(after.trace).toBe(before.trace);
    expect(after.cursor).toBe(3);
    expect(after.runStatus).toEqual({ kind: 'idle' });
    expect(after.notices).toEqual([{ kind: 'budget-refused', refusal: expect.objectContaining({ driver: 'fault-rates', limit: 2_000_000 }) }]);
    expect(noticeText(after.notices, 'en')).toMatch(/^This scenario is too big to simulate: .* Lower the fault rates .* The previous run and its settings are kept\.$/);
    expect(noticeText(after.notices, 'zh')).toMatch(/^此场景太大，无法模拟.*请降低故障率.*之前的运行及其设置保持不变。$/);
  });

  it('never reaches the simulation, and a second refusal does not pile up notices', () => {
    let runs = 0;
    const counting: SimClient = { run: (s) => (runs++, mainThreadClient.run(s)), cancel() {} };
    const store = createLabStore(null, { sim: counting });
    expect(runs).toBe(1);
    const huge = { ...store.getState().scenario, workload: { ...store.getState().scenario.workload, messages: 200000 }, faults: { ...store.getState().scenario.faults, rates: { ...store.getState().scenario.faults.rates, loseResponse: 0.95 } } };
    store.getState().loadScenario(huge);
    store.getState().loadScenario(huge);
    expect(runs).toBe(1);
    expect(store.getState().notices).toHaveLength(1);
    store.getState().setMessages(5);
    expect(runs).toBe(2);
  });
});

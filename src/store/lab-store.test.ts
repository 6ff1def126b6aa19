import { describe, expect, it } from 'vitest';
import { getPreset } from '../scenarios/presets';
import { createLabStore } from './create-lab-store';
import { STORAGE_KEY } from './persistence';
import { MemoryStorage } from '../testing/memory-storage';
import { heldSaveText, noticeText } from '../i18n/notices';
import { configProblemText } from '../i18n/facts';

describe('lab store', () => {
  it('starts on the default preset with a simulated trace and the cursor at 0', () => {
    const s = createLabStore().getState();
    expect(s.presetId).toBe('lost-ack');
    expect(s.scenario).toEqual(getPreset('lost-ack')!.scenario);
    expect(s.trace.scenario.id).toBe('lost-ack');
    expect(s.cursor).toBe(0);
    expect(s.notices).toEqual([]);
  });

  it('keeps the cursor index when a re-run still has it, and clamps it when the run gets shorter', () => {
    const store = createLabStore();
    const n = store.getState().trace.events.length;
    expect(n).toBeGreaterThan(5);
    store.getState().setCursor(4);
    store.getState().setIdempotence(false);
    expect(store.getState().scenario.producer['enable.idempotence']).toBe(false);
    expect(store.getState().cursor).toBe(4);
    store.getState().jumpToEnd();
    expect(store.getState().cursor).toBe(store.getState().trace.events.length - 1);
    store.getState().setMessages(0);
    const shorter = store.getState().trace.events.length;
    expect(shorter).toBeLessThan(n);
    expect(store.getState().cursor).toBe(Math.max(0, shorter - 1));
  });

  it('clamps cursor moves to the trace', () => {
    const store = createLabStore();
    const last = store.getState().trace.events.length - 1;
    store.getState().setCursor(10_000);
    expect(store.getState().cursor).toBe(last);
    store.getState().setCursor(-3);
    expect(store.getState().cursor).toBe(0);
    store.getState().stepBack();
    expect(store.getState().cursor).toBe(0);
  });

  it('moves the cursor over the existing trace without re-simulating', () => {
    const store = createLabStore();
    const trace = store.getState().trace;
    store.getState().jumpToEnd();
    store.getState().stepBack();
    store.getState().stepBack();
    store.getState().jumpToStart();
    store.getState().stepForward();
    expect(store.getState().trace).toBe(trace);
    expect(store.getState().cursor).toBe(1);
  });

  it('forks the run: a fault is added to the scenario, the run is recomputed and the cursor stays', () => {
    const store = createLabStore();
    store.getState().setCursor(6);
    const before = store.getState().trace;
    store.getState().openFork({ event: 6, part: 'request', x: 0, y: 0 });
    store.getState().addFault({ kind: 'lose-response', message: 2, attempt: 1 });
    const s = store.getState();
    expect(s.scenario.faults.scripted).toContainEqual({ kind: 'lose-response', message: 2, attempt: 1, instance: 1 });
    expect(s.trace).not.toBe(before);
    expect(s.trace.scenario.faults.scripted).toEqual(s.scenario.faults.scripted);
    expect(s.cursor).toBe(6);
    expect(s.forkTarget).toBeNull();
    // Adding the same fault again changes nothing.
    const count = s.scenario.faults.scripted.length;
    s.addFault({ kind: 'lose-response', message: 2, attempt: 1 });
    expect(store.getState().scenario.faults.scripted).toHaveLength(count);
    store.getState().removeFault(count - 1);
    expect(store.getState().scenario.faults.scripted).toHaveLength(count - 1);
  });

  it('a scripted broker restart keeps its kind (clean by default), and log.roll.ms is a broker setting', () => {
    const store = createLabStore();
    store.getState().addFault({ kind: 'broker-restart', atMs: 10, downMs: 100 });
    store.getState().addFault({ kind: 'broker-restart', atMs: 10, downMs: 100, shutdown: 'crash' });
    expect(store.getState().scenario.faults.scripted.slice(-2)).toEqual([
      { kind: 'broker-restart', atMs: 10, downMs: 100, shutdown: 'clean' },
      { kind: 'broker-restart', atMs: 10, downMs: 100, shutdown: 'crash' },
    ]);
    store.getState().setBrokerSetting('log.roll.ms', 100);
    expect(store.getState().scenario.broker['log.roll.ms']).toBe(100);
  });

  it('Reset restores the preset and rewinds', () => {
    const store = createLabStore();
    store.getState().setSeed(42);
    store.getState().addFault({ kind: 'broker-restart', atMs: 10, downMs: 100 });
    store.getState().setCursor(3);
    store.getState().resetToPreset();
    expect(store.getState().scenario).toEqual(getPreset('lost-ack')!.scenario);
    expect(store.getState().cursor).toBe(0);
  });

  it('round-trips scenario, faults, seed, settings, cursor and theme through storage', () => {
    const storage = new MemoryStorage();
    const a = createLabStore(storage);
    a.getState().setSeed(7);
    a.getState().setProducerSetting('max.in.flight.requests.per.connection', 3);
    a.getState().addFault({ kind: 'lose-request', message: 3, attempt: 1 });
    a.getState().setCursor(5);
    a.getState().setTheme('projector');
    a.getState().setSpeed(4);
    a.flush();
    expect(storage.getItem(STORAGE_KEY)).toContain('"seed":7');
    const b = createLabStore(storage).getState();
    expect(b.notices).toEqual([]);
    expect(b.scenario).toEqual(a.getState().scenario);
    expect(b.cursor).toBe(5);
    expect(b.theme).toBe('projector');
    expect(b.speed).toBe(4);
    expect(b.trace.events.length).toBe(a.getState().trace.events.length);
  });

  it('keeps every valid part of a saved scenario with a bad field, naming the field it left out', () => {
    const storage = new MemoryStorage();
    const good = getPreset('lost-ack')!.scenario;
    storage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, presetId: 'lost-ack', scenario: { ...good, seed: 99, producer: { ...good.producer, acks: 'two' } }, cursor: 2, theme: 'dark', speed: 1 }));
    const s = createLabStore(storage).getState();
    expect(heldSaveText(s.heldSave!, 'en')).toMatch(/left out: scenario\.producer\.acks/);
    expect(s.scenario).toEqual({ ...good, seed: 99 });
    expect(s.theme).toBe('dark');
    expect(s.cursor).toBe(2);
    expect(s.trace.events.length).toBeGreaterThan(0);
  });

  it('reports unreadable JSON and wrong field types', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{not json');
    expect(heldSaveText(createLabStore(storage).getState().heldSave!, 'en')).toMatch(/not valid JSON/);
    storage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, presetId: 'lost-ack', scenario: getPreset('lost-ack')!.scenario, cursor: -1, theme: 'neon', speed: 1 }));
    const notice = heldSaveText(createLabStore(storage).getState().heldSave!, 'en');
    expect(notice).toMatch(/cursor/);
    expect(notice).toMatch(/theme/);
  });

  it('shows a refused configuration as the trace config error', () => {
    const store = createLabStore();
    store.getState().setProducerSetting('max.in.flight.requests.per.connection', 6);
    expect(store.getState().trace.configError).toBe('idempotence-max-in-flight');
    expect(configProblemText('en', store.getState().trace.configError!)).toMatch(/max\.in\.flight/i);
    expect(store.getState().cursor).toBeGreaterThanOrEqual(0);
  });

  it('acks=1 removes the scripted error replies only acks=all can produce, and says so in both languages', () => {
    const store = createLabStore();
    store.getState().choosePreset('reorder-in-flight');
    expect(store.getState().scenario.faults.scripted.map((f) => f.kind)).toEqual(['error-reply']);
    store.getState().setProducerSetting('acks', '1');
    const s = store.getState();
    expect(s.scenario.producer.acks).toBe('1');
    expect(s.scenario.faults.scripted).toEqual([]);
    expect(s.trace.events.some((e) => e.kind === 'broker.handled' && e.verdict === 'NOT_ENOUGH_REPLICAS')).toBe(false);
    expect(noticeText(s.notices, 'en')).toContain('With acks=1 the broker never sends NOT_ENOUGH_REPLICAS');
    expect(noticeText(s.notices, 'en')).toContain('Broker replies NOT_ENOUGH_REPLICAS: message 3, attempt 1');
    expect(noticeText(s.notices, 'zh')).toContain('在 acks=1 时 Broker 从不发送');
  });
});

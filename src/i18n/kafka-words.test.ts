import { beforeAll, describe, expect, test } from 'vitest';
import { LESSONS } from '../lessons/lessons';
import { getPreset } from '../scenarios/presets';
import { runSimulation } from '../sim/run-simulation';
import { describe as narrate } from './describe';
import { loadLessonWords, localizeLesson } from './localize';
import { t } from './t';

/** What the lab says about Kafka, against Kafka (reference §1.7, §1.9, §4). */
describe('words about Kafka', () => {
  beforeAll(() => loadLessonWords());
  const rulesOfLessons = () => LESSONS.flatMap((l) => localizeLesson(l, 'en')!.steps.map((s) => s.rule));

  test('OUT_OF_ORDER_SEQUENCE_NUMBER is not called retriable: the idempotent producer retries it as a special case', () => {
    const trace = runSimulation(getPreset('reorder-in-flight')!.scenario);
    const retry = trace.events.find((e) => e.kind === 'retry.scheduled' && e.reason === 'OUT_OF_ORDER_SEQUENCE_NUMBER')!;
    expect(retry).toBeDefined();
    for (const lang of ['en', 'zh'] as const) expect(narrate(retry, lang)).not.toMatch(/OUT_OF_ORDER_SEQUENCE_NUMBER is retriable|OUT_OF_ORDER_SEQUENCE_NUMBER 可重试/);
    expect(narrate(retry, 'en')).toContain('OUT_OF_ORDER_SEQUENCE_NUMBER is not a retriable error, but the idempotent producer retries it as a special case');
    const nes = trace.events.find((e) => e.kind === 'retry.scheduled' && e.reason === 'NOT_ENOUGH_REPLICAS')!;
    expect(narrate(nes, 'en')).toContain('NOT_ENOUGH_REPLICAS is retriable');
  });

  test('NETWORK_EXCEPTION is quoted with Kafka’s own text, apart from the lab’s explanation', () => {
    const rules = rulesOfLessons().filter((r) => r.startsWith('NETWORK_EXCEPTION'));
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules.filter((r) => r.includes('may or may not'))) expect(r).toContain('The server disconnected before a response was received.');
    expect(rules.some((r) => r.includes('"the append may or may not have happened"'))).toBe(false);
  });

  test('a transactional.id is not said to make the broker recognise a restarted application’s re-send', () => {
    for (const lang of ['en', 'zh'] as const) {
      const text = t(lang, 'explain.restart.newPid', { pid: 1001, baseSeq: 0 });
      expect(text).not.toMatch(/would keep the id across restarts$|可以让 ID 在重启后保持不变$/);
    }
    expect(t('en', 'explain.restart.newPid', { pid: 1001, baseSeq: 0 })).toContain('clears the broker’s batch cache');
    expect(getPreset('producer-restart')!.scenario.description).toContain('clears the broker\'s batch cache');
  });

  test('idempotence by default is dated 3.0.1/3.1.1/3.2.0, not 3.0', () => {
    const rules = rulesOfLessons().filter((r) => r.startsWith('enable.idempotence=true') && /default/.test(r));
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(r).toContain('3.0.1/3.1.1/3.2.0');
  });
});

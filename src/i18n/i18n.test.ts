import { describe as group, expect, it } from 'vitest';
import { LESSONS } from '../lessons/lessons';
import { PRESETS } from '../scenarios/presets';
import { runSimulation } from '../sim/run-simulation';
import { checkTrace } from '../sim/trace/checker';
import type { Trace } from '../sim/trace/types';
import { describe } from './describe';
import { en } from './en';
import { configProblemText, deliveryErrorText, ruleText } from './facts';
import { CONFIG_PROBLEM_CODES, type RuleFact } from '../sim/trace/facts';
import { hasChinese, leftoverEnglish } from './english-check';
import { explainAnomaly, summarise } from './explain';
import { summariseEffects } from './explain-effects';
import { summariseTransactions } from './explain-txn';
import { LESSONS_ZH } from './lessons-zh';
import { LESSON_STEPS_EN } from './lesson-steps-en';
import { loadLessonWords, localizeLesson } from './localize';
import { PRESETS_ZH } from './presets-zh';
import { plural, t } from './t';
import { zh } from './zh';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectChinese(text: string, where: string) {
  expect(text.trim(), where).not.toBe('');
  expect(hasChinese(text), `${where}: no Chinese in “${text}”`).toBe(true);
  expect(leftoverEnglish(text), `${where}: “${text}”`).toEqual([]);
}

function allTraces(): { name: string; trace: Trace }[] {
  const out: { name: string; trace: Trace }[] = [];
  for (const p of PRESETS) {
    for (const on of [false, true]) {
      const scenario = { ...p.scenario, producer: { ...p.scenario.producer, 'enable.idempotence': on } };
      out.push({ name: `${p.id} idempotence=${on}`, trace: runSimulation(scenario) });
    }
  }
  return out;
}

group('the catalogues', () => {
  it('zh has exactly the en keys, each with the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('zh strings have no English words left but protocol terms', () => {
    for (const [key, text] of Object.entries(zh)) {
      if (key.startsWith('language.') || key.startsWith('key.')) continue;
      expect(leftoverEnglish(text.replace(/\{\w+\}/g, '')), key).toEqual([]);
    }
  });

  it('interpolates and picks plural forms', () => {
    expect(t('en', 'outcome.duplicates', { n: 1 })).toBe('Duplicates: 1');
    expect(t('zh', 'outcome.duplicates', { n: 1 })).toBe('重复：1');
    expect(plural('en', 'stats.events', 1)).toBe('1 event');
    expect(plural('en', 'stats.events', 2)).toBe('2 events');
    expect(t('zh', 'badge.appended', { offset: 0 })).toBe('已追加 @0');
    expect(t('zh', 'badge.duplicate', { offset: 0 })).toBe('重复 → @0');
  });

  it('words the Kafka exceptions in Chinese, and in English as Kafka writes them', () => {
    for (const code of CONFIG_PROBLEM_CODES) {
      expect(configProblemText('en', code)).toMatch(/^ConfigException: /);
      expectChinese(configProblemText('zh', code), code);
    }
    const timeout = { error: 'TimeoutException', elapsedMs: 1500 } as const;
    expect(deliveryErrorText('en', timeout, 1)).toBe('TimeoutException: Expiring 1 record(s) for lab-0:1500 ms has passed since batch creation');
    expectChinese(deliveryErrorText('zh', timeout, 1), 'TimeoutException');
    expect(deliveryErrorText('zh', { error: 'NETWORK_EXCEPTION' }, 1)).toBe('NETWORK_EXCEPTION');
  });

  it('words every broker rule in both languages', () => {
    const rules: RuleFact[] = [
      { id: 'duplicate-in-cache', baseSeq: 0, lastSeq: 1, epoch: 0, retained: 5, originalOffset: 3 },
      { id: 'stale-epoch', epoch: 0, brokerEpoch: 1, pid: 1000 },
      { id: 'unknown-producer', pid: 1000 },
      { id: 'new-epoch-at-zero', epoch: 1 },
      { id: 'new-epoch-not-zero', epoch: 1, baseSeq: 4 },
      { id: 'known-epoch-empty-cache-accept', epoch: 0 },
      { id: 'known-epoch-empty-cache-refuse', epoch: 0, baseSeq: 2 },
      { id: 'in-sequence', baseSeq: 2, lastWritten: 1 },
      { id: 'out-of-order', expected: 2, lastWritten: 1, baseSeq: 5, lastSeq: 5, retained: 5 },
      { id: 'no-producer-id' },
      { id: 'not-enough-replicas' },
      { id: 'not-leader' },
      { id: 'written-then-isr-shrank', offset: 4 },
      { id: 'written-then-timed-out', offset: 4 },
    ];
    for (const rule of rules) {
      expect(ruleText('en', rule), rule.id).not.toMatch(/\{\w+\}/);
      expectChinese(ruleText('zh', rule), rule.id);
      expect(ruleText('zh', rule), rule.id).not.toMatch(/\{\w+\}/);
    }
  });

  it('the checker catches English', () => {
    expect(leftoverEnglish('Broker 在偏移量 0 处追加消息 1（P1000 e0 seq 0，第 1 次尝试）')).toEqual([]);
    expect(leftoverEnglish('生产者 sends the request.timeout.ms')).toEqual(['sends', 'the']);
  });
});

group('Chinese narration', () => {
  it('describes every event of every preset, both idempotence settings, in Chinese', () => {
    const kinds = new Set<string>();
    for (const { name, trace } of allTraces()) {
      for (const ev of trace.events) {
        kinds.add(ev.kind);
        expectChinese(describe(ev, 'zh'), `${name} #${ev.i} ${ev.kind}`);
      }
    }
    // The presets exercise most kinds; the switch itself is exhaustive (a new kind fails the type check).
    expect(kinds.size).toBeGreaterThanOrEqual(20);
  });
});

group('counted narration', () => {
  const fetched = (records: { offset: number; message: number }[], next: number) =>
    ({ i: 0, t: 0, kind: 'reader.fetched', lane: 'reader-2', reader: 'reader-2', isolation: 'read_uncommitted', partition: 'output-1', from: 4, next, bound: 4, hw: 4, records }) as unknown as Trace['events'][number];
  const polled = (offsets: number[]) =>
    ({ i: 0, t: 0, kind: 'records.polled', lane: 'consumer', member: 'consumer-1', fromOffset: offsets[0], records: offsets.map((offset) => ({ offset, message: offset + 1 })) }) as unknown as Trace['events'][number];

  it('a reader’s fetch says nothing new, one record or n records, never “record(s)”', () => {
    expect(describe(fetched([], 4), 'en')).toBe('reader-2 (read_uncommitted) reads output-1: nothing new; position 4.');
    expect(describe(fetched([{ offset: 4, message: 5 }], 5), 'en')).toBe('reader-2 (read_uncommitted) reads output-1: 1 record, m5@4; position 5.');
    expect(describe(fetched([{ offset: 4, message: 5 }, { offset: 5, message: 6 }], 6), 'en')).toMatch(/reads output-1: 2 records, m5@4.*m6@5; position 6\.$/);
    expectChinese(describe(fetched([], 4), 'zh'), 'empty fetch');
    expect(describe(fetched([], 4), 'zh')).toContain('没有新记录');
  });

  it('a verdict that did not hold names the counts that are not zero, each in its counted form', () => {
    const effects = (duplicates: number, lost: number) => ({ duplicates, lost, exactlyOnce: false, applied: 3, rows: 3, anomalies: [] });
    expect(summariseEffects('en', effects(2, 0))).toBe('End to end, exactly-once did not hold: 2 extra effects.');
    expect(summariseEffects('en', effects(1, 1))).toBe('End to end, exactly-once did not hold: 1 extra effect, 1 message without an effect.');
    expect(summariseEffects('zh', effects(0, 3))).toBe('端到端的精确一次不成立：3 条消息没有效果。');
    const txn = (duplicates: number, leaked: number, lost: number, hanging: number) => ({
      committed: 2,
      aborted: 1,
      hanging: Array.from({ length: hanging }, () => ({ partition: 'output-0', pid: 1000, firstOffset: 0, lso: 0 })),
      processed: 4,
      duplicates,
      lost,
      leaked,
      exactlyOnce: duplicates + leaked + lost === 0,
      anomalies: [],
    });
    expect(summariseTransactions('en', txn(0, 1, 0, 0))).toBe('Transactions: 2 committed, 1 aborted. Across the loop, exactly-once did not hold: 1 aborted message visible.');
    expect(summariseTransactions('en', txn(2, 0, 3, 1))).toBe(
      'Transactions: 2 committed, 1 aborted. Across the loop, exactly-once did not hold: 2 extra copies, 3 committed messages not visible. A hanging transaction holds back a partition’s LSO.',
    );
    expect(summariseTransactions('zh', txn(0, 0, 1, 2))).toBe('事务：已提交 2 个，已中止 1 个。整个循环的精确一次不成立：1 条已提交的消息不可见。2 个悬挂事务卡住了分区的 LSO。');
  });

  it('a poll names one offset for one record, the range for more', () => {
    expect(describe(polled([3]), 'en')).toMatch(/polls 1 record, offset 3\.$/);
    expect(describe(polled([3, 4, 5]), 'en')).toMatch(/polls 3 records, offsets 3–5\.$/);
    expect(describe(polled([3]), 'zh')).toMatch(/拉取到 1 条记录，偏移量 3。$/);
  });
});

group('Chinese outcome', () => {
  it('explains every anomaly and sums up every run in Chinese', () => {
    let anomalies = 0;
    for (const { name, trace } of allTraces()) {
      const outcome = checkTrace(trace);
      expectChinese(summarise('zh', outcome), `${name} summary`);
      for (const a of outcome.anomalies) {
        anomalies++;
        const text = explainAnomaly('zh', a);
        expectChinese(text, `${name} ${a.kind} m${a.message}`);
        expect(text).toContain(`消息 ${a.message}`);
      }
    }
    expect(anomalies).toBeGreaterThan(5);
  });
});

group('Chinese presets and lessons', () => {
  it('every preset has a Chinese name and description', () => {
    for (const p of PRESETS) {
      const entry = PRESETS_ZH[p.id];
      expect(entry, p.id).toBeDefined();
      expectChinese(entry!.name, `${p.id} name`);
      expectChinese(entry!.description, `${p.id} description`);
    }
  });

  it('every lesson string has a Chinese version of the same shape', () => {
    expect(Object.keys(LESSONS_ZH).sort()).toEqual(LESSONS.map((l) => l.id).sort());
    for (const lesson of LESSONS) {
      const zhLesson = LESSONS_ZH[lesson.id]!;
      // Translations are keyed by step id: every step has one, and every one names a step that exists.
      expect(Object.keys(zhLesson.steps).sort(), lesson.id).toEqual(lesson.steps.map((s) => s.id).sort());
      const local = localizeLesson(lesson, 'zh')!;
      const english = LESSON_STEPS_EN[lesson.id]!;
      expectChinese(local.title, `${lesson.id} title`);
      lesson.steps.forEach((step, k) => {
        const z = zhLesson.steps[step.id]!;
        const e = english.steps[step.id]!;
        const where = `${lesson.id} step ${step.id}`;
        const s = local.steps[k]!;
        expect(s.at, where).toBe(step.at);
        expectChinese(s.title, `${where} title`);
        expectChinese(s.narration, `${where} narration`);
        // Some rules are nothing but Kafka names (e.g. "acks=all"): those only need to be free of English words.
        expect(leftoverEnglish(s.rule), `${where} rule`).toEqual([]);
        expect(!!z.question, `${where} question`).toBe(!!step.question);
        expect(z.sayNext === undefined, `${where} sayNext`).toBe(e.sayNext === undefined);
        if (step.question) {
          expect(s.question!.correct).toBe(step.question.correct);
          expect(s.question!.answers.length, `${where} answers`).toBe(e.question!.answers.length);
          expectChinese(s.question!.prompt, `${where} prompt`);
          expectChinese(s.question!.explanation, `${where} explanation`);
          s.question!.answers.forEach((a, i) => expect(leftoverEnglish(a), `${where} answer ${i}`).toEqual([]));
        }
        if (s.sayNext) expectChinese(s.sayNext, `${where} sayNext`);
      });
    }
  });

  it('every lesson step has English words, every entry names a step, and a question has words exactly when the plan asks one', () => {
    expect(Object.keys(LESSON_STEPS_EN).sort()).toEqual(LESSONS.map((l) => l.id).sort());
    for (const lesson of LESSONS) {
      const english = LESSON_STEPS_EN[lesson.id]!;
      expect(Object.keys(english.steps).sort(), lesson.id).toEqual(lesson.steps.map((s) => s.id).sort());
      for (const step of lesson.steps) expect(!!english.steps[step.id]!.question, `${lesson.id} step ${step.id} question`).toBe(!!step.question);
    }
  });

  it('English lessons are their plans (anchors, settings, right answers) with the English words, once those have loaded', async () => {
    await loadLessonWords();
    for (const lesson of LESSONS) {
      const worded = localizeLesson(lesson, 'en')!;
      expect(worded.title).toBe(lesson.title);
      expect(localizeLesson(lesson, 'en'), 'the same object each time').toBe(worded);
      lesson.steps.forEach((step, k) => {
        const s = worded.steps[k]!;
        const e = LESSON_STEPS_EN[lesson.id]!.steps[step.id]!;
        expect(s.at).toBe(step.at);
        expect(s.settings).toBe(step.settings);
        expect([s.title, s.narration, s.rule, s.sayNext]).toEqual([e.title, e.narration, e.rule, e.sayNext]);
        if (step.question) expect(s.question).toEqual({ correct: step.question.correct, ...e.question });
      });
    }
  });
});

import { describe as group, expect, it } from 'vitest';
import { LESSONS } from '../lessons/lessons';
import { PRESETS } from '../scenarios/presets';
import { runSimulation } from '../sim/run-simulation';
import { checkTrace } from '../sim/trace/checker';
import type { Trace } from '../sim/trace/types';
import { describeEventZh } from './describe-zh';
import { en } from './en';
import { kafkaErrorZh } from './kafka-errors-zh';
import { hasChinese, leftoverEnglish } from './english-check';
import { explainAnomalyZh, summariseZh } from './explain-zh';
import { LESSONS_ZH, localizeLesson } from './lessons-zh';
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

  it('translates the Kafka exception texts', () => {
    for (const text of [
      'ConfigException: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
      'ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
      'ConfigException: Must set retries to non-zero when using the idempotent producer.',
      'ConfigException: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
      'TimeoutException: Expiring 1 record(s) for lab-0:1500 ms has passed since batch creation',
    ]) {
      expectChinese(kafkaErrorZh(text), text);
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
        expectChinese(describeEventZh(ev), `${name} #${ev.i} ${ev.kind}`);
      }
    }
    // The presets exercise most kinds; the switch itself is exhaustive (a new kind fails the type check).
    expect(kinds.size).toBeGreaterThanOrEqual(20);
  });
});

group('Chinese outcome', () => {
  it('explains every anomaly and sums up every run in Chinese', () => {
    let anomalies = 0;
    for (const { name, trace } of allTraces()) {
      const outcome = checkTrace(trace);
      expectChinese(summariseZh(trace, outcome), `${name} summary`);
      for (const a of outcome.anomalies) {
        anomalies++;
        const text = explainAnomalyZh(a, trace);
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
      expect(zhLesson.steps.length, lesson.id).toBe(lesson.steps.length);
      const local = localizeLesson(lesson, 'zh');
      expectChinese(local.title, `${lesson.id} title`);
      lesson.steps.forEach((step, k) => {
        const z = zhLesson.steps[k]!;
        const where = `${lesson.id} step ${k}`;
        const s = local.steps[k]!;
        expect(s.at, where).toBe(step.at);
        expectChinese(s.title, `${where} title`);
        expectChinese(s.narration, `${where} narration`);
        // Some rules are nothing but Kafka names (e.g. "acks=all"): those only need to be free of English words.
        expect(leftoverEnglish(s.rule), `${where} rule`).toEqual([]);
        expect(!!z.question, `${where} question`).toBe(!!step.question);
        expect(z.sayNext === undefined, `${where} sayNext`).toBe(step.sayNext === undefined);
        if (step.question) {
          expect(s.question!.correct).toBe(step.question.correct);
          expect(s.question!.answers.length, `${where} answers`).toBe(step.question.answers.length);
          expectChinese(s.question!.prompt, `${where} prompt`);
          expectChinese(s.question!.explanation, `${where} explanation`);
          s.question!.answers.forEach((a, i) => expect(leftoverEnglish(a), `${where} answer ${i}`).toEqual([]));
        }
        if (s.sayNext) expectChinese(s.sayNext, `${where} sayNext`);
      });
    }
  });

  it('English lessons are untouched', () => {
    for (const lesson of LESSONS) expect(localizeLesson(lesson, 'en')).toBe(lesson);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { configProblemText } from '../i18n/facts';
import { loadLessonWords, localizeLesson } from '../i18n/localize';
import { getPreset } from '../scenarios/presets';
import { runSimulation } from '../sim/run-simulation';
import { checkTrace } from '../sim/trace/checker';
import { resolveAnchor } from './anchors';
import { LESSONS } from './lessons';
import { stepScenario } from './steps';

describe('lessons', () => {
  beforeAll(() => loadLessonWords());

  it('has at least 10 lessons with unique ids, each on an existing preset', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(getPreset(l.presetId), l.id).toBeDefined();
      expect(l.steps.length, l.id).toBeGreaterThan(0);
    }
  });

  it('every step has an id, unique within its lesson (translations are keyed by it)', () => {
    for (const l of LESSONS) {
      for (const s of l.steps) expect(s.id, l.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(new Set(l.steps.map((s) => s.id)).size, l.id).toBe(l.steps.length);
    }
  });

  for (const lesson of LESSONS) {
    it(`every step of "${lesson.id}" resolves to an event in its preset's trace`, () => {
      lesson.steps.forEach((step, k) => {
        const target = stepScenario(lesson, k);
        expect(target, `${lesson.id} step ${k + 1}`).not.toBeNull();
        const trace = runSimulation(target!.scenario);
        const i = resolveAnchor(step.at, trace);
        expect(i, `${lesson.id} step ${k + 1} (${step.id})`).toBeGreaterThanOrEqual(0);
        expect(trace.events[i]!.i).toBe(i);
        // A question waits one event before the reveal, so the revealing event cannot be the first one.
        if (step.question) expect(i, `${lesson.id} step ${k + 1}`).toBeGreaterThan(0);
      });
    });
  }

  it('questions have 2 to 4 answers, a valid correct index and an explanation', () => {
    for (const l of LESSONS.map((plan) => localizeLesson(plan, 'en')!))
      for (const s of l.steps) {
        if (!s.question) continue;
        expect(s.question.answers.length).toBeGreaterThanOrEqual(2);
        expect(s.question.answers.length).toBeLessThanOrEqual(4);
        expect(s.question.correct).toBeGreaterThanOrEqual(0);
        expect(s.question.correct).toBeLessThan(s.question.answers.length);
        expect(s.question.explanation.length).toBeGreaterThan(20);
        expect(s.rule.length).toBeGreaterThan(0);
      }
  });

  it('covers the required stories (including the refused in-flight 6 configuration)', () => {
    const presets = new Set(LESSONS.flatMap((l) => [l.presetId, ...l.steps.map((s) => s.presetId ?? l.presetId)]));
    for (const id of ['lost-ack', 'lost-request', 'delayed-original', 'reorder-in-flight', 'beyond-dedup-window', 'producer-restart', 'broker-restart', 'stalled-connection', 'sequence-gap-epoch-bump'])
      expect(presets.has(id), id).toBe(true);
    const lesson = LESSONS.find((l) => l.id === 'beyond-dedup-window')!;
    const k = lesson.steps.findIndex((s) => s.settings?.['max.in.flight.requests.per.connection'] === 6);
    const trace = runSimulation(stepScenario(lesson, k)!.scenario);
    expect(trace.configError).toBe('idempotence-max-in-flight');
    expect(configProblemText('en', trace.configError!)).toMatch(/max\.in\.flight/);
  });
});

describe('stalled-connection lesson', () => {
  it('without idempotence the failed requests are retried newest first, and the step lands on the last retry', () => {
    const lesson = LESSONS.find((l) => l.id === 'stalled-connection')!;
    const k = lesson.steps.findIndex((s) => s.id === 'both-are-retried');
    const target = stepScenario(lesson, k)!;
    expect(target.scenario.producer['enable.idempotence']).toBe(false);
    const trace = runSimulation(target.scenario);
    const retried = trace.events.flatMap((e) => (e.kind === 'broker.handled' && e.attempt === 2 ? [e.messages[0]] : []));
    expect(retried).toEqual([3, 2]);
    const at = trace.events[resolveAnchor(lesson.steps[k]!.at, trace)]!;
    expect(at.kind === 'broker.handled' && at.messages[0] === 2 && at.attempt === 2).toBe(true);
  });
});

describe('the kafka-versions lesson', () => {
  it('plays the same faults on 4.0, 2.4, 1.0.0 and 0.11: only 4.0 writes duplicates', () => {
    const lesson = LESSONS.find((l) => l.id === 'kafka-versions')!;
    const runs = lesson.steps.map((_, k) => runSimulation(stepScenario(lesson, k)!.scenario));
    expect(runs.map((t) => t.scenario.kafkaVersion)).toEqual(['4.0', '2.4', '1.0.0', '0.11']);
    expect(runs.map((t) => t.scenario.faults.scripted)).toEqual(runs.map(() => getPreset('broker-restart')!.scenario.faults.scripted));
    expect(runs.map((t) => checkTrace(t).duplicates)).toEqual([2, 0, 0, 0]);
  });
});

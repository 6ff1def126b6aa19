import { getPreset } from '../scenarios/presets';
import type { Scenario } from '../sim/scenario/schema';
import type { Trace } from '../sim/trace/types';
import { resolveAnchor } from './anchors';
import type { Lesson, LessonStep } from './types';

/** The preset id and full scenario a step runs on: its preset with the lesson's and the step's settings and version. */
export function stepScenario(lesson: Lesson, k: number): { presetId: string; scenario: Scenario } | null {
  const step = lesson.steps[k];
  if (!step) return null;
  const presetId = step.presetId ?? lesson.presetId;
  const preset = getPreset(presetId);
  if (!preset) return null;
  const producer = { ...preset.scenario.producer, ...lesson.settings, ...step.settings };
  const kafkaVersion = step.kafkaVersion ?? lesson.kafkaVersion ?? preset.scenario.kafkaVersion;
  const dedup = step.dedup ?? lesson.dedup;
  const scenario = { ...preset.scenario, kafkaVersion, producer };
  return { presetId, scenario: dedup && scenario.dedup ? { ...scenario, dedup: { ...scenario.dedup, strategy: dedup } } : scenario };
}

/** True when the step asks a question that has not been answered yet (the cursor then waits before the event). */
export function isAsking(step: LessonStep | undefined, askQuestions: boolean, revealed: boolean): boolean {
  return !!step?.question && askQuestions && !revealed;
}

/** Where the cursor goes for a step: on its event, or one event before it while the question is open. */
export function stepCursor(trace: Trace, step: LessonStep, asking: boolean): number {
  const i = resolveAnchor(step.at, trace);
  if (i < 0) return -1;
  return asking ? Math.max(0, i - 1) : i;
}

export function sameScenario(a: Scenario, b: Scenario): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

import type { Lesson, LessonStep } from '../lessons/types';
import { getPreset } from '../scenarios/presets';
import { languageOf, type Lang } from './lang';
import type { StepWords } from './language';

/** The preset's name in the chosen language; a scenario renamed by the user keeps its own name. */
export function scenarioName(presetId: string, name: string, lang: Lang): string {
  const words = languageOf(lang).presets?.[presetId];
  const preset = getPreset(presetId);
  return preset && words && preset.scenario.name === name ? words.name : name;
}

/** The preset's description in the chosen language; an edited description stays as written. */
export function scenarioDescription(presetId: string, description: string, lang: Lang): string {
  const words = languageOf(lang).presets?.[presetId];
  const preset = getPreset(presetId);
  return preset && words && (description === '' || preset.scenario.description === description) ? words.description : description;
}

function localizeStep(step: LessonStep, words: StepWords | undefined): LessonStep {
  if (!words) return step;
  const out: LessonStep = { ...step, title: words.title, narration: words.narration, rule: words.rule };
  if (step.question && words.question) {
    out.question = { ...step.question, prompt: words.question.prompt, answers: words.question.answers, explanation: words.question.explanation };
  }
  if (step.sayNext !== undefined && words.sayNext !== undefined) out.sayNext = words.sayNext;
  return out;
}

const lessonCache = new Map<Lang, WeakMap<Lesson, Lesson>>();

/** The lesson with its words in the chosen language; anchors, settings and correct answers are the same object. */
export function localizeLesson(lesson: Lesson, lang: Lang): Lesson {
  const words = languageOf(lang).lessons?.[lesson.id];
  if (!words) return lesson;
  let cache = lessonCache.get(lang);
  if (!cache) lessonCache.set(lang, (cache = new WeakMap()));
  let out = cache.get(lesson);
  if (!out) {
    out = { ...lesson, title: words.title, steps: lesson.steps.map((s) => localizeStep(s, words.steps[s.id])) };
    cache.set(lesson, out);
  }
  return out;
}

/** A state's description in the given language, falling back to the machine's own (English) description. */
export function stateDescription(id: string, english: string | null, lang: Lang): string | null {
  return languageOf(lang).states?.[id] ?? english;
}

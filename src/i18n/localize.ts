import type { Lesson, LessonStep, WordedLesson, WordedStep } from '../lessons/types';
import { getPreset } from '../scenarios/presets';
import { languageOf, type Lang } from './lang';
import type { EnglishLessonWords, StepWords } from './language';

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

let englishSteps: Readonly<Record<string, EnglishLessonWords>> | null = null;
let englishPending: Promise<void> | null = null;
const lessonListeners = new Set<() => void>();

/**
 * Loads the lesson steps' English words, once (lesson-steps-en.ts: not part of the first page). Resolves when they
 * are here, or could not be fetched (a later call tries again); whoever listens with `subscribeLessonWords` hears.
 */
export function loadLessonWords(): Promise<void> {
  if (englishSteps) return Promise.resolve();
  englishPending ??= import('./lesson-steps-en').then(
    (m) => {
      englishSteps = m.LESSON_STEPS_EN;
      for (const f of lessonListeners) f();
    },
    () => {
      englishPending = null;
    },
  );
  return englishPending;
}

/** Whether the lesson steps' English words are here. */
export const lessonWordsLoaded = (): boolean => englishSteps !== null;

/** For `useSyncExternalStore`: hears when the English step words have loaded. */
export function subscribeLessonWords(f: () => void): () => void {
  lessonListeners.add(f);
  return () => void lessonListeners.delete(f);
}

function wordStep(step: LessonStep, words: StepWords): WordedStep {
  const { question, ...plan } = step;
  const out: WordedStep = { ...plan, title: words.title, narration: words.narration, rule: words.rule };
  if (question && words.question) out.question = { correct: question.correct, prompt: words.question.prompt, answers: words.question.answers, explanation: words.question.explanation };
  if (words.sayNext !== undefined) out.sayNext = words.sayNext;
  return out;
}

/** Worded lessons by language, for the words they were made from (a language's words, English steps, loading later). */
const worded = new Map<Lang, { from: readonly unknown[]; lessons: WeakMap<Lesson, WordedLesson | null> }>();

/**
 * The lesson in the chosen language's words: a step the language has no words for has English ones. Null while the
 * words it needs have not loaded (`loadLessonWords` for English; the chosen language loads with it being chosen).
 * Anchors, settings and right answers are the plan's own.
 */
export function localizeLesson(lesson: Lesson, lang: Lang): WordedLesson | null {
  const all = lang === 'en' ? undefined : languageOf(lang).lessons;
  let cache = worded.get(lang);
  if (!cache || cache.from[0] !== all || cache.from[1] !== englishSteps) worded.set(lang, (cache = { from: [all, englishSteps], lessons: new WeakMap() }));
  if (cache.lessons.has(lesson)) return cache.lessons.get(lesson)!;
  const own = all?.[lesson.id];
  const english = englishSteps?.[lesson.id];
  const steps: WordedStep[] = [];
  for (const step of lesson.steps) {
    const words = own?.steps[step.id] ?? english?.steps[step.id];
    if (!words) {
      cache.lessons.set(lesson, null);
      return null;
    }
    steps.push(wordStep(step, words));
  }
  const out: WordedLesson = { ...lesson, title: lessonTitle(lesson, lang), steps };
  cache.lessons.set(lesson, out);
  return out;
}

/** A lesson's title in the chosen language (English, the plan's own, where the language has none): for the menu. */
export function lessonTitle(lesson: Lesson, lang: Lang): string {
  return (lang === 'en' ? undefined : languageOf(lang).lessons?.[lesson.id]?.title) ?? lesson.title;
}

/** A state's description in the given language, falling back to the machine's own (English) description. */
export function stateDescription(id: string, english: string | null, lang: Lang): string | null {
  return languageOf(lang).states?.[id] ?? english;
}

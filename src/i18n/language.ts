import type { Catalogue } from './t';

/** One lesson step's words in a language. */
export interface StepWords {
  title: string;
  narration: string;
  rule: string;
  question?: { prompt: string; answers: readonly string[]; explanation: string };
  sayNext?: string;
}

/** A lesson's words in a language other than English, each step under its id. */
export interface LessonWords {
  title: string;
  /** Keyed by the step's id (lessons.ts). */
  steps: Readonly<Record<string, StepWords>>;
}

/** A lesson's step words in English (its title is the lesson plan's own, in lessons/). */
export type EnglishLessonWords = Pick<LessonWords, 'steps'>;

/** A preset's name and description in one language (the English lives in the preset files). */
export interface PresetWords {
  name: string;
  description: string;
}

/**
 * Everything the lab says in one language, in one object: a language is one file in `languages/` that exports one of
 * these, listed once in `languages/index.ts`. Only the catalogue is required; presets, lessons and state descriptions
 * fall back to English where a language has none.
 */
export interface Language<Code extends string = string> {
  /** The code the lab uses (URL `?lang=`, share links, saved state). */
  code: Code;
  /** The value for `<html lang>` and `lang` attributes. */
  htmlLang: string;
  /** The language's own name, for the language menu. */
  endonym: string;
  /** BCP 47 primary tags read as this language (`zh` also matches `zh-CN`, `zh-Hans`, …). */
  tags: readonly string[];
  /** Every message of the English catalogue, with the same `{placeholders}`. */
  catalogue: Catalogue;
  /** Preset names and descriptions, by preset id. */
  presets?: Readonly<Record<string, PresetWords>>;
  /** Lesson titles and step words, by lesson id and step id. */
  lessons?: Readonly<Record<string, LessonWords>>;
  /** Statechart state descriptions, by XState state node id. */
  states?: Readonly<Record<string, string>>;
}

/** A language's words: what `Language` holds beyond its name and codes. */
export type LanguageWords = Pick<Language, 'catalogue' | 'presets' | 'lessons' | 'states'>;

/**
 * A language as `languages/index.ts` lists it: its name and codes, and its words either inline (English, the
 * source) or loaded when the language is first chosen (`load`), so that they are not part of every first page.
 */
export interface LanguageHead<Code extends string = string> extends Pick<Language<Code>, 'code' | 'htmlLang' | 'endonym' | 'tags'> {
  words?: LanguageWords;
  load?: () => Promise<LanguageWords>;
}

import { en } from '../en';
import type { LanguageHead } from '../language';

/** English: the source language. Presets, lessons and states are written in English in the code itself. */
export const english = {
  code: 'en',
  htmlLang: 'en',
  endonym: 'English',
  tags: ['en'],
  words: { catalogue: en },
} as const satisfies LanguageHead<'en'>;

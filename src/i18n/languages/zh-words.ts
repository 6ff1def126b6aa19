import type { LanguageWords } from '../language';
import { LESSONS_ZH } from '../lessons-zh';
import { PRESETS_ZH } from '../presets-zh';
import { STATE_DESCRIPTIONS_ZH } from '../statecharts-zh';
import { zh } from '../zh';

/** Simplified Chinese words (its parts are kept in files of their own for size), all type-checked against English. */
export const words = {
  catalogue: zh,
  presets: PRESETS_ZH,
  lessons: LESSONS_ZH,
  states: STATE_DESCRIPTIONS_ZH,
} satisfies LanguageWords;

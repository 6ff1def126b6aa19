import type { Language } from '../language';
import { LESSONS_ZH } from '../lessons-zh';
import { PRESETS_ZH } from '../presets-zh';
import { STATE_DESCRIPTIONS_ZH } from '../statecharts-zh';
import { zh } from '../zh';

/** Simplified Chinese: a full translation (its parts are kept in files of their own for size). */
export const chinese = {
  code: 'zh',
  htmlLang: 'zh-Hans',
  endonym: '简体中文',
  tags: ['zh'],
  catalogue: zh,
  presets: PRESETS_ZH,
  lessons: LESSONS_ZH,
  states: STATE_DESCRIPTIONS_ZH,
} as const satisfies Language<'zh'>;

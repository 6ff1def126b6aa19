import type { LanguageHead } from '../language';

/**
 * Simplified Chinese: a full translation. Its words (zh-words.ts) are loaded when Chinese is first chosen, so that a
 * page in English does not carry them.
 */
export const chinese = {
  code: 'zh',
  htmlLang: 'zh-Hans',
  endonym: '简体中文',
  tags: ['zh'],
  load: () => import('./zh-words').then((m) => m.words),
} as const satisfies LanguageHead<'zh'>;

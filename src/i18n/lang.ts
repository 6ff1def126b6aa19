/** The languages the lab speaks. English is the source; Simplified Chinese is a full translation. */
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** The value for `<html lang>`. */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' };

/** Reads a language code leniently: "zh", "zh-CN", "zh-Hans" → zh; "en", "en-GB" → en; anything else → null. */
export function parseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v.startsWith('zh-')) return 'zh';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return null;
}

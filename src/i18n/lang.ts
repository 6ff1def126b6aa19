import type { Language } from './language';
import { LANGUAGES } from './languages';

/** The languages the lab speaks (languages/index.ts lists them; English is the source). */
export type Lang = (typeof LANGUAGES)[number]['code'];
export const LANGS: readonly Lang[] = LANGUAGES.map((l) => l.code);

const BY_CODE = new Map<string, Language>(LANGUAGES.map((l) => [l.code, l]));

/** A language's words and settings. */
export function languageOf(lang: Lang): Language {
  return BY_CODE.get(lang)!;
}

/** The value for `<html lang>`. */
export const HTML_LANG = Object.fromEntries(LANGUAGES.map((l) => [l.code, l.htmlLang])) as Record<Lang, string>;

/** Reads a language code leniently by its primary tag: "zh", "zh-CN", "zh-Hans" → zh; "en", "en-GB" → en; else null. */
export function parseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const primary = value.trim().toLowerCase().split('-')[0]!;
  return LANGUAGES.find((l) => (l.tags as readonly string[]).includes(primary))?.code ?? null;
}

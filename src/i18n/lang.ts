import type { Language, LanguageHead, LanguageWords } from './language';
import { LANGUAGES } from './languages';

/** The languages the lab speaks (languages/index.ts lists them; English is the source). */
export type Lang = (typeof LANGUAGES)[number]['code'];
export const LANGS: readonly Lang[] = LANGUAGES.map((l) => l.code);

const BY_CODE = new Map<string, LanguageHead>(LANGUAGES.map((l) => [l.code, l]));
const words = new Map<string, LanguageWords>();
for (const l of LANGUAGES as readonly LanguageHead[]) if (l.words) words.set(l.code, l.words);
const merged = new Map<string, Language>();
const pending = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

/** A language's words and settings; until its words have loaded (see `loadLanguage`), English words. */
export function languageOf(lang: Lang): Language {
  let l = merged.get(lang);
  if (!l) {
    const head = BY_CODE.get(lang)!;
    l = { code: head.code, htmlLang: head.htmlLang, endonym: head.endonym, tags: head.tags, ...(words.get(lang) ?? words.get('en')!) };
    merged.set(lang, l);
  }
  return l;
}

/** Whether a language's own words are here (English's always are). */
export const isLanguageLoaded = (lang: Lang): boolean => words.has(lang);

/**
 * Loads a language's words, once; resolves when they are here (or could not be fetched: the lab then speaks
 * English). Whoever waits on `subscribeLanguages` hears of it.
 */
export function loadLanguage(lang: Lang): Promise<void> {
  if (words.has(lang)) return Promise.resolve();
  let p = pending.get(lang);
  if (!p) {
    const load = BY_CODE.get(lang)?.load;
    p = (load ? load() : Promise.reject(new Error(`no words for ${lang}`))).then(
      (w) => {
        words.set(lang, w);
        merged.delete(lang);
        for (const f of listeners) f();
      },
      () => {
        pending.delete(lang);
      },
    );
    pending.set(lang, p);
  }
  return p;
}

/** For `useSyncExternalStore`: hears when a language's words have loaded. */
export function subscribeLanguages(f: () => void): () => void {
  listeners.add(f);
  return () => void listeners.delete(f);
}

/** The value for `<html lang>`. */
export const HTML_LANG = Object.fromEntries(LANGUAGES.map((l) => [l.code, l.htmlLang])) as Record<Lang, string>;

/** Reads a language code leniently by its primary tag: "zh", "zh-CN", "zh-Hans" → zh; "en", "en-GB" → en; else null. */
export function parseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const primary = value.trim().toLowerCase().split('-')[0]!;
  return LANGUAGES.find((l) => (l.tags as readonly string[]).includes(primary))?.code ?? null;
}

import { en, type MessageKey } from './en';
import { languageOf, type Lang } from './lang';

export type { MessageKey } from './en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * One language's messages: every key of the English catalogue, each a text with the same `{placeholders}`. A missing
 * key is a type error. It is part of the language's `Language` (languages/).
 */
export type Catalogue = Readonly<Record<MessageKey, string>>;

/** Fills `{name}` placeholders; an unknown placeholder is left as written so a mistake is visible. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function t(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate(languageOf(lang).catalogue[key] ?? en[key], params);
}

/** A translator bound to one language. */
export function translator(lang: Lang): Translate {
  return (key, params) => t(lang, key, params);
}

/** Picks the `.one` or `.other` form of a counted message. */
export function plural(lang: Lang, base: string, n: number, params?: Params): string {
  const key = `${base}.${n === 1 ? 'one' : 'other'}` as MessageKey;
  return t(lang, key, { n, ...params });
}

/**
 * The counts that are not zero, each in its counted form (`{base}.{name}.one|other`), as a list: what a verdict that
 * did not hold names (“2 extra copies, 1 committed message not visible”).
 */
export function counted(lang: Lang, base: string, counts: Readonly<Record<string, number>>): string {
  const parts: string[] = [];
  for (const [name, n] of Object.entries(counts)) if (n > 0) parts.push(plural(lang, `${base}.${name}`, n));
  return parts.join(t(lang, 'fmt.listSep'));
}

/** Sentences (or clauses) one after another, the way the language joins them (`fmt.sentences`); empty ones are left out. */
export function sentences(lang: Lang, parts: readonly string[]): string {
  const kept = parts.filter((p) => p);
  return kept.length === 0 ? '' : kept.reduce((a, b) => t(lang, 'fmt.sentences', { a, b }));
}

/** Numbers as the language writes them (thousands separators). */
export function formatNumber(lang: Lang, n: number): string {
  return n.toLocaleString(languageOf(lang).htmlLang);
}

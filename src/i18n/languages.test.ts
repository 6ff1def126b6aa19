import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LESSONS } from '../lessons/lessons';
import { PRESETS } from '../scenarios/presets';
import { en } from './en';
import { HTML_LANG, isLanguageLoaded, LANGS, languageOf, loadLanguage, parseLang } from './lang';
import type { Language } from './language';
import { LANGUAGES } from './languages';
import { lessonTitle, scenarioName, stateDescription } from './localize';
import { formatNumber, t } from './t';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every language is one `Language` object once its words are here: these checks hold for each, so a new one is checked as it is added. */
describe.each(LANGUAGES.map((l) => [l.code] as const))('language %s', (code) => {
  let language: Language;
  beforeAll(async () => {
    await loadLanguage(code);
    language = languageOf(code);
  });

  it('loads its words', () => {
    expect(isLanguageLoaded(code)).toBe(true);
    expect(language.code).toBe(code);
  });

  it('has every message of the English catalogue, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(language.catalogue[key], key).toBeTypeOf('string');
      expect(placeholders(language.catalogue[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('words presets and lessons that exist, each lesson step under its id', () => {
    for (const id of Object.keys(language.presets ?? {})) expect(PRESETS.map((p) => p.id), id).toContain(id);
    for (const [id, words] of Object.entries(language.lessons ?? {})) {
      const lesson = LESSONS.find((l) => l.id === id);
      expect(lesson, id).toBeDefined();
      expect(Object.keys(words.steps).sort(), id).toEqual(lesson!.steps.map((s) => s.id).sort());
    }
  });

  it('is reached by its code and tags, and used for messages, names, lessons, states and numbers', () => {
    expect(LANGS).toContain(code);
    expect(parseLang(code)).toBe(code);
    for (const tag of language.tags) expect(parseLang(`${tag}-XX`)).toBe(code);
    expect(HTML_LANG[code]).toBe(language.htmlLang);
    expect(t(code, 'statecharts.title')).toBe(language.catalogue['statecharts.title']);
    const preset = PRESETS[0]!;
    expect(scenarioName(preset.id, preset.scenario.name, code)).toBe(language.presets?.[preset.id]?.name ?? preset.scenario.name);
    const lesson = LESSONS[0]!;
    expect(lessonTitle(lesson, code)).toBe(language.lessons?.[lesson.id]?.title ?? lesson.title);
    expect(stateDescription('broker.up', 'the English one', code)).toBe(language.states?.['broker.up'] ?? 'the English one');
    expect(formatNumber(code, 1234567)).toBe((1234567).toLocaleString(language.htmlLang));
  });
});

describe('languages', () => {
  it('English is the source, every code is unique, and an unknown tag is no language', () => {
    expect(LANGUAGES[0]!.code).toBe('en');
    expect(new Set(LANGS).size).toBe(LANGS.length);
    expect(parseLang('xx-YY')).toBeNull();
    expect(parseLang('')).toBeNull();
  });
});

describe('loading a language', () => {
  it('speaks English until a language’s words have loaded, then that language', async () => {
    vi.resetModules();
    const fresh = await import('./lang');
    expect(fresh.isLanguageLoaded('en')).toBe(true);
    expect(fresh.isLanguageLoaded('zh')).toBe(false);
    expect(fresh.languageOf('zh').catalogue).toEqual(en);
    expect(fresh.languageOf('zh').htmlLang).toBe('zh-Hans');
    let heard = 0;
    fresh.subscribeLanguages(() => heard++);
    await Promise.all([fresh.loadLanguage('zh'), fresh.loadLanguage('zh')]);
    expect(fresh.isLanguageLoaded('zh')).toBe(true);
    expect(fresh.languageOf('zh').catalogue['app.title']).not.toBe(en['app.title']);
    expect(heard).toBe(1);
  });
});

import { english } from './en';
import { chinese } from './zh';

/**
 * The languages the lab speaks, in menu order. To add one, write one file in this folder exporting a `LanguageHead`
 * (its name and codes, and a `load` for its words: the catalogue, and optionally its preset, lesson and state words,
 * all type-checked against English) and list it here.
 */
export const LANGUAGES = [english, chinese] as const;

import { english } from './en';
import { chinese } from './zh';

/**
 * The languages the lab speaks, in menu order. To add one, write one file in this folder exporting a `Language`
 * (its catalogue, and optionally its preset, lesson and state words, all type-checked against English) and list it
 * here.
 */
export const LANGUAGES = [english, chinese] as const;

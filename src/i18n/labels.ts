import type { Lane } from '../sim/trace/types';
import type { Lang } from './lang';
import { t } from './t';

/** A request's timeline label ("m1 · P1000 e0 seq 0 · #2") in the language: only "no PID" has words in it. */
export function localLabel(label: string, lang: Lang): string {
  return lang === 'zh' ? label.replace('no PID', t('zh', 'header.noPid')) : label;
}

export function laneName(lane: Lane, lang: Lang): string {
  return lang === 'en' ? lane : t(lang, `lane.${lane}`);
}

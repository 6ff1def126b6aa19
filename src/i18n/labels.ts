import type { Lane } from '../sim/trace/types';
import type { Lang } from './lang';
import { t } from './t';

export function laneName(lane: Lane, lang: Lang): string {
  return lang === 'en' ? lane : t(lang, `lane.${lane}`);
}

import { describeEvent } from '../sim/trace/describe';
import type { TraceEvent } from '../sim/trace/types';
import { describeEventZh } from './describe-zh';
import type { Lang } from './lang';

/** The narration of one event in the chosen language (English comes from the simulation core). */
export function describe(ev: TraceEvent, lang: Lang): string {
  return lang === 'zh' ? describeEventZh(ev) : describeEvent(ev);
}

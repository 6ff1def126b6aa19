import type { EffectAnomaly, EffectsOutcome } from '../sim/trace/outcome-types';
import type { Lang } from './lang';
import { counted, t } from './t';

/** One end-to-end anomaly in a sentence: what the database holds for the message, and why (its witness events). */
export function explainEffectAnomaly(lang: Lang, a: EffectAnomaly): string {
  const events = a.events.map((i) => `#${i}`).join(t(lang, 'fmt.listSep'));
  if (a.kind === 'duplicate-effect') {
    return t(lang, `effects.duplicate.${a.cause}`, { message: a.message, copies: a.copies, offsets: a.offsets.join(t(lang, 'fmt.listSep')), events });
  }
  return t(lang, `effects.lost.${a.cause}`, { message: a.message, events });
}

/** The end-to-end verdict in a sentence. */
export function summariseEffects(lang: Lang, e: EffectsOutcome): string {
  if (e.exactlyOnce) return t(lang, 'effects.held', { n: e.applied });
  return t(lang, 'effects.notHeld', { bad: counted(lang, 'effects.notHeld', { duplicates: e.duplicates, lost: e.lost }) });
}

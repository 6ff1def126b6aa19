import type { WorkRefusal } from '../sim/budget/estimate-work';
import type { Lang } from './lang';
import { formatNumber, t } from './t';

/** Why a scenario was refused before running, and what to change, in `lang`. */
export function budgetText(lang: Lang, refusal: WorkRefusal): string {
  const estimate = Number.isFinite(refusal.estimate) ? formatNumber(lang, refusal.estimate) : '∞';
  return t(lang, 'budget.refused', {
    estimate,
    limit: formatNumber(lang, refusal.limit),
    advice: t(lang, `budget.advice.${refusal.driver}`),
  });
}

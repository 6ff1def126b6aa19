import { planApply } from '../../share/lab-share';
import { decodeShareHash, MAX_LISTED } from '../../share/share-link';
import type { LabStore } from '../../store/create-lab-store';
import { reasonText } from '../../i18n/problems';
import { t } from '../../i18n/t';

/**
 * Opens the share link in the address bar, if there is one: validated whole, then applied in one store update
 * (a link takes precedence over saved state). A broken link changes nothing but the notice.
 * Returns whether the hash held a share link.
 */
export function openShareLink(store: LabStore, hash: string): boolean {
  const decoded = decodeShareHash(hash);
  if (decoded.kind === 'none') return false;
  const plan = decoded.kind === 'ok' ? planApply(decoded.payload) : { ok: false as const, message: decoded.message, reason: decoded.reason, limit: MAX_LISTED };
  if (plan.ok) {
    store.setState({ ...plan.patch, notice: null, noticeZh: null });
  } else {
    const { notice: previous, noticeZh: previousZh } = store.getState();
    // The English reason is the validator's own text; the Chinese one is rendered from the same problems.
    const limit = 'limit' in plan ? plan.limit : Infinity;
    const notice = `${t('en', 'notice.shareFailed', { message: plan.message })}${previous ? ` ${previous}` : ''}`;
    const noticeZh = `${t('zh', 'notice.shareFailed', { message: reasonText('zh', plan.reason, limit) })}${previous ? ` ${previousZh ?? previous}` : ''}`;
    store.setState({ notice, noticeZh });
  }
  return true;
}

/** Applies the address bar's link now and whenever the hash changes, then removes it so a reload shows saved work. */
export function installShareLinkHandler(store: LabStore): void {
  const run = () => {
    if (openShareLink(store, window.location.hash)) {
      try {
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
      } catch {
        // Some embedded contexts forbid history changes; the link simply stays in the address bar.
      }
    }
  };
  run();
  window.addEventListener('hashchange', run);
}

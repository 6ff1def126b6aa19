import { planApply } from '../../share/lab-share';
import { decodeShareHash, MAX_LISTED } from '../../share/share-link';
import type { LabStore } from '../../store/create-lab-store';

/**
 * Opens the share link in the address bar, if there is one: validated whole, then applied in one store update
 * (a link takes precedence over saved state). A broken link changes nothing but the notice.
 * Returns whether the hash held a share link.
 */
export function openShareLink(store: LabStore, hash: string): boolean {
  const decoded = decodeShareHash(hash);
  if (decoded.kind === 'none') return false;
  const plan = decoded.kind === 'ok' ? planApply(decoded.payload) : { ok: false as const, reason: decoded.reason, limit: MAX_LISTED };
  if (plan.ok) {
    store.setState({ ...plan.patch, notices: [] });
  } else {
    store.setState((s) => ({ notices: [{ kind: 'share-link-refused', reason: plan.reason, limit: plan.limit }, ...s.notices] }));
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

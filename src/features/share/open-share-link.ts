import { planApply } from '../../share/lab-share';
import { decodeShareHash, MAX_LISTED } from '../../share/share-link';
import type { LabStore } from '../../store/create-lab-store';

/**
 * Opens the share link in the address bar, if there is one: its run is computed, then the link is validated whole
 * and applied in one store update (a link takes precedence over saved state). A broken link changes nothing but
 * the notice. Returns whether the hash held a share link.
 */
export function openShareLink(store: LabStore, hash: string): boolean {
  const decoded = decodeShareHash(hash);
  if (decoded.kind === 'none') return false;
  if (decoded.kind !== 'ok') {
    const { reason } = decoded;
    store.setState((s) => ({ notices: [{ kind: 'share-link-refused', reason, limit: MAX_LISTED }, ...s.notices] }));
    return true;
  }
  const payload = decoded.payload;
  store.getState().requestRun(payload.scenario, (s, run) => {
    const plan = planApply(payload, run);
    return plan.ok ? { ...plan.patch, notices: [] } : { notices: [{ kind: 'share-link-refused', reason: plan.reason, limit: plan.limit }, ...s.notices] };
  });
  return true;
}

/**
 * Applies the address bar's link now and whenever the hash changes, then removes it so a reload shows saved work
 * (`keepHash`: it stays, for a page that saves nothing, such as an embedded lab).
 */
export function installShareLinkHandler(store: LabStore, options: { keepHash?: boolean } = {}): void {
  const run = () => {
    if (openShareLink(store, window.location.hash) && !options.keepHash) {
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

import type { Notice } from '../../i18n/notices';
import { sameData, scenarioChanged } from '../../scenarios/changed';
import { payloadOf, planApply } from '../../share/lab-share';
import { decodeShareHash, MAX_LISTED, type SharePayload } from '../../share/share-link';
import type { LabStore } from '../../store/create-lab-store';
import type { LabState } from '../../store/lab-state';

/** A refused link's notice replaces an earlier one: a second bad link does not stack a second message. */
function withRefusal(notices: readonly Notice[], refusal: Notice | null): Notice[] {
  const others = notices.filter((n) => n.kind !== 'share-link-refused');
  return refusal ? [refusal, ...others] : others;
}

/** Whether opening the link would replace work of the user's own: a scenario of theirs that the link does not hold. */
export function replacesOwnWork(state: LabState, payload: SharePayload): boolean {
  return scenarioChanged(state.presetId, state.scenario) && !sameData(state.scenario, payload.scenario);
}

/**
 * Shows a payload: its run is computed, then it is checked whole and applied in one store update, or refused with
 * a notice and nothing changed.
 */
export function applyPayload(store: LabStore, payload: SharePayload): void {
  store.getState().requestRun(payload.scenario, (s, run) => {
    const plan = planApply(payload, run);
    return plan.ok
      ? { ...plan.patch, notices: [], pendingLink: null }
      : { notices: withRefusal(s.notices, { kind: 'share-link-refused', reason: plan.reason, limit: plan.limit }) };
  });
}

/** The page's address without its hash. */
function pageAddress(): string {
  return window.location.pathname + window.location.search;
}

/** What this tab's history entries carry: the lab each one shows, so that Back and Forward move between them. */
interface LabEntry {
  eolLab: SharePayload;
}

function isLabEntry(state: unknown): state is LabEntry {
  return typeof state === 'object' && state !== null && typeof (state as { eolLab?: unknown }).eolLab === 'object';
}

/**
 * Opens a link and gives the browser's Back button a way home: the current entry remembers the lab as it was, and
 * the link gets an entry of its own (both without the link in the address, so that a reload shows saved work).
 */
export function openLink(store: LabStore, payload: SharePayload): void {
  try {
    window.history.replaceState({ eolLab: payloadOf(store.getState()) } satisfies LabEntry, '', pageAddress());
    window.history.pushState({ eolLab: payload } satisfies LabEntry, '', pageAddress());
  } catch {
    // Some embedded contexts forbid history changes: the link still opens, without a way Back.
  }
  // The prompt goes at once (the run may take a moment); the lab changes in one update when the run is ready.
  if (store.getState().pendingLink) store.setState({ pendingLink: null });
  applyPayload(store, payload);
}

/** The user keeps their work: the waiting link is dropped and leaves the address bar. */
export function keepWork(store: LabStore): void {
  store.setState({ pendingLink: null });
  try {
    window.history.replaceState(window.history.state, '', pageAddress());
  } catch {
    // The link stays in the address bar; nothing else changes.
  }
}

export interface LinkOptions {
  /**
   * For a page that saves nothing, such as an embedded lab: the link is applied as it is, the address and the
   * browser's history (shared with the page around the frame) are left alone.
   */
  keepHash?: boolean;
}

/**
 * Opens the share link in the address bar, if there is one (a hash that is not a share link, such as `#intro`, is
 * left alone). A broken link changes nothing but the notice. Over work of the user's own, the link waits for the
 * user to choose (`pendingLink`). Returns whether the hash held a share link.
 */
export function openShareLink(store: LabStore, hash: string, options: LinkOptions = {}): boolean {
  const decoded = decodeShareHash(hash);
  if (decoded.kind === 'none') return false;
  if (decoded.kind !== 'ok') {
    store.setState((s) => ({ notices: withRefusal(s.notices, { kind: 'share-link-refused', reason: decoded.reason, limit: MAX_LISTED }) }));
    if (options.keepHash) return true;
    try {
      window.history.replaceState(window.history.state, '', pageAddress());
    } catch {
      // The broken link stays in the address bar.
    }
    return true;
  }
  const payload = decoded.payload;
  if (options.keepHash) {
    // A page that keeps nothing (an embedded lab) has no work to lose and no history of its own to change.
    applyPayload(store, payload);
    return true;
  }
  if (replacesOwnWork(store.getState(), payload)) {
    store.setState((s) => ({ pendingLink: payload, notices: withRefusal(s.notices, null) }));
    return true;
  }
  openLink(store, payload);
  return true;
}

/**
 * Applies the address bar's link now and whenever the hash changes; Back and Forward return to the lab each entry
 * showed (the work before a link, the link).
 */
export function installShareLinkHandler(store: LabStore, options: LinkOptions = {}): void {
  const run = () => openShareLink(store, window.location.hash, options);
  run();
  window.addEventListener('hashchange', run);
  if (options.keepHash) return;
  window.addEventListener('popstate', (e: PopStateEvent) => {
    if (!isLabEntry(e.state)) return;
    if (store.getState().pendingLink) store.setState({ pendingLink: null });
    applyPayload(store, e.state.eolLab);
  });
}

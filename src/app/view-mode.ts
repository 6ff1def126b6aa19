import { useSyncExternalStore } from 'react';

/**
 * Which window this is, from the address bar (so that a reload keeps it):
 * - `main`: the lab as usual.
 * - `presenter`: the lab, driving an audience window (`?view=presenter`): it shows the speaker notes.
 * - `audience`: only the stage, following the presenter's window (`?view=audience`); never answers or notes.
 * - `embed`: only the stage with compact controls, for an iframe in slides (`?embed=1`), driven by postMessage.
 */
export type ViewMode = 'main' | 'presenter' | 'audience' | 'embed';

export function parseViewMode(search: string): ViewMode {
  const params = new URLSearchParams(search);
  if (params.get('embed') === '1') return 'embed';
  const view = params.get('view');
  return view === 'audience' || view === 'presenter' ? view : 'main';
}

let current: ViewMode | null = null;

/** This window's mode, read once from the address bar (`main` where there is none, as in unit tests). */
export function viewMode(): ViewMode {
  current ??= typeof window === 'undefined' || !window.location ? 'main' : parseViewMode(window.location.search);
  return current;
}

const listeners = new Set<() => void>();

/** Sets the mode (when this window starts driving an audience window, and in tests). */
export function setViewMode(mode: ViewMode): void {
  current = mode;
  for (const l of listeners) l();
}

/** This window's mode, re-rendering when it changes. */
export function useViewMode(): ViewMode {
  return useSyncExternalStore(subscribeViewMode, viewMode, viewMode);
}

function subscribeViewMode(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Only the stage is shown: the audience window and an embedded lab. */
export const stageOnly = (mode: ViewMode = viewMode()) => mode === 'audience' || mode === 'embed';

/** The page's address in another mode, keeping its other parameters (such as `lang`) and dropping any hash. */
export function urlForMode(href: string, mode: ViewMode): string {
  const url = new URL(href);
  url.hash = '';
  url.searchParams.delete('view');
  url.searchParams.delete('embed');
  if (mode === 'embed') url.searchParams.set('embed', '1');
  else if (mode !== 'main') url.searchParams.set('view', mode);
  return url.toString();
}

let followingHost = false;
const followingListeners = new Set<() => void>();

/** An audience window that hears its presenter's window: the host plays, this window only follows its cursor. */
export const isFollowingHost = () => followingHost;

export function setFollowingHost(on: boolean): void {
  if (followingHost === on) return;
  followingHost = on;
  for (const f of followingListeners) f();
}

/** For `useSyncExternalStore`: hears when the audience window finds or loses its presenter's window. */
export function subscribeFollowingHost(f: () => void): () => void {
  followingListeners.add(f);
  return () => void followingListeners.delete(f);
}

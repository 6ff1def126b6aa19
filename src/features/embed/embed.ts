import type { LabStore } from '../../store/create-lab-store';
import { openShareLink } from '../share/open-share-link';
import { applyEmbedMove, embedStateOf, linkHash, readEmbedCommand, sameEmbedState, type EmbedState } from './embed-protocol';

/** Where focus may stay after a click: fields the user is typing in or choosing from. */
const KEEPS_FOCUS = 'input:not([type="range"]):not([type="checkbox"]):not([type="radio"]), select, textarea';

/**
 * The embedded lab (`?embed=1`): obeys the embedding page's commands, posts its state to it on every change, and
 * hands keyboard focus back to it after a click, so that the slide deck's keys (reveal.js, Slidev) keep working.
 */
export function installEmbed(store: LabStore, host: Window = window.parent): () => void {
  const onMessage = (e: MessageEvent) => {
    // Only the embedding page drives the lab (or the page itself, when it is opened on its own).
    if (e.source !== host) return;
    const command = readEmbedCommand(e.data);
    if (!command) return;
    if (command.type === 'eol:load') {
      const hash = linkHash(command.link);
      if (!openShareLink(store, hash)) return;
      try {
        // The frame's address keeps the link: reloading it shows the same run.
        window.history.replaceState(null, '', window.location.pathname + window.location.search + hash);
      } catch {
        // Not allowed here: the run is shown all the same.
      }
      return;
    }
    applyEmbedMove(store.getState(), command, store.getState);
  };
  window.addEventListener('message', onMessage);

  let last: EmbedState | null = null;
  const post = () => {
    const s = store.getState();
    // While a run is computed its inputs are new and its trace old: the state is posted once the run is shown.
    if (s.runStatus.kind === 'running') return;
    const state = embedStateOf(s);
    if (last && sameEmbedState(state, last)) return;
    last = state;
    try {
      host.postMessage(state, '*');
    } catch {
      // The embedding page has gone.
    }
  };
  const unsubscribe = store.subscribe(post);
  post();

  // A click in the frame gives focus back to the deck; a keyboard user who tabbed in keeps it (e.detail is 0).
  const onClick = (e: MouseEvent) => {
    if (e.detail === 0 || host === window) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.matches(KEEPS_FOCUS)) return;
    if (active instanceof HTMLElement) active.blur();
    try {
      host.focus();
    } catch {
      // Not allowed: the frame keeps focus.
    }
  };
  const onChange = (e: Event) => {
    // The time slider, once dragged, hands focus back too.
    if (host !== window && e.target instanceof HTMLInputElement && e.target.type === 'range') onClick(new MouseEvent('click', { detail: 1 }));
  };
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  return () => {
    window.removeEventListener('message', onMessage);
    document.removeEventListener('click', onClick);
    document.removeEventListener('change', onChange);
    unsubscribe();
  };
}

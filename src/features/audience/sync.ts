import { markStep } from '../../store/step-cue';
import type { LabStore } from '../../store/create-lab-store';
import { clampCursor } from '../../store/simulate';
import { setFollowingHost } from '../../app/view-mode';
import { applyCommand, CHANNEL_NAME, followPlan, forwardingActions, placeOf, readSyncMessage, samePlace, type Place, type SyncMessage } from './sync-protocol';

/** The part of BroadcastChannel the sync uses (a test passes its own). */
export interface ChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export type OpenChannel = (name: string) => ChannelLike | null;

const openBroadcastChannel: OpenChannel = (name) => {
  try {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
  } catch {
    return null;
  }
};

const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

function listen(channel: ChannelLike, on: (message: SyncMessage) => void) {
  channel.onmessage = (e: MessageEvent) => {
    const message = readSyncMessage(e.data);
    if (message) on(message);
  };
}

function onPageHide(f: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  window.addEventListener('pagehide', f);
  return () => window.removeEventListener('pagehide', f);
}

/**
 * The presenter's window: sends its state whenever the audience sees a change, and when an audience window says
 * hello; applies the audience windows' commands. Returns a function that stops it.
 */
export function startHost(store: LabStore, open: OpenChannel = openBroadcastChannel): () => void {
  const channel = open(CHANNEL_NAME);
  if (!channel) return () => undefined;
  const me = newId();
  let last: Place | null = null;
  const send = (place: Place) => {
    last = place;
    channel.postMessage({ type: 'state', from: me, place });
  };
  listen(channel, (m) => {
    if (m.type === 'hello') send(placeOf(store.getState()));
    else if (m.type === 'command') applyCommand(store.getState(), m.command);
  });
  const unsubscribe = store.subscribe((s) => {
    const place = placeOf(s);
    if (!last || !samePlace(place, last)) send(place);
  });
  send(placeOf(store.getState()));
  const stop = () => {
    unsubscribe();
    removePageHide();
    try {
      channel.postMessage({ type: 'bye', from: me });
    } catch {
      // Already closed.
    }
    channel.close();
  };
  const removePageHide = onPageHide(() => channel.postMessage({ type: 'bye', from: me }));
  return stop;
}

/**
 * An audience window: follows the host's state (re-running its scenario here rather than receiving the trace),
 * and sends what is done here to the host as commands. Until a host is heard from, or after it has gone, the
 * window works on its own. Returns a function that stops it.
 */
export function startFollower(store: LabStore, open: OpenChannel = openBroadcastChannel): () => void {
  const channel = open(CHANNEL_NAME);
  if (!channel) return () => undefined;
  const me = newId();
  let host: string | null = null;
  let latest: Place | null = null;
  const original = store.getState();
  store.setState(forwardingActions(original, (command) => channel.postMessage({ type: 'command', from: me, command }), () => host !== null));
  const follow = (place: Place) => {
    const s = store.getState();
    const plan = followPlan(s, place);
    if (!plan) return;
    if (plan.run) s.requestRun(plan.run, (_state, run) => ({ ...run, cursor: clampCursor(latest?.cursor ?? 0, run.trace) }), plan.patch);
    else {
      // The presenter stepped forward by one event: the room sees that step move here too.
      if (plan.patch.cursor === s.cursor + 1) markStep(plan.patch.cursor);
      store.setState(plan.patch);
    }
  };
  listen(channel, (m) => {
    if (m.type === 'bye') {
      if (m.from === host) {
        host = null;
        setFollowingHost(false);
        store.setState({ playing: false });
      }
      return;
    }
    if (m.type !== 'state') return;
    host = m.from;
    setFollowingHost(true);
    latest = m.place;
    follow(m.place);
  });
  channel.postMessage({ type: 'hello', from: me });
  return () => {
    setFollowingHost(false);
    channel.close();
  };
}

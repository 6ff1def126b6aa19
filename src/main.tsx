/// <reference types="vite/client" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { StageApp } from './app/stage-app';
import { viewMode } from './app/view-mode';
import { installTestHooks } from './app/test-hooks';
import { HTML_LANG, isLanguageLoaded, loadLanguage, parseLang } from './i18n/lang';
import { loadChecker } from './store/derived';
import { installShareLinkHandler } from './features/share/open-share-link';
import { startHosting } from './features/presenter/audience-button';
import { makeLabStore } from './store/lab-store';
import { LabStoreProvider } from './store/lab-store-context';
import { createBrowserSimClient } from './worker/browser-sim';
import './styles/app.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Saved state to read but never write: the audience window shows the presenter's, and must not overwrite it. */
function readOnly(storage: Storage | null): Storage | null {
  if (!storage) return null;
  return {
    get length() {
      return storage.length;
    },
    key: (i: number) => storage.key(i),
    getItem: (key: string) => storage.getItem(key),
    setItem: () => undefined,
    removeItem: () => undefined,
    clear: () => undefined,
  };
}

// The audience window starts from the presenter's saved place (then follows the presenter's window); an embedded
// lab keeps nothing, so that several on one deck do not share one saved state.
const mode = viewMode();
const labStorage = mode === 'embed' ? null : mode === 'audience' ? readOnly(storage()) : storage();
// Simulations run in a worker, so that a long run never freezes the page.
const store = makeLabStore(labStorage, createBrowserSimClient());
window.addEventListener('pagehide', () => store.flush());
// The handle for browser tests and the benchmark exists only in the test build (`vite build --mode e2e`): the
// condition is a constant, so a production build drops the hook and its import.
if (import.meta.env.MODE === 'e2e') installTestHooks(store);
// An embedded lab keeps its link in its address, so that reloading the frame shows the same run.
installShareLinkHandler(store, { keepHash: mode === 'embed' });

// `?lang=zh` or `?lang=en` opens the lab in that language (over saved state and a share link's language).
const urlLang = parseLang(new URLSearchParams(window.location.search).get('lang'));
if (urlLang) store.getState().setLanguage(urlLang);
document.documentElement.lang = HTML_LANG[store.getState().language];

// The sync with audience windows and the embedding API load only in the windows that use them.
if (mode === 'audience') {
  store.getState().setTheme('projector');
  void import('./features/audience/sync').then((m) => m.startFollower(store));
} else if (mode === 'presenter') void startHosting(store);
else if (mode === 'embed') void import('./features/embed/embed').then((m) => m.installEmbed(store));

// Offline after the first visit: the hosted build caches itself (never in development or from file://).
if (import.meta.env.PROD && /^https?:$/.test(window.location.protocol) && 'serviceWorker' in navigator) {
  const manifest = document.createElement('link');
  manifest.rel = 'manifest';
  manifest.href = './manifest.webmanifest';
  document.head.append(manifest);
  // A new build's worker, its build cached whole, takes over once the old one has no request in flight. If it is
  // still waiting a moment later (a request came at the wrong time), it is asked once more to take over.
  const askToTakeOver = (registration: ServiceWorkerRegistration, worker: ServiceWorker | null) => {
    if (worker && registration.waiting === worker) worker.postMessage({ type: 'skip-waiting' });
  };
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').then(
      (registration) => {
        askToTakeOver(registration, registration.waiting);
        registration.addEventListener('updatefound', () => {
          const worker = registration.installing;
          worker?.addEventListener('statechange', () => {
            if (worker.state === 'installed') window.setTimeout(() => askToTakeOver(registration, worker), 1000);
          });
        });
      },
      () => {
        // Without a service worker the lab still works online.
      },
    );
  });
}

const root = document.getElementById('root');
const render = () => {
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <LabStoreProvider store={store}>
        {mode === 'audience' || mode === 'embed' ? <StageApp mode={mode} /> : <App />}
      </LabStoreProvider>
    </StrictMode>,
  );
};
// A language other than English loads its words first (one small file), so that the first screen is in it.
const initialLang = store.getState().language;
if (isLanguageLoaded(initialLang)) render();
else void loadLanguage(initialLang).finally(render);
// The page's own checker is only a fallback (the worker sends every verdict with its run): loaded after the first page.
void loadChecker();

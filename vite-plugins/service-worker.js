/* Exactly-Once Lab service worker: the lab works offline after one visit, and keeps working across deploys.

   PRECACHE is written in front of this code at build time: every file of the build with its SHA-256, and the
   build's version. So every build has its own service worker and its own cache, and:
   - a build is cached whole or not at all: every file is fetched and checked (status, content type, hash) before
     anything is stored; one wrong answer (a file of another build, an HTML page where a script should be, an
     error) fails the install, and the previous build stays in charge with its own complete cache;
   - a new build takes over only once its cache is complete, and then as soon as the browser lets it: Chromium hands
     over only when the old worker has no request in flight, after stopping it, and a request that arrives while it
     is being stopped starts it again, after which the hand-over waits until the old worker has been idle for 30 s
     (for ever, for a page that keeps asking). So the build's own files are also served straight from its cache while
     its worker is not running (static routes: no request starts the old worker), a page that sees a new worker
     waiting asks it once more to take over, and a request that goes to the network is given up after
     NETWORK_TIMEOUT_MS, so that a request that is never answered cannot hold the old worker forever;
   - nothing is stored at run time: only files checked against the build's list are ever in a cache;
   - old caches are removed when a new build takes over. The one build before it is kept, so a page that was
     opened before the switch can still load its own scripts (the statechart view is loaded when first opened). */
/* global PRECACHE */
const PREFIX = 'exactly-once-lab-';
const CACHE = PREFIX + PRECACHE.version;
/** Which build was in charge last, kept apart from the builds' caches (the name does not start with PREFIX). */
const STATE = 'exactly-once-lab:state';
const SCOPE = self.registration.scope;
const PAGE = new URL('./', SCOPE).href;
/** Stored last in a build's cache: without it the cache is not complete and is never used. */
const COMPLETE = new URL('./.precache-complete', SCOPE).href;
const ACTIVE = new URL('./.active-build', SCOPE).href;
const PREVIOUS = new URL('./.previous-build', SCOPE).href;
/** How long a request the cache cannot answer may wait for the network. */
const NETWORK_TIMEOUT_MS = 15000;

/** The content types a file of each kind must have to be usable (a module script with another type is refused). */
function contentTypeFits(url, contentType) {
  const type = contentType.toLowerCase();
  if (url === PAGE || url.endsWith('.html')) return type.startsWith('text/html');
  if (/\.m?js$/.test(url)) return /^(text|application)\/javascript\b/.test(type);
  if (url.endsWith('.css')) return type.startsWith('text/css');
  return !type.startsWith('text/html');
}

async function sha256Hex(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One file of the build, fetched afresh and checked; throws, naming the file, if it is not exactly that file. */
async function fetchChecked(entry) {
  const url = new URL(entry.url, SCOPE).href;
  const res = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
  if (!res.ok || res.type !== 'basic' || res.redirected) throw new Error(`${url}: HTTP ${res.status}${res.redirected ? ' (redirected)' : ''}`);
  const contentType = res.headers.get('content-type') ?? '';
  if (!contentTypeFits(url, contentType)) throw new Error(`${url}: content type ${contentType || 'missing'}`);
  const body = await res.arrayBuffer();
  if ((await sha256Hex(body)) !== entry.sha256) throw new Error(`${url}: not the file of build ${PRECACHE.version}`);
  return [url, new Response(body, { status: 200, headers: { 'Content-Type': contentType } })];
}

async function cacheBuild() {
  const cache = await caches.open(CACHE);
  // Already complete: this build was in charge before (a rollback) and its cache was kept.
  if (await cache.match(COMPLETE)) return;
  try {
    const files = await Promise.all(PRECACHE.files.map(fetchChecked));
    await Promise.all(files.map(([url, res]) => cache.put(url, res)));
    await cache.put(COMPLETE, new Response(PRECACHE.version));
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

/**
 * Static routes (where the browser has them): while this worker is not running (stopped when idle, or being stopped
 * to hand over to a new build), a page's request for one of the build's files is answered from the build's cache by
 * the browser itself, without starting the worker. Navigations still come to the worker (a page's address may carry
 * a query). A browser that refuses the routes simply starts the worker, as without them.
 */
async function addRoutes(event) {
  if (typeof event.addRoutes !== 'function' || typeof URLPattern !== 'function') return;
  const rules = [];
  for (const entry of PRECACHE.files) {
    const pathname = new URL(entry.url, SCOPE).pathname;
    for (const requestMode of ['cors', 'no-cors', 'same-origin']) {
      rules.push({ condition: { urlPattern: new URLPattern({ pathname }), requestMode, runningStatus: 'not-running' }, source: { cacheName: CACHE } });
    }
  }
  try {
    await event.addRoutes(rules);
  } catch {
    // Without routes, every request starts the worker.
  }
}

self.addEventListener('install', (event) => {
  // A failed install leaves the service worker in charge, and its cache, as they were.
  event.waitUntil(addRoutes(event).then(cacheBuild).then(() => self.skipWaiting()));
});

// A page that sees this worker waiting asks it again to take over, and the browser tries the hand-over once more.
// Only a worker whose install succeeded (its build cached whole) ever takes over, however early this is asked.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') event.waitUntil(self.skipWaiting());
});

async function takeOver() {
  const state = await caches.open(STATE);
  const read = async (key) => (await (await state.match(key))?.text()) ?? null;
  const active = await read(ACTIVE);
  const previous = active !== null && active !== PRECACHE.version ? active : await read(PREVIOUS);
  await state.put(ACTIVE, new Response(PRECACHE.version));
  if (previous !== null) await state.put(PREVIOUS, new Response(previous));
  const keep = new Set([CACHE, PREFIX + previous]);
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && !keep.has(n)).map((n) => caches.delete(n)));
  await self.clients.claim();
}

self.addEventListener('activate', (event) => {
  event.waitUntil(takeOver());
});

/** The page is visited at the scope's address, with any query (a language, a share link): one document. */
function isPage(request) {
  if (request.mode !== 'navigate') return false;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  return url.href === PAGE || url.href === new URL('./index.html', SCOPE).href;
}

async function answer(request) {
  const page = isPage(request);
  const key = page ? PAGE : request.url;
  // Module scripts ask with an Origin header and the cached copies were fetched without one: ignore Vary.
  const own = await (await caches.open(CACHE)).match(key, { ignoreSearch: page, ignoreVary: true });
  if (own) return own;
  // A page opened before this build took over asks for its own build's files (content-hashed names).
  if (!page) {
    const older = await caches.match(key, { ignoreVary: true });
    if (older) return older;
  }
  return fetchWithTimeout(request);
}

/** The network's answer, or a network error after NETWORK_TIMEOUT_MS. */
function fetchWithTimeout(request) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TypeError(`no answer from the network in ${NETWORK_TIMEOUT_MS} ms`)), NETWORK_TIMEOUT_MS);
  });
  return Promise.race([fetch(request), timeout]).finally(() => clearTimeout(timer));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(answer(request));
});

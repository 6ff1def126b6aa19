/* Exactly-Once Lab service worker: cache-first for same-origin GETs so the lab works offline after one visit.
   Bump VERSION when this file's caching rules change; new builds refresh the page itself in the background. */
const VERSION = 'v3';
const CACHE = `exactly-once-lab-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = new URL('./', self.registration.scope).href;
      const res = await fetch(page, { cache: 'no-cache' });
      if (!res.ok) return;
      const html = await res.clone().text();
      await cache.put(page, res);
      // The page's own scripts, styles and icon, so the first offline load has everything.
      const urls = [...html.matchAll(/(?:src|href)="([^"#]+)"/g)]
        .map((m) => new URL(m[1], page))
        .filter((u) => u.origin === self.location.origin)
        .map((u) => u.href);
      urls.push(new URL('./manifest.webmanifest', page).href);
      await cache.addAll([...new Set(urls)]);
      // What the scripts load later: the simulation's worker, and chunks loaded with import() (the statechart view
      // and its layout engine), so they work offline even if they were never used online. Followed transitively.
      const seen = new Set(urls);
      const queue = urls.filter((u) => u.endsWith('.js'));
      while (queue.length > 0) {
        const url = queue.shift();
        const res = await cache.match(url);
        if (!res) continue;
        const js = await res.text();
        const found = [
          ...[...js.matchAll(/[`'"](?:\.\/)?([\w.-]*worker[\w.-]*\.js)[`'"]/g)].map((m) => new URL(m[1], url).href),
          ...[...js.matchAll(/import\(\s*[`'"](\.\.?\/[^`'"]+\.js)[`'"]\s*\)/g)].map((m) => new URL(m[1], url).href),
        ].filter((u) => new URL(u).origin === self.location.origin && !seen.has(u));
        for (const u of found) seen.add(u);
        // Found by reading code, so a name may be a false match (a library naming its own optional worker file):
        // each is cached on its own, and one that is not there does not stop the install.
        const cached = await Promise.all(found.map((u) => cache.add(u).then(() => u, () => null)));
        queue.push(...cached.filter((u) => u !== null));
      }
    })().then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('exactly-once-lab-') && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const navigation = req.mode === 'navigate';
  // Every address of the page (with a query or a share link) is the same document.
  const key = navigation ? new URL('./', self.registration.scope).href : req.url;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Module scripts ask with an Origin header; the cached copies were fetched without one.
      const cached = await cache.match(key, { ignoreSearch: navigation, ignoreVary: true });
      const network = fetch(req)
        .then((res) => {
          if (res.ok && res.type === 'basic') void cache.put(key, res.clone());
          return res;
        })
        .catch(() => undefined);
      if (cached) {
        // The page refreshes itself in the background so a new build is picked up on the next visit.
        if (navigation) event.waitUntil(network);
        return cached;
      }
      const res = await network;
      return res ?? new Response('Offline, and this file was not cached yet.', { status: 503, headers: { 'Content-Type': 'text/plain' } });
    })(),
  );
});

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
};

/** Which file answers a path (`/assets/x.js`), or null when there is none. */
export type Files = (path: string) => string | null;

/** The files of one directory, as a static host serves a deployed build. */
export function directory(dir: string): Files {
  return (path) => {
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    return file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile() ? file : null;
  };
}

/**
 * A tiny static host on a free port of its own, for deploying builds one after the other at the same origin. Like
 * many single-page-app hosts, it answers an unknown path with the page (200, text/html), not with 404. `down`
 * drops every connection, as a host that cannot be reached.
 */
export async function startSite() {
  let files: Files = () => null;
  let down = false;
  const server: Server = createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://site').pathname);
    const file = files(path) ?? files('/');
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    deploy(next: Files) {
      files = next;
    },
    setDown(value: boolean) {
      down = value;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/** One file of a build: its address relative to the page, and the SHA-256 (hex) of its bytes. */
export interface PrecacheEntry {
  url: string;
  sha256: string;
}

/** Every file a build serves, and the build's version: a hash of all of them, so any change makes a new version. */
export interface PrecacheManifest {
  version: string;
  files: PrecacheEntry[];
}

/** The service worker's own file is not part of what it caches. */
export const SERVICE_WORKER_FILE = 'sw.js';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The manifest of a built directory. The page (`index.html`) is listed as `./`, the address it is visited at. */
export function precacheManifest(dir: string): PrecacheManifest {
  const files = filesUnder(dir)
    .map((path) => relative(dir, path).split(sep).join('/'))
    .filter((name) => name !== SERVICE_WORKER_FILE && !name.endsWith('.map'))
    .sort()
    .map((name) => ({ url: name === 'index.html' ? './' : `./${name}`, sha256: sha256(readFileSync(join(dir, name))) }));
  if (!files.some((f) => f.url === './')) throw new Error(`precache: ${dir} has no index.html`);
  const version = sha256(files.map((f) => `${f.url} ${f.sha256}\n`).join('')).slice(0, 16);
  return { version, files };
}

/** The service worker of a build: its manifest, then the worker's code (which reads `PRECACHE`). */
export function serviceWorkerSource(manifest: PrecacheManifest, code: string): string {
  return `const PRECACHE = ${JSON.stringify(manifest)};\n${code}`;
}

/**
 * Writes the service worker once the whole build is on disk (public files included), with the list of every file
 * and its hash built in: a new build is a new service worker, and it caches exactly the files of its own build.
 */
export function precachePlugin(): Plugin {
  let outDir = '';
  return {
    name: 'precache-manifest',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const code = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
        writeFileSync(join(outDir, SERVICE_WORKER_FILE), serviceWorkerSource(precacheManifest(outDir), code));
      },
    },
  };
}

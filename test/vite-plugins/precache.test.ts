import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { precacheManifest, serviceWorkerSource } from '../../vite-plugins/precache';

const dirs: string[] = [];
function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'precache-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const files = { 'index.html': '<html></html>', 'assets/index-1.js': 'run()', 'assets/index-1.css': 'b{}', 'favicon.svg': '<svg/>' };

describe('precache manifest', () => {
  it('lists every file of the build with its hash, the page at its own address, and not the service worker', () => {
    const m = precacheManifest(build({ ...files, 'sw.js': 'old', 'assets/index-1.js.map': '{}' }));
    expect(m.files).toEqual([
      { url: './assets/index-1.css', sha256: sha256('b{}') },
      { url: './assets/index-1.js', sha256: sha256('run()') },
      { url: './favicon.svg', sha256: sha256('<svg/>') },
      { url: './', sha256: sha256('<html></html>') },
    ]);
  });

  it('gives the same build the same version, and a build that differs in any file another one', () => {
    const a = precacheManifest(build(files)).version;
    expect(precacheManifest(build(files)).version).toBe(a);
    expect(precacheManifest(build({ ...files, 'favicon.svg': '<svg></svg>' })).version).not.toBe(a);
    expect(precacheManifest(build({ ...files, 'assets/more.js': '' })).version).not.toBe(a);
  });

  it('refuses a directory without a page', () => {
    expect(() => precacheManifest(build({ 'assets/a.js': '' }))).toThrow(/no index\.html/);
  });

  it('writes the manifest in front of the service worker', () => {
    const m = precacheManifest(build(files));
    const source = serviceWorkerSource(m, 'self.x = PRECACHE.version;');
    const scope: { PRECACHE?: unknown; x?: string } = {};
    new Function('self', `${source}\nself.PRECACHE = PRECACHE;`)(scope);
    expect(scope.PRECACHE).toEqual(m);
    expect(scope.x).toBe(m.version);
  });
});

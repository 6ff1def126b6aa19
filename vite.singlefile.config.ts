import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { cspPlugin } from './vite-plugins/csp.ts';

/** The icon as a data URL: from file:// nothing beside the page may be fetched. */
function inlineFavicon(): Plugin {
  return {
    name: 'inline-favicon',
    transformIndexHtml(html) {
      const svg = readFileSync(new URL('./public/favicon.svg', import.meta.url), 'utf8');
      return html.replace('href="./favicon.svg"', `href="data:image/svg+xml,${encodeURIComponent(svg)}"`);
    },
  };
}

/** One self-contained index.html that runs from file:// with no network (offline workshops). */
export default defineConfig({
  // The policy comes last: it allows the inlined scripts and styles by their hashes.
  plugins: [react(), inlineFavicon(), viteSingleFile(), cspPlugin('single-file')],
  base: './',
  resolve: {
    // From file:// a page may not start a worker from a second file: the simulation worker is inlined.
    alias: [{ find: /^\.\/sim\.worker\?worker$/, replacement: './sim.worker?worker&inline' }],
  },
  build: {
    outDir: 'dist-single',
    emptyOutDir: true,
    sourcemap: false,
    // The service worker and other public files are for the hosted build; the single file needs none of them.
    copyPublicDir: false,
  },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';

/** One self-contained index.html that runs from file:// with no network (offline workshops). */
export default defineConfig({
  plugins: [react(), viteSingleFile()],
  base: './',
  build: {
    outDir: 'dist-single',
    emptyOutDir: true,
    sourcemap: false,
    // The service worker and other public files are for the hosted build; the single file needs none of them.
    copyPublicDir: false,
  },
});

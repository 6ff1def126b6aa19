/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { cspPlugin } from './vite-plugins/csp.ts';
import { precachePlugin } from './vite-plugins/precache.ts';

/**
 * LAB_BUILD_ID=… writes a build id into every script, so two builds of the same sources differ as two releases do
 * (the offline test deploys one after the other). Without it, nothing is added.
 */
function buildId(id: string | undefined): Plugin[] {
  if (!id) return [];
  return [{ name: 'build-id', renderChunk: (code) => `/*! build ${id.replace(/\*\//g, '')} */\n${code}` }];
}

export default defineConfig(({ mode }) => ({
  // The page gets its Content-Security-Policy, and the service worker the list of every file of the build.
  plugins: [react(), cspPlugin('hosted'), precachePlugin(), ...buildId(process.env.LAB_BUILD_ID)],
  worker: { plugins: () => buildId(process.env.LAB_BUILD_ID) },
  base: './',
  build: {
    // The test build (`--mode e2e`, with the test handle) never overwrites the production build.
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    setupFiles: ['test/setup.ts'],
  },
}));

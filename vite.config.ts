/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspPlugin } from './vite-plugins/csp.ts';

export default defineConfig(({ mode }) => ({
  // The page gets its Content-Security-Policy.
  plugins: [react(), cspPlugin('hosted')],
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
  },
}));

/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig(({ mode }) => ({
  plugins: [react()],
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

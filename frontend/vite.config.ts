/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Go server (flowdeck serve) answers /api and /artifact; in dev we proxy
// to it when FLOWDECK_API is set, otherwise use ?mock=1.
const api = process.env.FLOWDECK_API;

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: api ? { proxy: { '/api': api, '/artifact': api } } : {},
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});

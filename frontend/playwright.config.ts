import { defineConfig } from '@playwright/test';

// The port is chosen once in the main process; workers inherit the env.
process.env.FLOWDECK_E2E_PORT ??= String(20000 + (process.pid % 20000));
const baseURL = process.env.FLOWDECK_E2E_BASEURL ?? `http://127.0.0.1:${process.env.FLOWDECK_E2E_PORT}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: {
      // Never download browsers: use the system chromium.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
});

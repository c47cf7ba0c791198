import { defineConfig } from '@playwright/test';

/**
 * The e2e stack runs on its own ports and data directory so it never touches a developer's `npm start`. E2E_PORT and
 * E2E_ANVIL_PORT move it elsewhere (several stacks on one machine).
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ANVIL_PORT = Number(process.env.E2E_ANVIL_PORT ?? 8645);
/** The stack's oracle nodes listen on this port and the next two. */
export const E2E_ORACLE_NODE_BASE_PORT = E2E_PORT + 10;
const E2E_DATA_DIR = E2E_PORT === 3100 ? '.data/e2e' : `.data/e2e-${E2E_PORT}`;

export { E2E_DATA_DIR };

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // One worker: every test shares one chain.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && exec node --import tsx scripts/start.ts`,
    env: {
      PORT: String(E2E_PORT),
      ANVIL_PORT: String(E2E_ANVIL_PORT),
      DATA_DIR: E2E_DATA_DIR,
      LOG_LEVEL: 'warn',
      // The e2e stack must not collide with a developer's `npm start` on the default metrics port.
      INDEXER_METRICS_PORT: '0',
      // A short demo history keeps the stack's start well inside the timeout; its services get e2e ports too.
      DEMO_HISTORY_DAYS: process.env.E2E_DEMO_HISTORY_DAYS ?? '2',
      ORACLE_NODE_BASE_PORT: String(E2E_ORACLE_NODE_BASE_PORT),
      DEMO_SIMULATOR_PORT: String(E2E_PORT + 13),
    },
    url: `http://localhost:${E2E_PORT}`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});

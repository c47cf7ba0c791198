/**
 * Retakes the dashboard screenshots of the README and docs/dashboard.md (docs/screenshots/*.png) from a running stack:
 *
 *   npm start                  # a demo history of 8 days or more: the first weekly deposit must be streaming
 *   npm run screenshots        # in another terminal
 *
 * BASE_URL is the dashboard (default http://localhost:3000), RPC_URL the chain the injected test wallet forwards to
 * (default the stack's anvil, http://127.0.0.1:ANVIL_PORT), CHROMIUM_PATH the browser (default /usr/bin/chromium),
 * SCREENSHOTS_DIR where the files go (default docs/screenshots). The portfolio is the first demo investor's and the
 * operator page the first demo operator's, both through the e2e tests' injected wallet (anvil signs for them).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { devAccount, devRoles } from '../devnet/accounts';
import { installWallet } from '../tests/e2e/support/wallet';

const baseUrl = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const rpcUrl = process.env.RPC_URL ?? `http://127.0.0.1:${process.env.ANVIL_PORT ?? 8545}`;
const outDir = resolve(process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
const VIEWPORT = { width: 1280, height: 720 };
/** How long a page may take to show what a shot needs (a cold page, the first chain reads). */
const READY_MS = 30_000;

type Shot = {
  file: string;
  path: string | (() => Promise<string>);
  locale?: string;
  /** The dev account whose wallet the page connects. */
  wallet?: number;
  /** What must be on the page before the shot. */
  ready?: (page: Page) => Promise<void>;
};

async function hydrated(page: Page) {
  await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      return main !== null && Object.keys(main).some((key) => key.startsWith('__reactFiber'));
    },
    undefined,
    { timeout: READY_MS },
  );
}

async function connect(page: Page) {
  await page.getByRole('button', { name: 'Connect Test Wallet' }).click({ timeout: READY_MS });
}

/** A busy hour of the first cluster (an idle or dark epoch could hold no sample). */
async function busyEpochPath() {
  const response = await fetch(`${baseUrl}/api/v1/reports?cluster=1&limit=50`);
  if (!response.ok) throw new Error(`GET /api/v1/reports answered ${response.status}`);
  const { reports } = (await response.json()) as { reports: { epoch: string; utilizationBps: number }[] };
  const busy = reports.find((report) => report.utilizationBps > 0);
  if (!busy) throw new Error('cluster 1 has no busy epoch yet: is the demo history replayed?');
  return `/analytics/epochs/1/${busy.epoch}`;
}

const shots: Shot[] = [
  { file: 'overview.png', path: '/' },
  { file: 'market.png', path: '/clusters' },
  { file: 'passport.png', path: '/clusters/1' },
  {
    file: 'portfolio-claimable.png',
    path: '/portfolio',
    wallet: devRoles.investors[0],
    async ready(page) {
      await connect(page);
      const claimable = page.getByTestId('holding-claimable').first();
      await claimable.waitFor({ timeout: READY_MS });
      if ((await claimable.getAttribute('data-value')) === '0') {
        console.warn('portfolio: nothing claimable yet (a history under 8 days has no deposit): shot taken anyway');
      }
    },
  },
  { file: 'analytics.png', path: '/analytics' },
  {
    file: 'epoch-export.png',
    path: busyEpochPath,
    ready: (page) => page.getByTestId('epoch-sample-count').waitFor({ timeout: READY_MS }),
  },
  {
    file: 'operator.png',
    path: '/operator',
    wallet: devRoles.operators[0],
    async ready(page) {
      await connect(page);
      await page.getByRole('button', { name: 'Sign in with Ethereum' }).click({ timeout: READY_MS });
      await page.getByTestId('signed-in-as').waitFor({ timeout: READY_MS });
    },
  },
  { file: 'passport-zh-CN.png', path: '/clusters/1', locale: 'zh-CN' },
];

async function take(browser: Browser, shot: Shot) {
  // A context per shot: the language and the wallet of one page do not leak into the next.
  const context = await browser.newContext({ viewport: VIEWPORT, locale: shot.locale ?? 'en-US' });
  try {
    const page = await context.newPage();
    if (shot.wallet !== undefined) {
      // tsx compiles with keepNames: the wallet's init function, serialized into the page, calls esbuild's __name.
      await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
      await installWallet(page, devAccount(shot.wallet).address, { rpcUrl });
    }
    const path = typeof shot.path === 'string' ? shot.path : await shot.path();
    const response = await page.goto(`${baseUrl}${path}`, { timeout: READY_MS });
    if (!response?.ok()) throw new Error(`GET ${path} answered ${response?.status()}`);
    await hydrated(page);
    await shot.ready?.(page);
    // Charts and the per-second counters settle.
    await page.waitForLoadState('networkidle', { timeout: READY_MS }).catch(() => undefined);
    const file = resolve(outDir, shot.file);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${shot.file}: ${path}`);
  } finally {
    await context.close();
  }
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const failed: string[] = [];
  try {
    for (const shot of shots) {
      try {
        await take(browser, shot);
      } catch (error) {
        failed.push(shot.file);
        console.error(`${shot.file}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    await browser.close();
  }
  if (failed.length > 0) {
    console.error(`${failed.length} of ${shots.length} screenshots failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

await main();

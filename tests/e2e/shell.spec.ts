import { expect, test } from '@playwright/test';
import { openOffering } from './support/chain';
import { expectAccessible, fullPageShot, waitForHydration, watchPageErrors } from './support/page';
import { installWallet, TEST_ACCOUNTS } from './support/wallet';

const XSS_NAME = '<img src=x onerror=alert(1)>';
let clusterId: bigint;

test.beforeAll(async () => {
  // Operator #1 lists a cluster whose on-chain strings are an HTML injection attempt.
  ({ clusterId } = await openOffering(1, { gpuModel: XSS_NAME, name: XSS_NAME, location: 'KR-SEL-01' }));
});

test('every page renders with navigation, passes axe and keeps the CSP', async ({ page }, testInfo) => {
  const problems = watchPageErrors(page);
  await installWallet(page, TEST_ACCOUNTS[4]!);
  const pages = [
    ['/', 'Own a share of a GPU cluster', 'overview'],
    ['/status', 'Network status', 'status-page'],
    ['/clusters', 'Market', 'market'],
    [`/clusters/${clusterId}`, `Cluster #${clusterId}`, 'passport'],
    ['/portfolio', 'Portfolio', 'portfolio'],
    ['/operator', 'Operator', 'operator'],
    ['/analytics', 'Analytics', 'analytics'],
  ] as const;
  for (const [path, heading, name] of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveCount(6);
    // Every page links the developer's status page from its footer.
    await expect(page.getByRole('contentinfo').getByRole('link', { name: /Network status/ })).toHaveAttribute(
      'href',
      '/status',
    );
    await expectAccessible(page);
    await fullPageShot(page, testInfo, name);
  }
  expect(problems).toEqual([]);
});

test('a page shared between visitors carries a nonce of its own and still runs its scripts', async ({
  page,
  request,
}) => {
  const nonceOf = (headers: Record<string, string>) =>
    headers['content-security-policy']?.match(/'nonce-([^']+)'/)?.[1];
  const first = await request.get('/clusters?sort=sold');
  const second = await request.get('/clusters?sort=sold');
  expect(second.headers()['x-cache']).toMatch(/^(HIT|STALE)$/);
  const [firstNonce, secondNonce] = [nonceOf(first.headers()), nonceOf(second.headers())];
  expect(secondNonce).toBeTruthy();
  expect(secondNonce).not.toBe(firstNonce);
  const html = await second.text();
  expect(html).toContain(`nonce="${secondNonce}"`);
  expect(html).not.toContain(firstNonce!);

  // A browser given a shared copy hydrates it: a sort link then navigates without reloading the page.
  const problems = watchPageErrors(page);
  // The browser's language and the cookie wagmi writes once hydrated make its copies variants of their own.
  for (let visit = 0; visit < 2; visit++) {
    await page.goto('/clusters?sort=sold');
    await waitForHydration(page);
  }
  const response = await page.goto('/clusters?sort=sold');
  expect(response?.headers()['x-cache']).toMatch(/^(HIT|STALE)$/);
  await waitForHydration(page);
  await page.evaluate(() => {
    (window as unknown as { stayedLoaded: boolean }).stayedLoaded = true;
  });
  await page.getByTestId('sort-price').click();
  await expect(page).toHaveURL(/sort=price/);
  expect(await page.evaluate(() => (window as unknown as { stayedLoaded?: boolean }).stayedLoaded)).toBe(true);
  expect(problems).toEqual([]);
});

test('the skip link moves keyboard focus to the content', async ({ page }) => {
  await page.goto('/clusters');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('on-chain strings render as inert text', async ({ page }, testInfo) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto(`/clusters/${clusterId}`);
  await expect(page.getByTestId('cluster-model')).toHaveText(XSS_NAME);
  await expect(page.getByTestId('token-name')).toContainText(XSS_NAME);
  await page.goto('/clusters');
  await expect(page.getByTestId(`cluster-row-${clusterId}`)).toContainText(XSS_NAME);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
  await fullPageShot(page, testInfo, 'xss-inert');
});

test('unknown addresses and ids are 404, malformed ids 400, with a readable page', async ({ page }, testInfo) => {
  const unknownRoute = await page.goto('/no-such-page');
  expect(unknownRoute?.status()).toBe(404);
  await expect(page.getByTestId('error-page')).toContainText('Not found');
  const unknownCluster = await page.goto('/clusters/999999');
  expect(unknownCluster?.status()).toBe(404);
  await expect(page.getByTestId('error-page')).toContainText('Cluster #999999 does not exist.');
  await fullPageShot(page, testInfo, 'not-found');
  const malformed = await page.goto('/clusters/abc');
  expect(malformed?.status()).toBe(400);
  await expect(page.getByTestId('error-page')).toContainText('Bad request');
  await expect(page.getByTestId('error-page')).toContainText('Invalid id:');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/at \w+ \(|node_modules/);
  await fullPageShot(page, testInfo, 'bad-request');
});

test('cross-site posts to actions are refused and change nothing', async ({ page, baseURL }) => {
  const foreign = await page.request.post('/language', {
    headers: { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    form: { language: 'zh-CN', redirectTo: '/' },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toEqual({
    error: { code: 'cross_site', message: 'Cross-site requests are not allowed.' },
  });
  expect(foreign.headers()['set-cookie']).toBeUndefined();
  // A forged same-origin header does not help: the browser's Sec-Fetch-Site still says cross-site.
  const spoofed = await page.request.post('/language', {
    headers: { Origin: baseURL!, 'Sec-Fetch-Site': 'cross-site' },
    form: { language: 'zh-CN', redirectTo: '/' },
    maxRedirects: 0,
  });
  expect(spoofed.status()).toBe(403);
  expect(spoofed.headers()['set-cookie']).toBeUndefined();
  await page.goto('/clusters');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the language switch shows Chinese text and locale-formatted numbers and dates', async ({ page }, testInfo) => {
  await page.goto(`/clusters/${clusterId}`);
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`集群 #${clusterId}`);
  await expect(page.getByRole('link', { name: '市场' })).toBeVisible();
  // Dates follow the Chinese pattern (年/月/日), numbers Intl's zh-CN grouping.
  await expect(page.getByText(/\d{4}年\d{1,2}月\d{1,2}日/).first()).toBeVisible();
  await expect(page.getByTestId('offering-raised')).toHaveText(
    `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(0)} tUSD`,
  );
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'passport-zh-CN');
  // Error pages say what went wrong in Chinese too, down to the reason a parameter was refused.
  expect((await page.goto('/clusters/999999'))?.status()).toBe(404);
  await expect(page.getByTestId('error-page')).toContainText('集群 #999999 不存在。');
  expect((await page.goto('/clusters?sort=color'))?.status()).toBe(400);
  await expect(page.getByTestId('error-page')).toContainText('参数 sort 无效：');
  await expect(page.getByTestId('error-page')).not.toContainText('Invalid');
  // The cookie keeps the choice on the next page; switching back restores English.
  await page.goto('/portfolio');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('投资组合');
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('button', { name: '切换' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portfolio');
});

/**
 * How a spec connects a wallet, as a newcomer would: choose the account before the first page load, then connect from
 * a page that shows the wallet's connect button. Every new spec uses these two, so the way a wallet is provided can
 * change in one place.
 */
import type { Page } from '@playwright/test';
import { installWallet } from './wallet';

/** Picks the account the page's wallet will connect (call before the first `page.goto`). */
export async function chooseWallet(page: Page, account: string) {
  await installWallet(page, account);
}

/** Connects the chosen account from the page on screen. */
export async function connectWallet(page: Page) {
  await page.getByRole('button', { name: 'Connect Test Wallet' }).first().click();
}

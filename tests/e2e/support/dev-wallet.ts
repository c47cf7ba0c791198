/**
 * How a spec connects a wallet, as a newcomer would: through the dashboard's built-in development wallet (local chain
 * only, app/lib/dev-wallet.ts), with no extension installed. Choose the account before the first page load, then
 * connect from a page that shows the wallet menu. Every spec uses these two, so the way a wallet is provided can change
 * in one place (installWallet in ./wallet.ts stays for a spec that needs a special wallet: no typed-data signing, an
 * unreachable RPC).
 */
import { expect, type Page } from '@playwright/test';
import { DEV_WALLET_STORAGE } from '../../../app/lib/dev-wallet';
import { wallet } from '../../../app/locales/en/wallet';
import { waitForHydration } from './page';

const CONNECT = wallet.devWallet.connect;

/**
 * Picks the account the development wallet will connect (call before the first `page.goto`). Every full page load
 * starts disconnected, as with a wallet that forgets the site on reload: the specs connect after each load, so
 * connectWallet always finds the menu rather than racing the wallet's own reconnect (wallet.spec.ts tests that).
 */
export async function chooseWallet(page: Page, account: string) {
  await page.addInitScript(
    ({ keys, account }) => {
      try {
        window.localStorage.setItem(keys.account, account);
        window.localStorage.removeItem(keys.connected);
      } catch {
        // about:blank and other opaque origins have no storage; the app's own pages do.
      }
    },
    { keys: DEV_WALLET_STORAGE, account },
  );
}

/** Connects the chosen account from the page on screen: picks "Connect the development wallet" in the wallet menu. */
export async function connectWallet(page: Page) {
  const button = page.getByRole('button', { name: CONNECT });
  // A click on the server-rendered button before React owns it would do nothing.
  await waitForHydration(page);
  await button.first().click();
  await expect(button).toHaveCount(0);
}

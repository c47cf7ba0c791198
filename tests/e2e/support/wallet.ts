/**
 * A test wallet: an EIP-1193 provider injected into the page (announced through EIP-6963 and as window.ethereum)
 * that forwards every request to anvil, which signs for its unlocked dev accounts. The app keeps its real injected
 * connector; only the wallet extension is replaced.
 */
import type { Page } from '@playwright/test';
import { devAccount, devRoles } from '../../../devnet/accounts';
import { E2E_ANVIL_PORT } from '../../../playwright.config';

export const ANVIL_RPC_URL = `http://127.0.0.1:${E2E_ANVIL_PORT}`;

/** Dev accounts that the demo never touches, reserved for end-to-end tests (see devnet/accounts.ts). */
export const TEST_ACCOUNTS = devRoles.testWallets.map((index) => devAccount(index).address);

/**
 * `signsTypedData: false` makes it a wallet that cannot sign EIP-712 data (as some hardware and smart-contract
 * wallets): eth_signTypedData_v4 answers EIP-1193's 4200 "unsupported method".
 */
export async function installWallet(
  page: Page,
  account: string,
  options: { rpcUrl?: string; signsTypedData?: boolean } = {},
) {
  const { rpcUrl = ANVIL_RPC_URL, signsTypedData = true } = options;
  await page.addInitScript(
    ({ account, rpcUrl, signsTypedData }) => {
      const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
      let connected = false;
      let id = 0;
      async function rpc(method: string, params: unknown) {
        const response = await fetch(rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params ?? [] }),
        });
        const body = await response.json();
        if (body.error)
          throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
        return body.result;
      }
      const provider = {
        isRackshareTestWallet: true,
        async request({ method, params }: { method: string; params?: unknown }) {
          switch (method) {
            case 'eth_requestAccounts':
              connected = true;
              for (const listener of listeners.get('connect') ?? [])
                listener({ chainId: await rpc('eth_chainId', []) });
              return [account];
            case 'eth_accounts':
              return connected ? [account] : [];
            case 'wallet_switchEthereumChain':
            case 'wallet_addEthereumChain':
            case 'wallet_watchAsset':
              return null;
            case 'wallet_requestPermissions':
              connected = true;
              return [{ parentCapability: 'eth_accounts' }];
            case 'wallet_revokePermissions':
              connected = false;
              return null;
            case 'eth_signTypedData_v4':
              if (!signsTypedData)
                throw Object.assign(new Error('The wallet does not support eth_signTypedData_v4'), { code: 4200 });
              return rpc(method, params);
            default:
              return rpc(method, params);
          }
        },
        on(event: string, listener: (...args: unknown[]) => void) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
        },
        removeListener(event: string, listener: (...args: unknown[]) => void) {
          listeners.get(event)?.delete(listener);
        },
      };
      const info = {
        uuid: '3b8c3a52-8a1e-4d5e-9a57-rackshare-e2e',
        name: 'Test Wallet',
        icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
        rdns: 'org.rackshare.testwallet',
      };
      const announce = () =>
        window.dispatchEvent(
          new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }),
        );
      window.addEventListener('eip6963:requestProvider', announce);
      announce();
      (window as unknown as { ethereum: unknown }).ethereum = provider;
    },
    { account, rpcUrl, signsTypedData },
  );
}

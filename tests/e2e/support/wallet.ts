/**
 * A test wallet: an EIP-1193 provider injected into the page (announced through EIP-6963 and as window.ethereum)
 * that forwards every request to anvil, which signs for its unlocked dev accounts. The app keeps its real injected
 * connector; only the wallet extension is replaced.
 */
import type { Page } from '@playwright/test';
import { E2E_ANVIL_PORT } from '../../../playwright.config';

export const ANVIL_RPC_URL = `http://127.0.0.1:${E2E_ANVIL_PORT}`;

/** anvil dev accounts #1..#4 (account #0 deploys and operates the protocol). */
export const TEST_ACCOUNTS = [
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
] as const;

export async function installWallet(page: Page, account: string, rpcUrl = ANVIL_RPC_URL) {
  await page.addInitScript(
    ({ account, rpcUrl }) => {
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
    { account, rpcUrl },
  );
}

/**
 * The development wallet's EIP-1193 provider. It holds no keys: account requests are answered here, the public
 * read-only methods go to the local RPC (forwarded), and anvil signs for its own unlocked dev accounts
 * (eth_sendTransaction, eth_signTypedData_v4, personal_sign), each only for the selected account; anything else is
 * refused. Why forward instead of signing in the browser with the mnemonic: the bundle
 * carries no key derivation (a PBKDF2 run per account) and no keys, the signatures are anvil's own, and pointed at
 * any RPC that does not hold these accounts unlocked it simply cannot sign — a second guard behind the chain check
 * (devWalletAvailable).
 */
import { type Address, getAddress, type Hex, isAddressEqual, numberToHex } from 'viem';
import { withGasHeadroom } from '#protocol/chain';
import { DEV_WALLET_STORAGE, devWalletAccount, type KeyValueStorage, storedDevAccount } from '~/lib/dev-wallet';

type Listener = (...args: unknown[]) => void;
type RequestArguments = { method: string; params?: unknown };

/** EIP-1193 / EIP-1474 codes a dapp understands. */
const UNAUTHORIZED = 4100;
const UNSUPPORTED = 4200;
const UNRECOGNIZED_CHAIN = 4902;
const INVALID_PARAMS = -32602;
const METHOD_NOT_FOUND = -32601;

/**
 * Whether a method the wallet does not answer itself may reach the RPC: the public, read-only `eth_`, `net_` and
 * `web3_` methods a dapp's wallet client sends (chain id, nonce, gas and fee estimates, eth_call, receipts,
 * eth_fillTransaction) and eth_sendRawTransaction (already signed). Anvil signs for every one of its unlocked dev
 * accounts, so eth_sign, eth_signTransaction, eth_signTypedData (v1, v3), eth_sendUnsignedTransaction and
 * wallet_sendTransaction would sign for an account other than the selected one, and its anvil_, evm_ and hardhat_
 * methods would rewrite the chain (balances, time, impersonation): none of them is forwarded.
 */
export function forwardedToRpc(method: string): boolean {
  if (method === 'eth_sendRawTransaction') return true;
  if (method.startsWith('eth_')) return !/^eth_(sign|send)/.test(method);
  return method.startsWith('net_') || method.startsWith('web3_');
}

function providerError(code: number, message: string, data?: unknown) {
  return Object.assign(new Error(message), { code, data });
}

export type DevWalletProvider = ReturnType<typeof createDevWalletProvider>;

export function createDevWalletProvider(options: {
  rpcUrl: string;
  chainId: number;
  storage?: KeyValueStorage;
  fetch?: typeof fetch;
}) {
  const { rpcUrl, chainId, storage } = options;
  const send = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const listeners = new Map<string, Set<Listener>>();
  let account: Address = storedDevAccount(storage);
  let connected = storage?.getItem(DEV_WALLET_STORAGE.connected) === 'true';
  let id = 0;

  function emit(event: string, ...args: unknown[]) {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  }

  function setConnected(value: boolean) {
    connected = value;
    if (value) storage?.setItem(DEV_WALLET_STORAGE.connected, 'true');
    else storage?.removeItem(DEV_WALLET_STORAGE.connected);
  }

  async function forward(method: string, params: unknown) {
    const response = await send(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params ?? [] }),
    });
    const body = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    if (body.error) throw providerError(body.error.code, body.error.message, body.error.data);
    return body.result;
  }

  /** Signing is only for the account the newcomer picked, and only while connected (as any wallet would). */
  function requireSigner(address: unknown) {
    if (!connected) throw providerError(UNAUTHORIZED, 'The development wallet is not connected');
    if (typeof address !== 'string' || !isAddressEqual(address as Address, account))
      throw providerError(UNAUTHORIZED, `The development wallet signs only for its selected account ${account}`);
  }

  async function request({ method, params }: RequestArguments): Promise<unknown> {
    const list = Array.isArray(params) ? params : [];
    switch (method) {
      case 'eth_chainId':
        return numberToHex(chainId);
      case 'eth_requestAccounts':
        setConnected(true);
        emit('connect', { chainId: numberToHex(chainId) });
        return [account];
      case 'eth_accounts':
        return connected ? [account] : [];
      case 'wallet_requestPermissions':
        setConnected(true);
        return [
          { parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [account] }] },
        ];
      case 'wallet_revokePermissions':
        setConnected(false);
        return null;
      case 'wallet_switchEthereumChain': {
        const wanted = (list[0] as { chainId?: Hex } | undefined)?.chainId;
        if (wanted && Number(wanted) === chainId) return null;
        throw providerError(UNRECOGNIZED_CHAIN, `The development wallet only knows the local chain (${chainId})`);
      }
      case 'wallet_addEthereumChain':
      case 'eth_sign':
        throw providerError(UNSUPPORTED, `The development wallet does not support ${method}`);
      case 'wallet_watchAsset':
        // Nothing to track: the wallet menu reads balances from the chain itself.
        return true;
      case 'eth_sendTransaction': {
        const transaction = list[0] as { from?: string; gas?: string } | undefined;
        if (!transaction) throw providerError(INVALID_PARAMS, 'eth_sendTransaction needs a transaction');
        requireSigner(transaction.from ?? account);
        const request = { ...transaction, from: account };
        // As a wallet does, the node's estimate with headroom (withGasHeadroom says why).
        if (request.gas === undefined) {
          const estimate = BigInt((await forward('eth_estimateGas', [request])) as Hex);
          request.gas = numberToHex(withGasHeadroom(estimate));
        }
        return forward(method, [request]);
      }
      case 'eth_signTypedData_v4':
        requireSigner(list[0]);
        return forward(method, list);
      case 'personal_sign':
        requireSigner(list[1]);
        return forward(method, list);
      default:
        // -32601 as the RPC itself answers an unknown method: viem then falls back or gives up with the first error.
        if (!forwardedToRpc(method))
          throw providerError(METHOD_NOT_FOUND, `The development wallet does not support ${method}`);
        return forward(method, params);
    }
  }

  return {
    isRackshareDevWallet: true as const,
    request,
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
    get account(): Address {
      return account;
    },
    get connected(): boolean {
      return connected;
    },
    /** The role switcher: remember the account and tell the dapp (wagmi follows `accountsChanged`). */
    selectAccount(address: string) {
      const known = devWalletAccount(address);
      if (!known) throw providerError(INVALID_PARAMS, `${address} is not an account of the development wallet`);
      account = getAddress(known.address);
      storage?.setItem(DEV_WALLET_STORAGE.account, account);
      if (connected) emit('accountsChanged', [account]);
    },
  };
}

import { createWalletClient, custom } from 'viem';
import { describe, expect, it } from 'vitest';
import { DEV_ADDRESSES, devRoles, LOCAL_CHAIN_ID } from '#contracts/dev-keys';
import { chainFor } from '#protocol/chain';
import { DEFAULT_DEV_ACCOUNT, DEV_WALLET_STORAGE } from '~/lib/dev-wallet';
import { createDevWalletProvider } from '~/lib/dev-wallet-provider';

const operator = DEV_ADDRESSES[devRoles.operators[0]]!;

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

/** A stand-in for anvil: records what reached the RPC and answers each call with its method's name. */
function fakeRpc(error?: { code: number; message: string; data?: string }) {
  const calls: { method: string; params: unknown }[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    const { id, method, params } = JSON.parse(String(init.body));
    calls.push({ method, params });
    // A gas estimate is a number; every other call answers its method's name.
    const result = method === 'eth_estimateGas' ? '0x5208' : method;
    return new Response(JSON.stringify(error ? { jsonrpc: '2.0', id, error } : { jsonrpc: '2.0', id, result }));
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

function wallet(storage = memoryStorage(), rpc = fakeRpc()) {
  const provider = createDevWalletProvider({
    rpcUrl: 'http://anvil',
    chainId: LOCAL_CHAIN_ID,
    storage,
    fetch: rpc.fetch,
  });
  return { provider, storage, rpc };
}

describe('the development wallet provider', () => {
  it('shows no account until connected, then the first investor', async () => {
    const { provider, rpc } = wallet();
    expect(await provider.request({ method: 'eth_accounts' })).toEqual([]);
    expect(await provider.request({ method: 'eth_requestAccounts' })).toEqual([DEFAULT_DEV_ACCOUNT]);
    expect(await provider.request({ method: 'eth_accounts' })).toEqual([DEFAULT_DEV_ACCOUNT]);
    expect(await provider.request({ method: 'eth_chainId' })).toBe('0x7a69');
    expect(rpc.calls).toEqual([]);
  });

  it('switching account emits accountsChanged and survives a reload (a new provider over the same storage)', async () => {
    const { provider, storage } = wallet();
    const changes: unknown[] = [];
    provider.on('accountsChanged', (accounts) => changes.push(accounts));
    await provider.request({ method: 'eth_requestAccounts' });
    provider.selectAccount(operator.toLowerCase());
    expect(changes).toEqual([[operator]]);

    const reloaded = wallet(storage).provider;
    expect(reloaded.connected).toBe(true);
    expect(await reloaded.request({ method: 'eth_accounts' })).toEqual([operator]);

    await reloaded.request({ method: 'wallet_revokePermissions' });
    expect(storage.map.has(DEV_WALLET_STORAGE.connected)).toBe(false);
    expect(await wallet(storage).provider.request({ method: 'eth_accounts' })).toEqual([]);
  });

  it('refuses an account it does not hold', () => {
    const { provider } = wallet();
    expect(() => provider.selectAccount(DEV_ADDRESSES[devRoles.oracleNodes[0]]!)).toThrow(/not an account/);
    expect(provider.account).toBe(DEFAULT_DEV_ACCOUNT);
  });

  it('forwards a transaction from the selected account to the RPC, which signs it', async () => {
    const { provider, rpc } = wallet();
    await provider.request({ method: 'eth_requestAccounts' });
    const hash = await provider.request({ method: 'eth_sendTransaction', params: [{ to: operator, value: '0x1' }] });
    expect(hash).toBe('eth_sendTransaction');
    // Without a gas limit, the node's estimate (21,000) and a quarter more, as a wallet pads it.
    expect(rpc.calls).toEqual([
      { method: 'eth_estimateGas', params: [{ to: operator, value: '0x1', from: DEFAULT_DEV_ACCOUNT }] },
      {
        method: 'eth_sendTransaction',
        params: [{ to: operator, value: '0x1', from: DEFAULT_DEV_ACCOUNT, gas: '0x668a' }],
      },
    ]);
  });

  it('never signs for another account, nor before it is connected', async () => {
    const { provider, rpc } = wallet();
    const typed = { method: 'eth_signTypedData_v4', params: [DEFAULT_DEV_ACCOUNT, '{}'] };
    await expect(provider.request(typed)).rejects.toMatchObject({ code: 4100 });
    await provider.request({ method: 'eth_requestAccounts' });
    await expect(
      provider.request({ method: 'eth_sendTransaction', params: [{ from: operator, to: operator }] }),
    ).rejects.toMatchObject({ code: 4100 });
    await expect(provider.request({ method: 'personal_sign', params: ['0x00', operator] })).rejects.toMatchObject({
      code: 4100,
    });
    expect(rpc.calls).toEqual([]);
    expect(await provider.request(typed)).toBe('eth_signTypedData_v4');
  });

  it('forwards the public read methods a wallet client sends, and a transaction it did not sign itself', async () => {
    const { provider, rpc } = wallet();
    const reads = [
      ['eth_blockNumber', []],
      ['eth_call', [{ to: operator, data: '0x' }, 'latest']],
      ['eth_estimateGas', [{ from: operator, to: operator }]],
      ['eth_getTransactionCount', [DEFAULT_DEV_ACCOUNT, 'pending']],
      ['eth_fillTransaction', [{ from: DEFAULT_DEV_ACCOUNT, to: operator }]],
      ['eth_getTransactionReceipt', ['0x01']],
      ['eth_sendRawTransaction', ['0x02']],
      ['net_version', []],
      ['web3_clientVersion', []],
    ] as const;
    for (const [method, params] of reads) {
      expect(await provider.request({ method, params })).toBe(method === 'eth_estimateGas' ? '0x5208' : method);
    }
    expect(rpc.calls).toEqual(reads.map(([method, params]) => ({ method, params })));
  });

  it('forwards nothing that would make anvil sign for another account or rewrite the chain', async () => {
    const { provider, rpc } = wallet();
    await provider.request({ method: 'eth_requestAccounts' });
    const refused = [
      ['eth_signTransaction', [{ from: operator, to: operator }]],
      ['eth_signTypedData', [operator, '{}']],
      ['eth_signTypedData_v3', [operator, '{}']],
      ['eth_sendUnsignedTransaction', [{ from: operator, to: operator }]],
      ['wallet_sendTransaction', [{ from: operator, to: operator }]],
      ['anvil_impersonateAccount', [operator]],
      ['anvil_setBalance', [DEFAULT_DEV_ACCOUNT, '0xffff']],
      ['hardhat_setBalance', [DEFAULT_DEV_ACCOUNT, '0xffff']],
      ['evm_increaseTime', [3_600]],
      ['evm_revert', ['0x1']],
      ['personal_unlockAccount', [operator, '']],
      ['debug_traceTransaction', ['0x01']],
    ] as const;
    for (const [method, params] of refused)
      await expect(provider.request({ method, params }), method).rejects.toMatchObject({ code: -32601 });
    expect(rpc.calls).toEqual([]);
  });

  it('lets viem show the RPC’s own refusal of a transaction, without a wallet_sendTransaction retry', async () => {
    const refusal = { code: -32000, message: 'insufficient funds for gas * price + value' };
    const rpc = fakeRpc(refusal);
    const { provider } = wallet(memoryStorage(), rpc);
    await provider.request({ method: 'eth_requestAccounts' });
    const client = createWalletClient({
      account: DEFAULT_DEV_ACCOUNT,
      chain: chainFor(LOCAL_CHAIN_ID, 'http://anvil', 'Anvil'),
      transport: custom(provider, { retryCount: 0 }),
    });
    await expect(
      client.sendTransaction({
        to: operator,
        value: 1n,
        gas: 21_000n,
        maxFeePerGas: 1n,
        maxPriorityFeePerGas: 1n,
        nonce: 0,
      }),
    ).rejects.toThrow(/insufficient funds/);
    expect(rpc.calls.map((call) => call.method)).toEqual(['eth_sendTransaction']);
  });

  it('knows only the local chain', async () => {
    const { provider } = wallet();
    expect(
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x7a69' }] }),
    ).toBeNull();
    await expect(
      provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] }),
    ).rejects.toMatchObject({ code: 4902 });
  });

  it('passes the RPC’s error through with its code and revert data (the app decodes the contract’s reason)', async () => {
    const revert = { code: 3, message: 'execution reverted', data: '0x08c379a0' };
    const { provider } = wallet(memoryStorage(), fakeRpc(revert));
    await expect(provider.request({ method: 'eth_estimateGas', params: [{}] })).rejects.toMatchObject(revert);
  });
});

/** The demo's dev-account wallets and the wait for its transactions. */
import {
  type Account,
  type Chain,
  createNonceManager,
  createWalletClient,
  type Hash,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { jsonRpc } from 'viem/nonce';
import { BaseError } from '#protocol/base-error';
import { devPrivateKey } from '../devnet/accounts';
import { localChain } from '../devnet/chain';

export type Wallet = WalletClient<Transport, Chain, Account>;

/** The demo cannot go on on this chain (a transaction reverted, clusters it did not make): not retried. */
export class DemoError extends BaseError {
  override name = 'DemoError';
  constructor(shortMessage: string, parameters: { cause?: unknown } = {}) {
    super(shortMessage, { ...parameters, code: 'demo' });
  }
}

export type DemoWallets = (index: number) => Wallet;

/**
 * The dev accounts' wallets, with a nonce manager of their own: viem's shared one remembers the last nonce it gave out
 * for the whole process and would leave a gap after a chain that went back (a reverted snapshot), a transaction that
 * then never mines.
 */
export function demoWallets(rpcUrl: string): DemoWallets {
  const chain = localChain(rpcUrl);
  const nonces = createNonceManager({ source: jsonRpc() });
  const cache = new Map<number, Wallet>();
  return (index: number) => {
    let wallet = cache.get(index);
    if (!wallet) {
      wallet = createWalletClient({
        account: privateKeyToAccount(devPrivateKey(index), { nonceManager: nonces }),
        chain,
        transport: http(rpcUrl),
      });
      cache.set(index, wallet);
    }
    return wallet;
  };
}

export async function settle(publicClient: PublicClient, hashes: Hash[]) {
  const receipts = await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
  const failed = receipts.find((receipt) => receipt.status !== 'success');
  if (failed) throw new DemoError(`demo transaction ${failed.transactionHash} reverted`);
  return receipts;
}

/** The time of the chain's newest block (Unix s): the demo's clock. */
export const chainTime = async (publicClient: PublicClient) =>
  Number((await publicClient.getBlock({ blockTag: 'latest' })).timestamp);

/**
 * EIP-2612 permits for a fill (both the ShareToken and the stablecoin are ERC20Permit): the token's own domain
 * (ERC-5267 `eip712Domain()`) and nonce, signed by the wallet without gas, split into the market's Permit struct.
 */
import { type Address, BaseError, MethodNotSupportedRpcError, parseSignature } from 'viem';
import type { Config } from 'wagmi';
import { getBlock, readContract, signTypedData } from 'wagmi/actions';
import { testStablecoinAbi } from '#contracts';

/** A permit's lifetime from the chain's clock (a test chain may run ahead of wall time). */
const PERMIT_LIFETIME_SECONDS = 3_600n;

/** The market's `Permit` struct; `deadline == 0` means "no permit" (the market skips it). */
export type MarketPermit = { value: bigint; deadline: bigint; v: number; r: `0x${string}`; s: `0x${string}` };

export const NO_PERMIT: MarketPermit = {
  value: 0n,
  deadline: 0n,
  v: 0,
  r: `0x${'0'.repeat(64)}`,
  s: `0x${'0'.repeat(64)}`,
};

const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

/** True when the wallet says it cannot sign typed data (so approve → fill is the way). */
export function isUnsupportedSigning(error: unknown) {
  if (error instanceof BaseError && error.walk((inner) => inner instanceof MethodNotSupportedRpcError)) return true;
  const code =
    (error as { code?: number; cause?: { code?: number } }).code ??
    (error as { cause?: { code?: number } }).cause?.code;
  return code === 4200 || code === -32601;
}

/** Signs `owner`'s permit for `spender` to move `value` of `token` (only the ERC-2612 views are read). */
export async function signPermit(
  config: Config,
  token: Address,
  owner: Address,
  spender: Address,
  value: bigint,
): Promise<MarketPermit> {
  // The ERC20Permit views are the same on both tokens: the stablecoin's ABI names them.
  const [nonce, domain, head] = await Promise.all([
    readContract(config, { address: token, abi: testStablecoinAbi, functionName: 'nonces', args: [owner] }),
    readContract(config, { address: token, abi: testStablecoinAbi, functionName: 'eip712Domain' }),
    getBlock(config),
  ]);
  const deadline = head.timestamp + PERMIT_LIFETIME_SECONDS;
  const signature = await signTypedData(config, {
    account: owner,
    domain: { name: domain[1], version: domain[2], chainId: domain[3], verifyingContract: domain[4] },
    types: PERMIT_TYPES,
    primaryType: 'Permit',
    message: { owner, spender, value, nonce, deadline },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { value, deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}

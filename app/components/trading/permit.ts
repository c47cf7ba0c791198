/**
 * EIP-2612 permits for a fill (both the ShareToken and the stablecoin are ERC20Permit): the token's own domain
 * (ERC-5267 `eip712Domain()`) and nonce, signed by the wallet without gas (protocol/market.ts's permit typed data),
 * as the market's Permit argument.
 */
import { type Address, BaseError, MethodNotSupportedRpcError } from 'viem';
import type { Config } from 'wagmi';
import { getBlock, readContract, signTypedData } from 'wagmi/actions';
import { testStablecoinAbi } from '#contracts';
import { permitArgument, permitTypedData } from '#protocol/market';

/** A permit's lifetime from the chain's clock (a test chain may run ahead of wall time). */
const PERMIT_LIFETIME_SECONDS = 3_600n;

/** True when the wallet says it cannot sign typed data (so approve → fill is the way). */
export function isUnsupportedSigning(error: unknown) {
  if (error instanceof BaseError && error.walk((inner) => inner instanceof MethodNotSupportedRpcError)) return true;
  const code =
    (error as { code?: number; cause?: { code?: number } }).code ??
    (error as { cause?: { code?: number } }).cause?.code;
  return code === 4200 || code === -32601;
}

/** `owner`'s current permit nonce on `token` and the token's EIP-712 domain (ERC-5267), as a permit is signed. */
export async function readPermitTerms(config: Config, token: Address, owner: Address) {
  // The ERC20Permit views are the same on both tokens: the stablecoin's ABI names them.
  const [nonce, [, name, version, chainId, verifyingContract]] = await Promise.all([
    readContract(config, { address: token, abi: testStablecoinAbi, functionName: 'nonces', args: [owner] }),
    readContract(config, { address: token, abi: testStablecoinAbi, functionName: 'eip712Domain' }),
  ]);
  return { nonce, domain: { name, version, chainId: Number(chainId), verifyingContract } };
}

/** Signs `owner`'s permit for `spender` to move `value` of `token`; the market's `Permit` argument. */
export async function signPermit(config: Config, token: Address, owner: Address, spender: Address, value: bigint) {
  const [{ nonce, domain }, head] = await Promise.all([readPermitTerms(config, token, owner), getBlock(config)]);
  const deadline = head.timestamp + PERMIT_LIFETIME_SECONDS;
  const signature = await signTypedData(config, {
    account: owner,
    ...permitTypedData(domain, { owner, spender, value, nonce, deadline }),
  });
  return permitArgument(value, deadline, signature);
}

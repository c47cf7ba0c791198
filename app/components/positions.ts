/**
 * The portfolio's chain reads: every position of the visitor read from the chain once per resync, and a second clock
 * for the extrapolation in between (protocol/stream.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Address, PublicClient } from 'viem';
import { usePublicClient } from 'wagmi';
import { offeringAbi, shareTokenAbi } from '#contracts';

export type TokenRef = {
  address: Address;
  offering: Address;
  clusterId: string | bigint;
  symbol: string;
  name: string;
};
const RESYNC_MS = 15_000;

/** Reads every position of `account` from the chain once; the page extrapolates claimable revenue in between. */
export function usePositions<Token extends TokenRef>(
  account: Address | undefined,
  tokens: Token[],
  deployBlock: bigint | undefined,
) {
  const publicClient = usePublicClient();
  return useQuery({
    queryKey: ['positions', account, tokens.map((token) => token.address).join(',')],
    enabled: Boolean(account && publicClient),
    refetchInterval: RESYNC_MS,
    queryFn: () =>
      account && publicClient
        ? readPositions(publicClient, account, tokens, deployBlock)
        : { readAt: 0n, blockNumber: 0n, fetchedAt: Date.now(), positions: [] },
  });
}

/** The calls readPositions makes; a narrow type so a test can stand in for the client. */
export type PositionsClient = Pick<PublicClient, 'getBlock' | 'readContract' | 'getContractEvents'>;

/**
 * Every position of `account`, all read at ONE block: the head is read first and every contract read and event
 * query is pinned to its number (review M1). Read at "latest" instead, a block mined in between would count in
 * claimable (above the head the extrapolation starts from) and a Claim in between could count twice in earned
 * (once in the Claimed logs and once still in claimable).
 */
export async function readPositions<Token extends TokenRef>(
  publicClient: PositionsClient,
  account: Address,
  tokens: Token[],
  deployBlock: bigint | undefined,
) {
  const head = await publicClient.getBlock({ blockTag: 'latest' });
  const blockNumber = head.number;
  const fetchedAt = Date.now();
  const positions = await Promise.all(
    tokens.map(async (token) => {
      const tokenContract = { address: token.address, abi: shareTokenAbi, blockNumber } as const;
      const offeringContract = { address: token.offering, abi: offeringAbi, blockNumber } as const;
      const logs = { fromBlock: deployBlock, toBlock: blockNumber } as const;
      const [
        balance,
        claimable,
        stream,
        totalSupply,
        purchased,
        phase,
        escrowRevenue,
        claims,
        withdrawals,
        escrowClaims,
      ] = await Promise.all([
        publicClient.readContract({ ...tokenContract, functionName: 'balanceOf', args: [account] }),
        publicClient.readContract({ ...tokenContract, functionName: 'claimable', args: [account] }),
        publicClient.readContract({ ...tokenContract, functionName: 'stream' }),
        publicClient.readContract({ ...tokenContract, functionName: 'totalSupply' }),
        publicClient.readContract({ ...offeringContract, functionName: 'purchasedOf', args: [account] }),
        publicClient.readContract({ ...offeringContract, functionName: 'phase' }),
        publicClient.readContract({ ...offeringContract, functionName: 'escrowRevenueOf', args: [account] }),
        publicClient.getContractEvents({
          address: token.address,
          abi: shareTokenAbi,
          eventName: 'Claimed',
          args: { account },
          ...logs,
        }),
        publicClient.getContractEvents({
          address: token.offering,
          abi: offeringAbi,
          eventName: 'SharesWithdrawn',
          args: { buyer: account },
          ...logs,
        }),
        publicClient.getContractEvents({
          address: token.offering,
          abi: offeringAbi,
          eventName: 'EscrowRevenueClaimed',
          args: { buyer: account },
          ...logs,
        }),
      ]);
      const claimed =
        claims.reduce((sum, log) => sum + (log.args.amount ?? 0n), 0n) +
        withdrawals.reduce((sum, log) => sum + (log.args.revenue ?? 0n), 0n) +
        escrowClaims.reduce((sum, log) => sum + (log.args.amount ?? 0n), 0n);
      return {
        token,
        balance,
        escrowedShares: purchased[0],
        paid: purchased[1],
        phase,
        escrowRevenue,
        claimed,
        snapshot: {
          claimable,
          balance,
          totalSupply,
          ratePerSecond: stream.ratePerSecond,
          end: stream.end,
          readAt: head.timestamp,
        },
      };
    }),
  );
  return {
    readAt: head.timestamp,
    blockNumber,
    fetchedAt,
    positions: positions.filter(
      (position) =>
        position.balance > 0n ||
        position.escrowedShares > 0n ||
        position.snapshot.claimable > 0n ||
        position.claimed > 0n,
    ),
  };
}

/** A clock that ticks every second (chain seconds, extrapolated from the last read). */
export function useChainNow(readAt: bigint | undefined, fetchedAt: number | undefined) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  if (readAt === undefined || fetchedAt === undefined) return undefined;
  return readAt + BigInt(Math.max(0, Math.floor((now - fetchedAt) / 1_000)));
}

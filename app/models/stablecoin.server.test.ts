/**
 * The stablecoin's decimals come from its contract (review M2): read once per deployment, equal to the token's own
 * decimals() on a real chain, and whatever a configured coin says (2 here), never a hand-kept 6.
 */

import { erc20Abi } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChain, type TestChain } from '#db/fixtures.test-kit';
import type { ChainContext } from '~/load-context';
import { testPort } from '../../devnet/ports';
import { stablecoinDecimals } from './stablecoin.server';

describe('stablecoinDecimals', () => {
  let chain: TestChain;
  beforeAll(async () => {
    chain = await startTestChain(testPort(4263));
  });
  afterAll(async () => {
    await chain?.stop();
  });

  it('equals the deployed stablecoin decimals() on anvil (review M2)', async () => {
    const context = { chainId: 31_337, publicClient: chain.publicClient, deployment: chain.deployment };
    const onChain = await chain.publicClient.readContract({
      address: chain.deployment.contracts.stablecoin,
      abi: erc20Abi,
      functionName: 'decimals',
    });
    expect(await stablecoinDecimals(context as unknown as ChainContext)).toBe(onChain);
  });

  it('reads a 2-decimal coin as 2, once per deployment (review M2)', async () => {
    let reads = 0;
    const context = {
      chainId: 8_453,
      publicClient: {
        readContract: async (request: { functionName: string }) => {
          reads += 1;
          expect(request.functionName).toBe('decimals');
          return 2;
        },
      },
      deployment: { contracts: { stablecoin: '0x00000000000000000000000000000000000000d2' } },
    } as unknown as ChainContext;
    expect(await stablecoinDecimals(context)).toBe(2);
    expect(await stablecoinDecimals(context)).toBe(2);
    expect(reads).toBe(1);
  });
});

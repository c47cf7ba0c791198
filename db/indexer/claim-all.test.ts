/**
 * A claim through the factory's `claimAll` (the token's `claimFor`) emits the same Claimed event as `claim`: the mirror
 * must record it the same way, one row per token, with the holder as account and recipient.
 */
import { and, eq } from 'drizzle-orm';
import { parseEventLogs } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareTokenAbi } from '#contracts';
import { devAccount, devRoles } from '../../devnet/accounts';
import { protocolCalls } from '../../devnet/calls';
import { testPort } from '../../devnet/ports';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { catchUpMirror, runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import { claims } from '../schema';

let chain: TestChain;
let scenario: Awaited<ReturnType<typeof runScenario>>;

beforeAll(async () => {
  chain = await startTestChain(testPort(8889));
  scenario = await runScenario(chain);
}, 300_000);

afterAll(async () => {
  await chain?.stop();
});

describe.each(testDatabases)('claims through claimAll on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('mirrors each Claimed of a claimAll like a claim', async () => {
    const investor = devRoles.investors[1]!;
    const holder = devAccount(investor).address;
    // Each database's run claims on the same chain: a minute of streaming gives this run revenue of its own to claim.
    await chain.publicClient.request({ method: 'evm_increaseTime' as never, params: [60] as never });
    await chain.publicClient.request({ method: 'evm_mine' as never, params: [] as never });
    const owed = await chain.publicClient.readContract({
      address: scenario.sale.token,
      abi: shareTokenAbi,
      functionName: 'claimable',
      args: [holder],
    });
    expect(owed).toBeGreaterThan(0n);
    const receipt = await chain.send(investor, protocolCalls(chain.contracts).claimAll([scenario.sale.token]));
    const [claimed] = parseEventLogs({ abi: shareTokenAbi, logs: receipt.logs, eventName: 'Claimed' });
    expect(claimed?.args).toEqual({ account: holder, recipient: holder, amount: claimed!.args.amount });
    // The stream ran on between the read and the claim's block: the event pays at least what was owed before.
    expect(claimed!.args.amount).toBeGreaterThanOrEqual(owed);

    await catchUpMirror(chain, handle.db);
    const rows = await handle.db
      .select()
      .from(claims)
      .where(and(eq(claims.transactionHash, receipt.transactionHash)));
    expect(rows.map((row) => [row.token, row.account, row.recipient, row.amount, row.logIndex])).toEqual([
      [scenario.sale.token, holder, holder, claimed!.args.amount, claimed!.logIndex],
    ]);
  });
});

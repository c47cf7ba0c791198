import { type Address, zeroAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { catchUpMirror, startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { HANDOVER_LIST_LIMIT, handoversOfferedTo } from './handover.server';

const [operatorIndex] = devRoles.operators;
// Both databases mirror the one chain: each test leaves no offer to an account another test lists.
const [offeredIndex, otherIndex, acceptingIndex] = devRoles.testWallets;
const offered = devAccount(offeredIndex!).address;
const other = devAccount(otherIndex!).address;
const accepting = devAccount(acceptingIndex!).address;

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain(testPort(8830));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

const offer = (clusterId: bigint, to: Address) =>
  chain.send(operatorIndex!, {
    address: chain.contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: 'transferOperator',
    args: [clusterId, to],
  });

const register = (location: string) =>
  chain.registerCluster(operatorIndex!, { gpuModel: 'NVIDIA H100', gpuCount: 2, location });

const contextOf = (db: DatabaseHandle['db']) => ({
  db,
  chain: {
    chainId: 31_337,
    publicRpcUrl: chain.rpcUrl,
    publicClient: chain.publicClient,
    deployment: chain.deployment,
  },
});

describe.each(testDatabases)('hand-overs offered to an account on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('lists the offers the chain still holds, not one cancelled or accepted since the mirror’s last block', async () => {
    const [kept, cancelled, elsewhere] = [await register('NL-1'), await register('NL-2'), await register('NL-3')];
    await offer(kept, offered);
    await offer(cancelled, offered);
    await offer(elsewhere, accepting);
    await catchUpMirror(chain, handle.db);
    const context = contextOf(handle.db) as never;
    expect((await handoversOfferedTo(context, offered)).map((entry) => entry.id)).toEqual([cancelled, kept]);

    // The mirror has not seen these yet: the chain's answer wins.
    await offer(cancelled, zeroAddress);
    await chain.send(acceptingIndex!, {
      address: chain.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'acceptOperator',
      args: [elsewhere],
    });
    const offers = await handoversOfferedTo(context, offered);
    expect(offers).toEqual([
      {
        id: kept,
        operator: devAccount(operatorIndex!).address,
        status: 'Registered',
        gpuModel: 'NVIDIA H100',
        gpuCount: 2,
        location: 'NL-1',
      },
    ]);
    expect(await handoversOfferedTo(context, accepting)).toEqual([]);
    await offer(kept, zeroAddress);
  });

  it(`shows at most ${HANDOVER_LIST_LIMIT} offers, the newest clusters first`, async () => {
    const ids: bigint[] = [];
    for (let index = 0; index <= HANDOVER_LIST_LIMIT; index++) {
      const id = await register(`SPAM-${index}`);
      await offer(id, other);
      ids.push(id);
    }
    await catchUpMirror(chain, handle.db);
    const offers = await handoversOfferedTo(contextOf(handle.db) as never, other);
    expect(offers.map((entry) => entry.id)).toEqual(ids.reverse().slice(0, HANDOVER_LIST_LIMIT));
  });
});

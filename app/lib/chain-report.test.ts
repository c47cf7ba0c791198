/**
 * The epoch page reads the telemetry root from the chain itself (review M2). A viem public client on a mocked
 * transport answers eth_getLogs and eth_call; the test checks the request on the wire (registry address, the event's
 * topic and both indexed arguments, the block range) with topics it computes independently (keccak256 of the event
 * signature spelled out here, the arguments left-padded), and what the page is told for a matching root, a server
 * root that differs from the chain's, no log at all and an unreachable RPC.
 */
import {
  type Address,
  createPublicClient,
  custom,
  encodeAbiParameters,
  encodeFunctionResult,
  type Hex,
  keccak256,
  numberToHex,
  pad,
  toHex,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { expectedRootFromChain } from './chain-report';

const REGISTRY: Address = '0x00000000000000000000000000000000000000aa';
const CLUSTER = 7n;
const EPOCH = 1_700_003_600n;
const DEPLOY_BLOCK = 12n;
const CHAIN_ROOT = keccak256(toHex('chain root'));
const SERVER_ROOT_OTHER = keccak256(toHex('mirror root'));
const GPU_COUNT = 16;
const REPORT_SUBMITTED = keccak256(
  toHex('ReportSubmitted(uint256,uint64,uint64,uint16,uint32,uint256,bytes32,address)'),
);

type Request = { method: string; params: unknown[] };

function clientAnswering(logs: { root: Hex }[], options: { fail?: boolean; onlyInRange?: boolean } = {}) {
  const requests: Request[] = [];
  const transport = custom(
    {
      async request({ method, params }: Request) {
        requests.push({ method, params });
        if (options.fail) throw new Error('fetch failed: connect ECONNREFUSED');
        if (method === 'eth_chainId') return numberToHex(31_337);
        if (method === 'eth_getLogs') {
          // onlyInRange: the log is not in the block the server named, only in the full range.
          const [filter] = params as [{ toBlock: string }];
          if (options.onlyInRange && filter.toBlock !== 'latest') return [];
          return logs.map(({ root }, index) => ({
            address: REGISTRY,
            topics: [REPORT_SUBMITTED, pad(toHex(CLUSTER)), pad(toHex(EPOCH))],
            data: encodeAbiParameters(
              [
                { type: 'uint64' },
                { type: 'uint16' },
                { type: 'uint32' },
                { type: 'uint256' },
                { type: 'bytes32' },
                { type: 'address' },
              ],
              [1_000n, 5_000, GPU_COUNT, 10n ** 6n, root, REGISTRY],
            ),
            blockNumber: numberToHex(100n + BigInt(index)),
            blockHash: pad('0x01'),
            transactionHash: pad('0x02'),
            transactionIndex: '0x0',
            logIndex: numberToHex(index),
            removed: false,
          }));
        }
        if (method === 'eth_call') {
          return encodeFunctionResult({
            abi: clusterRegistryAbi,
            functionName: 'clusterOf',
            result: {
              operator: REGISTRY,
              pendingOperator: REGISTRY,
              status: 1,
              gpuModel: 'H100',
              location: 'here',
              hardwareRoot: CHAIN_ROOT,
              gpuCount: GPU_COUNT,
              metadataURI: '',
              metadataHash: CHAIN_ROOT,
              registeredAt: 1,
              attestedAt: 1,
              attestedUntil: 1,
              attestationNonce: 1,
              lastEpoch: EPOCH,
              lastReportAt: 1,
              suspended: false,
              retired: false,
            },
          });
        }
        throw new Error(`unexpected ${method}`);
      },
    },
    { retryCount: 0 },
  );
  return { client: createPublicClient({ transport }), requests };
}

const HINT_BLOCK = 140n;
const query = { registry: REGISTRY, clusterId: CLUSTER, epoch: EPOCH, fromBlock: DEPLOY_BLOCK, hintBlock: HINT_BLOCK };

describe('the epoch check reads its root from the chain (review M2)', () => {
  it('asks the registry for ReportSubmitted with both indexed arguments and checks against the chain root', async () => {
    const { client, requests } = clientAnswering([{ root: CHAIN_ROOT }]);
    const expected = await expectedRootFromChain(client, query, CHAIN_ROOT);
    expect(expected).toEqual({ root: CHAIN_ROOT, source: 'chain', gpuCount: GPU_COUNT, problems: [] });
    const getLogs = requests.filter((request) => request.method === 'eth_getLogs');
    // The block the server named first (public RPCs cap log ranges); the log found there, no second query.
    expect(getLogs.map((request) => request.params)).toEqual([
      [
        {
          address: REGISTRY,
          topics: [REPORT_SUBMITTED, pad(toHex(CLUSTER)), pad(toHex(EPOCH))],
          fromBlock: numberToHex(HINT_BLOCK),
          toBlock: numberToHex(HINT_BLOCK),
        },
      ],
    ]);
    const call = requests.find((request) => request.method === 'eth_call');
    expect(call?.params[0]).toMatchObject({ to: REGISTRY });
  });

  it("reports a server root that differs from the chain's, and checks against the chain's", async () => {
    const { client } = clientAnswering([{ root: CHAIN_ROOT }]);
    const expected = await expectedRootFromChain(client, query, SERVER_ROOT_OTHER);
    expect(expected.root).toBe(CHAIN_ROOT);
    expect(expected.source).toBe('chain');
    expect(expected.problems).toEqual([
      `the server's mirror states the root ${SERVER_ROOT_OTHER}, the chain's ReportSubmitted log ${CHAIN_ROOT}`,
    ]);
  });

  it('searches from the deployment block when the log is not in the block the server named', async () => {
    const { client, requests } = clientAnswering([{ root: CHAIN_ROOT }], { onlyInRange: true });
    const expected = await expectedRootFromChain(client, query, SERVER_ROOT_OTHER);
    expect(expected).toMatchObject({ root: CHAIN_ROOT, source: 'chain' });
    expect(expected.problems).toHaveLength(1);
    const ranges = requests
      .filter((request) => request.method === 'eth_getLogs')
      .map((request) => request.params[0] as { fromBlock: string; toBlock: string });
    expect(ranges).toMatchObject([
      { fromBlock: numberToHex(HINT_BLOCK), toBlock: numberToHex(HINT_BLOCK) },
      { fromBlock: numberToHex(DEPLOY_BLOCK), toBlock: 'latest' },
    ]);
  });

  it('reports an epoch the chain has no report for', async () => {
    const { client } = clientAnswering([]);
    const expected = await expectedRootFromChain(client, query, SERVER_ROOT_OTHER);
    expect(expected.source).toBe('server');
    expect(expected.problems).toEqual([
      `the chain has no ReportSubmitted log for cluster 7, epoch 1700003600; the server's root ${SERVER_ROOT_OTHER} is unconfirmed`,
    ]);
  });

  it("falls back to the server's root, labelled, when the RPC cannot be reached", async () => {
    const { client } = clientAnswering([], { fail: true });
    const expected = await expectedRootFromChain(client, query, SERVER_ROOT_OTHER);
    expect(expected).toMatchObject({ root: SERVER_ROOT_OTHER, source: 'server', problems: [] });
    expect(expected.unreachable).toBeTruthy();
    expect(expected.gpuCount).toBeUndefined();
    expect(await expectedRootFromChain(undefined, query, CHAIN_ROOT)).toEqual({
      root: CHAIN_ROOT,
      source: 'server',
      problems: [],
      unreachable: 'no public RPC is configured',
    });
  });
});

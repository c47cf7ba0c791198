/**
 * Clusters as the pages show them. Lists come from the indexer's mirror by an indexed column (the operator's own
 * clusters, never a global "newest 200" that spam registrations could fill); what the chain alone knows right now
 * (status at this block, a cluster or token the mirror has not seen yet, the sale's live figures) is read with one
 * multicall per page and block (chain-reads.server.ts), never an eth_call per cluster (review M-8).
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, asc, desc, eq, max } from 'drizzle-orm';
import { type Address, getAddress, isAddressEqual, zeroAddress } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi } from '#contracts';
import { clusters, shareTokens } from '#db/schema';
import {
  CLUSTER_STATUS_NAMES,
  type ClusterStatusName,
  clusterStatusName,
  offeringPhaseName,
} from '#protocol/status-names';
import { headBlock, multiread, perBlock } from './chain-reads.server';

const REGISTERED = CLUSTER_STATUS_NAMES.indexOf('Registered');
/** The most a ClusterInfo answer takes ABI-encoded: 20 words plus its strings (model 100, location 32, URI 512). */
const CLUSTER_INFO_BYTES = 1_600;
/** A token name or symbol, generously. */
const TEXT_ANSWER_BYTES = 320;
/** The most clusters one operator's list shows (newest first). */
export const OPERATOR_LIST_LIMIT = 200;
/** Registrations newer than the mirror that one view checks on chain (the indexer follows within seconds). */
const UNMIRRORED_TAIL = 8;
/** The most share tokens the portfolio looks up (each costs the visitor's browser a few reads). */
export const TOKEN_LIST_LIMIT = 500;

type Context = Pick<AppLoadContext, 'db' | 'chain'>;
type Chain = AppLoadContext['chain'];
export type TokenSummary = { address: Address; offering: Address; name: string; symbol: string };
type ClusterInfo = {
  operator: Address;
  status: number;
  gpuModel: string;
  gpuCount: number;
  location: string;
  hardwareRoot: `0x${string}`;
  metadataURI: string;
  metadataHash: `0x${string}`;
  registeredAt: number;
  attestedAt: number;
  attestedUntil: number;
  lastReportAt: number;
  lastEpoch: bigint;
};

const registryOf = (chain: Chain) => ({ address: chain.deployment.contracts.clusterRegistry, abi: clusterRegistryAbi });
const factoryOf = (chain: Chain) => ({ address: chain.deployment.contracts.factory, abi: rackshareFactoryAbi });

/** Tokens of `ids` that the mirror does not know yet, from the chain (tokenOf/offeringOf, then name/symbol). */
async function tokensFromChain(chain: Chain, ids: bigint[], blockNumber: bigint) {
  const found = new Map<bigint, TokenSummary>();
  if (ids.length === 0) return found;
  const factory = factoryOf(chain);
  const addresses = (await multiread(
    chain,
    ids.flatMap((id) => [
      { ...factory, functionName: 'tokenOf', args: [id] },
      { ...factory, functionName: 'offeringOf', args: [id] },
    ]),
    blockNumber,
  )) as Address[];
  const tokenized = ids.flatMap((id, index) =>
    addresses[2 * index] === zeroAddress
      ? []
      : [{ id, token: addresses[2 * index]!, offering: addresses[2 * index + 1]! }],
  );
  if (tokenized.length === 0) return found;
  const names = (await multiread(
    chain,
    tokenized.flatMap(({ token }) => [
      { address: token, abi: shareTokenAbi, functionName: 'name' },
      { address: token, abi: shareTokenAbi, functionName: 'symbol' },
    ]),
    blockNumber,
    TEXT_ANSWER_BYTES,
  )) as string[];
  tokenized.forEach(({ id, token, offering }, index) => {
    found.set(id, { address: token, offering, name: names[2 * index]!, symbol: names[2 * index + 1]! });
  });
  return found;
}

const operatorLists = perBlock<ClusterListItem[]>(256);

/**
 * The clusters of `operator`, newest first (at most OPERATOR_LIST_LIMIT): from the mirror by its operator index, with
 * the status as of the head block (it moves with time: Stale) read for all of them in one multicall, plus the
 * registrations of the last few blocks the mirror has not reached yet. Other operators' registrations, however
 * many, cost nothing here.
 */
export async function listOperatorClusters({ db, chain }: Context, operator: Address): Promise<ClusterListItem[]> {
  const owner = getAddress(operator);
  const head = await headBlock(chain);
  return operatorLists(chain.chainId, head.number, owner, async () => {
    const [rows, newest] = await Promise.all([
      db
        .select({
          id: clusters.clusterId,
          operator: clusters.operator,
          gpuModel: clusters.gpuModel,
          gpuCount: clusters.gpuCount,
          location: clusters.location,
          hardwareRoot: clusters.hardwareRoot,
          token: shareTokens.token,
          offering: shareTokens.offering,
          name: shareTokens.name,
          symbol: shareTokens.symbol,
        })
        .from(clusters)
        .leftJoin(
          shareTokens,
          and(eq(shareTokens.chainId, clusters.chainId), eq(shareTokens.clusterId, clusters.clusterId)),
        )
        .where(and(eq(clusters.chainId, chain.chainId), eq(clusters.operator, owner)))
        .orderBy(desc(clusters.clusterId))
        .limit(OPERATOR_LIST_LIMIT),
      db
        .select({ id: max(clusters.clusterId) })
        .from(clusters)
        .where(eq(clusters.chainId, chain.chainId)),
    ]);
    const mirroredUpTo = newest[0]?.id ?? 0n;
    const registry = registryOf(chain);
    const [count, ...statuses] = (await multiread(
      chain,
      [
        { ...registry, functionName: 'clusterCount' },
        ...rows.map((row) => ({ ...registry, functionName: 'statusOf', args: [row.id] })),
      ],
      head.number,
    )) as [bigint, ...number[]];
    const listed: ClusterListItem[] = rows.map((row, index) => ({
      id: row.id,
      operator: row.operator,
      status: clusterStatusName(statuses[index]!),
      gpuModel: row.gpuModel,
      gpuCount: row.gpuCount,
      location: row.location,
      hardwareRoot: row.hardwareRoot,
      token:
        row.token !== null
          ? { address: row.token, offering: row.offering!, name: row.name!, symbol: row.symbol! }
          : null,
    }));
    // Registered since the mirror's last indexed block: the newest few, checked on chain.
    const tail: bigint[] = [];
    for (let id = count; id > mirroredUpTo && tail.length < UNMIRRORED_TAIL; id--) tail.push(id);
    if (tail.length > 0) {
      const infos = (await multiread(
        chain,
        tail.map((id) => ({ ...registry, functionName: 'clusterOf', args: [id] })),
        head.number,
        CLUSTER_INFO_BYTES,
      )) as ClusterInfo[];
      const fresh = tail.flatMap((id, index) => {
        const info = infos[index]!;
        if (!isAddressEqual(info.operator, owner)) return [];
        return [
          {
            id,
            operator: info.operator,
            status: clusterStatusName(info.status),
            gpuModel: info.gpuModel,
            gpuCount: info.gpuCount,
            location: info.location,
            hardwareRoot: info.hardwareRoot,
            token: null,
          },
        ];
      });
      listed.unshift(...fresh);
    }
    // Only an attested cluster can have been tokenized: registrations (spam included) cost no token read.
    const untokenized = listed.filter(
      (cluster) => cluster.token === null && CLUSTER_STATUS_NAMES.indexOf(cluster.status) > REGISTERED,
    );
    const found = await tokensFromChain(
      chain,
      untokenized.map((cluster) => cluster.id),
      head.number,
    );
    return listed
      .slice(0, OPERATOR_LIST_LIMIT)
      .map((cluster) => (cluster.token === null ? { ...cluster, token: found.get(cluster.id) ?? null } : cluster));
  });
}

export type ClusterListItem = {
  id: bigint;
  operator: Address;
  status: ClusterStatusName;
  gpuModel: string;
  gpuCount: number;
  location: string;
  hardwareRoot: `0x${string}`;
  token: TokenSummary | null;
};

const tokenLists =
  perBlock<{ clusterId: bigint; address: Address; offering: Address; name: string; symbol: string }[]>(64);

/**
 * The share tokens by cluster id (at most TOKEN_LIST_LIMIT, oldest clusters first): from the mirror, plus tokens of the
 * newest few clusters that the mirror has not seen tokenized yet, read on chain — a buyer who opens the portfolio right
 * after a sale opened (or was cancelled) sees that holding without waiting for the indexer.
 */
export async function listShareTokens({ db, chain }: Context) {
  const head = await headBlock(chain);
  return tokenLists(chain.chainId, head.number, 'all', async () => {
    const [rows, [count]] = await Promise.all([
      db
        .select({
          clusterId: shareTokens.clusterId,
          address: shareTokens.token,
          offering: shareTokens.offering,
          name: shareTokens.name,
          symbol: shareTokens.symbol,
        })
        .from(shareTokens)
        .where(eq(shareTokens.chainId, chain.chainId))
        .orderBy(asc(shareTokens.clusterId))
        .limit(TOKEN_LIST_LIMIT),
      multiread(chain, [{ ...registryOf(chain), functionName: 'clusterCount' }], head.number) as Promise<bigint[]>,
    ]);
    const mirrored = new Set(rows.map((row) => row.clusterId));
    const tail: bigint[] = [];
    for (let id = count ?? 0n; id > 0n && tail.length < UNMIRRORED_TAIL; id--) if (!mirrored.has(id)) tail.push(id);
    const fresh = await tokensFromChain(chain, tail, head.number);
    const tokens = [...rows, ...[...fresh].map(([clusterId, token]) => ({ clusterId, ...token }))];
    return tokens.sort((a, b) => (a.clusterId < b.clusterId ? -1 : 1)).slice(0, TOKEN_LIST_LIMIT);
  });
}

const passports = perBlock<NonNullable<Awaited<ReturnType<typeof readPassport>>> | { missing: true }>(512);

/**
 * Everything the passport shows, or null when the id was never registered: the token's name and addresses from the
 * mirror when it has them, the chain's live state in one multicall (two when the token is newer than the mirror),
 * once per block and cluster however many visitors ask.
 */
export async function getClusterPassport(context: Context, clusterId: bigint) {
  const head = await headBlock(context.chain);
  const passport = await passports(context.chain.chainId, head.number, clusterId.toString(), async () => {
    return (await readPassport(context, clusterId, head)) ?? { missing: true as const };
  });
  return 'missing' in passport ? null : passport;
}

async function readPassport({ db, chain }: Context, clusterId: bigint, head: { number: bigint; timestamp: bigint }) {
  const [mirrored] = await db
    .select({
      address: shareTokens.token,
      offering: shareTokens.offering,
      name: shareTokens.name,
      symbol: shareTokens.symbol,
    })
    .from(shareTokens)
    .where(and(eq(shareTokens.chainId, chain.chainId), eq(shareTokens.clusterId, clusterId)))
    .limit(1);
  const registry = registryOf(chain);
  const clusterRead = { ...registry, functionName: 'clusterOf', args: [clusterId] } as const;
  const marketReads = (token: TokenSummary) => {
    const tokenContract = { address: token.address, abi: shareTokenAbi } as const;
    const offeringContract = { address: token.offering, abi: offeringAbi } as const;
    return [
      { ...tokenContract, functionName: 'totalSupply' },
      { ...tokenContract, functionName: 'stream' },
      { ...tokenContract, functionName: 'totalDeposited' },
      { ...tokenContract, functionName: 'streamedTotal' },
      { ...offeringContract, functionName: 'terms' },
      { ...offeringContract, functionName: 'sold' },
      { ...offeringContract, functionName: 'raised' },
      { ...offeringContract, functionName: 'phase' },
    ] as const;
  };
  let token: TokenSummary | null = mirrored ?? null;
  let info: ClusterInfo;
  let live: unknown[] | null = null;
  if (token) {
    [info, ...live] = (await multiread(
      chain,
      [clusterRead, ...marketReads(token)],
      head.number,
      CLUSTER_INFO_BYTES,
    )) as [ClusterInfo, ...unknown[]];
  } else {
    [info] = (await multiread(chain, [clusterRead], head.number, CLUSTER_INFO_BYTES)) as [ClusterInfo];
    if (info.operator === zeroAddress) return null;
    token = (await tokensFromChain(chain, [clusterId], head.number)).get(clusterId) ?? null;
    if (token) live = await multiread(chain, marketReads(token), head.number, TEXT_ANSWER_BYTES);
  }
  if (info.operator === zeroAddress) return null;
  let market = null;
  if (token && live) {
    const [totalSupply, stream, totalDeposited, streamedTotal, terms, sold, raised, phase] = live as [
      bigint,
      { ratePerSecond: bigint; end: bigint },
      bigint,
      bigint,
      { pricePerShare: bigint; softCap: bigint; perBuyerCap: bigint; start: number; end: number },
      bigint,
      bigint,
      number,
    ];
    market = {
      totalSupply,
      stream: { ratePerSecond: stream.ratePerSecond, end: stream.end },
      totalDeposited,
      streamedTotal,
      terms: {
        pricePerShare: terms.pricePerShare,
        softCap: terms.softCap,
        perBuyerCap: terms.perBuyerCap,
        start: BigInt(terms.start),
        end: BigInt(terms.end),
      },
      sold,
      raised,
      phase: offeringPhaseName(phase),
    };
  }
  return {
    id: clusterId,
    block: head.number.toString(),
    now: head.timestamp,
    operator: info.operator,
    status: clusterStatusName(info.status),
    gpuModel: info.gpuModel,
    gpuCount: info.gpuCount,
    location: info.location,
    hardwareRoot: info.hardwareRoot,
    metadataURI: info.metadataURI,
    metadataHash: info.metadataHash,
    registeredAt: BigInt(info.registeredAt),
    attestedAt: BigInt(info.attestedAt),
    attestedUntil: BigInt(info.attestedUntil),
    lastReportAt: BigInt(info.lastReportAt),
    lastEpoch: info.lastEpoch,
    token,
    market,
  };
}

export type ClusterPassport = NonNullable<Awaited<ReturnType<typeof getClusterPassport>>>;

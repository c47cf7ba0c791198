/**
 * The root the epoch page's in-browser check verifies against, read by the browser itself from the chain (review M2):
 * the `ReportSubmitted(clusterId, epoch)` log through the public RPC — both are indexed topics, so one eth_getLogs on
 * the registry finds it — and the cluster's attested GPU count. The web server's mirror of that log is only compared
 * with it: a difference is a problem shown with the verdict, and when the RPC cannot be reached the check falls back
 * to the server's root, labelled as such. Browser-safe: a viem public client only.
 */
import type { Address, Hex, PublicClient } from 'viem';
import { clusterRegistryAbi } from '#contracts';

/** What the check needs of a viem public client (the page passes wagmi's; tests a client on a mocked transport). */
export type ReportReader = Pick<PublicClient, 'getContractEvents' | 'readContract'>;

export type ReportQuery = {
  registry: Address;
  clusterId: bigint;
  epoch: bigint;
  /** The registry's deployment block: no report can be older. */
  fromBlock: bigint;
  /**
   * The block the server's mirror says the log is in: asked first, because public RPCs cap eth_getLogs ranges. Only a
   * hint — what is read there is still the chain's log, filtered by address and topics; a wrong hint costs a search
   * of the whole range.
   */
  hintBlock?: bigint;
};

export type ExpectedRoot = {
  /** The root the samples are checked against. */
  root: string;
  /** Where it came from: the chain through the public RPC, or the web server's mirror when the RPC failed. */
  source: 'chain' | 'server';
  /** The cluster's attested GPU count, read from the chain (unknown when the RPC failed). */
  gpuCount?: number;
  /** Problems with the root itself (the server's mirror disagrees with the chain, no report on chain). */
  problems: string[];
  /** Why the chain could not be asked, when source is 'server'. */
  unreachable?: string;
};

/** The telemetry roots of every ReportSubmitted log for (clusterId, epoch) — one, for an accepted report. */
export async function readReportRoots(client: ReportReader, query: ReportQuery): Promise<Hex[]> {
  const logsIn = async (fromBlock: bigint, toBlock: bigint | 'latest') => {
    const events = await client.getContractEvents({
      address: query.registry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId: query.clusterId, epoch: query.epoch },
      fromBlock,
      toBlock,
      strict: true,
    });
    return events.map((event) => event.args.telemetryRoot);
  };
  if (query.hintBlock !== undefined && query.hintBlock >= query.fromBlock) {
    const roots = await logsIn(query.hintBlock, query.hintBlock);
    if (roots.length > 0) return roots;
  }
  return logsIn(query.fromBlock, 'latest');
}

/**
 * The chain's root for the epoch (and the cluster's attested GPU count), compared with `serverRoot`, the mirror's.
 * Never throws: an RPC failure falls back to the server's root with `unreachable` saying why.
 */
export async function expectedRootFromChain(
  client: ReportReader | undefined,
  query: ReportQuery,
  serverRoot: string,
): Promise<ExpectedRoot> {
  if (!client) return { root: serverRoot, source: 'server', problems: [], unreachable: 'no public RPC is configured' };
  let roots: Hex[];
  let gpuCount: number;
  try {
    const [found, cluster] = await Promise.all([
      readReportRoots(client, query),
      // The current attested count: a file with more distinct GPUs than the cluster has is suspect whatever the epoch.
      client.readContract({
        address: query.registry,
        abi: clusterRegistryAbi,
        functionName: 'clusterOf',
        args: [query.clusterId],
      }),
    ]);
    roots = found;
    gpuCount = cluster.gpuCount;
  } catch (error) {
    const reason = (error as Error & { shortMessage?: string }).shortMessage ?? (error as Error).message;
    return { root: serverRoot, source: 'server', problems: [], unreachable: reason };
  }
  const problems: string[] = [];
  const chainRoot = roots[0];
  if (chainRoot === undefined) {
    problems.push(
      `the chain has no ReportSubmitted log for cluster ${query.clusterId}, epoch ${query.epoch}; the server's root ${serverRoot} is unconfirmed`,
    );
    return { root: serverRoot, source: 'server', gpuCount, problems };
  }
  if (new Set(roots.map((root) => root.toLowerCase())).size > 1) {
    problems.push(`the chain holds ${roots.length} reports with different roots for this epoch; checked the first`);
  }
  if (chainRoot.toLowerCase() !== serverRoot.toLowerCase()) {
    problems.push(`the server's mirror states the root ${serverRoot}, the chain's ReportSubmitted log ${chainRoot}`);
  }
  return { root: chainRoot, source: 'chain', gpuCount, problems };
}

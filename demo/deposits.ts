/**
 * The operators' weekly revenue deposits. Each deposit tops a token up to the holders' share of the revenue its cluster
 * reported on chain through the week's end (the operator keeps its cost share, economics.ts), less what the token
 * already holds (`totalDeposited`): the amount comes from the chain, so
 * running the same week again after an interruption (deposit landed, record not yet written) deposits nothing twice,
 * and a report that landed after its week's deposit goes into the next one. Only tokens whose sale is settled get
 * deposits: until then the shares are the offering's and their revenue the operator's own.
 */
import type { Address, Hash, PublicClient } from 'viem';
import { clusterRegistryAbi, offeringAbi, offeringPhase, shareTokenAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { devRoles } from '../devnet/accounts';
import { type ProtocolCalls, protocolCalls } from '../devnet/calls';
import { demoModelOf, holdersShareOf } from './economics';
import type { DemoState } from './state';
import { type DemoWallets, demoWallets, settle, type Wallet } from './wallets';

const DAY = 86_400;
const WEEK = 7 * DAY;

/** The deposits' ledger from the deployment on: what a history that cannot trust its record starts from. */
export function freshLedger(state: DemoState, deployment: Deployment) {
  state.depositedThrough = state.origin / 1000;
  state.reportScanBlock = deployment.deployBlock.toString();
  state.reported = {};
}

/**
 * A deposit may neither slow down nor shorten the stream already running (revenue already deposited keeps its
 * schedule), so a week's revenue that is smaller than last week's cannot be spread over a full week while last week's
 * is still streaming: it then streams at the running rate for as long as it lasts. The chain's clock moves on between
 * reading the limits and the deposit landing (the demo warps it), hence the margin and the retry with fresh limits.
 */
async function depositOverAWeek(
  publicClient: PublicClient,
  calls: ProtocolCalls,
  wallet: Wallet,
  token: Address,
  amount: bigint,
): Promise<Hash> {
  for (let attempt = 1; ; attempt += 1) {
    const [minDuration, maxDuration] = await publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'depositLimits',
      args: [wallet.account.address, amount],
    });
    const ceiling = maxDuration > BigInt(DAY) + minDuration ? maxDuration - BigInt(DAY) : minDuration;
    const duration = BigInt(WEEK) < minDuration ? minDuration : BigInt(WEEK) > ceiling ? ceiling : BigInt(WEEK);
    const call = calls.depositRevenue(token, amount, duration);
    try {
      // Simulated first: a refused write would still have used up a nonce of the wallet's nonce manager.
      await publicClient.simulateContract({ ...call, account: wallet.account });
    } catch (error) {
      if (attempt >= 3) throw error;
      continue;
    }
    return wallet.writeContract(call);
  }
}

/** Adds the reports for epochs in (depositedThrough, through] to the ledger; moves the scan start past them. */
async function advanceLedger(publicClient: PublicClient, deployment: Deployment, state: DemoState, through: number) {
  const head = await publicClient.getBlockNumber();
  // A record ahead of the chain (the local chain lost its last seconds) would scan from a block that is not there.
  if (BigInt(state.reportScanBlock) > head + 1n) freshLedger(state, deployment);
  const logs = await publicClient.getContractEvents({
    address: deployment.contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    eventName: 'ReportSubmitted',
    fromBlock: BigInt(state.reportScanBlock),
    toBlock: head,
  });
  let nextScan = head + 1n;
  for (const log of logs) {
    const epoch = Number(log.args.epoch);
    // Epochs after `through` are read again next time, from the first block that holds one.
    if (epoch > through && log.blockNumber < nextScan) nextScan = log.blockNumber;
    if (epoch <= state.depositedThrough || epoch > through) continue;
    const key = log.args.clusterId!.toString();
    state.reported[key] = (BigInt(state.reported[key] ?? '0') + log.args.revenue!).toString();
  }
  state.depositedThrough = through;
  state.reportScanBlock = nextScan.toString();
}

/**
 * Each operator tops its tokens up to the holders' share of the revenue its clusters reported through `through`,
 * streamed over a week.
 */
export async function depositRevenue(options: {
  rpcUrl: string;
  publicClient: PublicClient;
  deployment: Deployment;
  state: DemoState;
  through: number;
  /** The caller's wallets (one nonce manager per run); new ones otherwise. */
  wallets?: DemoWallets;
}) {
  const { publicClient, deployment, state } = options;
  const wallet = options.wallets ?? demoWallets(options.rpcUrl);
  const calls = protocolCalls(deployment.contracts);
  if (options.through > state.depositedThrough) {
    await advanceLedger(publicClient, deployment, state, options.through);
  }
  const [operators, deposited, phases] = await Promise.all([
    Promise.all(
      state.clusters.map((cluster) =>
        publicClient.readContract({ address: cluster.token, abi: shareTokenAbi, functionName: 'operator' }),
      ),
    ),
    Promise.all(
      state.clusters.map((cluster) =>
        publicClient.readContract({ address: cluster.token, abi: shareTokenAbi, functionName: 'totalDeposited' }),
      ),
    ),
    Promise.all(
      state.clusters.map((cluster) =>
        publicClient.readContract({ address: cluster.offering, abi: offeringAbi, functionName: 'phase' }),
      ),
    ),
  ]);
  const indexOf = (address: Address) =>
    devRoles.operators.find((index) => wallet(index).account.address === address) ?? devRoles.operators[0];
  const byOperator = new Map<number, { token: Address; amount: bigint }[]>();
  state.clusters.forEach((cluster, position) => {
    if (phases[position] !== offeringPhase.Finalized) return;
    const reported = BigInt(state.reported[cluster.clusterId] ?? '0');
    const amount = holdersShareOf({ model: demoModelOf(cluster.key) }, reported) - deposited[position]!;
    if (amount <= 0n) return;
    const operator = indexOf(operators[position]!);
    byOperator.set(operator, [...(byOperator.get(operator) ?? []), { token: cluster.token, amount }]);
  });
  await Promise.all(
    [...byOperator].map(async ([operator, deposits]) => {
      // The tenants' payments: the test stablecoin's faucet stands in for the operator's bank.
      const minted = await wallet(operator).writeContract(
        calls.mintStablecoin(
          wallet(operator).account.address,
          deposits.reduce((sum, entry) => sum + entry.amount, 0n),
        ),
      );
      // Mined first: the deposits read their limits and must see the stablecoin.
      await settle(publicClient, [minted]);
      const depositHashes: Hash[] = [];
      for (const { token, amount } of deposits) {
        depositHashes.push(await depositOverAWeek(publicClient, calls, wallet(operator), token, amount));
      }
      await settle(publicClient, depositHashes);
    }),
  );
}

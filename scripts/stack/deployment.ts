/**
 * Where the stack's contracts come from (review H-4). On the local anvil chain the stack deploys by itself and
 * redeploys whenever that chain was reset. With RPC_URL it never deploys: it reads the record `npm run deploy` wrote
 * and refuses to start when the record is missing or names a deployment the chain does not hold. Only a missing block,
 * another hash at the recorded height or no code at a recorded address mean "not on this chain"; every RPC error
 * propagates (isDeploymentLive).
 */
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { DeployEnv } from '#config/deploy';
import { checkProductionSettings } from '#config/production';
import {
  DeploymentRefusedError,
  type DeployOptions,
  deployProtocol,
  ensureDeployment,
  isDeploymentLive,
  LOCAL_CHAIN_ID,
  LOCAL_TIMELOCK_DELAY_SECONDS,
} from '#contracts/deploy';
import { type Deployment, deploymentPath, readDeployment } from '#contracts/deployments';
import { isDevAddress } from '#contracts/dev-keys';
import { redactUrl, redactUrls } from '#contracts/redact';
import { type BaseErrorParameters, ConfigError, UnavailableError } from '#protocol/base-error';
import { chainFor } from '#protocol/chain';

/** A deployment record that cannot be used; the message is one sentence for the operator, who fixes the record. */
export class DeploymentRecordError extends ConfigError {
  override name = 'DeploymentRecordError';
  constructor(shortMessage: string, parameters: Pick<BaseErrorParameters, 'cause' | 'details'> = {}) {
    super(shortMessage, { ...parameters, code: 'deployment_record' });
  }
}

export type DeploymentSource = {
  publicClient: PublicClient<Transport, Chain>;
  chainId: number;
  /** The stack's own anvil chain: the only case in which anything is deployed. */
  localChain: boolean;
  /** Where records live (default contracts/deployments). */
  directory?: string;
  /** The deployer's wallet; created only when a local deployment is due. */
  wallet: () => WalletClient<Transport, Chain, Account>;
  /** What a local deployment deploys. */
  deployOptions: () => Omit<DeployOptions, 'directory'>;
};

export async function resolveDeployment(
  source: DeploymentSource,
): Promise<{ deployment: Deployment; reused: boolean }> {
  const { publicClient, chainId, directory } = source;
  if (source.localChain) {
    // The local stack is governed as production is, through a timelock (with a delay of a minute), so the governance
    // console schedules, waits and executes; the deployer proposes and is the guardian that suspends and pauses.
    return ensureDeployment(
      { publicClient, walletClient: source.wallet() },
      { localTimelockDelaySeconds: LOCAL_TIMELOCK_DELAY_SECONDS, ...source.deployOptions(), directory },
    );
  }
  const path = deploymentPath(chainId, directory);
  const recorded = readDeployment(chainId, directory);
  if (!recorded) {
    throw new DeploymentRecordError(
      `No deployment recorded for chain ${chainId} (${path}): run \`npm run deploy\` first.`,
    );
  }
  if (recorded.chainId !== chainId) {
    throw new DeploymentRecordError(
      `${path} records chain ${recorded.chainId}, not chain ${chainId}: restore the file.`,
    );
  }
  refuseDevRecord(recorded, path);
  if (!(await isDeploymentLive(publicClient as PublicClient, recorded))) {
    throw new DeploymentRecordError(
      `The deployment recorded in ${path} is not on chain ${chainId} (block ${recorded.deployBlock} has another hash or a recorded contract has no code): check RPC_URL, and only if this chain was really reset deploy afresh with \`npm run deploy -- --new\`.`,
    );
  }
  return { deployment: recorded, reused: true };
}

/**
 * A record written before the settings check existed (or edited by hand) may name dev-mnemonic accounts as committee
 * or governance: anyone can sign with those keys, so off the local chain such a deployment is never run (review 12).
 */
function refuseDevRecord(recorded: Deployment, path: string): void {
  if (recorded.chainId === LOCAL_CHAIN_ID) return;
  const { governance } = recorded;
  const roles: [string, (string | null | undefined)[]][] = [
    ['committee signer', recorded.committee.signers],
    ['governance owner', [governance?.owner]],
    ['governance proposer', [governance?.proposer]],
    ['guardian', [governance?.guardian]],
  ];
  for (const [role, addresses] of roles) {
    const dev = addresses.find((address) => address && isDevAddress(address));
    if (dev) {
      throw new DeploymentRecordError(
        `The deployment recorded in ${path} has ${role} ${dev}, an account of the public dev mnemonic that anyone can sign with, on chain ${recorded.chainId}: redeploy with real keys (\`npm run deploy -- --new\`).`,
      );
    }
  }
}

export type DeployToChainOptions = {
  /** Deploy even though a live deployment is recorded, and replace its record (`--new`). */
  replace: boolean;
  print: (line: string) => void;
};

/**
 * `npm run deploy`: deploys the protocol to RPC_URL and writes the record that `npm start` then reads. A live
 * recorded deployment is never replaced by accident: that needs `replace`, whatever the chain answers about it.
 */
export async function deployToChain(env: DeployEnv, options: DeployToChainOptions) {
  checkProductionSettings(env, { runtime: 'deploy' });
  const transport = http(env.RPC_URL, { timeout: 30_000 });
  let chainId: number;
  try {
    chainId = await createPublicClient({ transport }).getChainId();
  } catch (error) {
    const reason = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
    throw new UnavailableError(`Cannot reach the chain at RPC_URL=${redactUrl(env.RPC_URL)}: ${redactUrls(reason)}`, {
      cause: error,
    });
  }
  checkProductionSettings(env, { runtime: 'deploy', chainId });
  const chain = chainFor(chainId, env.RPC_URL);
  const local = chainId === LOCAL_CHAIN_ID;
  const publicClient = createPublicClient({ chain, transport, pollingInterval: local ? 100 : 2_000 });
  const path = deploymentPath(chainId, env.DEPLOYMENTS_DIR);
  const recorded = readDeployment(chainId, env.DEPLOYMENTS_DIR);
  if (recorded && !options.replace) {
    // Never judged by asking the chain: a lagging or load-balanced RPC backend answers "block not found" for a block
    // it has not reached yet, and a record replaced on that answer names a new, empty protocol while the live one
    // keeps running (review 12).
    throw new DeploymentRecordError(
      `A deployment of chain ${chainId} is already recorded in ${path} (block ${recorded.deployBlock}, ClusterRegistry ${recorded.contracts.clusterRegistry}): pass --new to deploy another protocol and replace that record deliberately.`,
    );
  }
  if (recorded) options.print(`Replacing the deployment recorded in ${path} (--new).`);
  const walletClient = createWalletClient({
    account: privateKeyToAccount(env.DEPLOYER_PRIVATE_KEY as Hex),
    chain,
    transport,
  });
  options.print(`Deploying to chain ${chainId} (${redactUrl(env.RPC_URL)}) from ${walletClient.account.address}…`);
  const deployment = await deployProtocol(
    { publicClient, walletClient },
    {
      committee: {
        signers: env.ORACLE_SIGNERS!,
        threshold: env.ORACLE_THRESHOLD!,
        heartbeatSeconds: env.REPORT_HEARTBEAT_SECONDS,
      },
      owner: env.GOVERNANCE_ADDRESS,
      guardian: env.GUARDIAN_ADDRESS,
      timelockDelaySeconds: env.TIMELOCK_DELAY_SECONDS,
      stablecoin: env.STABLECOIN_ADDRESS,
      directory: env.DEPLOYMENTS_DIR,
    },
  ).catch((error: unknown) => {
    // contracts/ts sits below the error family: its refusal (a setting the operator fixes) becomes a ConfigError here.
    throw error instanceof DeploymentRefusedError
      ? new ConfigError(error.message, { code: 'deployment_refused', cause: error })
      : error;
  });
  const { committee, governance } = deployment;
  options.print(`Deployed at block ${deployment.deployBlock} (${deployment.deployBlockHash}):`);
  for (const [name, address] of Object.entries(deployment.contracts)) options.print(`  ${name.padEnd(26)}${address}`);
  options.print(
    `  ${'committee'.padEnd(26)}${committee.threshold} of ${committee.signers.length}: ${committee.signers.join(', ')}`,
  );
  if (governance) {
    options.print(
      `  ${'governance'.padEnd(26)}owner ${governance.owner}, proposer ${governance.proposer}, guardian ${governance.guardian ?? 'none'}, delay ${governance.timelockDelaySeconds} s`,
    );
  }
  options.print(`Recorded in ${path}: commit it; \`npm start\` with RPC_URL runs this deployment.`);
  return { deployment, path };
}

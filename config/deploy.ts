/**
 * Settings of `npm run deploy` (scripts/deploy.ts): the chain to deploy to, the key that pays, and the committee and
 * governance to deploy. Field rules are the stack's; what a deployment cannot go without is checked by
 * checkProductionSettings (config/production.ts) with runtime 'deploy'.
 */
import type { z } from 'zod';
import { ConfigError, type EnvSource, parseEnv } from './env';
import { stackEnvSchema } from './stack';

export const deployEnvSchema = stackEnvSchema.pick({
  RPC_URL: true,
  DEPLOYER_PRIVATE_KEY: true,
  ORACLE_SIGNERS: true,
  ORACLE_THRESHOLD: true,
  REPORT_HEARTBEAT_SECONDS: true,
  GOVERNANCE_ADDRESS: true,
  GUARDIAN_ADDRESS: true,
  TIMELOCK_DELAY_SECONDS: true,
  STABLECOIN_ADDRESS: true,
  DEPLOYMENTS_DIR: true,
});

export type DeployEnv = z.output<typeof deployEnvSchema> & { RPC_URL: string };

export function parseDeployEnv(source: EnvSource = process.env): DeployEnv {
  const env = parseEnv(deployEnvSchema, source);
  if (env.RPC_URL === undefined) {
    throw new ConfigError(
      'Invalid configuration: RPC_URL is required (`npm run deploy` deploys to the chain it names; `npm start` deploys its local chain by itself).',
    );
  }
  return env as DeployEnv;
}

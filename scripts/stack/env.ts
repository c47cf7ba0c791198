/** The stack's configuration, validated once at start: every problem is reported as one plain sentence. */
import { type Address, isAddress, isHex } from 'viem';
import { z } from 'zod';

const ANVIL_FIRST_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

const url = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a ${protocols.join(' or ')} URL such as ${example}`,
    );

const port = z.coerce.number().int().min(1).max(65_535);
const address = z.string().refine(isAddress, 'must be a 0x-prefixed 20-byte address');

export const stackEnvSchema = z.object({
  RPC_URL: url(['http:', 'https:'], 'http://127.0.0.1:8545').optional(),
  PUBLIC_RPC_URL: url(['http:', 'https:'], 'https://rpc.example.org').optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user:password@localhost:5432/rackshare').optional(),
  DEPLOYER_PRIVATE_KEY: z
    .string()
    .refine((value) => isHex(value) && value.length === 66, 'must be a 0x-prefixed 32-byte hex private key')
    .optional(),
  /** Oracle committee for a fresh deployment: comma-separated signer addresses (local default: dev accounts 7-9). */
  ORACLE_SIGNERS: z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()))
    .pipe(z.array(address).min(1))
    .transform((values) => values as Address[])
    .optional(),
  ORACLE_THRESHOLD: z.coerce.number().int().positive().optional(),
  REPORT_HEARTBEAT_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(3 * 3600),
  GOVERNANCE_ADDRESS: address.transform((value) => value as Address).optional(),
  /** Emergency key that may suspend clusters and pause tokens but never lift either (default: GOVERNANCE_ADDRESS). */
  GUARDIAN_ADDRESS: address.transform((value) => value as Address).optional(),
  /** Delay of the TimelockController that owns the registry on a real network (seconds, at least 3600). */
  TIMELOCK_DELAY_SECONDS: z.coerce.number().int().positive().optional(),
  STABLECOIN_ADDRESS: address.transform((value) => value as Address).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: port.default(3000),
  ANVIL_PORT: port.default(8545),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The simulated IDCs, oracle committee and 90-day history (local chain only; default on there, off with RPC_URL). */
  DEMO: z.enum(['on', 'off']).optional(),
  /** Days of hourly history the demo replays on a fresh chain. */
  DEMO_HISTORY_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  /** Length of one oracle epoch once the demo is live. */
  DEMO_LIVE_EPOCH_SECONDS: z.coerce.number().int().min(10).max(3_600).default(60),
  /** Seed of the simulated world (GPU UUIDs, utilization, leases, outages). */
  DEMO_SEED: z.string().min(1).default('rackshare'),
  /** The three demo oracle nodes listen on this port and the next two (HTTP API and /metrics). */
  ORACLE_NODE_BASE_PORT: port.default(4700),
  /** The simulated IDCs' DCGM exporter and nvidia-smi endpoints. */
  DEMO_SIMULATOR_PORT: port.default(4710),
});

export type StackEnv = z.infer<typeof stackEnvSchema> & {
  deployerPrivateKey: `0x${string}`;
  localChain: boolean;
  demo: boolean;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseStackEnv(source: Record<string, string | undefined> = process.env): StackEnv {
  // Empty strings (VAR= in a shell or .env) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = stackEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}.`);
  }
  const env = parsed.data;
  const localChain = env.RPC_URL === undefined;
  if (!localChain && env.DEPLOYER_PRIVATE_KEY === undefined) {
    throw new ConfigError('Invalid configuration: DEPLOYER_PRIVATE_KEY is required when RPC_URL is set.');
  }
  if (env.DEMO === 'on' && !localChain) {
    throw new ConfigError('Invalid configuration: DEMO=on needs the local chain (the demo acts with public dev keys).');
  }
  return {
    ...env,
    localChain,
    demo: (env.DEMO ?? (localChain ? 'on' : 'off')) === 'on',
    deployerPrivateKey: (env.DEPLOYER_PRIVATE_KEY ?? ANVIL_FIRST_KEY) as `0x${string}`,
  };
}

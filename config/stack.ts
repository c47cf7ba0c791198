/**
 * What `npm start` reads (scripts/start.ts): the chain, the deployment, the database, the data directory, ports, the
 * log level and the demo — and, parsed in the same call, the web tier's and the indexer's settings, so every bad
 * value is refused with one sentence before anything starts.
 */
import type { Hex } from 'viem';
import { z } from 'zod';
import { ANVIL_FIRST_KEY } from '#contracts/dev-keys';
import { chainFields, databaseFields, deploymentRecordFields, logFields } from './common';
import {
  address,
  ConfigError,
  documented,
  type EnvSource,
  list,
  parseEnv,
  port,
  positiveInt,
  privateKey,
  url,
  withoutEmpty,
} from './env';
import { type IndexerCliEnv, type IndexerSettings, parseIndexerCliEnv, parseIndexerEnv } from './indexer';
import { checkProductionSettings, type ProductionSettings } from './production';
import { parseWebEnv, type WebEnv } from './web';

export { ConfigError } from './env';

export const deploymentFields = {
  PUBLIC_RPC_URL: documented(url(['http:', 'https:'], 'https://rpc.example.org').optional(), {
    description:
      'RPC endpoint the browser wallet and client-side reads use: every visitor receives it, so never RPC_URL by default and never with user:password@.',
    default: 'the local anvil locally; required with RPC_URL',
  }),
  DEPLOYER_PRIVATE_KEY: documented(privateKey.optional(), {
    description:
      'Key that deploys the contracts: `npm run deploy` needs it; `npm start` with RPC_URL does not (it only reads the record).',
    default: 'anvil account #0 locally',
  }),
  ...deploymentRecordFields,
  ORACLE_SIGNERS: documented(
    list(address)
      .refine((signers) => signers.length > 0, 'must list at least one address')
      .optional(),
    {
      description: 'Oracle committee of a fresh deployment: comma-separated signer addresses.',
      default: 'dev accounts #7–#9 locally',
    },
  ),
  ORACLE_THRESHOLD: documented(positiveInt().optional(), {
    description: 'k of the committee: signatures a report needs.',
    default: 'a majority of the signers',
  }),
  REPORT_HEARTBEAT_SECONDS: documented(positiveInt().default(3 * 3_600), {
    description: 'A cluster without a report for this long is Stale.',
  }),
  GOVERNANCE_ADDRESS: documented(address.optional(), {
    description:
      'Locally the registry owner; on a real network the proposer and executor of the TimelockController that owns the registry (a multisig, never the deployer).',
    default: 'the deployer locally; required elsewhere',
  }),
  GUARDIAN_ADDRESS: documented(address.optional(), {
    description: 'Emergency key: may suspend clusters and pause tokens at once, never lift either.',
    default: 'GOVERNANCE_ADDRESS (none locally)',
  }),
  TIMELOCK_DELAY_SECONDS: documented(positiveInt().optional(), {
    description: 'Delay of the production timelock (at least 3600).',
    default: '172800',
  }),
  STABLECOIN_ADDRESS: documented(address.optional(), {
    description: 'Revenue stablecoin on a real network.',
    default: 'unset: deploy the test stablecoin (local chain only)',
  }),
};

export const stackFields = {
  PORT: documented(port.default(3000), { description: 'Port of the dashboard.' }),
};

export const demoFields = {
  DEMO: documented(z.enum(['on', 'off'], { error: 'must be on or off' }).optional(), {
    description: 'The simulated IDCs, oracle committee and history through the real oracle path (local chain only).',
    default: 'on locally, off with RPC_URL',
  }),
  DEMO_HISTORY_DAYS: documented(z.coerce.number().int().min(1).max(365).default(90), {
    description: 'Days of hourly history the demo replays on a fresh chain.',
  }),
  DEMO_LIVE_EPOCH_SECONDS: documented(z.coerce.number().int().min(10).max(3_600).default(60), {
    description: 'Length of one oracle epoch once the demo is live.',
  }),
  DEMO_SEED: documented(z.string().min(1).default('rackshare'), {
    description: 'Seed of the simulated world (GPU UUIDs, utilization, leases, outages).',
  }),
  ORACLE_NODE_BASE_PORT: documented(port.default(4700), {
    description: 'The three demo oracle nodes listen on this port and the next two (HTTP API and /metrics).',
  }),
  DEMO_SIMULATOR_PORT: documented(port.default(4710), {
    description: "The simulated IDCs' DCGM exporter and nvidia-smi endpoints.",
  }),
};

/** What one process of the same code base runs (docs/operations.md). */
export const ROLES = ['all', 'web', 'indexer', 'oracle-node', 'agent'] as const;
export type Role = (typeof ROLES)[number];

const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export const roleFields = {
  RACKSHARE_ROLE: documented(role.default('all'), {
    description:
      'What `npm start` runs: all (everything in one process, PGlite allowed), web, indexer (both need DATABASE_URL), oracle-node or agent (with --config). `--role` wins over it.',
  }),
  STATUS_PORT: documented(z.coerce.number().int().min(0).max(65_535).default(9465), {
    description:
      'Port of /health and Prometheus /metrics of the web and agent roles (the indexer uses INDEXER_METRICS_PORT, an oracle node its own port); 0 turns it off.',
  }),
};

export const stackEnvSchema = z.object({
  ...chainFields,
  ...deploymentFields,
  ...databaseFields,
  ...stackFields,
  ...logFields,
  ...demoFields,
  ...roleFields,
});

export type StackEnv = z.output<typeof stackEnvSchema> & {
  deployerPrivateKey: Hex;
  localChain: boolean;
  demo: boolean;
  /** The web tier's settings (the dashboard's load context) and its bind address. */
  web: WebEnv;
  indexer: IndexerSettings;
  /** The production settings as set, before the web tier's local defaults (checkProductionSettings reads these). */
  production: ProductionSettings;
};

/** Every setting `npm start` uses, from `source` (the process environment after .env). */
export function parseStackEnv(source: EnvSource = process.env): StackEnv {
  const env = parseEnv(stackEnvSchema, source);
  const localChain = env.RPC_URL === undefined;
  if (env.DEMO === 'on' && !localChain) {
    throw new ConfigError('Invalid configuration: DEMO=on needs the local chain (the demo acts with public dev keys).');
  }
  const settings: StackEnv = {
    ...env,
    localChain,
    demo: (env.DEMO ?? (localChain ? 'on' : 'off')) === 'on',
    deployerPrivateKey: env.DEPLOYER_PRIVATE_KEY ?? ANVIL_FIRST_KEY,
    web: parseWebEnv(source, { port: env.PORT }),
    indexer: parseIndexerEnv(source, { localChain }),
    production: {},
  };
  const raw = withoutEmpty(source);
  settings.production = {
    ...env,
    PUBLIC_ORIGIN: raw.PUBLIC_ORIGIN,
    SESSION_SECRET: raw.SESSION_SECRET,
    ORACLE_READER_PRIVATE_KEY: settings.web.settings.oracleReaderPrivateKey,
  };
  // With RPC_URL the stack only runs what `npm run deploy` recorded: it needs PUBLIC_RPC_URL, PUBLIC_ORIGIN and
  // SESSION_SECRET (as set, before the web tier's local defaults) and no deployer key; dev keys are refused again once
  // the chain id is known (the Contracts service and the web role, with `production`; H-1, M-6).
  checkProductionSettings(settings.production, { runtime: 'start' });
  return settings;
}

/** `npm start`'s arguments: `--role <role>` (else RACKSHARE_ROLE, else all) and `--config <file>` (oracle roles). */
export type RoleArgs = { role: Role; config?: string };

const USAGE = 'usage: npm start -- [--role all|web|indexer|oracle-node|agent] [--config <file>]';

export function parseRoleArgs(argv: readonly string[], source: EnvSource = process.env): RoleArgs {
  const flags: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const match = /^--(role|config)(?:=(.*))?$/.exec(argument);
    if (!match) throw new ConfigError(`Unknown argument ${JSON.stringify(argument)}; ${USAGE}.`);
    const value = match[2] ?? argv[++index];
    if (!value || value.startsWith('--')) throw new ConfigError(`--${match[1]} needs a value; ${USAGE}.`);
    flags[match[1]!] = value;
  }
  const fromEnv = parseEnv(z.object({ RACKSHARE_ROLE: roleFields.RACKSHARE_ROLE }), source).RACKSHARE_ROLE;
  const parsed = flags.role === undefined ? { success: true as const, data: fromEnv } : role.safeParse(flags.role);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: --role must be one of ${ROLES.join(', ')}.`);
  return { role: parsed.data, ...(flags.config ? { config: flags.config } : {}) };
}

/** Every setting of one role, parsed and checked before anything starts. */
export type RoleEnv =
  | { role: 'all'; stack: StackEnv }
  | { role: 'web'; stack: StackEnv }
  | { role: 'indexer'; indexer: IndexerCliEnv }
  | { role: 'oracle-node' | 'agent'; config: string };

/** A PGlite data directory can be opened by one process only: a role that shares the database needs PostgreSQL. */
function requirePostgres(role: Role, databaseUrl: string | undefined) {
  if (databaseUrl) return;
  throw new ConfigError(
    `Invalid configuration: --role ${role} needs DATABASE_URL (PostgreSQL): a PGlite data directory can be opened by one process only, so run --role all for PGlite.`,
  );
}

/**
 * The settings of `args.role`, refusing the combinations that cannot work: web or indexer on PGlite, the demo outside
 * `all` (it needs the one process that also runs the chain and the committee), an oracle role without --config, a
 * --config the role would ignore, and web — or all on PostgreSQL — without SESSION_SECRET.
 */
export function parseRoleEnv(args: RoleArgs, source: EnvSource = process.env): RoleEnv {
  const { role } = args;
  if (role === 'oracle-node' || role === 'agent') {
    if (!args.config) {
      const file = role === 'agent' ? 'oracle/agent/agent.ts' : 'oracle/node/config.ts';
      throw new ConfigError(`Invalid configuration: --role ${role} needs --config <file> (see ${file}).`);
    }
    return { role, config: args.config };
  }
  if (args.config)
    throw new ConfigError(`Invalid configuration: --config is read by the oracle-node and agent roles only.`);
  const raw = withoutEmpty(source);
  if (role === 'all') {
    const stack = parseStackEnv(source);
    // On PostgreSQL (and so with DATABASE_READ_URLS, which needs it) other processes — `--role web` behind the same
    // balancer — may share the database: a random per-process secret would make them refuse this one's nonces and
    // cookies, and it theirs. PGlite is this process's alone, so a random secret is fine there.
    if (raw.DATABASE_URL && !raw.SESSION_SECRET) {
      throw new ConfigError(
        'Invalid configuration: npm start (role all) on PostgreSQL (DATABASE_URL) needs SESSION_SECRET, the same as every web process sharing that database, which would otherwise refuse its sign-in nonces and cookies.',
      );
    }
    return { role, stack };
  }
  requirePostgres(role, raw.DATABASE_URL);
  if (raw.DEMO === 'on') {
    throw new ConfigError(
      `Invalid configuration: DEMO=on runs with --role all only (it starts the chain and the committee).`,
    );
  }
  if (role === 'indexer') return { role, indexer: parseIndexerCliEnv(source) };
  const stack = parseStackEnv({ ...raw, DEMO: 'off' });
  // Web processes share sessions and sign-in cookies only under one secret: a per-process random one would make each
  // process refuse the others' cookies.
  if (!raw.SESSION_SECRET) {
    throw new ConfigError(
      `Invalid configuration: --role web needs SESSION_SECRET (the same in every web process: each signs and checks the others' cookies).`,
    );
  }
  return { role, stack: { ...stack, demo: false } };
}

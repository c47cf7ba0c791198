import { resolve } from 'node:path';
/** Settings more than one runtime reads (the stack and the standalone indexer): where the chain and the data are. */
import { z } from 'zod';
import { ConfigError, documented, list, logLevel, port, url } from './env';

export const chainFields = {
  RPC_URL: documented(url(['http:', 'https:'], 'http://127.0.0.1:8545').optional(), {
    description:
      'JSON-RPC endpoint of the chain. Unset: `npm start` runs a local anvil on ANVIL_PORT (the standalone indexer reads that anvil). Set: a real network (production).',
    default: 'unset: local anvil',
  }),
  ANVIL_PORT: documented(port.default(8545), { description: 'Port of the local anvil chain (without RPC_URL).' }),
};

export const databaseFields = {
  DATABASE_URL: documented(
    url(['postgres:', 'postgresql:'], 'postgres://user:password@localhost:5432/rackshare').optional(),
    {
      description: 'PostgreSQL server of the mirror and the off-chain data. Unset: PGlite under DATA_DIR/pglite.',
      default: 'unset: PGlite',
    },
  ),
  DATA_DIR: documented(z.string().trim().min(1).default('.data'), {
    description: "Where local state lives: anvil's chain state, PGlite, local deployment records, the demo's journals.",
  }),
};

/** The most read replicas DATABASE_READ_URLS may name (each is a pool of connections). */
export const MAX_READ_REPLICAS = 16;

/** The web tier's read replicas (config/web.ts): the read-URL part of the database settings. */
export const databaseReadFields = {
  DATABASE_READ_URLS: documented(
    list(url(['postgres:', 'postgresql:'], 'postgres://user:password@replica-1:5432/rackshare'))
      .refine((urls) => urls.length <= MAX_READ_REPLICAS, `must list at most ${MAX_READ_REPLICAS} URLs`)
      .optional(),
    {
      description:
        "Read replicas of DATABASE_URL, comma-separated: the dashboard's and the API's reads go to them; writes and what must read its own writes (sessions, the relay, the operator's documents) go to DATABASE_URL. Needs DATABASE_URL.",
      default: 'unset: every read from DATABASE_URL',
    },
  ),
};

/** The replicas the settings name; refused without DATABASE_URL (PGlite is embedded in one process: no replica). */
export function databaseReadUrls(env: { DATABASE_URL?: string; DATABASE_READ_URLS?: string[] }): string[] {
  const urls = env.DATABASE_READ_URLS ?? [];
  if (urls.length > 0 && !env.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: DATABASE_READ_URLS needs DATABASE_URL (PGlite runs inside one process and has no read replicas).',
    );
  }
  return urls;
}

/**
 * The database the settings name, by the one rule every command shares (npm start, the standalone indexer,
 * db:reindex): PostgreSQL at DATABASE_URL, else PGlite under DATA_DIR/pglite.
 */
export function databaseTarget(env: {
  DATABASE_URL?: string;
  DATA_DIR: string;
}): { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string } {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(env.DATA_DIR, 'pglite') };
}

/** One record directory for everyone who reads or writes deployment records. */
export const deploymentRecordFields = {
  DEPLOYMENTS_DIR: documented(z.string().trim().min(1).optional(), {
    description:
      "Directory of the deployment records (`<chainId>.json`): `npm run deploy` writes a real chain's (commit it), `npm start` with RPC_URL and the standalone indexer read it.",
    default: 'DATA_DIR/deployments locally, contracts/deployments with RPC_URL',
  }),
};

export const logFields = {
  LOG_LEVEL: documented(logLevel.default('info'), {
    description: 'pino log level: fatal, error, warn, info, debug, trace or silent.',
  }),
};

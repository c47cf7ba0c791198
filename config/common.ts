import { resolve } from 'node:path';
/** Settings more than one runtime reads (the stack and the standalone indexer): where the chain and the data are. */
import { z } from 'zod';
import { documented, logLevel, port, url } from './env';

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

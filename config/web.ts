/**
 * The web tier's settings (the dashboard served by `npm start`). They reach loaders and actions through the Remix load
 * context (`context.web`, app/load-context.ts), never through process.env: parsed once when the process starts, so a
 * bad value is one sentence at start instead of a 500 page at the first request that reads it.
 */
import { randomBytes } from 'node:crypto';
import type { Hex } from 'viem';
import { z } from 'zod';
import { databaseReadFields, databaseReadUrls } from './common';
import { boolean, documented, type EnvSource, list, parseEnv, privateKey, url, withoutEmpty } from './env';

/** What every request sees as `context.web`. */
export type WebSettings = {
  /** scheme://host[:port] of the dashboard as visitors reach it, no trailing slash (the Sign-In-with-Ethereum domain). */
  publicOrigin: string;
  /** Trust X-Forwarded-* from a reverse proxy in front (TLS termination). */
  trustProxy: boolean;
  /** Signs the session cookie; at least 32 characters. */
  sessionSecret: string;
  /** Cloud price per GPU-hour the analytics compare revenue with, a decimal USD amount such as "2.50". */
  cloudReferencePriceUsd: string;
  /** The oracle committee's nodes the app relays attestation requests to and reads telemetry and samples from. */
  oracleNodeUrls: string[];
  /** The dashboard's telemetry reader key (nodes that trust its address show it rejection detail). */
  oracleReaderPrivateKey?: Hex;
};

/**
 * The web tier's settings plus what its process opens and binds (not a request's business): the address, and the
 * read replicas its database handle sends the loaders' selects to (empty: none).
 */
export type WebEnv = {
  host: string;
  settings: WebSettings;
  databaseReadUrls: string[];
  /** How the web process watches its read replicas (db/replicas.ts). */
  replicaMonitor: { probeMs: number; probeTimeoutMs: number; maxLagBlocks: number };
  /** The server's statement_timeout on the web process's connections, in ms (0: none). */
  statementTimeoutMs: number;
  /** `auto`: apply pending migrations at start; `off`: refuse to start while the schema is behind the code. */
  migrate: 'auto' | 'off';
};

const origin = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const parsed = new URL(value);
      return (
        ['http:', 'https:'].includes(parsed.protocol) &&
        !parsed.username &&
        !parsed.password &&
        parsed.pathname === '/' &&
        !parsed.search &&
        !parsed.hash
      );
    } catch {
      return false;
    }
  }, 'must be an origin such as https://rackshare.example (scheme, host and port only)')
  .transform((value) => new URL(value).origin);

export const webFields = {
  PUBLIC_ORIGIN: documented(origin.optional(), {
    description:
      'The dashboard as visitors reach it (scheme, host and port): the only Sign-In-with-Ethereum domain, and the only Host the server answers.',
    default: 'http://localhost:$PORT locally; required with RPC_URL',
  }),
  HOST: documented(z.string().trim().min(1).default('127.0.0.1'), {
    description:
      'Address the web server binds (0.0.0.0 for every interface, e.g. behind a reverse proxy in a container).',
  }),
  TRUST_PROXY: documented(boolean.default(false), {
    description:
      'true behind a reverse proxy that sets X-Forwarded-For/-Proto (TLS termination): the session cookie becomes Secure and rate limits see the client address.',
  }),
  SESSION_SECRET: documented(z.string().min(32, 'must be at least 32 characters').optional(), {
    description:
      'Signs the Sign-In-with-Ethereum cookies and keys the sign-in nonces (at least 32 characters); the same in every process serving the site.',
    default:
      'random per process locally on PGlite (a restart signs everyone out); required with RPC_URL, --role web, or DATABASE_URL',
  }),
  CLOUD_REFERENCE_PRICE_USD: documented(
    z
      .string()
      .trim()
      .regex(/^\d{1,6}(\.\d{1,6})?$/, 'must be a dollar amount such as 2.50')
      .default('2.50'),
    {
      description:
        'Cloud price per GPU-hour the analytics compare revenue with (USD; `?price=` overrides it per view).',
    },
  ),
  ORACLE_NODE_URLS: documented(list(url(['http:', 'https:'], 'http://127.0.0.1:4700')).optional(), {
    description:
      'Oracle committee nodes, comma-separated: the operator page relays attestation requests to them and reads telemetry status; epoch exports read raw samples from the first that answers. None: those answer 503.',
    default: 'the local demo committee',
  }),
  ORACLE_READER_PRIVATE_KEY: documented(privateKey.optional(), {
    description:
      "The dashboard's telemetry reader key: nodes that list its address in `telemetryReaders` show the signed-in operator a cluster's rejection detail.",
    default: 'dev account #19 with the local demo committee',
  }),
  ...databaseReadFields,
  DATABASE_REPLICA_PROBE_MS: documented(z.coerce.number().int().min(200).max(600_000).default(5_000), {
    description:
      "Milliseconds between two probes of each read replica by a web process: whether it answers and how many blocks its mirror is behind the primary's.",
  }),
  DATABASE_REPLICA_PROBE_TIMEOUT_MS: documented(z.coerce.number().int().min(100).max(60_000).default(2_000), {
    description:
      'Milliseconds each query of a replica probe may take; one that takes longer is cancelled (its connection dropped) and the replica counts as down.',
  }),
  WEB_DATABASE_STATEMENT_TIMEOUT_MS: documented(z.coerce.number().int().min(0).max(3_600_000).default(30_000), {
    description:
      "A web process's database statements (a page's or an API call's queries) end after this many milliseconds (PostgreSQL's statement_timeout; 0: no bound). Migrations a web applies (WEB_MIGRATE=auto) are not bounded.",
  }),
  DATABASE_REPLICA_MAX_LAG_BLOCKS: documented(z.coerce.number().int().min(0).max(1_000_000).default(10), {
    description:
      "A read replica whose indexed block is more than this many blocks behind the primary's, or that does not answer, is out of rotation until it catches up; with none left, reads go to DATABASE_URL.",
  }),
  WEB_MIGRATE: documented(z.enum(['auto', 'off'], { error: 'must be auto or off' }).default('auto'), {
    description:
      'auto: each web process applies pending migrations at start (needs DDL rights). off: it refuses to start while the schema is behind, and the indexer (or `npm start`) migrates: for web processes without DDL rights, or that must never wait behind a long migration (not checked: production accepts either).',
  }),
};

export const webEnvSchema = z.object(webFields);

/** The web tier's settings from `source`; `port` is the dashboard's port (the local public origin's). */
export function parseWebEnv(source: EnvSource, options: { port: number }): WebEnv {
  const env = parseEnv(webEnvSchema, source);
  return {
    host: env.HOST,
    databaseReadUrls: databaseReadUrls({ ...env, DATABASE_URL: withoutEmpty(source).DATABASE_URL }),
    replicaMonitor: {
      probeMs: env.DATABASE_REPLICA_PROBE_MS,
      probeTimeoutMs: env.DATABASE_REPLICA_PROBE_TIMEOUT_MS,
      maxLagBlocks: env.DATABASE_REPLICA_MAX_LAG_BLOCKS,
    },
    statementTimeoutMs: env.WEB_DATABASE_STATEMENT_TIMEOUT_MS,
    migrate: env.WEB_MIGRATE,
    settings: {
      publicOrigin: env.PUBLIC_ORIGIN ?? `http://localhost:${options.port}`,
      trustProxy: env.TRUST_PROXY,
      // Random per process when unset: sessions then last until the next restart.
      sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
      cloudReferencePriceUsd: env.CLOUD_REFERENCE_PRICE_USD,
      oracleNodeUrls: env.ORACLE_NODE_URLS ?? [],
      ...(env.ORACLE_READER_PRIVATE_KEY ? { oracleReaderPrivateKey: env.ORACLE_READER_PRIVATE_KEY } : {}),
    },
  };
}

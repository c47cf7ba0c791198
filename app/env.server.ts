/**
 * The web app's own settings, validated once when first read. The stack passes the process environment through:
 * - CLOUD_REFERENCE_PRICE_USD: the cloud price per GPU-hour the analytics compare revenue with (default 2.50, the
 *   order of an on-demand H100 hour at large clouds); `?price=` overrides it per view.
 * - ORACLE_NODE_URLS: the oracle committee's nodes, comma-separated. Operators request attestations from them (the app
 *   relays challenges and answers to exactly these, never to an address a browser names), the operator page reads
 *   their telemetry status, and epoch exports read raw samples from the first that answers. None: those answer 503.
 * - ORACLE_READER_PRIVATE_KEY: the dashboard's telemetry reader key (optional). Nodes that list its address in
 *   `telemetryReaders` show the app a cluster's rejection detail, which the app passes on only to the signed-in current
 *   on-chain operator (oracle/node/telemetry-access.ts). Without it the operator page shows the public counts only.
 * - SESSION_SECRET: signs the Sign-In-with-Ethereum session cookie (default: random per process, so a restart signs
 *   everyone out).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { usdPrice } from '~/lib/analytics-query';

const appEnvSchema = z.object({
  CLOUD_REFERENCE_PRICE_USD: usdPrice.default('2.50'),
  ORACLE_NODE_URLS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  ORACLE_READER_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte private key')
    .transform((key) => key as `0x${string}`)
    .optional(),
  SESSION_SECRET: z.string().min(32).optional(),
});

export type AppEnv = z.infer<typeof appEnvSchema> & { sessionSecret: string };

let parsed: AppEnv | undefined;

export function appEnv(): AppEnv {
  if (!parsed) {
    const result = appEnvSchema.safeParse(process.env);
    if (!result.success) throw new Error(`Invalid web app setting: ${z.prettifyError(result.error)}`);
    parsed = { ...result.data, sessionSecret: result.data.SESSION_SECRET ?? randomBytes(32).toString('hex') };
  }
  return parsed;
}

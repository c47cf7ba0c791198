/**
 * The web app's own settings, validated once when first read. The stack passes the process environment through:
 * - CLOUD_REFERENCE_PRICE_USD: the cloud price per GPU-hour the analytics compare revenue with (default 2.50, the
 *   order of an on-demand H100 hour at large clouds); `?price=` overrides it per view.
 * - ORACLE_NODE_URLS: the oracle committee's nodes, comma-separated. Operators request attestations from them (the app
 *   relays challenges and answers to exactly these, never to an address a browser names), the operator page reads
 *   their telemetry status, and epoch exports read raw samples from the first that answers. None: those answer 503.
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

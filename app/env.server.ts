/**
 * The web app's own settings, validated once when first read. The stack passes the process environment through:
 * - CLOUD_REFERENCE_PRICE_USD: the cloud price per GPU-hour the analytics compare revenue with (default 2.50, the
 *   order of an on-demand H100 hour at large clouds); `?price=` overrides it per view.
 * - ORACLE_NODE_URL: an oracle node whose read API serves an epoch's raw samples for export (none: exports answer 503).
 * - SESSION_SECRET: signs the Sign-In-with-Ethereum session cookie (default: random per process, so a restart signs
 *   everyone out).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const usdPrice = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,6})?$/, 'must be a dollar amount such as 2.50');

const appEnvSchema = z.object({
  CLOUD_REFERENCE_PRICE_USD: usdPrice.default('2.50'),
  ORACLE_NODE_URL: z.url({ protocol: /^https?$/ }).optional(),
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

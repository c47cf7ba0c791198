import { z } from 'zod';

/** A cluster id in a URL: decimal digits only (uint256). Anything else is a 400, an unknown id a 404. */
export const clusterIdParam = z
  .string()
  .regex(/^\d{1,78}$/, 'must be a whole number')
  .transform((value) => BigInt(value));

/** A cluster's epoch in a URL: its id (uint256) and the epoch id (the Unix second at which the epoch ends). */
export const epochParams = z.object({
  clusterId: clusterIdParam,
  epoch: z
    .string()
    .regex(/^\d{1,20}$/, 'must be a Unix second')
    .transform((value) => BigInt(value)),
});

/** Search params as an object, empty values dropped (an empty filter box means "no filter"). */
export function searchParamsObject(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of params) if (value !== '') result[key] = value;
  return result;
}

export const txHashParam = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 32-byte hex transaction hash');

/** Only http(s) links become clickable: an on-chain URI such as javascript:… must never be an href. */
export function safeHttpUrl(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

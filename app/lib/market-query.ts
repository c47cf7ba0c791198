/**
 * The market table's search parameters (linkable sort and filters). Unknown values are a 400, never silently
 * ignored, so a shared link always means what it says.
 */
import { z } from 'zod';

export const MARKET_SORTS = [
  'id',
  'model',
  'location',
  'status',
  'utilization',
  'apr',
  'price',
  'sold',
  'report',
] as const;
export const MARKET_STATUSES = ['registered', 'attested', 'stale', 'suspended', 'retired'] as const;
export const PAGE_SIZE = 50;

const text = z.string().trim().max(100);

export const marketQuerySchema = z
  .object({
    sort: z.enum(MARKET_SORTS).default('id'),
    order: z.enum(['asc', 'desc']).default('desc'),
    model: text.optional(),
    location: text.optional(),
    status: z.enum(MARKET_STATUSES).optional(),
    tokenized: z.enum(['yes', 'no']).optional(),
    q: text.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .strict();

export type MarketQuery = z.infer<typeof marketQuerySchema>;

/** The link for the same view with some parameters changed (defaults dropped to keep URLs short). */
export function marketHref(query: MarketQuery, changes: Partial<MarketQuery>) {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || value === '') continue;
    if ((key === 'sort' && value === 'id') || (key === 'order' && value === 'desc') || (key === 'page' && value === 1))
      continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/clusters?${search}` : '/clusters';
}

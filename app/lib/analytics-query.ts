/** The analytics page's search parameters: time range, grouping and the cloud reference price (all linkable). */
import { z } from 'zod';

export const RANGES = { '24h': 1, '7d': 7, '30d': 30, '90d': 90, '365d': 365 } as const;
export type RangeName = keyof typeof RANGES;
export const GROUPS = ['network', 'gpu_model', 'location'] as const;
export const CHARTS = ['utilization', 'revenue', 'revenue-per-gpu-hour', 'distribution'] as const;
export type ChartName = (typeof CHARTS)[number];

/** A dollar price such as 2.50: the `?price=` parameter and the CLOUD_REFERENCE_PRICE_USD setting. */
export const usdPrice = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,6})?$/, 'must be a dollar amount such as 2.50');

export const analyticsQuerySchema = z
  .object({
    range: z.enum(Object.keys(RANGES) as [RangeName, ...RangeName[]]).default('30d'),
    group: z.enum(GROUPS).default('network'),
    price: usdPrice.optional(),
    format: z.enum(['csv', 'json']).optional(),
  })
  .strict();

export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

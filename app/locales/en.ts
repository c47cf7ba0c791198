/**
 * English catalog: the source of truth for the keys (the Chinese catalog must have the same shape), merged from one
 * file per area of the app.
 */
import { analytics } from './en/analytics';
import { common } from './en/common';
import { market } from './en/market';
import { operator } from './en/operator';

export const en = { ...common, ...market, ...operator, ...analytics };

type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
export type Messages = Catalog<typeof en>;

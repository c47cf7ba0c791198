/**
 * English catalog: the source of truth for the keys (the Chinese catalog must have the same shape), merged from one
 * file per area of the app.
 */
import { analytics } from './en/analytics';
import { common } from './en/common';
import { governance } from './en/governance';
import { hardware } from './en/hardware';
import { holdings } from './en/holdings';
import { home } from './en/home';
import { investors } from './en/investors';
import { market } from './en/market';
import { operator } from './en/operator';
import { settlement } from './en/settlement';
import { trading } from './en/trading';
import { wallet } from './en/wallet';

export const en = {
  ...common,
  ...market,
  ...operator,
  ...analytics,
  ...wallet,
  ...home,
  ...holdings,
  ...settlement,
  ...hardware,
  ...investors,
  ...governance,
  ...trading,
};

type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
export type Messages = Catalog<typeof en>;

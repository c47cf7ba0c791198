/**
 * Simplified Chinese catalog, merged from one file per area; each is typed against the English one (a Pick of
 * `Messages`), so a missing key fails the type check.
 */
import type { Messages } from './en';
import { analytics } from './zh-CN/analytics';
import { common } from './zh-CN/common';
import { governance } from './zh-CN/governance';
import { hardware } from './zh-CN/hardware';
import { holdings } from './zh-CN/holdings';
import { home } from './zh-CN/home';
import { investors } from './zh-CN/investors';
import { market } from './zh-CN/market';
import { operator } from './zh-CN/operator';
import { settlement } from './zh-CN/settlement';
import { trading } from './zh-CN/trading';
import { wallet } from './zh-CN/wallet';

export const zhCN: Messages = {
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

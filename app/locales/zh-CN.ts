/**
 * Simplified Chinese catalog, merged from one file per area; each is typed against the English one (a Pick of
 * `Messages`), so a missing key fails the type check.
 */
import type { Messages } from './en';
import { analytics } from './zh-CN/analytics';
import { common } from './zh-CN/common';
import { market } from './zh-CN/market';
import { operator } from './zh-CN/operator';

export const zhCN: Messages = { ...common, ...market, ...operator, ...analytics };

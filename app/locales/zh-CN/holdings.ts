import type { Messages } from '../en';

/** Simplified Chinese catalog, the investor area: verification status, claim all, earnings chart, refunds. */
export const holdings: Pick<Messages, 'holdings'> = {
  holdings: {
    title: '持仓',
  },
};

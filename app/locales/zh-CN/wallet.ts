import type { Messages } from '../en';

/** Simplified Chinese catalog, the built-in development wallet (local chain only) and the wallet menu. */
export const wallet: Pick<Messages, 'devWallet'> = {
  devWallet: {
    title: '开发钱包',
  },
};

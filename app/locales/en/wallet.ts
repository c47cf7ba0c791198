/** English catalog, the built-in development wallet (local chain only) and the wallet menu. */
export const wallet = {
  devWallet: {
    title: 'Development wallet',
  },
};

/** English catalog, the investor area: verification status, claim all, earnings chart, refunds. */
export const holdings = {
  holdings: {
    title: 'Holdings',
  },
};

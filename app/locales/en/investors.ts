/** English catalog, the operator console: investor management (allowlist, verification, freeze, pause, forced transfer, recovery). */
export const investors = {
  investors: {
    title: 'Investors',
  },
};

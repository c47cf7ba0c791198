/** English catalog, the governance console (/governance). */
export const governance = {
  governance: {
    title: 'Governance',
  },
};

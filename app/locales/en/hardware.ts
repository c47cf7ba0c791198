/** English catalog, the operator console: hardware update, re-attestation and hand-over. */
export const hardware = {
  hardware: {
    title: 'Hardware',
  },
};

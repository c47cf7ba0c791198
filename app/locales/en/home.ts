/** English catalog, the front door (/) and the status page (/status). */
export const home = {
  home: {
    title: 'Rackshare',
  },
};

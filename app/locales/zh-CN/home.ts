import type { Messages } from '../en';

/** Simplified Chinese catalog, the front door (/) and the status page (/status). */
export const home: Pick<Messages, 'home'> = {
  home: {
    title: 'Rackshare',
  },
};

import type { Messages } from '../en';

/** Simplified Chinese catalog, the operator console: investor management (allowlist, verification, freeze, pause, forced transfer, recovery). */
export const investors: Pick<Messages, 'investors'> = {
  investors: {
    title: '投资者',
  },
};

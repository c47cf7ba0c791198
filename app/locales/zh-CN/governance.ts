import type { Messages } from '../en';

/** Simplified Chinese catalog, the governance console (/governance). */
export const governance: Pick<Messages, 'governance'> = {
  governance: {
    title: '治理',
  },
};

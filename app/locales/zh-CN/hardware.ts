import type { Messages } from '../en';

/** Simplified Chinese catalog, the operator console: hardware update, re-attestation and hand-over. */
export const hardware: Pick<Messages, 'hardware'> = {
  hardware: {
    title: '硬件',
  },
};

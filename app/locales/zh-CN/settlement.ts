import type { Messages } from '../en';

/** Simplified Chinese catalog, the operator console: sale settlement and what the operator owes (revenue, payers). */
export const settlement: Pick<Messages, 'console'> = {
  console: {
    title: '控制台',
  },
};

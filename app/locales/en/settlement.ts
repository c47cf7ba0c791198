/** English catalog, the operator console: sale settlement and what the operator owes (revenue, payers). */
export const settlement = {
  console: {
    title: 'Console',
  },
};

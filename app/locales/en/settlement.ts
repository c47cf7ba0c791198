/** English catalog, the operator console: sale settlement and what the operator owes (revenue, payers). */
export const settlement = {
  console: {
    title: 'Console',
    notTokenized: 'This cluster has no share token yet: tokenize it on the overview once it is attested.',
    sale: {
      title: 'Sale',
      phase: 'Phase',
      startsIn: 'Opens in {{countdown}} ({{at}} UTC)',
      endsIn: 'Closes in {{countdown}} ({{at}} UTC)',
      ended: 'Closed at {{at}} UTC',
      countdown: '{{days}} d {{hours}} h {{minutes}} min {{seconds}} s',
      sold: 'Sold',
      soldOf: '{{sold}} of {{supply}} shares',
      raised: 'Raised',
      softCap: 'Soft cap',
      softCapOf: '{{softCap}} shares ({{cost}})',
      softCapMet: 'met',
      softCapNotMet: 'not met',
      perBuyerCap: 'Per-buyer cap',
      noCap: 'none',
      price: 'Price per share',
      paused: 'The token is paused: no purchase and no settlement goes through until it is unpaused.',
      finalize: 'Finalize the sale',
      finalizeNotStarted: 'The sale has not opened yet: there is nothing to settle.',
      finalizeBelowSoftCap:
        'The sale is open below its soft cap: it can be settled once it ends (or sells out). Ending below the soft cap, it fails.',
      finalizeEarly:
        'The soft cap is met: you may close the sale now. Finalizing ends the sale at once and, in the same transaction, sends you the proceeds ({{proceeds}}), the unsold shares ({{unsold}}) and the revenue the offering earned before the sale was decided; the buyers’ shares stay in escrow until each buyer withdraws them, and from now on their revenue is theirs.',
      finalizeSucceeded:
        'The sale is decided and succeeded. Finalizing sends you, in the same transaction, the proceeds ({{proceeds}}), the unsold shares ({{unsold}}) and the revenue the offering earned before the decision; the buyers’ shares (and what they earned since) stay in escrow until each buyer withdraws them. Anyone may send it; the money always goes to the cluster’s operator.',
      finalizeFailed:
        'The sale failed: it ended below its soft cap. Finalizing returns the whole supply ({{supply}} shares) to you and pays no proceeds; the revenue the offering earned is yours. Buyers take back exactly what they paid with a refund, before or after finalizing, whenever they want — you cannot move their money.',
      finalizeCancelled:
        'Governance cancelled the sale: it settles as a failed one. Finalizing returns the whole supply to you; buyers take back exactly what they paid with a refund.',
      noWithdrawal:
        'There is no separate withdrawal: finalizing pays the proceeds to the operator directly (the offering charges no fee).',
      failedAfter:
        'A cluster is tokenized once: after a failed sale it keeps this token, whose whole supply is yours; it cannot be tokenized again. Holders of shares you later sell or transfer earn the revenue you deposit.',
      refundsLeft: 'Refunds not yet taken by buyers',
      settled: 'Settled',
      settledSucceeded:
        'Settled: you received {{proceeds}} in proceeds, {{revenue}} of revenue and {{shares}} unsold shares.',
      settledFailed:
        'Settled as failed: you received the whole supply back ({{shares}} shares) and {{revenue}} of revenue.',
      settledPending: 'Settled. The indexer has not recorded the settlement yet; its figures appear here once it has.',
      received: 'Received in the settlement transaction: {{amount}} (proceeds {{proceeds}} + revenue {{revenue}}).',
      escrowed: 'Revenue credited to the buyers in escrow: {{amount}}.',
    },
    revenue: {
      title: 'What you owe',
      explain:
        'The oracle committee reports the cluster’s gross rental revenue per epoch; you deposit into the share token what belongs to the holders (your terms document sets the split). Counted from the tokenization on: earlier revenue had no holders.',
      reported: 'Reported by the oracle',
      deposited: 'Deposited into the token',
      outstanding: 'Outstanding',
      ahead: 'Paid ahead',
      asOf: 'As the indexer has it at block {{block}}.',
      mirrorBehind:
        'The indexer has not caught up with the latest deposit (the token holds {{chain}} in deposits): the figures and the one-click deposit wait for it.',
      weeks: 'Per week (7 UTC days, newest first)',
      week: 'Week',
      balance: 'Owed at the week’s end',
      weekRange: '{{from}} – {{to}}',
      owedWhat:
        'Sends {{amount}} to the share token (approve, then deposit): holders earn it second by second over {{duration}}, on top of what already streams; it cannot be taken back.',
      owedUnavailable: 'The token accepts no deposit from this wallet now (paused, or not its operator).',
      payOwed: 'Deposit what I owe ({{amount}})',
      nothingOwed: 'Nothing is outstanding.',
      stream: 'Revenue stream',
      streamRate: 'Streams {{rate}} a day to the whole supply until {{end}} UTC.',
      streamIdle: 'Nothing is streaming: holders earn nothing until the next deposit.',
      paused:
        'The token is paused: no deposit goes through until it is unpaused (holders keep claiming what they earned).',
    },
    payers: {
      title: 'Revenue payers',
      explain:
        'A revenue payer (a billing service, say) deposits revenue on your behalf. It can only add: its deposits follow the same rules as yours and may end the stream at most its horizon after the deposit. It cannot withdraw, claim for holders or change anything else. The right is yours: it lapses when the cluster changes operator.',
      none: 'No revenue payer named.',
      payer: 'Payer',
      horizon: 'Horizon',
      since: 'Named',
      days: '{{days}} days',
      address: 'Payer address',
      horizonDays: 'Horizon (days, 1–{{max}})',
      add: 'Name payer',
      addWhat:
        'Lets {{payer}} deposit revenue for holders, streamed for at most {{days}} days per deposit. Holders’ revenue only grows from its deposits.',
      remove: 'Remove {{payer}}',
      removeWhat: 'Removing a payer stops its future deposits; what it already deposited keeps streaming to holders.',
      invalid: 'Enter an address (0x and 40 hex digits) and a horizon of 1 to {{max}} days.',
    },
  },
};

/** English catalog, the investor area: verification status, claim all, earnings chart, refunds. */
export const holdings = {
  holdings: {
    title: 'Holdings',
    claimAll: 'Claim all ({{count}} tokens, {{amount}})',
    claimAllHow:
      'One transaction through the factory: each token pays you what you can claim now; nothing else changes for other holders, and your shares keep earning.',
    claimAllCapped: 'Claims the first {{max}} tokens; claim again for the rest.',
    claimAllTx: 'Claim all',
    verification: {
      title: 'Your standing on each token',
      intro:
        'What each token’s rules say about this account: a token you hold, or one whose offering is open to buy from. A refused purchase or transfer to you does not touch revenue you already earned.',
      token: 'Token',
      relation: 'You',
      holds: 'holder',
      canBuy: 'offering open',
      verified: 'Verified',
      verifiedUntil: 'until {{date}}',
      expired: 'expired {{date}}',
      notVerified: 'not verified',
      frozen: 'Frozen',
      paused: 'Paused',
      pausedByGovernance: 'by governance',
      pausedByOperator: 'by the operator',
      allowlist: 'Allowlist',
      on: 'on',
      off: 'off',
      yes: 'yes',
      no: 'no',
      incoming: 'A purchase or transfer to you',
      accepted: 'would go through',
    },
    refusal: {
      TokenPaused: 'refused: the token is paused, so no shares move until it is unpaused (revenue keeps streaming).',
      AccountFrozen: 'refused: this account is frozen by the operator (it keeps earning and may claim).',
      RecipientNotVerified: 'refused: the allowlist is on and this account is not verified by the operator.',
      RecipientVerificationExpired: 'refused: the allowlist is on and this account’s verification has expired.',
      ERC20InvalidReceiver: 'refused: this address cannot receive shares.',
      ERC20InvalidSender: 'refused: the sender is not a valid address.',
      ERC20InsufficientBalance: 'refused: the sender does not hold enough shares.',
      other: 'refused by the token: {{reason}}',
    },
    earnings: {
      title: 'Earned over time',
      label: 'Earned revenue, cumulative ({{unit}})',
      series: 'Earned (claimed + claimable)',
      how: 'Each day’s point is replayed from the indexed history (your share balance times each token’s stream); today’s point is read from the chain: claimed + claimable + escrow revenue.',
      truncated:
        'The history is longer than the chart replays: the days after the last replayed event are left blank rather than drawn too low; today’s point is still read from the chain.',
      loading: 'Loading the history…',
    },
    refunds: {
      title: 'Refunds of failed sales',
      intro:
        'A sale that missed its soft cap or that governance cancelled pays every buyer back exactly what it paid; the shares return to the offering and earned nothing.',
      none: 'No refunds due.',
      refund: 'Refund {{amount}}',
      phase: 'Sale',
    },
  },
};

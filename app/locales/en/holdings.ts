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
    elsewhere: {
      summary: 'Send to another address…',
      why: 'For an account that cannot receive here (the stablecoin blocks it, or its verification on the token expired): the same act, paid to an address of yours.',
      what: 'What to send',
      kind: {
        claimTo: 'Revenue you can claim',
        claimEscrowRevenue: 'Revenue of your escrowed shares',
        withdrawSharesTo: 'Your escrowed shares',
        refundTo: 'Your refund',
      },
      recipient: 'Send to this address instead',
      theAddress: 'the address you enter',
      invalid: {
        invalid: 'Enter an address (0x followed by 40 hexadecimal digits; mixed case must be the checksummed form).',
        zero: 'The zero address cannot receive anything.',
        self: 'That is this account: use the button without a recipient.',
      },
      effect: {
        claimTo:
          'The revenue this account can claim on {{symbol}} ({{amount}} now, more as it streams) is paid to {{recipient}}. Your shares stay in this account and keep earning.',
        claimEscrowRevenue:
          'The revenue your escrowed {{symbol}} shares earned ({{amount}}) is paid to {{recipient}}. The shares stay in escrow.',
        withdrawSharesTo:
          'Your {{shares}} escrowed {{symbol}} shares and their unclaimed escrow revenue ({{amount}}) go to {{recipient}}, which the token’s rules must allow to hold them. Nothing of this purchase stays with this account.',
        refundTo:
          'The {{amount}} this account paid for {{symbol}} is refunded to {{recipient}} instead of this account, and the purchase is closed.',
      },
      refused: 'The token would refuse this withdrawal: {{reason}}',
      send: {
        claimTo: 'Claim to this address',
        claimEscrowRevenue: 'Claim escrow revenue to this address',
        withdrawSharesTo: 'Withdraw shares to this address',
        refundTo: 'Refund to this address',
      },
      tx: '{{action}} ({{symbol}}, to {{recipient}})',
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

/** English catalog, the built-in development wallet (local chain only) and the wallet menu. */
export const wallet = {
  devWallet: {
    title: 'Development wallet',
    badge: 'Dev wallet · public keys',
    connect: 'Connect the development wallet',
    offer: 'No extension needed on the local chain: try every journey with its funded test accounts.',
    warning:
      "Its accounts are anvil's public test keys — anyone can sign for them — so it is offered on the local chain only.",
    browserWallet: 'Browser wallet',
    account: 'Account',
    role: 'Role',
    balances: 'Balances',
    option: '{{role}} · {{address}} · {{usd}} · {{eth}} ETH',
    optionLoading: '{{role}} · {{address}}',
    roles: {
      investor: 'Investor',
      operator: 'Operator',
      governance: 'Governance',
      fresh: 'Fresh account',
    },
  },
};

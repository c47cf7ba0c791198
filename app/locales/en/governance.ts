/** English catalog, the governance console (/governance). */
export const governance = {
  governance: {
    title: 'Governance',
    intro:
      'The registry owner governs the protocol: the oracle committee, the report heartbeat, a cluster’s lifecycle, the emergency pause of a share token and the cancellation of a sale.',
    who: {
      title: 'Who governs',
      owner: 'Registry owner',
      timelock: 'TimelockController, delay {{delay}}: every act is public for that long before it can take effect.',
      account: 'An account: its acts take effect at once.',
      proposers: 'Proposers',
      executors: 'Executors',
      cancellers: 'Cancellers',
      guardian: 'Guardian',
      guardianNone: 'none',
      guardianRole: 'may suspend a cluster or pause a token at once, never lift either',
      none: 'none found',
    },
    you: {
      proposer: 'Your wallet may propose through the timelock.',
      owner: 'Your wallet is the registry owner: actions are sent directly.',
      guardian: 'Your wallet is the guardian: it may suspend a cluster or pause a token at once.',
      notProposer:
        'Your wallet ({{account}}) holds no proposer role on the timelock, so it cannot schedule governance acts.',
      notOwner: 'Your wallet ({{account}}) is not the registry owner ({{owner}}), so it cannot govern.',
    },
    mode: {
      scheduled: 'Scheduled through the timelock: takes effect no earlier than {{delay}} after it is scheduled.',
      direct: 'Sent directly by the owner: takes effect at once.',
      guardian: 'As guardian, at once.',
    },
    committee: {
      title: 'Oracle committee',
      signers: 'Signers',
      threshold: 'Threshold',
      thresholdOf: '{{threshold}} of {{count}} signatures',
      version: 'Committee version {{version}}',
      add: 'Add signer',
      remove: 'Remove signer',
      setThreshold: 'Set threshold',
      signer: 'Signer address',
      newThreshold: 'New threshold',
      effect:
        'Holders’ revenue is unaffected: deposited revenue keeps streaming. Attestations and reports then need the new number of signatures, and reports signed for the previous committee are refused.',
    },
    heartbeat: {
      title: 'Report heartbeat',
      current: 'A cluster with no report for {{duration}} is Stale.',
      seconds: 'New heartbeat (seconds)',
      set: 'Set heartbeat',
      effect:
        'A shorter heartbeat makes clusters whose reports lag Stale sooner: they cannot be tokenized and show as Stale to investors. Revenue already deposited keeps streaming to holders.',
    },
    guardian: {
      title: 'Change the guardian',
      newGuardian: 'New guardian address',
      none: 'No guardian (address(0))',
      set: 'Change guardian',
      effect:
        'The guardian is an emergency key: it may suspend any cluster and pause any share token at once, without the timelock, but never lift either (only the owner can). Holders’ revenue is unaffected by the change itself.',
      toAccount: 'After this change {{account}} holds that key, and only it.',
      toNone:
        'After this change nobody holds that key: every suspension and pause waits for the owner (and its timelock’s delay, if it has one).',
      unchanged: 'That is the guardian the registry already has: nothing would change.',
    },
    ownership: {
      title: 'Hand governance over',
      pending: 'Pending owner',
      pendingNone: 'none: nobody has been offered the registry',
      pendingAccount:
        'Named by transferOwnership, it becomes the registry owner only when it accepts (acceptOwnership, sent from that account). Until then the current owner governs.',
      pendingContract:
        'The pending owner is a contract (a new timelock or a multisig): it accepts through its own scheduling — its proposers schedule acceptOwnership() on the registry and execute it after its own delay. Until then the current owner governs.',
      accept: 'Accept ownership',
      acceptEffect: 'Your wallet becomes the registry owner at once, and the current owner loses every governance act.',
      newOwner: 'New owner address',
      transfer: 'Hand governance over',
      effect:
        'This only names a pending owner: the new owner must accept, and until it does nothing changes — the current owner keeps governing and may name another. Holders’ revenue is unaffected.',
      alreadyOwner: 'That is the registry owner already: nothing would change.',
      alreadyPending: 'That account is already the pending owner: nothing would change.',
    },
    cluster: {
      title: 'A cluster',
      pick: 'Cluster id',
      show: 'Show',
      missing: 'No cluster has id {{id}}.',
      status: 'Status',
      operator: 'Operator',
      token: 'Share token',
      offering: 'Offering',
      phase: 'Sale phase',
      notTokenized: 'Not tokenized.',
      paused: 'paused by governance',
      running: 'not paused by governance',
      suspend: 'Suspend',
      unsuspend: 'Lift suspension',
      retire: 'Retire',
      pause: 'Pause token',
      unpause: 'Lift governance pause',
      cancel: 'Cancel the sale into refunds',
      suspendEffect:
        'Suspension stops attestations, reports and sales of this cluster until it is lifted; revenue already deposited keeps streaming and holders can still claim.',
      unsuspendEffect:
        'The cluster’s status is derived again from its attestation and reports; nothing changes for holders.',
      retireEffect:
        'Retirement is final: no attestation, report or sale ever again. Revenue already deposited keeps streaming and holders can still claim.',
      pauseEffect:
        'Paused holders keep earning and can claim, but cannot transfer shares; the operator’s forced transfers and recoveries stop too.',
      unpauseEffect: 'Transfers resume; the operator’s own pause, if any, stays.',
      cancelEffect:
        'The sale settles as failed: every buyer can refund exactly what they paid, and the shares and the sale’s revenue go back to the operator.',
    },
    operations: {
      refresh: 'Check again',
      title: 'Timelock operations',
      none: 'No operation scheduled since the deployment (block {{from}}).',
      call: 'Calls',
      state: 'State',
      readyAt: 'Earliest execution',
      actions: 'Actions',
      execute: 'Execute',
      cancel: 'Cancel',
      waiting: 'waiting',
      ready: 'ready',
      executed: 'executed',
      cancelled: 'cancelled',
      in: 'in {{duration}}',
      batch:
        'A batch of {{count}} calls: the timelock makes them all, in this order, in one transaction (executeBatch).',
      batchLabel: 'batch of {{count}} calls starting with {{call}}',
      moreCalls: 'Show the other {{count}} calls of this batch',
      unknown: 'unknown call {{selector}} ({{bytes}} bytes of calldata)',
      unknownContract:
        'call {{selector}} ({{bytes}} bytes of calldata), not decoded: the console does not know this contract',
      value: 'sending {{value}} wei',
      contract: {
        registry: 'on the cluster registry',
        timelock: 'on the timelock itself',
        factory: 'on the factory',
        shareToken: 'on the share token of cluster #{{clusterId}}',
        offering: 'on the offering of cluster #{{clusterId}}',
        unknown: 'on a contract the console does not know',
      },
      pendingNotShown_one:
        '{{count}} more pending operation is not shown: the page lists the newest {{limit}} pending operations.',
      pendingNotShown_other:
        '{{count}} more pending operations are not shown: the page lists the newest {{limit}} pending operations.',
      showAll: 'Show every pending operation',
      doneNotShown_one:
        '{{count}} older executed or cancelled operation is not shown: the console keeps the newest {{limit}}.',
      doneNotShown_other:
        '{{count}} older executed or cancelled operations are not shown: the console keeps the newest {{limit}}.',
    },
    invalid: {
      address: 'Enter an address (0x followed by 40 hexadecimal digits).',
      number: 'Enter a whole number greater than zero.',
    },
    labels: {
      schedule: 'Schedule {{call}}',
      send: 'Send {{call}}',
      execute: 'Execute {{call}}',
      cancel: 'Cancel {{call}}',
    },
  },
};

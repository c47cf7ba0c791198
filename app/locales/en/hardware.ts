/** English catalog, the operator console: hardware update, re-attestation, the listing document and hand-over. */
export const hardware = {
  hardware: {
    title: 'Hardware',
    current: 'Current GPU list commitment',
    status: 'Status',
    gpuCount: 'GPU count',
    root: 'Hardware commitment',
    attestedUntil: 'Attested until',
    notAttested: 'Not attested',
    loading: 'Reading the registry…',
    update: 'Update the GPU list',
    uuids: 'New GPU UUIDs (one per line, as nvidia-smi -L prints them)',
    newCount: 'New GPU count',
    newRoot: 'New hardware commitment (computed in your browser)',
    tooMany: 'At most {{max}} GPUs per cluster.',
    unchanged: 'This is the commitment the registry already holds: nothing to update.',
    effect:
      'Updating the hardware clears the cluster’s attestation: it stays Registered until the oracle committee attests the new list. Meanwhile its sale refuses purchases and the oracle reports no revenue for it; revenue already deposited keeps streaming to holders.',
    effectSuspended:
      'The cluster is suspended: the update is recorded, but the committee cannot attest it until governance lifts the suspension.',
    retired: 'The cluster is retired: its hardware can no longer change.',
    submit: 'Update hardware',
    reattest: 'Re-attest through the oracle committee',
    reattestHint:
      'The registry holds the new commitment and no attestation: request one with the same GPU list. The status above follows the registry.',
    attested: 'The committee has attested the current GPU list.',
  },
  listing: {
    title: 'Listing document',
    intro:
      'The document that describes the cluster to investors, as the registry holds it: its address and the keccak256 of its content, shown on the public cluster page so anyone can check a download against the chain.',
    uri: 'Document URI',
    hash: 'Content hash (keccak256)',
    none: 'None',
    newUri: 'New document URI (ipfs://… or https://…)',
    content: 'The new document’s content (its keccak256 is computed in your browser, as at registration)',
    newHash: 'New content hash (keccak256)',
    unchanged: 'The registry already holds this URI and hash: nothing to update.',
    effect:
      'Updating the listing changes only the document the cluster points to and the hash anyone can check it against. Holders’ shares, their revenue and its stream, the sale and the cluster’s attestation stay as they are.',
    retired: 'The cluster is retired: its listing can no longer change.',
    submit: 'Update the listing',
    recorded: 'The registry now holds:',
  },
  handover: {
    title: 'Hand-over',
    intro:
      'Handing the cluster over takes two steps: you offer it to another account, which accepts it from its own operator page. Until then you remain the operator and may cancel.',
    operator: 'Current operator',
    pending: 'Offered to',
    nonePending: 'No hand-over is pending.',
    newOperator: 'New operator’s address',
    invalidAddress: 'Enter an address (0x and 40 hex digits).',
    notSelf: 'That is the current operator.',
    effect:
      'The share token and its sale follow the registry’s operator: once accepted, the new operator alone uses the token’s controls (allowlist, freeze, pause, forced transfer, recovery), deposits revenue, names revenue payers and receives the sale’s proceeds. Revenue payers you named stop counting. Holders keep their shares and the revenue already deposited keeps streaming to them.',
    start: 'Offer the cluster',
    replace: 'Offer it to this account instead',
    cancel: 'Cancel the hand-over',
    cancelEffect: 'Cancelling withdraws the offer; nothing changes for holders.',
    offered: 'Hand-overs offered to you',
    offeredBy: 'Offered by',
    acceptEffect:
      'Accepting makes you the operator of cluster #{{id}}: its share token’s controls, its revenue deposits and its sale’s proceeds become yours; holders keep their shares and their revenue.',
    accept: 'Accept cluster #{{id}}',
    moving: 'Cluster #{{id}} is yours; opening its console…',
  },
};

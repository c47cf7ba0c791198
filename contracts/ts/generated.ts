//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// ClusterRegistry
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const clusterRegistryAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'initialOwner', internalType: 'address', type: 'address' },
      { name: 'initialSigners', internalType: 'address[]', type: 'address[]' },
      { name: 'initialThreshold', internalType: 'uint256', type: 'uint256' },
      { name: 'initialHeartbeat', internalType: 'uint256', type: 'uint256' },
      { name: 'initialGuardian', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'ATTESTATION_TYPEHASH',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'EPOCH_REPORT_TYPEHASH',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'acceptOperator',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'newThreshold', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'addSigner',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'clusterCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'clusterOf',
    outputs: [
      {
        name: 'info',
        internalType: 'struct IClusterRegistry.ClusterInfo',
        type: 'tuple',
        components: [
          { name: 'operator', internalType: 'address', type: 'address' },
          { name: 'pendingOperator', internalType: 'address', type: 'address' },
          {
            name: 'status',
            internalType: 'enum IClusterRegistry.ClusterStatus',
            type: 'uint8',
          },
          { name: 'gpuModel', internalType: 'string', type: 'string' },
          { name: 'location', internalType: 'string', type: 'string' },
          { name: 'hardwareRoot', internalType: 'bytes32', type: 'bytes32' },
          { name: 'gpuCount', internalType: 'uint32', type: 'uint32' },
          { name: 'metadataURI', internalType: 'string', type: 'string' },
          { name: 'metadataHash', internalType: 'bytes32', type: 'bytes32' },
          { name: 'registeredAt', internalType: 'uint40', type: 'uint40' },
          { name: 'attestedAt', internalType: 'uint40', type: 'uint40' },
          { name: 'attestedUntil', internalType: 'uint40', type: 'uint40' },
          { name: 'attestationNonce', internalType: 'uint32', type: 'uint32' },
          { name: 'lastEpoch', internalType: 'uint64', type: 'uint64' },
          { name: 'lastReportAt', internalType: 'uint40', type: 'uint40' },
          { name: 'suspended', internalType: 'bool', type: 'bool' },
          { name: 'retired', internalType: 'bool', type: 'bool' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'committeeVersion',
    outputs: [{ name: '', internalType: 'uint32', type: 'uint32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'domainSeparator',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'eip712Domain',
    outputs: [
      { name: 'fields', internalType: 'bytes1', type: 'bytes1' },
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'version', internalType: 'string', type: 'string' },
      { name: 'chainId', internalType: 'uint256', type: 'uint256' },
      { name: 'verifyingContract', internalType: 'address', type: 'address' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'extensions', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'guardian',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'attestation',
        internalType: 'struct IClusterRegistry.Attestation',
        type: 'tuple',
        components: [
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'hardwareRoot', internalType: 'bytes32', type: 'bytes32' },
          { name: 'gpuCount', internalType: 'uint32', type: 'uint32' },
          { name: 'issuedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'validUntil', internalType: 'uint64', type: 'uint64' },
          { name: 'nonce', internalType: 'uint32', type: 'uint32' },
          { name: 'committeeVersion', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    name: 'hashAttestation',
    outputs: [{ name: 'digest', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'report',
        internalType: 'struct IClusterRegistry.EpochReport',
        type: 'tuple',
        components: [
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'epoch', internalType: 'uint64', type: 'uint64' },
          { name: 'gpuHoursMilli', internalType: 'uint64', type: 'uint64' },
          { name: 'utilizationBps', internalType: 'uint16', type: 'uint16' },
          { name: 'gpusOnline', internalType: 'uint32', type: 'uint32' },
          { name: 'revenue', internalType: 'uint256', type: 'uint256' },
          { name: 'telemetryRoot', internalType: 'bytes32', type: 'bytes32' },
          { name: 'committeeVersion', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    name: 'hashReport',
    outputs: [{ name: 'digest', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'heartbeat',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'isSigner',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'lastEpochOf',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'operatorOf',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'gpuModel', internalType: 'string', type: 'string' },
      { name: 'gpuCount', internalType: 'uint32', type: 'uint32' },
      { name: 'location', internalType: 'string', type: 'string' },
      { name: 'hardwareRoot', internalType: 'bytes32', type: 'bytes32' },
      { name: 'metadataURI', internalType: 'string', type: 'string' },
      { name: 'metadataHash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'registerCluster',
    outputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'newThreshold', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'removeSigner',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'retireCluster',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newGuardian', internalType: 'address', type: 'address' }],
    name: 'setGuardian',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'newHeartbeat', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'setHeartbeat',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'newThreshold', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'setThreshold',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'signers',
    outputs: [{ name: '', internalType: 'address[]', type: 'address[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'statusOf',
    outputs: [
      {
        name: '',
        internalType: 'enum IClusterRegistry.ClusterStatus',
        type: 'uint8',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'attestation',
        internalType: 'struct IClusterRegistry.Attestation',
        type: 'tuple',
        components: [
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'hardwareRoot', internalType: 'bytes32', type: 'bytes32' },
          { name: 'gpuCount', internalType: 'uint32', type: 'uint32' },
          { name: 'issuedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'validUntil', internalType: 'uint64', type: 'uint64' },
          { name: 'nonce', internalType: 'uint32', type: 'uint32' },
          { name: 'committeeVersion', internalType: 'uint32', type: 'uint32' },
        ],
      },
      { name: 'signatures', internalType: 'bytes[]', type: 'bytes[]' },
    ],
    name: 'submitAttestation',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'reports',
        internalType: 'struct IClusterRegistry.SignedReport[]',
        type: 'tuple[]',
        components: [
          {
            name: 'report',
            internalType: 'struct IClusterRegistry.EpochReport',
            type: 'tuple',
            components: [
              { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
              { name: 'epoch', internalType: 'uint64', type: 'uint64' },
              { name: 'gpuHoursMilli', internalType: 'uint64', type: 'uint64' },
              {
                name: 'utilizationBps',
                internalType: 'uint16',
                type: 'uint16',
              },
              { name: 'gpusOnline', internalType: 'uint32', type: 'uint32' },
              { name: 'revenue', internalType: 'uint256', type: 'uint256' },
              {
                name: 'telemetryRoot',
                internalType: 'bytes32',
                type: 'bytes32',
              },
              {
                name: 'committeeVersion',
                internalType: 'uint32',
                type: 'uint32',
              },
            ],
          },
          { name: 'signatures', internalType: 'bytes[]', type: 'bytes[]' },
        ],
      },
    ],
    name: 'submitReports',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'suspendCluster',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'threshold',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'newOperator', internalType: 'address', type: 'address' },
    ],
    name: 'transferOperator',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'unsuspendCluster',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'hardwareRoot', internalType: 'bytes32', type: 'bytes32' },
      { name: 'gpuCount', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'updateHardware',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'metadataURI', internalType: 'string', type: 'string' },
      { name: 'metadataHash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'updateMetadata',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'hardwareRoot',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      {
        name: 'gpuCount',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'validUntil',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      { name: 'nonce', internalType: 'uint32', type: 'uint32', indexed: false },
      {
        name: 'attestedAt',
        internalType: 'uint40',
        type: 'uint40',
        indexed: false,
      },
      {
        name: 'signers',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'submitter',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'ClusterAttested',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'gpuModel',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
      {
        name: 'gpuCount',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'location',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
      {
        name: 'hardwareRoot',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      {
        name: 'metadataURI',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
      {
        name: 'metadataHash',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
    ],
    name: 'ClusterRegistered',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'ClusterRetired',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'ClusterSuspended',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'ClusterUnsuspended',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'version',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      {
        name: 'signers',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'threshold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'CommitteeChanged',
  },
  { type: 'event', anonymous: false, inputs: [], name: 'EIP712DomainChanged' },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousGuardian',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newGuardian',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'GuardianSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'hardwareRoot',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      {
        name: 'gpuCount',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
    ],
    name: 'HardwareUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousHeartbeat',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'newHeartbeat',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'HeartbeatChanged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'metadataURI',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
      {
        name: 'metadataHash',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
    ],
    name: 'MetadataUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'currentOperator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'pendingOperator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OperatorTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'previousOperator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOperator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OperatorTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'epoch', internalType: 'uint64', type: 'uint64', indexed: true },
      {
        name: 'reason',
        internalType: 'enum IClusterRegistry.SkipReason',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'ReportSkipped',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'epoch', internalType: 'uint64', type: 'uint64', indexed: true },
      {
        name: 'gpuHoursMilli',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'utilizationBps',
        internalType: 'uint16',
        type: 'uint16',
        indexed: false,
      },
      {
        name: 'gpusOnline',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'revenue',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'telemetryRoot',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      {
        name: 'submitter',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'ReportSubmitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'signer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SignerAdded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'signer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SignerRemoved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousThreshold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'newThreshold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ThresholdChanged',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'validUntil', internalType: 'uint64', type: 'uint64' },
      { name: 'currentTime', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'AttestationExpired',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'issuedAt', internalType: 'uint64', type: 'uint64' },
      { name: 'currentTime', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'AttestationIssuedInFuture',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'validUntil', internalType: 'uint64', type: 'uint64' },
      { name: 'currentValidUntil', internalType: 'uint40', type: 'uint40' },
    ],
    name: 'AttestationNotExtending',
  },
  {
    type: 'error',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'ClusterIsRetired',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum IClusterRegistry.ClusterStatus',
        type: 'uint8',
      },
    ],
    name: 'ClusterNotAttestable',
  },
  {
    type: 'error',
    inputs: [
      { name: 'provided', internalType: 'uint32', type: 'uint32' },
      { name: 'current', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'CommitteeVersionMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'signer', internalType: 'address', type: 'address' },
    ],
    name: 'DuplicateSigner',
  },
  { type: 'error', inputs: [], name: 'EmptyBatch' },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'epoch', internalType: 'uint64', type: 'uint64' },
      { name: 'currentTime', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'EpochInFuture',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'attested', internalType: 'uint32', type: 'uint32' },
      { name: 'committed', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'GpuCountMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'attested', internalType: 'bytes32', type: 'bytes32' },
      { name: 'committed', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'HardwareRootMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'provided', internalType: 'uint256', type: 'uint256' },
      { name: 'required', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsufficientSignatures',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'provided', internalType: 'uint32', type: 'uint32' },
      { name: 'expected', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'InvalidAttestationNonce',
  },
  {
    type: 'error',
    inputs: [{ name: 'heartbeat', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidHeartbeat',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum IClusterRegistry.ClusterStatus',
        type: 'uint8',
      },
    ],
    name: 'InvalidLifecycleChange',
  },
  { type: 'error', inputs: [], name: 'InvalidShortString' },
  {
    type: 'error',
    inputs: [{ name: 'index', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidSignature',
  },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'length', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidSignatureLength',
  },
  {
    type: 'error',
    inputs: [
      { name: 'threshold', internalType: 'uint256', type: 'uint256' },
      { name: 'signerCount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidThreshold',
  },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 's', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'MalleableSignature',
  },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'recovered', internalType: 'address', type: 'address' },
    ],
    name: 'NotCommitteeSigner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'NotOperator',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotOwnerOrGuardian',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'NotPendingOperator',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  { type: 'error', inputs: [], name: 'RenounceOwnershipDisabled' },
  {
    type: 'error',
    inputs: [{ name: 'signer', internalType: 'address', type: 'address' }],
    name: 'SignerAlreadyAdded',
  },
  {
    type: 'error',
    inputs: [{ name: 'signer', internalType: 'address', type: 'address' }],
    name: 'SignerNotFound',
  },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'previousSigner', internalType: 'address', type: 'address' },
    ],
    name: 'SignersNotAscending',
  },
  {
    type: 'error',
    inputs: [{ name: 'str', internalType: 'string', type: 'string' }],
    name: 'StringTooLong',
  },
  {
    type: 'error',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'UnknownCluster',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'utilizationBps', internalType: 'uint16', type: 'uint16' },
    ],
    name: 'UtilizationTooHigh',
  },
  {
    type: 'error',
    inputs: [{ name: 'validUntil', internalType: 'uint64', type: 'uint64' }],
    name: 'ValidUntilTooLarge',
  },
  { type: 'error', inputs: [], name: 'ZeroGpuCount' },
  { type: 'error', inputs: [], name: 'ZeroHardwareRoot' },
  { type: 'error', inputs: [], name: 'ZeroSigner' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// Offering
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const offeringAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'registry_',
        internalType: 'contract IClusterRegistry',
        type: 'address',
      },
      { name: 'stablecoin_', internalType: 'contract IERC20', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'maxCost', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'buy',
    outputs: [{ name: 'cost', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'maxCost', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
      { name: 'v', internalType: 'uint8', type: 'uint8' },
      { name: 'r', internalType: 'bytes32', type: 'bytes32' },
      { name: 's', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'buyWithPermit',
    outputs: [{ name: 'cost', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'cancel',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'recipient', internalType: 'address', type: 'address' }],
    name: 'claimEscrowRevenue',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'clusterId',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'buyer', internalType: 'address', type: 'address' }],
    name: 'escrowRevenueOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'finalize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'token_', internalType: 'contract IShareToken', type: 'address' },
      { name: 'supply_', internalType: 'uint256', type: 'uint256' },
      {
        name: 'terms_',
        internalType: 'struct IOffering.Terms',
        type: 'tuple',
        components: [
          { name: 'pricePerShare', internalType: 'uint96', type: 'uint96' },
          { name: 'softCap', internalType: 'uint96', type: 'uint96' },
          { name: 'perBuyerCap', internalType: 'uint96', type: 'uint96' },
          { name: 'start', internalType: 'uint32', type: 'uint32' },
          { name: 'end', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    name: 'initialize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'operator',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'phase',
    outputs: [
      { name: '', internalType: 'enum IOffering.Phase', type: 'uint8' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'buyer', internalType: 'address', type: 'address' }],
    name: 'purchasedOf',
    outputs: [
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'paid', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'shares', internalType: 'uint256', type: 'uint256' }],
    name: 'quote',
    outputs: [{ name: 'cost', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'raised',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'lost', internalType: 'address', type: 'address' },
      { name: 'replacement', internalType: 'address', type: 'address' },
    ],
    name: 'recoverPurchase',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'refund',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'recipient', internalType: 'address', type: 'address' }],
    name: 'refundTo',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'registry',
    outputs: [
      { name: '', internalType: 'contract IClusterRegistry', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'sold',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'stablecoin',
    outputs: [{ name: '', internalType: 'contract IERC20', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'supply',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'terms',
    outputs: [
      {
        name: '',
        internalType: 'struct IOffering.Terms',
        type: 'tuple',
        components: [
          { name: 'pricePerShare', internalType: 'uint96', type: 'uint96' },
          { name: 'softCap', internalType: 'uint96', type: 'uint96' },
          { name: 'perBuyerCap', internalType: 'uint96', type: 'uint96' },
          { name: 'start', internalType: 'uint32', type: 'uint32' },
          { name: 'end', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'token',
    outputs: [
      { name: '', internalType: 'contract IShareToken', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'withdrawShares',
    outputs: [
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'revenue', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'recipient', internalType: 'address', type: 'address' }],
    name: 'withdrawSharesTo',
    outputs: [
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'revenue', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'by', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'sold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'raised',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Cancelled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'buyer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'EscrowRevenueClaimed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'succeeded', internalType: 'bool', type: 'bool', indexed: false },
      {
        name: 'sold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'proceeds',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'sharesReturned',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'revenueForwarded',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'revenueEscrowed',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Finalized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'lost', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'replacement',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'paid',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'PurchaseRecovered',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'buyer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'cost',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'totalSold',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'totalRaised',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Purchased',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'buyer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Refunded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'buyer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'revenue',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'SharesWithdrawn',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'AccountFrozen',
  },
  { type: 'error', inputs: [], name: 'AlreadyFinalized' },
  { type: 'error', inputs: [], name: 'AlreadyInitialized' },
  {
    type: 'error',
    inputs: [{ name: 'buyer', internalType: 'address', type: 'address' }],
    name: 'BuyerNotFrozen',
  },
  {
    type: 'error',
    inputs: [
      { name: 'phase', internalType: 'enum IOffering.Phase', type: 'uint8' },
    ],
    name: 'CannotCancel',
  },
  {
    type: 'error',
    inputs: [
      { name: 'phase', internalType: 'enum IOffering.Phase', type: 'uint8' },
    ],
    name: 'CannotFinalize',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum IClusterRegistry.ClusterStatus',
        type: 'uint8',
      },
    ],
    name: 'ClusterNotAttested',
  },
  {
    type: 'error',
    inputs: [
      { name: 'cost', internalType: 'uint256', type: 'uint256' },
      { name: 'maxCost', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CostExceedsMax',
  },
  {
    type: 'error',
    inputs: [
      { name: 'buyer', internalType: 'address', type: 'address' },
      { name: 'totalAfter', internalType: 'uint256', type: 'uint256' },
      { name: 'cap', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ExceedsBuyerCap',
  },
  {
    type: 'error',
    inputs: [
      { name: 'shares', internalType: 'uint256', type: 'uint256' },
      { name: 'remaining', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ExceedsRemaining',
  },
  {
    type: 'error',
    inputs: [
      { name: 'expected', internalType: 'uint256', type: 'uint256' },
      { name: 'received', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'FeeOnTransferNotSupported',
  },
  {
    type: 'error',
    inputs: [{ name: 'replacement', internalType: 'address', type: 'address' }],
    name: 'InvalidReplacement',
  },
  {
    type: 'error',
    inputs: [{ name: 'supply', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidSupply',
  },
  { type: 'error', inputs: [], name: 'InvalidTerms' },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotGovernance',
  },
  {
    type: 'error',
    inputs: [
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'operator', internalType: 'address', type: 'address' },
    ],
    name: 'NotOperator',
  },
  {
    type: 'error',
    inputs: [{ name: 'buyer', internalType: 'address', type: 'address' }],
    name: 'NothingToRefund',
  },
  {
    type: 'error',
    inputs: [{ name: 'buyer', internalType: 'address', type: 'address' }],
    name: 'NothingToWithdraw',
  },
  {
    type: 'error',
    inputs: [{ name: 'operator', internalType: 'address', type: 'address' }],
    name: 'OperatorCannotBuy',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [
      { name: 'phase', internalType: 'enum IOffering.Phase', type: 'uint8' },
    ],
    name: 'RefundUnavailable',
  },
  {
    type: 'error',
    inputs: [
      { name: 'bits', internalType: 'uint8', type: 'uint8' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SafeCastOverflowedUintDowncast',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'end', internalType: 'uint256', type: 'uint256' },
      { name: 'timestamp', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SaleEnded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'timestamp', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SaleNotStarted',
  },
  { type: 'error', inputs: [], name: 'SaleSettled' },
  {
    type: 'error',
    inputs: [
      { name: 'sold', internalType: 'uint256', type: 'uint256' },
      { name: 'softCap', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SoftCapNotMet',
  },
  { type: 'error', inputs: [], name: 'SoldOut' },
  { type: 'error', inputs: [], name: 'TokenPaused' },
  {
    type: 'error',
    inputs: [
      { name: 'phase', internalType: 'enum IOffering.Phase', type: 'uint8' },
    ],
    name: 'WithdrawUnavailable',
  },
  { type: 'error', inputs: [], name: 'ZeroAddress' },
  { type: 'error', inputs: [], name: 'ZeroShares' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// RackshareFactory
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const rackshareFactoryAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'registry_',
        internalType: 'contract IClusterRegistry',
        type: 'address',
      },
      { name: 'stablecoin_', internalType: 'contract IERC20', type: 'address' },
      {
        name: 'shareTokenImplementation_',
        internalType: 'address',
        type: 'address',
      },
      {
        name: 'offeringImplementation_',
        internalType: 'address',
        type: 'address',
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_CLAIM_TOKENS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'tokens',
        internalType: 'contract IShareToken[]',
        type: 'address[]',
      },
    ],
    name: 'claimAll',
    outputs: [{ name: 'total', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'offeringImplementation',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'offeringOf',
    outputs: [
      { name: '', internalType: 'contract IOffering', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'predictAddresses',
    outputs: [
      { name: 'token', internalType: 'address', type: 'address' },
      { name: 'offering', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'registry',
    outputs: [
      { name: '', internalType: 'contract IClusterRegistry', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'shareTokenImplementation',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'stablecoin',
    outputs: [{ name: '', internalType: 'contract IERC20', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'tokenOf',
    outputs: [
      { name: '', internalType: 'contract IShareToken', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'params',
        internalType: 'struct IRackshareFactory.TokenizeParams',
        type: 'tuple',
        components: [
          { name: 'name', internalType: 'string', type: 'string' },
          { name: 'symbol', internalType: 'string', type: 'string' },
          { name: 'supply', internalType: 'uint256', type: 'uint256' },
          { name: 'pricePerShare', internalType: 'uint96', type: 'uint96' },
          { name: 'start', internalType: 'uint32', type: 'uint32' },
          { name: 'end', internalType: 'uint32', type: 'uint32' },
          { name: 'softCap', internalType: 'uint96', type: 'uint96' },
          { name: 'perBuyerCap', internalType: 'uint96', type: 'uint96' },
        ],
      },
    ],
    name: 'tokenize',
    outputs: [
      { name: 'token', internalType: 'contract IShareToken', type: 'address' },
      { name: 'offering', internalType: 'contract IOffering', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'token',
        internalType: 'contract IShareToken',
        type: 'address',
        indexed: true,
      },
      {
        name: 'offering',
        internalType: 'contract IOffering',
        type: 'address',
        indexed: true,
      },
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      { name: 'name', internalType: 'string', type: 'string', indexed: false },
      {
        name: 'symbol',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
      {
        name: 'supply',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'pricePerShare',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'start',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'end', internalType: 'uint256', type: 'uint256', indexed: false },
      {
        name: 'softCap',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'perBuyerCap',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ClusterTokenized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'registry',
        internalType: 'contract IClusterRegistry',
        type: 'address',
        indexed: true,
      },
      {
        name: 'stablecoin',
        internalType: 'contract IERC20',
        type: 'address',
        indexed: true,
      },
      {
        name: 'shareTokenImplementation',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'offeringImplementation',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'FactoryConfigured',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'token', internalType: 'contract IShareToken', type: 'address' },
    ],
    name: 'AlreadyTokenized',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum IClusterRegistry.ClusterStatus',
        type: 'uint8',
      },
    ],
    name: 'ClusterNotAttested',
  },
  { type: 'error', inputs: [], name: 'FailedDeployment' },
  {
    type: 'error',
    inputs: [
      {
        name: 'offeringImplementation',
        internalType: 'address',
        type: 'address',
      },
    ],
    name: 'ImplementationMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsufficientBalance',
  },
  {
    type: 'error',
    inputs: [
      { name: 'implementation', internalType: 'address', type: 'address' },
    ],
    name: 'InvalidImplementation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'NotOperator',
  },
  {
    type: 'error',
    inputs: [
      { name: 'count', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TooManyTokens',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'UnknownToken',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// ShareMarket
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const shareMarketAbi = [
  {
    type: 'constructor',
    inputs: [
      {
        name: 'factory_',
        internalType: 'contract IRackshareFactory',
        type: 'address',
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_FEE_BPS',
    outputs: [{ name: '', internalType: 'uint16', type: 'uint16' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'offers',
        internalType: 'struct IShareMarket.Offer[]',
        type: 'tuple[]',
        components: [
          { name: 'maker', internalType: 'address', type: 'address' },
          { name: 'side', internalType: 'uint8', type: 'uint8' },
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'amount', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          { name: 'taker', internalType: 'address', type: 'address' },
          { name: 'expiry', internalType: 'uint256', type: 'uint256' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'cancel',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'minNonce_', internalType: 'uint256', type: 'uint256' }],
    name: 'cancelUpTo',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'offerHash', internalType: 'bytes32', type: 'bytes32' }],
    name: 'cancelled',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'eip712Domain',
    outputs: [
      { name: 'fields', internalType: 'bytes1', type: 'bytes1' },
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'version', internalType: 'string', type: 'string' },
      { name: 'chainId', internalType: 'uint256', type: 'uint256' },
      { name: 'verifyingContract', internalType: 'address', type: 'address' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'extensions', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'factory',
    outputs: [
      { name: '', internalType: 'contract IRackshareFactory', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'fee',
    outputs: [
      { name: 'feeBps', internalType: 'uint16', type: 'uint16' },
      { name: 'recipient', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'offer',
        internalType: 'struct IShareMarket.Offer',
        type: 'tuple',
        components: [
          { name: 'maker', internalType: 'address', type: 'address' },
          { name: 'side', internalType: 'uint8', type: 'uint8' },
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'amount', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          { name: 'taker', internalType: 'address', type: 'address' },
          { name: 'expiry', internalType: 'uint256', type: 'uint256' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'signature', internalType: 'bytes', type: 'bytes' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'fill',
    outputs: [{ name: 'cost', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'offer',
        internalType: 'struct IShareMarket.Offer',
        type: 'tuple',
        components: [
          { name: 'maker', internalType: 'address', type: 'address' },
          { name: 'side', internalType: 'uint8', type: 'uint8' },
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'amount', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          { name: 'taker', internalType: 'address', type: 'address' },
          { name: 'expiry', internalType: 'uint256', type: 'uint256' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'signature', internalType: 'bytes', type: 'bytes' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      {
        name: 'makerPermit',
        internalType: 'struct IShareMarket.Permit',
        type: 'tuple',
        components: [
          { name: 'value', internalType: 'uint256', type: 'uint256' },
          { name: 'deadline', internalType: 'uint256', type: 'uint256' },
          { name: 'v', internalType: 'uint8', type: 'uint8' },
          { name: 'r', internalType: 'bytes32', type: 'bytes32' },
          { name: 's', internalType: 'bytes32', type: 'bytes32' },
        ],
      },
      {
        name: 'takerPermit',
        internalType: 'struct IShareMarket.Permit',
        type: 'tuple',
        components: [
          { name: 'value', internalType: 'uint256', type: 'uint256' },
          { name: 'deadline', internalType: 'uint256', type: 'uint256' },
          { name: 'v', internalType: 'uint8', type: 'uint8' },
          { name: 'r', internalType: 'bytes32', type: 'bytes32' },
          { name: 's', internalType: 'bytes32', type: 'bytes32' },
        ],
      },
    ],
    name: 'fillWithPermits',
    outputs: [{ name: 'cost', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'offerHash', internalType: 'bytes32', type: 'bytes32' }],
    name: 'filled',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'offer',
        internalType: 'struct IShareMarket.Offer',
        type: 'tuple',
        components: [
          { name: 'maker', internalType: 'address', type: 'address' },
          { name: 'side', internalType: 'uint8', type: 'uint8' },
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'amount', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          { name: 'taker', internalType: 'address', type: 'address' },
          { name: 'expiry', internalType: 'uint256', type: 'uint256' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'hashOffer',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'maker', internalType: 'address', type: 'address' }],
    name: 'minNonce',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'maker', internalType: 'address', type: 'address' },
      { name: 'wordPos', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'nonceBitmap',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'maker', internalType: 'address', type: 'address' },
      { name: 'nonce', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'nonceUsed',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'offer',
        internalType: 'struct IShareMarket.Offer',
        type: 'tuple',
        components: [
          { name: 'maker', internalType: 'address', type: 'address' },
          { name: 'side', internalType: 'uint8', type: 'uint8' },
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'amount', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          { name: 'taker', internalType: 'address', type: 'address' },
          { name: 'expiry', internalType: 'uint256', type: 'uint256' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
        ],
      },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'quote',
    outputs: [
      { name: 'cost', internalType: 'uint256', type: 'uint256' },
      { name: 'fee_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'registry',
    outputs: [
      { name: '', internalType: 'contract IClusterRegistry', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'offer',
        internalType: 'struct IShareMarket.Offer',
        type: 'tuple',
        components: [
          { name: 'maker', internalType: 'address', type: 'address' },
          { name: 'side', internalType: 'uint8', type: 'uint8' },
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'amount', internalType: 'uint256', type: 'uint256' },
          { name: 'price', internalType: 'uint256', type: 'uint256' },
          { name: 'taker', internalType: 'address', type: 'address' },
          { name: 'expiry', internalType: 'uint256', type: 'uint256' },
          { name: 'nonce', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'remaining',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'feeBps', internalType: 'uint16', type: 'uint16' },
      { name: 'recipient', internalType: 'address', type: 'address' },
    ],
    name: 'setFee',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'stablecoin',
    outputs: [{ name: '', internalType: 'contract IERC20', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'tokenOf',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  { type: 'event', anonymous: false, inputs: [], name: 'EIP712DomainChanged' },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'feeBps',
        internalType: 'uint16',
        type: 'uint16',
        indexed: false,
      },
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'FeeSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'maker',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'minNonce',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'NoncesCancelled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'offerHash',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      {
        name: 'maker',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OfferCancelled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'offerHash',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      {
        name: 'maker',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'taker',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'side', internalType: 'uint8', type: 'uint8', indexed: false },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'price',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'cost',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'fee', internalType: 'uint256', type: 'uint256', indexed: false },
    ],
    name: 'OfferFilled',
  },
  { type: 'error', inputs: [], name: 'DustRemainder' },
  { type: 'error', inputs: [], name: 'FeeOnTransferNotSupported' },
  {
    type: 'error',
    inputs: [
      { name: 'feeBps', internalType: 'uint16', type: 'uint16' },
      { name: 'max', internalType: 'uint16', type: 'uint16' },
    ],
    name: 'FeeTooHigh',
  },
  {
    type: 'error',
    inputs: [
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'remaining', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'FillExceedsRemaining',
  },
  { type: 'error', inputs: [], name: 'InvalidShortString' },
  {
    type: 'error',
    inputs: [{ name: 'side', internalType: 'uint8', type: 'uint8' }],
    name: 'InvalidSide',
  },
  { type: 'error', inputs: [], name: 'InvalidSignature' },
  {
    type: 'error',
    inputs: [
      { name: 'nonce', internalType: 'uint256', type: 'uint256' },
      { name: 'minNonce', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NonceCancelled',
  },
  {
    type: 'error',
    inputs: [
      { name: 'current', internalType: 'uint256', type: 'uint256' },
      { name: 'requested', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NonceNotIncreasing',
  },
  {
    type: 'error',
    inputs: [{ name: 'nonce', internalType: 'uint256', type: 'uint256' }],
    name: 'NonceUsed',
  },
  { type: 'error', inputs: [], name: 'NotGovernance' },
  {
    type: 'error',
    inputs: [{ name: 'maker', internalType: 'address', type: 'address' }],
    name: 'NotMaker',
  },
  {
    type: 'error',
    inputs: [{ name: 'taker', internalType: 'address', type: 'address' }],
    name: 'NotTaker',
  },
  {
    type: 'error',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'NotTokenized',
  },
  {
    type: 'error',
    inputs: [{ name: 'expiry', internalType: 'uint256', type: 'uint256' }],
    name: 'OfferExpired',
  },
  {
    type: 'error',
    inputs: [{ name: 'offerHash', internalType: 'bytes32', type: 'bytes32' }],
    name: 'OfferIsCancelled',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  { type: 'error', inputs: [], name: 'SelfTrade' },
  {
    type: 'error',
    inputs: [{ name: 'str', internalType: 'string', type: 'string' }],
    name: 'StringTooLong',
  },
  { type: 'error', inputs: [], name: 'ZeroAmount' },
  { type: 'error', inputs: [], name: 'ZeroCost' },
  { type: 'error', inputs: [], name: 'ZeroFeeRecipient' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// ShareToken
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const shareTokenAbi = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'function',
    inputs: [],
    name: 'DOMAIN_SEPARATOR',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_DURATION',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_STABLECOIN_DECIMALS',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'RATE_SCALE',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'spender', internalType: 'address', type: 'address' },
    ],
    name: 'allowance',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'allowlistEnabled',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'approve',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'balanceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'canTransfer',
    outputs: [
      { name: 'ok', internalType: 'bool', type: 'bool' },
      { name: 'reason', internalType: 'bytes4', type: 'bytes4' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'stablecoin_', internalType: 'contract IERC20', type: 'address' },
    ],
    name: 'checkStablecoin',
    outputs: [],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'checkTransfer',
    outputs: [],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'claim',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'holder', internalType: 'address', type: 'address' }],
    name: 'claimFor',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'recipient', internalType: 'address', type: 'address' }],
    name: 'claimTo',
    outputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'claimable',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'clusterId',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'decimals',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [
      { name: 'depositor', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'depositLimits',
    outputs: [
      { name: 'minDuration', internalType: 'uint256', type: 'uint256' },
      { name: 'maxDuration', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'duration', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'depositRevenue',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'end', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'depositRevenueUntil',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'eip712Domain',
    outputs: [
      { name: 'fields', internalType: 'bytes1', type: 'bytes1' },
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'version', internalType: 'string', type: 'string' },
      { name: 'chainId', internalType: 'uint256', type: 'uint256' },
      { name: 'verifyingContract', internalType: 'address', type: 'address' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'extensions', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'forcedTransfer',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'governancePause',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'governanceUnpause',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'registry_',
        internalType: 'contract IClusterRegistry',
        type: 'address',
      },
      { name: 'clusterId_', internalType: 'uint256', type: 'uint256' },
      { name: 'stablecoin_', internalType: 'contract IERC20', type: 'address' },
      { name: 'name_', internalType: 'string', type: 'string' },
      { name: 'symbol_', internalType: 'string', type: 'string' },
      { name: 'supply', internalType: 'uint256', type: 'uint256' },
      { name: 'initialHolder', internalType: 'address', type: 'address' },
    ],
    name: 'initialize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'isFrozen',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'isProtected',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'payer', internalType: 'address', type: 'address' }],
    name: 'isRevenuePayer',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'isVerified',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'name',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'nonces',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'operator',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pause',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'paused',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pausedByGovernance',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pausedByOperator',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
      { name: 'v', internalType: 'uint8', type: 'uint8' },
      { name: 'r', internalType: 'bytes32', type: 'bytes32' },
      { name: 's', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'permit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'lost', internalType: 'address', type: 'address' },
      { name: 'replacement', internalType: 'address', type: 'address' },
    ],
    name: 'recoverWallet',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'registry',
    outputs: [
      { name: '', internalType: 'contract IClusterRegistry', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'payer', internalType: 'address', type: 'address' }],
    name: 'revenuePayerHorizon',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'enabled', internalType: 'bool', type: 'bool' }],
    name: 'setAllowlistEnabled',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'frozen', internalType: 'bool', type: 'bool' },
    ],
    name: 'setFrozen',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'payer', internalType: 'address', type: 'address' },
      { name: 'maxDuration', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'setRevenuePayer',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'validUntil', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'setVerified',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'accounts', internalType: 'address[]', type: 'address[]' },
      { name: 'validUntils', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    name: 'setVerifiedBatch',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'stablecoin',
    outputs: [{ name: '', internalType: 'contract IERC20', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'stream',
    outputs: [
      {
        name: '',
        internalType: 'struct IShareToken.StreamState',
        type: 'tuple',
        components: [
          { name: 'ratePerSecond', internalType: 'uint256', type: 'uint256' },
          { name: 'start', internalType: 'uint256', type: 'uint256' },
          { name: 'end', internalType: 'uint256', type: 'uint256' },
          { name: 'lastUpdate', internalType: 'uint256', type: 'uint256' },
          { name: 'accumulator', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'streamedTotal',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'timestamp', internalType: 'uint256', type: 'uint256' }],
    name: 'streamedTotalAt',
    outputs: [
      { name: 'known', internalType: 'bool', type: 'bool' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalDeposited',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSupply',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transfer',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transferFrom',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'unpause',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'verifiedUntil',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'enabled', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'AllowlistEnabledSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'spender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Approval',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'recipient',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Claimed',
  },
  { type: 'event', anonymous: false, inputs: [], name: 'EIP712DomainChanged' },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ForcedTransfer',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'frozen', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'FreezeSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'version',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'Initialized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'by', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'governance',
        internalType: 'bool',
        type: 'bool',
        indexed: false,
      },
      { name: 'paused', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'PauseSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'payer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'duration',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'newRatePerSecond',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'streamEnd',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'carriedOver',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'RevenueDeposited',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'payer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'maxDuration',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'RevenuePayerSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'registry',
        internalType: 'contract IClusterRegistry',
        type: 'address',
        indexed: true,
      },
      {
        name: 'clusterId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'stablecoin',
        internalType: 'contract IERC20',
        type: 'address',
        indexed: false,
      },
      { name: 'name', internalType: 'string', type: 'string', indexed: false },
      {
        name: 'symbol',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
      {
        name: 'supply',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'initialHolder',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'ShareTokenInitialized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Transfer',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'validUntil',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'VerificationSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'lost', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'replacement',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'shares',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'revenue',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'WalletRecovered',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'AccountFrozen',
  },
  {
    type: 'error',
    inputs: [
      { name: 'totalDeposited', internalType: 'uint256', type: 'uint256' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DepositCapExceeded',
  },
  { type: 'error', inputs: [], name: 'ECDSAInvalidSignature' },
  {
    type: 'error',
    inputs: [{ name: 'length', internalType: 'uint256', type: 'uint256' }],
    name: 'ECDSAInvalidSignatureLength',
  },
  {
    type: 'error',
    inputs: [{ name: 's', internalType: 'bytes32', type: 'bytes32' }],
    name: 'ECDSAInvalidSignatureS',
  },
  {
    type: 'error',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'allowance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientAllowance',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sender', internalType: 'address', type: 'address' },
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientBalance',
  },
  {
    type: 'error',
    inputs: [{ name: 'approver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidApprover',
  },
  {
    type: 'error',
    inputs: [{ name: 'receiver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidReceiver',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'spender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSpender',
  },
  {
    type: 'error',
    inputs: [{ name: 'deadline', internalType: 'uint256', type: 'uint256' }],
    name: 'ERC2612ExpiredSignature',
  },
  {
    type: 'error',
    inputs: [
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'ERC2612InvalidSigner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'expected', internalType: 'uint256', type: 'uint256' },
      { name: 'received', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'FeeOnTransferNotSupported',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'currentNonce', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidAccountNonce',
  },
  {
    type: 'error',
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidClusterId',
  },
  {
    type: 'error',
    inputs: [{ name: 'duration', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidDuration',
  },
  { type: 'error', inputs: [], name: 'InvalidInitialization' },
  { type: 'error', inputs: [], name: 'InvalidShortString' },
  {
    type: 'error',
    inputs: [{ name: 'supply', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidSupply',
  },
  {
    type: 'error',
    inputs: [{ name: 'validUntil', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidValidUntil',
  },
  {
    type: 'error',
    inputs: [
      { name: 'accounts', internalType: 'uint256', type: 'uint256' },
      { name: 'validUntils', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'LengthMismatch',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotFactory',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotGovernance',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotGovernanceOrGuardian',
  },
  { type: 'error', inputs: [], name: 'NotInitializing' },
  {
    type: 'error',
    inputs: [
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'operator', internalType: 'address', type: 'address' },
    ],
    name: 'NotOperator',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotRevenuePayer',
  },
  {
    type: 'error',
    inputs: [{ name: 'lost', internalType: 'address', type: 'address' }],
    name: 'NothingToRecover',
  },
  {
    type: 'error',
    inputs: [
      { name: 'duration', internalType: 'uint256', type: 'uint256' },
      { name: 'maxDuration', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'PayerHorizonExceeded',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'ProtectedAccount',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'RecipientNotVerified',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'validUntil', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'RecipientVerificationExpired',
  },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'decimals', internalType: 'uint256', type: 'uint256' },
      { name: 'maxDecimals', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StablecoinDecimalsUnsupported',
  },
  {
    type: 'error',
    inputs: [
      { name: 'stablecoin', internalType: 'contract IERC20', type: 'address' },
    ],
    name: 'StablecoinWithoutDecimals',
  },
  {
    type: 'error',
    inputs: [
      { name: 'newEnd', internalType: 'uint256', type: 'uint256' },
      { name: 'currentEnd', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StreamWouldEndEarlier',
  },
  {
    type: 'error',
    inputs: [
      { name: 'duration', internalType: 'uint256', type: 'uint256' },
      { name: 'maxDuration', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'StreamWouldSlowDown',
  },
  {
    type: 'error',
    inputs: [{ name: 'str', internalType: 'string', type: 'string' }],
    name: 'StringTooLong',
  },
  { type: 'error', inputs: [], name: 'TokenPaused' },
  { type: 'error', inputs: [], name: 'ZeroAddress' },
  { type: 'error', inputs: [], name: 'ZeroAmount' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// TestStablecoin
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const testStablecoinAbi = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'function',
    inputs: [],
    name: 'DOMAIN_SEPARATOR',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'spender', internalType: 'address', type: 'address' },
    ],
    name: 'allowance',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'approve',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'balanceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'decimals',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [],
    name: 'eip712Domain',
    outputs: [
      { name: 'fields', internalType: 'bytes1', type: 'bytes1' },
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'version', internalType: 'string', type: 'string' },
      { name: 'chainId', internalType: 'uint256', type: 'uint256' },
      { name: 'verifyingContract', internalType: 'address', type: 'address' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'extensions', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'mint',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'name',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'nonces',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
      { name: 'v', internalType: 'uint8', type: 'uint8' },
      { name: 'r', internalType: 'bytes32', type: 'bytes32' },
      { name: 's', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'permit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSupply',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transfer',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transferFrom',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'spender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Approval',
  },
  { type: 'event', anonymous: false, inputs: [], name: 'EIP712DomainChanged' },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Transfer',
  },
  { type: 'error', inputs: [], name: 'ECDSAInvalidSignature' },
  {
    type: 'error',
    inputs: [{ name: 'length', internalType: 'uint256', type: 'uint256' }],
    name: 'ECDSAInvalidSignatureLength',
  },
  {
    type: 'error',
    inputs: [{ name: 's', internalType: 'bytes32', type: 'bytes32' }],
    name: 'ECDSAInvalidSignatureS',
  },
  {
    type: 'error',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'allowance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientAllowance',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sender', internalType: 'address', type: 'address' },
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientBalance',
  },
  {
    type: 'error',
    inputs: [{ name: 'approver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidApprover',
  },
  {
    type: 'error',
    inputs: [{ name: 'receiver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidReceiver',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'spender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSpender',
  },
  {
    type: 'error',
    inputs: [{ name: 'deadline', internalType: 'uint256', type: 'uint256' }],
    name: 'ERC2612ExpiredSignature',
  },
  {
    type: 'error',
    inputs: [
      { name: 'signer', internalType: 'address', type: 'address' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'ERC2612InvalidSigner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'currentNonce', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InvalidAccountNonce',
  },
  { type: 'error', inputs: [], name: 'InvalidShortString' },
  {
    type: 'error',
    inputs: [{ name: 'str', internalType: 'string', type: 'string' }],
    name: 'StringTooLong',
  },
  {
    type: 'error',
    inputs: [{ name: 'chainId', internalType: 'uint256', type: 'uint256' }],
    name: 'TestStablecoin__LocalChainOnly',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// TimelockController
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const timelockControllerAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'minDelay', internalType: 'uint256', type: 'uint256' },
      { name: 'proposers', internalType: 'address[]', type: 'address[]' },
      { name: 'executors', internalType: 'address[]', type: 'address[]' },
      { name: 'admin', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  { type: 'receive', stateMutability: 'payable' },
  {
    type: 'function',
    inputs: [],
    name: 'CANCELLER_ROLE',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DEFAULT_ADMIN_ROLE',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'EXECUTOR_ROLE',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'PROPOSER_ROLE',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'cancel',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'target', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
      { name: 'payload', internalType: 'bytes', type: 'bytes' },
      { name: 'predecessor', internalType: 'bytes32', type: 'bytes32' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'execute',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'targets', internalType: 'address[]', type: 'address[]' },
      { name: 'values', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'payloads', internalType: 'bytes[]', type: 'bytes[]' },
      { name: 'predecessor', internalType: 'bytes32', type: 'bytes32' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'executeBatch',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getMinDelay',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'getOperationState',
    outputs: [
      {
        name: '',
        internalType: 'enum TimelockController.OperationState',
        type: 'uint8',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'role', internalType: 'bytes32', type: 'bytes32' }],
    name: 'getRoleAdmin',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'getTimestamp',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'grantRole',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'hasRole',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'target', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
      { name: 'predecessor', internalType: 'bytes32', type: 'bytes32' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'hashOperation',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [
      { name: 'targets', internalType: 'address[]', type: 'address[]' },
      { name: 'values', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'payloads', internalType: 'bytes[]', type: 'bytes[]' },
      { name: 'predecessor', internalType: 'bytes32', type: 'bytes32' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'hashOperationBatch',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'isOperation',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'isOperationDone',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'isOperationPending',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'id', internalType: 'bytes32', type: 'bytes32' }],
    name: 'isOperationReady',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
      { name: '', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'onERC1155BatchReceived',
    outputs: [{ name: '', internalType: 'bytes4', type: 'bytes4' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'onERC1155Received',
    outputs: [{ name: '', internalType: 'bytes4', type: 'bytes4' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'onERC721Received',
    outputs: [{ name: '', internalType: 'bytes4', type: 'bytes4' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
      { name: 'callerConfirmation', internalType: 'address', type: 'address' },
    ],
    name: 'renounceRole',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'revokeRole',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'target', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
      { name: 'predecessor', internalType: 'bytes32', type: 'bytes32' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'delay', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'schedule',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'targets', internalType: 'address[]', type: 'address[]' },
      { name: 'values', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'payloads', internalType: 'bytes[]', type: 'bytes[]' },
      { name: 'predecessor', internalType: 'bytes32', type: 'bytes32' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'delay', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'scheduleBatch',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'interfaceId', internalType: 'bytes4', type: 'bytes4' }],
    name: 'supportsInterface',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'newDelay', internalType: 'uint256', type: 'uint256' }],
    name: 'updateDelay',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'index',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'target',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'data', internalType: 'bytes', type: 'bytes', indexed: false },
    ],
    name: 'CallExecuted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'salt',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
    ],
    name: 'CallSalt',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'index',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'target',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'data', internalType: 'bytes', type: 'bytes', indexed: false },
      {
        name: 'predecessor',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      {
        name: 'delay',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'CallScheduled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'id', internalType: 'bytes32', type: 'bytes32', indexed: true },
    ],
    name: 'Cancelled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'oldDuration',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'newDuration',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'MinDelayChange',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'previousAdminRole',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      {
        name: 'newAdminRole',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
    ],
    name: 'RoleAdminChanged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'sender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'RoleGranted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'sender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'RoleRevoked',
  },
  { type: 'error', inputs: [], name: 'AccessControlBadConfirmation' },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'neededRole', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'AccessControlUnauthorizedAccount',
  },
  { type: 'error', inputs: [], name: 'FailedCall' },
  {
    type: 'error',
    inputs: [
      { name: 'delay', internalType: 'uint256', type: 'uint256' },
      { name: 'minDelay', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TimelockInsufficientDelay',
  },
  {
    type: 'error',
    inputs: [
      { name: 'targets', internalType: 'uint256', type: 'uint256' },
      { name: 'payloads', internalType: 'uint256', type: 'uint256' },
      { name: 'values', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'TimelockInvalidOperationLength',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'TimelockUnauthorizedCaller',
  },
  {
    type: 'error',
    inputs: [
      { name: 'predecessorId', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'TimelockUnexecutedPredecessor',
  },
  {
    type: 'error',
    inputs: [
      { name: 'operationId', internalType: 'bytes32', type: 'bytes32' },
      { name: 'expectedStates', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'TimelockUnexpectedOperationState',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// Bytecode
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const clusterRegistryBytecode =
  '0x610160604052348015610010575f5ffd5b50604051614bc0380380614bc083398101604081905261002f916105c9565b604080518082018252601981527f5261636b736861726520436c7573746572526567697374727900000000000000602080830191909152825180840190935260018352603160f81b9083015290866001600160a01b0381166100ab57604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b6100b4816101cb565b506100be826101e7565b610120526100cb816101e7565b61014052815160208084019190912060e052815190820120610100524660a05261015760e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c05283515f5b8181101561019c57610194868281518110610181576101816106ca565b602002602001015161022460201b60201c565b600101610164565b506101a684610311565b6101ae6103c0565b6101b783610451565b6101c0826104e9565b5050505050506107e5565b600180546001600160a01b03191690556101e48161054b565b50565b5f5f829050601f81511115610211578260405163305a27a960e01b81526004016100a291906106de565b805161021c82610713565b179392505050565b6001600160a01b03811661024b5760405163e5c48ac560e01b815260040160405180910390fd5b6001600160a01b0381165f908152600860205260409020541561028c576040516327ec359360e21b81526001600160a01b03821660048201526024016100a2565b600780546001810182557fa66cc928b5edb82af9bd49922954155ab7b0942694bea4ce44661d9a8736c6880180546001600160a01b0319166001600160a01b03841690811790915590545f828152600860205260408082209290925590517f47d1c22a25bb3a5d4e481b9b1e6944c2eade3181a0a20b495ed61d35b5323f249190a250565b60075481158061032057508082115b8061033557508061033283600261074d565b11155b1561035d57604051637b7a98f160e01b815260048101839052602481018290526044016100a2565b6009805463ffffffff84811663ffffffff198316179092556040519116907f3164947cf0f49f08dd0cd80e671535b1e11590d347c55dcaa97ba3c24a96b33a906103b39083908690918252602082015260400190565b60405180910390a1505050565b6009545f906103e29068010000000000000000900463ffffffff16600161076a565b6009805463ffffffff80841668010000000000000000810263ffffffff60401b1984168117909455604051949550937fd4d2e611e29375f4b8fd6221e193a26953280123fc516ba28a66f0813dedb234936104469360079391821691161790610786565b60405180910390a250565b801580610461575063ffffffff81115b1561048257604051631480a85560e11b8152600481018290526024016100a2565b6009805463ffffffff83811664010000000090810263ffffffff60201b1984161790935560408051939092041680835260208301849052917feb19e4933c591089518aaecad8e462612e60d4e9898e2962ef5d89161b9ea40e910160405180910390a15050565b600980546001600160a01b038381166c010000000000000000000000008181026001600160601b0385161790945560405193909204169182907fc3ce29e3ab42e524b6f6f1b4d3674898d503ee3577a64ac87b555904ebc14138905f90a35050565b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b80516001600160a01b03811681146105b0575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f5f60a086880312156105dd575f5ffd5b6105e68661059a565b60208701519095506001600160401b03811115610601575f5ffd5b8601601f81018813610611575f5ffd5b80516001600160401b0381111561062a5761062a6105b5565b604051600582901b90603f8201601f191681016001600160401b0381118282101715610658576106586105b5565b60405291825260208184018101929081018b841115610675575f5ffd5b6020850194505b8385101561069b5761068d8561059a565b81526020948501940161067c565b5060408a015160608b0151919850965094506106be92505060808801905061059a565b90509295509295909350565b634e487b7160e01b5f52603260045260245ffd5b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610733575f198160200360031b1b821691505b50919050565b634e487b7160e01b5f52601160045260245ffd5b808202811582820484141761076457610764610739565b92915050565b63ffffffff818116838216019081111561076457610764610739565b604080825283549082018190525f8481526020812090916060840190835b818110156107cb5783546001600160a01b03168352600193840193602090930192016107a4565b5050809250505063ffffffff831660208301529392505050565b60805160a05160c05160e05161010051610120516101405161438a6108365f395f612aea01525f612abf01525f61322601525f6131fe01525f61315901525f61318301525f6131ad015261438a5ff3fe608060405234801561000f575f5ffd5b5060043610610269575f3560e01c80638e1adf2511610157578063dc36e281116100d2578063ef81830b11610088578063f41875e11161006e578063f41875e1146105bb578063f698da25146105e3578063f8e0a7f2146105eb575f5ffd5b8063ef81830b14610595578063f2fde38b146105a8575f5ffd5b8063df3d7e26116100b8578063df3d7e261461055e578063e30c397814610571578063ec5fcc8e14610582575f5ffd5b8063dc36e281146104fc578063dd15a3071461051c575f5ffd5b8063a558db1d11610127578063b10830391161010d578063b1083039146104ac578063d29dba91146104d6578063d2e0c230146104e9575f5ffd5b8063a558db1d14610479578063ad35efd41461048c575f5ffd5b80638e1adf251461042d57806395fcae6814610440578063960bfe04146104535780639cb71b1214610466575f5ffd5b806369d3ccc9116101e757806379ba5097116101b757806384b0196e1161019d57806384b0196e146103ef5780638a0dac4a1461040a5780638da5cb5b1461041d575f5ffd5b806379ba5097146103ad5780637df73e27146103b5575f5ffd5b806369d3ccc914610363578063702f45f314610376578063715018a61461037e5780637760d16c14610386575f5ffd5b806342cde4e81161023c57806346f0975a1161022257806346f0975a146103285780635125c2431461033d57806365af1bed14610350575f5ffd5b806342cde4e8146102e5578063452a9320146102f3575f5ffd5b806307090c1f1461026d5780633bad5426146102a75780633defb962146102bc5780633eeb46dc146102d2575b5f5ffd5b6102947f7d494eb0ebf0b829e9e1dc4ef61b747c49c71b6fbd9b4e0a66b75264fea088ff81565b6040519081526020015b60405180910390f35b6102ba6102b5366004613641565b6105fe565b005b600954640100000000900463ffffffff16610294565b6102ba6102e03660046136ae565b6107be565b60095463ffffffff16610294565b6009546c0100000000000000000000000090046001600160a01b03165b6040516001600160a01b03909116815260200161029e565b61033061083b565b60405161029e9190613740565b6102ba61034b366004613752565b61089b565b6102ba61035e366004613641565b610975565b61029461037136600461377c565b61099b565b600654610294565b6102ba610b90565b6102947f71759309c56b0b65c93790f1c3255a5ff431397a0542b28fb751599435d54cd781565b6102ba610bc2565b6103df6103c336600461383c565b6001600160a01b03165f90815260086020526040902054151590565b604051901515815260200161029e565b6103f7610c1f565b60405161029e9796959493929190613883565b6102ba61041836600461383c565b610c7d565b5f546001600160a01b0316610310565b6102ba61043b36600461398c565b610c93565b6102ba61044e3660046139dd565b611427565b6102ba610461366004613752565b6115d2565b6102ba610474366004613752565b6115eb565b6102ba610487366004613752565b6117c5565b61049f61049a366004613752565b6119c3565b60405161029e9190613a50565b60095468010000000000000000900463ffffffff1660405163ffffffff909116815260200161029e565b6102ba6104e4366004613752565b611aa8565b6102ba6104f7366004613a5e565b611ab9565b61050f61050a366004613752565b611b38565b60405161029e9190613a88565b61054561052a366004613752565b5f9081526004602052604090205467ffffffffffffffff1690565b60405167ffffffffffffffff909116815260200161029e565b61029461056c366004613c07565b611fb3565b6001546001600160a01b0316610310565b610294610590366004613c21565b612005565b6102ba6105a3366004613752565b61200f565b6102ba6105b636600461383c565b61210e565b6103106105c9366004613752565b5f908152600560205260409020546001600160a01b031690565b610294612195565b6102ba6105f9366004613c3b565b61219e565b6106066126a9565b6001600160a01b0382165f9081526008602052604081205490819003610668576040517f53b1def10000000000000000000000000000000000000000000000000000000081526001600160a01b03841660048201526024015b60405180910390fd5b600780545f919061067b90600190613ca7565b8154811061068b5761068b613cba565b5f918252602090912001546001600160a01b0390811691508416811461071a578060076106b9600185613ca7565b815481106106c9576106c9613cba565b5f91825260208083209190910180547fffffffffffffffffffffffff0000000000000000000000000000000000000000166001600160a01b0394851617905591831681526008909152604090208290555b600780548061072b5761072b613ce7565b5f828152602080822083015f1990810180547fffffffffffffffffffffffff00000000000000000000000000000000000000001690559092019092556001600160a01b038616808352600890915260408083208390555190917f3525e22824a8a7df2c9a6029941c824cf95b6447f1e13d5128fd3826d35afe8b91a26107b0836126f0565b6107b86127d3565b50505050565b836107c88161287c565b6107d1856128d4565b5f858152600560205260409020600681016107ed858783613dd5565b50828160030181905550857feab02659d82f207d7ba3d346964d09c280396a4798fae5bd584257ca1437647586868660405161082b93929190613eb8565b60405180910390a2505050505050565b6060600780548060200260200160405190810160405280929190818152602001828054801561089157602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610873575b5050505050905090565b5f81815260056020526040902060018101546001600160a01b0316331415806108c2575033155b15610902576040517fb64f83980000000000000000000000000000000000000000000000000000000081526004810183905233602482015260440161065f565b8054337fffffffffffffffffffffffff00000000000000000000000000000000000000008083168217845560018401805490911690556040516001600160a01b0390921691829085907f102173288c3ae5ab8570d656f2dae6ea2a7bdebd7e35cec0f1d9740ecaf4012f905f90a4505050565b61097d6126a9565b61098682612950565b61098f816126f0565b6109976127d3565b5050565b5f8763ffffffff165f036109db576040517f46589cf900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b84610a12576040517f6b041a1000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b60065f8154610a2090613edb565b91829055505f818152600460208181526040808420805463ffffffff8f167201000000000000000000000000000000000000027fffffffffffffffffffff00000000ffffffffffffffffffffffffffffffffffff9091161790556005909152909120805464ffffffffff421674010000000000000000000000000000000000000000027fffffffffffffff0000000000ffffffffffffffffffffffffffffffffffffffff33167fffffffffffffff000000000000000000000000000000000000000000000000009092169190911717815560028101889055600381018590559192508101610b0f8b8d83613dd5565b5060058101610b1f888a83613dd5565b5060068101610b2f858783613dd5565b50336001600160a01b0316827f18d86b660f331c4b71c0433977a22c79e1184243b996cac0dbc96e16527f67c48d8d8d8d8d8d8d8d8d604051610b7a99989796959493929190613ef3565b60405180910390a3509998505050505050505050565b6040517fffc0fd9300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b60015433906001600160a01b03168114610c13576040517f118cdaa70000000000000000000000000000000000000000000000000000000081526001600160a01b038216600482015260240161065f565b610c1c81612a87565b50565b5f6060805f5f5f6060610c30612ab8565b610c38612ae3565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b610c856126a9565b610c1c81612b0e565b905090565b82355f818152600460209081526040808320815160c081018352815467ffffffffffffffff8116825264ffffffffff6801000000000000000082048116958301959095526d010000000000000000000000000081049094169281019290925263ffffffff72010000000000000000000000000000000000008404811660608401527601000000000000000000000000000000000000000000008404166080830152909160a083019060ff7a010000000000000000000000000000000000000000000000000000909104166002811115610d6e57610d6e613a0f565b6002811115610d7f57610d7f613a0f565b90525090505f8160a001516002811115610d9b57610d9b613a0f565b141580610da6575081155b80610db2575060065482115b15610e0b576009548290610dd79082908490640100000000900463ffffffff16612b75565b6040517f1345bde000000000000000000000000000000000000000000000000000000000815260040161065f929190613f57565b5f82815260056020908152604090912060020154908601358114610e6f576040517fcd4e0b0e00000000000000000000000000000000000000000000000000000000815260048101849052602087013560248201526044810182905260640161065f565b60608083015163ffffffff1690610e8b90880160408901613f6b565b63ffffffff1614610ef55782610ea76060880160408901613f6b565b60608401516040517f56114464000000000000000000000000000000000000000000000000000000008152600481019390935263ffffffff918216602484015216604482015260640161065f565b608082015163ffffffff16610f1060c0880160a08901613f6b565b63ffffffff1614610f7a5782610f2c60c0880160a08901613f6b565b60808401516040517f1bb6603c000000000000000000000000000000000000000000000000000000008152600481019390935263ffffffff918216602484015216604482015260640161065f565b60095468010000000000000000900463ffffffff1680610fa060e0890160c08a01613f6b565b63ffffffff1614610ffe57610fbb60e0880160c08901613f6b565b6040517f9f2cdebd00000000000000000000000000000000000000000000000000000000815263ffffffff9182166004820152908216602482015260440161065f565b5f61100f6080890160608a01613f9b565b9050428167ffffffffffffffff16111561106e576040517f751b925d0000000000000000000000000000000000000000000000000000000081526004810186905267ffffffffffffffff8216602482015242604482015260640161065f565b5f61107f60a08a0160808b01613f9b565b9050428167ffffffffffffffff16116110dd576040517f3f98f56b0000000000000000000000000000000000000000000000000000000081526004810187905267ffffffffffffffff8216602482015242604482015260640161065f565b846040015164ffffffffff168167ffffffffffffffff16116111515760408086015190517f9efb633e0000000000000000000000000000000000000000000000000000000081526004810188905267ffffffffffffffff8316602482015264ffffffffff909116604482015260640161065f565b64ffffffffff67ffffffffffffffff821611156111a6576040517f22b214d400000000000000000000000000000000000000000000000000000000815267ffffffffffffffff8216600482015260240161065f565b5f6111c76111b38b611fb3565b6009548b908b9063ffffffff166001612c77565b64ffffffffff808516602089015283166040880152608087018051919250906111ef90613fb4565b63ffffffff9081169091525f8881526004602090815260409182902089518154928b0151938b015160608c015160808d01518716760100000000000000000000000000000000000000000000027fffffffffffff00000000ffffffffffffffffffffffffffffffffffffffffffff919097167201000000000000000000000000000000000000027fffffffffffffffffffff00000000ffffffffffffffffffffffffffffffffffff64ffffffffff9384166d010000000000000000000000000002167fffffffffffffffffffff000000000000000000ffffffffffffffffffffffffff9390971668010000000000000000027fffffffffffffffffffffffffffffffffffffff0000000000000000000000000090961667ffffffffffffffff90941693909317949094171693909317929092179081168317825560a08901518993909183917fffffffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffff167fffffffffff0000000000ffffffffffffffffffffffffffffffffffffffffffff909116177a0100000000000000000000000000000000000000000000000000008360028111156113a9576113a9613a0f565b02179055508891507fc2885faac000f334eb8a7420222253e5ab97aa700532b9c825d4f7fc4e0c7a17905060208c01356113e960608e0160408f01613f6b565b858e60a00160208101906113fd9190613f6b565b8887336040516114139796959493929190613fd8565b60405180910390a250505050505050505050565b826114318161287c565b61143a846128d4565b8163ffffffff165f03611479576040517f46589cf900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b826114b0576040517f6b041a1000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f8481526005602090815260408083206002018690556004909152902080547fffffffffffffffffffff0000000000000000000000000000ffffffffffffffff16720100000000000000000000000000000000000063ffffffff858116919091027fffffffffffffffffffffffffffff00000000000000000000ffffffffffffffff169190911780835582916016916115649176010000000000000000000000000000000000000000000090910416613fb4565b91906101000a81548163ffffffff021916908363ffffffff160217905550847f97e2497d6305f2676ac597a37a14379f95750e5e5724abd31c0c157f1789fc6385856040516115c392919091825263ffffffff16602082015260400190565b60405180910390a25050505050565b6115da6126a9565b6115e3816126f0565b610c1c6127d3565b6115f36126a9565b5f81815260046020526040902061160982612fbe565b600181547a010000000000000000000000000000000000000000000000000000900460ff16600281111561163f5761163f613a0f565b14611771576040805160c081018252825467ffffffffffffffff8116825264ffffffffff680100000000000000008204811660208401526d01000000000000000000000000008204169282019290925263ffffffff72010000000000000000000000000000000000008304811660608301527601000000000000000000000000000000000000000000008304166080820152839161173d918391859060a083019060ff7a01000000000000000000000000000000000000000000000000000090910416600281111561171357611713613a0f565b600281111561172457611724613a0f565b905250600954640100000000900463ffffffff16612b75565b6040517ff453508900000000000000000000000000000000000000000000000000000000815260040161065f929190613f57565b80547fffffffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffff16815560405182907f4442731fe4d498ffb8cd4232e02021ef6089e13f7c62f794c5d7d1987f91faa8905f90a25050565b5f546001600160a01b031633148015906117fa57506009546c0100000000000000000000000090046001600160a01b03163314155b15611833576040517f6b1883f300000000000000000000000000000000000000000000000000000000815233600482015260240161065f565b5f81815260046020526040902061184982612fbe565b5f81547a010000000000000000000000000000000000000000000000000000900460ff16600281111561187e5761187e613a0f565b14611952576040805160c081018252825467ffffffffffffffff8116825264ffffffffff680100000000000000008204811660208401526d01000000000000000000000000008204169282019290925263ffffffff72010000000000000000000000000000000000008304811660608301527601000000000000000000000000000000000000000000008304166080820152839161173d918391859060a083019060ff7a01000000000000000000000000000000000000000000000000000090910416600281111561171357611713613a0f565b80547fffffffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffff167a01000000000000000000000000000000000000000000000000000017815560405182907fb32fb9387d7a4338e27604b92ced18bfb472c66ffb5f4adc328bd47df0100a60905f90a25050565b5f818152600460209081526040808320815160c081018352815467ffffffffffffffff8116825264ffffffffff6801000000000000000082048116958301959095526d010000000000000000000000000081049094169281019290925263ffffffff72010000000000000000000000000000000000008404811660608401527601000000000000000000000000000000000000000000008404166080830152611aa2928592919060a083019060ff7a01000000000000000000000000000000000000000000000000000090910416600281111561171357611713613a0f565b92915050565b611ab06126a9565b610c1c81613006565b81611ac38161287c565b5f8381526005602052604080822060010180547fffffffffffffffffffffffff0000000000000000000000000000000000000000166001600160a01b03861690811790915590519091339186917fa26000c1672e64bdb6704643b705eda0012818dec5fab45ca6c9c7865ef814c691a4505050565b60408051610220810182525f8082526020820181905291810182905260608082018190526080820181905260a0820183905260c0820183905260e0820152610100810182905261012081018290526101408101829052610160810182905261018081018290526101a081018290526101c081018290526101e081018290526102008101919091525f828152600460209081526040808320815160c081018352815467ffffffffffffffff8116825264ffffffffff6801000000000000000082048116958301959095526d010000000000000000000000000081049094169281019290925263ffffffff72010000000000000000000000000000000000008404811660608401527601000000000000000000000000000000000000000000008404166080830152909160a083019060ff7a010000000000000000000000000000000000000000000000000000909104166002811115611c9857611c98613a0f565b6002811115611ca957611ca9613a0f565b9052505f84815260056020908152604090912080546001600160a01b0390811686526001820154169185019190915260095491925090611cfa9085908490640100000000900463ffffffff16612b75565b83604001906005811115611d1057611d10613a0f565b90816005811115611d2357611d23613a0f565b905250600481018054611d3590613d41565b80601f0160208091040260200160405190810160405280929190818152602001828054611d6190613d41565b8015611dac5780601f10611d8357610100808354040283529160200191611dac565b820191905f5260205f20905b815481529060010190602001808311611d8f57829003601f168201915b50505050508360600181905250806005018054611dc890613d41565b80601f0160208091040260200160405190810160405280929190818152602001828054611df490613d41565b8015611e3f5780601f10611e1657610100808354040283529160200191611e3f565b820191905f5260205f20905b815481529060010190602001808311611e2257829003601f168201915b50505050506080840152600281015460a0840152606082015163ffffffff1660c0840152600681018054611e7290613d41565b80601f0160208091040260200160405190810160405280929190818152602001828054611e9e90613d41565b8015611ee95780601f10611ec057610100808354040283529160200191611ee9565b820191905f5260205f20905b815481529060010190602001808311611ecc57829003601f168201915b505050505060e08401526003810154610100840152805474010000000000000000000000000000000000000000900464ffffffffff9081166101208501526020830151811661014085015260408301518116610160850152608083015163ffffffff16610180850152825167ffffffffffffffff166101a08501528251166101c084015260018260a001516002811115611f8557611f85613a0f565b146101e084015260028260a001516002811115611fa457611fa4613a0f565b14610200840152509092915050565b5f611aa27f7d494eb0ebf0b829e9e1dc4ef61b747c49c71b6fbd9b4e0a66b75264fea088ff83604051602001611fea929190614042565b604051602081830303815290604052805190602001206130cf565b5f611aa282613116565b6120176126a9565b5f81815260046020526040902061202d82612fbe565b600281547a010000000000000000000000000000000000000000000000000000900460ff16600281111561206357612063613a0f565b0361209d576040517f0f49d24a0000000000000000000000000000000000000000000000000000000081526004810183905260240161065f565b80547fffffffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffff167a02000000000000000000000000000000000000000000000000000017815560405182907f45a0decbdcdc8ed74722e6a2601ed790d3bd359e65b32fcc2403ee76b1f94389905f90a25050565b6121166126a9565b600180547fffffffffffffffffffffffff0000000000000000000000000000000000000000166001600160a01b03831690811790915561215d5f546001600160a01b031690565b6001600160a01b03167f38d16b8cac22d99fc7c124b9cd0de2d3fa1faef420bfe791d8c362d765e2270060405160405180910390a350565b5f610c8e61314d565b805f8190036121d9576040517fc2e5347d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6040805160808101825260095463ffffffff808216835264010000000082048116602084015268010000000000000000820416928201929092526c010000000000000000000000009091046001600160a01b031660608201525f5b828110156126a2573685858381811061224f5761224f613cba565b905060200281019061226191906140e4565b80355f818152600460209081526040808320815160c081018352815467ffffffffffffffff8116825264ffffffffff6801000000000000000082048116958301959095526d010000000000000000000000000081049094169281019290925263ffffffff7201000000000000000000000000000000000000840481166060840152760100000000000000000000000000000000000000000000840416608083015294955092939192919060a083019060ff7a01000000000000000000000000000000000000000000000000000090910416600281111561234357612343613a0f565b600281111561235457612354613a0f565b90525090505f61236a6040850160208601613f9b565b90505f5f61237d86858a60400151613276565b9150915081156123d5578267ffffffffffffffff16857f953c16551cab7464c5fa93956f645d33a91ef89852398e35a0689ce481c967d2836040516123c29190614120565b60405180910390a350505050505061269a565b6124226123e187613116565b8c8c8a8181106123f3576123f3613cba565b905060200281019061240591906140e4565b6124149061010081019061413a565b8b5163ffffffff165f612c77565b5067ffffffffffffffff80841685525f8681526004602090815260409182902087518154928901519389015160608a015160808b015163ffffffff908116760100000000000000000000000000000000000000000000027fffffffffffff00000000ffffffffffffffffffffffffffffffffffffffffffff919092167201000000000000000000000000000000000000027fffffffffffffffffffff00000000ffffffffffffffffffffffffffffffffffff64ffffffffff9485166d010000000000000000000000000002167fffffffffffffffffffff000000000000000000ffffffffffffffffffffffffff9490981668010000000000000000027fffffffffffffffffffffffffffffffffffffff000000000000000000000000009097169490981693909317949094171693909317939093179182168117835560a0870151879392909183917fffffffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffff9091167fffffffffff0000000000ffffffffffffffffffffffffffffffffffffffffffff909116177a0100000000000000000000000000000000000000000000000000008360028111156125e1576125e1613a0f565b0217905550505067ffffffffffffffff8316857f37ea8dcc2b2580a599f9f01208a886b8baddde527f313abb425a27ae48b0844561262560608a0160408b01613f9b565b61263560808b0160608c016141af565b61264560a08c0160808d01613f6b565b6040805167ffffffffffffffff909416845261ffff909216602084015263ffffffff169082015260a0808b0135606083015260c0808c0135608084015233918301919091520160405180910390a35050505050505b600101612234565b5050505050565b5f546001600160a01b031633146126ee576040517f118cdaa700000000000000000000000000000000000000000000000000000000815233600482015260240161065f565b565b6007548115806126ff57508082115b806127145750806127118360026141c8565b11155b15612755576040517f7b7a98f1000000000000000000000000000000000000000000000000000000008152600481018390526024810182905260440161065f565b6009805463ffffffff8481167fffffffffffffffffffffffffffffffffffffffffffffffffffffffff000000008316179092556040519116907f3164947cf0f49f08dd0cd80e671535b1e11590d347c55dcaa97ba3c24a96b33a906127c69083908690918252602082015260400190565b60405180910390a1505050565b6009545f906127f59068010000000000000000900463ffffffff1660016141df565b6009805463ffffffff8084166801000000000000000081027fffffffffffffffffffffffffffffffffffffffff00000000ffffffffffffffff84168117909455604051949550937fd4d2e611e29375f4b8fd6221e193a26953280123fc516ba28a66f0813dedb2349361287193600793918216911617906141fb565b60405180910390a250565b5f818152600560205260409020546001600160a01b03163314610c1c576040517fcd6dc9bc0000000000000000000000000000000000000000000000000000000081526004810182905233602482015260440161065f565b60025f828152600460205260409020547a010000000000000000000000000000000000000000000000000000900460ff16600281111561291657612916613a0f565b03610c1c576040517f0f49d24a0000000000000000000000000000000000000000000000000000000081526004810182905260240161065f565b6001600160a01b038116612990576040517fe5c48ac500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001600160a01b0381165f90815260086020526040902054156129ea576040517f9fb0d64c0000000000000000000000000000000000000000000000000000000081526001600160a01b038216600482015260240161065f565b600780546001810182557fa66cc928b5edb82af9bd49922954155ab7b0942694bea4ce44661d9a8736c6880180547fffffffffffffffffffffffff0000000000000000000000000000000000000000166001600160a01b03841690811790915590545f828152600860205260408082209290925590517f47d1c22a25bb3a5d4e481b9b1e6944c2eade3181a0a20b495ed61d35b5323f249190a250565b600180547fffffffffffffffffffffffff0000000000000000000000000000000000000000169055610c1c81613433565b6060610c8e7f000000000000000000000000000000000000000000000000000000000000000061349a565b6060610c8e7f000000000000000000000000000000000000000000000000000000000000000061349a565b600980546001600160a01b038381166c010000000000000000000000008181026bffffffffffffffffffffffff85161790945560405193909204169182907fc3ce29e3ab42e524b6f6f1b4d3674898d503ee3577a64ac87b555904ebc14138905f90a35050565b5f831580612b84575060065484115b15612b9057505f612c70565b60028360a001516002811115612ba857612ba8613a0f565b03612bb557506005612c70565b60018360a001516002811115612bcd57612bcd613a0f565b03612bda57506004612c70565b826040015164ffffffffff165f03612bf457506001612c70565b826040015164ffffffffff16421115612c0f57506003612c70565b5f836020015164ffffffffff16845f015167ffffffffffffffff1611612c4057836020015164ffffffffff16612c43565b83515b67ffffffffffffffff169050612c59838261425a565b421115612c6a576003915050612c70565b60029150505b9392505050565b60608383811015612cbe576040517ff1e86aa6000000000000000000000000000000000000000000000000000000008152600481018290526024810185905260440161065f565b8215612d0a578067ffffffffffffffff811115612cdd57612cdd613d14565b604051908082528060200260200182016040528015612d06578160200160208202803683370190505b5091505b5f805b82811015612fb2575f5f5f612d458c8c8c87818110612d2e57612d2e613cba565b9050602002810190612d40919061426d565b6134d7565b919450925090505f826003811115612d5f57612d5f613a0f565b14612e43576003826003811115612d7857612d78613a0f565b03612db9576040517f64aad8c5000000000000000000000000000000000000000000000000000000008152600481018590526024810182905260440161065f565b6002826003811115612dcd57612dcd613a0f565b03612e0e576040517fd615d706000000000000000000000000000000000000000000000000000000008152600481018590526024810182905260440161065f565b6040517f52bf98480000000000000000000000000000000000000000000000000000000081526004810185905260240161065f565b6001600160a01b0383165f908152600860205260408120549003612ea5576040517ffaf3b2e4000000000000000000000000000000000000000000000000000000008152600481018590526001600160a01b038416602482015260440161065f565b846001600160a01b0316836001600160a01b031611612f6757846001600160a01b0316836001600160a01b031603612f1b576040517f1f718e2a000000000000000000000000000000000000000000000000000000008152600481018590526001600160a01b038416602482015260440161065f565b6040517f5f418966000000000000000000000000000000000000000000000000000000008152600481018590526001600160a01b0380851660248301528616604482015260640161065f565b8294508715612fa45782878581518110612f8357612f83613cba565b60200260200101906001600160a01b031690816001600160a01b0316815250505b505050806001019050612d0d565b50505095945050505050565b801580612fcc575060065481115b15610c1c576040517fb8111a310000000000000000000000000000000000000000000000000000000081526004810182905260240161065f565b801580613016575063ffffffff81115b15613050576040517f290150aa0000000000000000000000000000000000000000000000000000000081526004810182905260240161065f565b6009805463ffffffff8381166401000000009081027fffffffffffffffffffffffffffffffffffffffffffffffff00000000ffffffff84161790935560408051939092041680835260208301849052917feb19e4933c591089518aaecad8e462612e60d4e9898e2962ef5d89161b9ea40e910160405180910390a15050565b5f611aa26130db61314d565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b5f611aa27f71759309c56b0b65c93790f1c3255a5ff431397a0542b28fb751599435d54cd783604051602001611fea9291906142ce565b5f306001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161480156131a557507f000000000000000000000000000000000000000000000000000000000000000046145b156131cf57507f000000000000000000000000000000000000000000000000000000000000000090565b610c8e604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f80808460a00151600281111561328f5761328f613a0f565b1415806132a6575042846040015164ffffffffff16105b156132b7575060019050600261342b565b63ffffffff83166132cf610100870160e08801613f6b565b63ffffffff16146132e55750600190508061342b565b5f6132f66040870160208801613f9b565b9050845f015167ffffffffffffffff168167ffffffffffffffff16116133235760015f925092505061342b565b428167ffffffffffffffff161115613380576040517ff8a41ba30000000000000000000000000000000000000000000000000000000081528635600482015267ffffffffffffffff8216602482015242604482015260640161065f565b61271061339360808801606089016141af565b61ffff1611156133ee5785356133af60808801606089016141af565b6040517fb97d4e90000000000000000000000000000000000000000000000000000000008152600481019290925261ffff16602482015260440161065f565b606085015163ffffffff1661340960a0880160808901613f6b565b63ffffffff1611156134235760016003925092505061342b565b5f5f92509250505b935093915050565b5f80546001600160a01b038381167fffffffffffffffffffffffff0000000000000000000000000000000000000000831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b60605f6134a68361351e565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f8080604184900361350b578435602086013560408701355f1a6134fd8982858561355e565b955095509550505050613515565b505f915060029050825b93509350939050565b5f60ff8216601f811115611aa2576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561359757505f9150600390508261361c565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa1580156135e8573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661361357505f92506001915082905061361c565b92505f91508190505b9450945094915050565b80356001600160a01b038116811461363c575f5ffd5b919050565b5f5f60408385031215613652575f5ffd5b61365b83613626565b946020939093013593505050565b5f5f83601f840112613679575f5ffd5b50813567ffffffffffffffff811115613690575f5ffd5b6020830191508360208285010111156136a7575f5ffd5b9250929050565b5f5f5f5f606085870312156136c1575f5ffd5b84359350602085013567ffffffffffffffff8111156136de575f5ffd5b6136ea87828801613669565b9598909750949560400135949350505050565b5f8151808452602084019350602083015f5b828110156137365781516001600160a01b031686526020958601959091019060010161370f565b5093949350505050565b602081525f612c7060208301846136fd565b5f60208284031215613762575f5ffd5b5035919050565b803563ffffffff8116811461363c575f5ffd5b5f5f5f5f5f5f5f5f5f60c08a8c031215613794575f5ffd5b893567ffffffffffffffff8111156137aa575f5ffd5b6137b68c828d01613669565b909a5098506137c9905060208b01613769565b965060408a013567ffffffffffffffff8111156137e4575f5ffd5b6137f08c828d01613669565b90975095505060608a0135935060808a013567ffffffffffffffff811115613816575f5ffd5b6138228c828d01613669565b9a9d999c50979a9699959894979660a00135949350505050565b5f6020828403121561384c575f5ffd5b612c7082613626565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f6138bd60e0830189613855565b82810360408401526138cf8189613855565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015613924578351835260209384019390920191600101613906565b50909b9a5050505050505050505050565b5f60e08284031215613945575f5ffd5b50919050565b5f5f83601f84011261395b575f5ffd5b50813567ffffffffffffffff811115613972575f5ffd5b6020830191508360208260051b85010111156136a7575f5ffd5b5f5f5f610100848603121561399f575f5ffd5b6139a98585613935565b925060e084013567ffffffffffffffff8111156139c4575f5ffd5b6139d08682870161394b565b9497909650939450505050565b5f5f5f606084860312156139ef575f5ffd5b8335925060208401359150613a0660408501613769565b90509250925092565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b60068110613a4c57613a4c613a0f565b9052565b60208101611aa28284613a3c565b5f5f60408385031215613a6f575f5ffd5b82359150613a7f60208401613626565b90509250929050565b60208152613aa26020820183516001600160a01b03169052565b5f6020830151613abd60408401826001600160a01b03169052565b506040830151613ad06060840182613a3c565b5060608301516102206080840152613aec610240840182613855565b90506080840151601f198483030160a0850152613b098282613855565b91505060a084015160c084015260c0840151613b2d60e085018263ffffffff169052565b5060e0840151601f1984830301610100850152613b4a8282613855565b915050610100840151610120840152610120840151613b7361014085018264ffffffffff169052565b5061014084015164ffffffffff81166101608501525061016084015164ffffffffff81166101808501525061018084015163ffffffff81166101a0850152506101a084015167ffffffffffffffff81166101c0850152506101c084015164ffffffffff81166101e0850152506101e0840151801515610200850152506102008401518015156102208501525b509392505050565b5f60e08284031215613c17575f5ffd5b612c708383613935565b5f610100828403128015613c33575f5ffd5b509092915050565b5f5f60208385031215613c4c575f5ffd5b823567ffffffffffffffff811115613c62575f5ffd5b613c6e8582860161394b565b90969095509350505050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b81810381811115611aa257611aa2613c7a565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603160045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b600181811c90821680613d5557607f821691505b602082108103613945577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b601f821115613dd057805f5260205f20601f840160051c81016020851015613db15750805b601f840160051c820191505b818110156126a2575f8155600101613dbd565b505050565b67ffffffffffffffff831115613ded57613ded613d14565b613e0183613dfb8354613d41565b83613d8c565b5f601f841160018114613e32575f8515613e1b5750838201355b5f19600387901b1c1916600186901b1783556126a2565b5f83815260208120601f198716915b82811015613e615786850135825560209485019460019092019101613e41565b5086821015613e7d575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b81835281816020850137505f602082840101525f6020601f19601f840116840101905092915050565b604081525f613ecb604083018587613e8f565b9050826020830152949350505050565b5f5f198203613eec57613eec613c7a565b5060010190565b60c081525f613f0660c083018b8d613e8f565b63ffffffff8a1660208401528281036040840152613f2581898b613e8f565b90508660608401528281036080840152613f40818688613e8f565b9150508260a08301529a9950505050505050505050565b82815260408101612c706020830184613a3c565b5f60208284031215613f7b575f5ffd5b612c7082613769565b803567ffffffffffffffff8116811461363c575f5ffd5b5f60208284031215613fab575f5ffd5b612c7082613f84565b5f63ffffffff821663ffffffff8103613fcf57613fcf613c7a565b60010192915050565b87815263ffffffff8716602082015267ffffffffffffffff8616604082015263ffffffff8516606082015264ffffffffff8416608082015260e060a08201525f61402560e08301856136fd565b90506001600160a01b03831660c083015298975050505050505050565b828152813560208083019190915282013560408083019190915261010082019063ffffffff90614073908501613769565b16606083015267ffffffffffffffff61408e60608501613f84565b16608083015267ffffffffffffffff6140a960808501613f84565b1660a083015263ffffffff6140c060a08501613769565b1660c083015263ffffffff6140d760c08501613769565b1660e08301529392505050565b5f82357ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffee1833603018112614116575f5ffd5b9190910192915050565b602081016004831061413457614134613a0f565b91905290565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe184360301811261416d575f5ffd5b83018035915067ffffffffffffffff821115614187575f5ffd5b6020019150600581901b36038213156136a7575f5ffd5b803561ffff8116811461363c575f5ffd5b5f602082840312156141bf575f5ffd5b612c708261419e565b8082028115828204841417611aa257611aa2613c7a565b63ffffffff8181168382160190811115611aa257611aa2613c7a565b604080825283549082018190525f8481526020812090916060840190835b818110156142405783546001600160a01b0316835260019384019360209093019201614219565b5050809250505063ffffffff831660208301529392505050565b80820180821115611aa257611aa2613c7a565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe18436030181126142a0575f5ffd5b83018035915067ffffffffffffffff8211156142ba575f5ffd5b6020019150368190038213156136a7575f5ffd5b828152813560208083019190915261012082019067ffffffffffffffff906142f7908501613f84565b16604083015267ffffffffffffffff61431260408501613f84565b16606083015261ffff6143276060850161419e565b16608083015261433960808401613769565b63ffffffff811660a08401525060a083013560c08381019190915283013560e08084019190915261436b908401613769565b63ffffffff8116610100840152613bff56fea164736f6c634300081e000a' as const

export const offeringBytecode =
  '0x60c060405234801561000f575f5ffd5b50604051613c86380380613c8683398101604081905261002e916100a9565b6001600160a01b038216158061004b57506001600160a01b038116155b156100695760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b039182166080521660a0525f80546001600160a01b03191660011790556100e1565b6001600160a01b03811681146100a6575f5ffd5b50565b5f5f604083850312156100ba575f5ffd5b82516100c581610092565b60208401519092506100d681610092565b809150509250929050565b60805160a051613b226101645f395f818161049f01528181610719015281816114e101528181611d9f0152818161262e0152818161296d0152818161348b0152818161350b015261356d01525f818161027001528181610fa0015281816115a8015281816117ad01528181611e98015281816131dc01526132c70152613b225ff3fe608060405234801561000f575f5ffd5b506004361061018f575f3560e01c806382a03fa9116100dd578063d6febde811610088578063ed1bd76c11610063578063ed1bd76c146104cb578063f0ea4bfc146104de578063fc0c546a14610507575f5ffd5b8063d6febde81461048a578063e9cbd8221461049d578063ea8a1af0146104c3575f5ffd5b80639f37c5e8116100b85780639f37c5e8146102c2578063b1c9fe6e14610324578063d502562514610339575f5ffd5b806382a03fa9146102945780638d086da4146102a757806396eec7f2146102af575f5ffd5b806349bb75d71161013d578063590e1ae311610118578063590e1ae31461025357806371ed46641461025b5780637b1039991461026e575f5ffd5b806349bb75d7146102035780634bb278f31461022b578063570ca73514610233575f5ffd5b806311dbf9dc1161016d57806311dbf9dc146101d35780631f66d7ed146101db5780633ca8265f146101ee575f5ffd5b806302c7e7af14610193578063047fc9aa146101b857806307a87aea146101c0575b5f5ffd5b6002546bffffffffffffffffffffffff165b6040519081526020015b60405180910390f35b6101a5610517565b6101a56101ce36600461378f565b610590565b6101a56107b4565b6101a56101e936600461378f565b610804565b6102016101fc3660046137aa565b61096b565b005b61021661021136600461378f565b610cf2565b604080519283526020830191909152016101af565b610201610e4a565b61023b6115a5565b6040516001600160a01b0390911681526020016101af565b6101a56116a5565b6101a561026936600461378f565b6116e9565b7f000000000000000000000000000000000000000000000000000000000000000061023b565b6102016102a236600461380e565b61176a565b610216611cf5565b6101a56102bd366004613845565b611d3d565b6102166102d036600461378f565b6001600160a01b039081165f908152600560209081526040918290208251808401909352546bffffffffffffffffffffffff81168084526c0100000000000000000000000090910490931691018190529091565b61032c611e3d565b6040516101af91906138c6565b6104136040805160a0810182525f80825260208201819052918101829052606081018290526080810191909152506040805160a0810182526001546bffffffffffffffffffffffff6c010000000000000000000000008204811683525f547401000000000000000000000000000000000000000090048116602084015281169282019290925263ffffffff78010000000000000000000000000000000000000000000000008304811660608301527c0100000000000000000000000000000000000000000000000000000000909204909116608082015290565b6040516101af91905f60a0820190506bffffffffffffffffffffffff83511682526bffffffffffffffffffffffff60208401511660208301526bffffffffffffffffffffffff604084015116604083015263ffffffff606084015116606083015263ffffffff608084015116608083015292915050565b6101a56104983660046138e0565b611e46565b7f000000000000000000000000000000000000000000000000000000000000000061023b565b610201611e8e565b6101a56104d9366004613900565b6120b8565b6002546c0100000000000000000000000090046effffffffffffffffffffffffffffff166101a5565b5f546001600160a01b031661023b565b5f5f5f9054906101000a90046001600160a01b03166001600160a01b03166318160ddd6040518163ffffffff1660e01b8152600401602060405180830381865afa158015610567573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061058b9190613917565b905090565b5f6105996120c2565b6001600160a01b0382166105d9576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b60016002547b01000000000000000000000000000000000000000000000000000000900460ff16600481111561061157610611613899565b1461065a5761061e612119565b6040517f6cb2321200000000000000000000000000000000000000000000000000000000815260040161065191906138c6565b60405180910390fd5b335f908152600560205260408120546bffffffffffffffffffffffff16908190036106b3576040517fdc69dc16000000000000000000000000000000000000000000000000000000008152336004820152602401610651565b5f6106bc6122f5565b335f908152600660205260409020549091506106f39083906106de908461395b565b6ec097ce7bc90715b34b9f10000000006123ca565b335f90815260066020526040902082905592508215610740576107406001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016858561247b565b6040518381526001600160a01b0385169033907fc524782a8ab7868f374ec784fe042a7ff3673337e2f90b4827eef7de13b7e3df9060200160405180910390a350506107af6115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b919050565b5f5f5f9054906101000a90046001600160a01b03166001600160a01b03166311dbf9dc6040518163ffffffff1660e01b8152600401602060405180830381865afa158015610567573d5f5f3e3d5ffd5b5f60016002547b01000000000000000000000000000000000000000000000000000000900460ff16600481111561083d5761083d613899565b1461084957505f919050565b6001600160a01b0382165f908152600560205260408120546bffffffffffffffffffffffff169081900361087f57505f92915050565b5f80546040517f402914f500000000000000000000000000000000000000000000000000000000815230600482015261092b916001600160a01b03169063402914f590602401602060405180830381865afa1580156108e0573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906109049190613917565b6003546ec097ce7bc90715b34b9f1000000000906bffffffffffffffffffffffff166123ca565b600454610938919061396e565b6001600160a01b0385165f908152600660205260409020549091506109639083906106de908461395b565b949350505050565b5f546001600160a01b0316156109ad576040517f0dc149f000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001600160a01b0383166109ed576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b811580610a0557506bffffffffffffffffffffffff82115b15610a3f576040517f7cbab89700000000000000000000000000000000000000000000000000000000815260048101839052602401610651565b610a4c6020820182613981565b6bffffffffffffffffffffffff161580610a905750610a7160a08201608083016139ac565b63ffffffff16610a8760808301606084016139ac565b63ffffffff1610155b80610ab0575042610aa760a08301608084016139ac565b63ffffffff1611155b80610ad7575081610ac76040830160208401613981565b6bffffffffffffffffffffffff16115b80610afe575081610aee6060830160408401613981565b6bffffffffffffffffffffffff16115b15610b35576040517f0256965f00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f80547fffffffffffffffffffffffff0000000000000000000000000000000000000000166001600160a01b038516179055610b776040820160208301613981565b5f80546bffffffffffffffffffffffff9290921674010000000000000000000000000000000000000000026001600160a01b03909216919091179055610bc36060820160408301613981565b600180547fffffffffffffffffffffffffffffffffffffffff000000000000000000000000166bffffffffffffffffffffffff92909216919091179055610c0d6020820182613981565b600180546bffffffffffffffffffffffff929092166c01000000000000000000000000027fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff909216919091179055610c6b60808201606083016139ac565b6001805463ffffffff929092167801000000000000000000000000000000000000000000000000027fffffffff00000000ffffffffffffffffffffffffffffffffffffffffffffffff909216919091179055610ccd60a08201608083016139ac565b6001601c6101000a81548163ffffffff021916908363ffffffff160217905550505050565b5f5f610cfc6120c2565b6001600160a01b038316610d3c576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001600160a01b0383163314801590610dd257505f546040517fe58398360000000000000000000000000000000000000000000000000000000081523360048201526001600160a01b039091169063e583983690602401602060405180830381865afa158015610dae573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610dd291906139de565b15610e0b576040517f4f2a367e000000000000000000000000000000000000000000000000000000008152336004820152602401610651565b610e14836124ce565b91509150610e456115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b915091565b610e526120c2565b6002547b01000000000000000000000000000000000000000000000000000000900460ff165f816004811115610e8a57610e8a613899565b14158015610eaa57506003816004811115610ea757610ea7613899565b14155b15610ee1576040517f475a253500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f54604080517f5c975abb00000000000000000000000000000000000000000000000000000000815290516001600160a01b03909216918291635c975abb9160048083019260209291908290030181865afa158015610f42573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610f6691906139de565b15610f9d576040517fe779249500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663f41875e1836001600160a01b03166311dbf9dc6040518163ffffffff1660e01b8152600401602060405180830381865afa158015611009573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061102d9190613917565b6040518263ffffffff1660e01b815260040161104b91815260200190565b602060405180830381865afa158015611066573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061108a91906139f7565b6002549091506bffffffffffffffffffffffff165f60038560048111156110b3576110b3613899565b0361110357600280547fffffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffff167b04000000000000000000000000000000000000000000000000000000179055611314565b5f61110c612119565b9050600281600681111561112257611122613899565b148061113f5750600381600681111561113d5761113d613899565b145b1561114d57600191506112a9565b600481600681111561116157611161613899565b0361116e575f91506112a9565b600181600681111561118257611182613899565b0361127557336001600160a01b038516146111da576040517f4738d0540000000000000000000000000000000000000000000000000000000081523360048201526001600160a01b0385166024820152604401610651565b5f547401000000000000000000000000000000000000000090046bffffffffffffffffffffffff1683101561126c575f546040517f060e0fc400000000000000000000000000000000000000000000000000000000815260048101859052740100000000000000000000000000000000000000009091046bffffffffffffffffffffffff166024820152604401610651565b600191506112a9565b806040517fff99b99700000000000000000000000000000000000000000000000000000000815260040161065191906138c6565b816112b55760026112b8565b60015b600280547fffffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffff167b0100000000000000000000000000000000000000000000000000000083600481111561130d5761130d613899565b0217905550505b5f846001600160a01b03166318160ddd6040518163ffffffff1660e01b8152600401602060405180830381865afa158015611351573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906113759190613917565b90505f5f8290505f876001600160a01b0316634e71d92d6040518163ffffffff1660e01b81526004016020604051808303815f875af11580156113ba573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906113de9190613917565b90505f851561149357600380547fffffffffffffffffffffffffffffffffffffffff000000000000000000000000166bffffffffffffffffffffffff89161790556002546c0100000000000000000000000090046effffffffffffffffffffffffffffff16935061144f878661395b565b925061146d6114668a6114606126a1565b8561273c565b88876123ca565b905080156114935761148f816ec097ce7bc90715b34b9f1000000000896123ca565b6004555b5f61149e828461395b565b905083156114ba576114ba6001600160a01b038b168a8661247b565b6114c4818661396e565b1561150857611508896114d7838861396e565b6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016919061247b565b604080518815158152602081018a9052908101869052606081018590526080810182905260a081018390526001600160a01b038a16907f253abafd2f7ff5a10a9f89433cdcd5cd68f303a4d74a4b1c2c3454662044faec9060c00160405180910390a250505050505050505050506115a36115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b565b5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663f41875e15f5f9054906101000a90046001600160a01b03166001600160a01b03166311dbf9dc6040518163ffffffff1660e01b8152600401602060405180830381865afa158015611624573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906116489190613917565b6040518263ffffffff1660e01b815260040161166691815260200190565b602060405180830381865afa158015611681573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061058b91906139f7565b5f6116ae6120c2565b6116b733612846565b90506116e66115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b90565b5f6116f26120c2565b6001600160a01b038216611732576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b61173b82612846565b90506107af6115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b6117726120c2565b5f8054604080517f11dbf9dc00000000000000000000000000000000000000000000000000000000815290516001600160a01b0392831693927f0000000000000000000000000000000000000000000000000000000000000000169163f41875e19185916311dbf9dc9160048083019260209291908290030181865afa1580156117fe573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906118229190613917565b6040518263ffffffff1660e01b815260040161184091815260200190565b602060405180830381865afa15801561185b573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061187f91906139f7565b9050336001600160a01b038216146118d4576040517f4738d0540000000000000000000000000000000000000000000000000000000081523360048201526001600160a01b0382166024820152604401610651565b60016002547b01000000000000000000000000000000000000000000000000000000900460ff16600481111561190c5761190c613899565b146119195761061e612119565b816001600160a01b031663551e60496040518163ffffffff1660e01b8152600401602060405180830381865afa158015611955573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061197991906139de565b156119b0576040517fe779249500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6040517fe58398360000000000000000000000000000000000000000000000000000000081526001600160a01b03858116600483015283169063e583983690602401602060405180830381865afa158015611a0d573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611a3191906139de565b611a72576040517f4a7468280000000000000000000000000000000000000000000000000000000081526001600160a01b0385166004820152602401610651565b6001600160a01b038085165f9081526005602090815260408083208151808301909252546bffffffffffffffffffffffff81168083526c0100000000000000000000000090910490941691810191909152919003611b07576040517fdc69dc160000000000000000000000000000000000000000000000000000000081526001600160a01b0386166004820152602401610651565b6001600160a01b0384161580611b2e5750846001600160a01b0316846001600160a01b0316145b80611b4157506001600160a01b03841630145b80611b5d5750826001600160a01b0316846001600160a01b0316145b80611b795750816001600160a01b0316846001600160a01b0316145b80611ba857506001600160a01b0384165f908152600560205260409020546bffffffffffffffffffffffff1615155b15611bea576040517f26ad991f0000000000000000000000000000000000000000000000000000000081526001600160a01b0385166004820152602401610651565b6001600160a01b038085165f8181526005602081815260408084208751838901805189166c01000000000000000000000000026bffffffffffffffffffffffff909216919091179091558b871680865260068085528387208054898952858920558288529585528387208790559093529390925585519251915193949093908716927fd84b280841c9b5d95fe05cfa35661f25b0aec1ec0fd3275158bb658e2e430c7092611cb9926bffffffffffffffffffffffff9290921682526001600160a01b0316602082015260400190565b60405180910390a4505050611cf16115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b5050565b5f5f611cff6120c2565b611d08336124ce565b91509150611d396115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b9091565b5f611d466120c2565b6040517fd505accf000000000000000000000000000000000000000000000000000000008152336004820152306024820152604481018790526064810186905260ff8516608482015260a4810184905260c481018390527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063d505accf9060e4015f604051808303815f87803b158015611de8575f5ffd5b505af1925050508015611df9575060015b50611e0487876129f2565b9050611e336115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b9695505050505050565b5f61058b612119565b5f611e4f6120c2565b611e5983836129f2565b9050611e886115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b92915050565b611e966120c2565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316638da5cb5b6040518163ffffffff1660e01b8152600401602060405180830381865afa158015611ef2573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611f1691906139f7565b6001600160a01b0316336001600160a01b031614611f62576040517f988d1f03000000000000000000000000000000000000000000000000000000008152336004820152602401610651565b5f6002547b01000000000000000000000000000000000000000000000000000000900460ff166004811115611f9957611f99613899565b14611fd957611fa6612119565b6040517ff6ef332200000000000000000000000000000000000000000000000000000000815260040161065191906138c6565b600280547fffffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffff81167b030000000000000000000000000000000000000000000000000000001791829055604080516bffffffffffffffffffffffff90921682526c010000000000000000000000009092046effffffffffffffffffffffffffffff166020820152815133927f50f87f46257f76778258778496e8790189350718ebd0d5cb5f0735d3bad2380d928290030190a26115a36115a35f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612113565b5f611e8882612ffc565b6120ec7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c61303a565b6115a360017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90613071565b6002545f907b01000000000000000000000000000000000000000000000000000000900460ff16600181600481111561215457612154613899565b0361216157600591505090565b600281600481111561217557612175613899565b0361218257600491505090565b5f81600481111561219557612195613899565b146121a257600691505090565b6001547801000000000000000000000000000000000000000000000000900463ffffffff164210156121d5575f91505090565b6002545f54604080517f18160ddd00000000000000000000000000000000000000000000000000000000815290516bffffffffffffffffffffffff909316926001600160a01b03909216916318160ddd916004808201926020929091908290030181865afa158015612249573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061226d9190613917565b810361227c5760029250505090565b6001547c0100000000000000000000000000000000000000000000000000000000900463ffffffff164210156122b55760019250505090565b5f547401000000000000000000000000000000000000000090046bffffffffffffffffffffffff168110156122eb5760046122ee565b60035b9250505090565b600480545f8054604080517f4e71d92d0000000000000000000000000000000000000000000000000000000081529051939492936001600160a01b0390921692634e71d92d928282019260209290829003018187875af115801561235b573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061237f9190613917565b905080156123c6576003546123b49082906ec097ce7bc90715b34b9f1000000000906bffffffffffffffffffffffff166123ca565b6123be908361396e565b600481905591505b5090565b5f5f5f6123d78686613078565b91509150815f036123fb578381816123f1576123f1613a12565b0492505050612474565b8184116124125761241260038515026011186130b3565b5f848688095f868103871696879004966002600389028118808a02820302808a02820302808a02820302808a02820302808a02820302808a02909103029181900381900460010185841190960395909502919093039390930492909217029150505b9392505050565b61248883838360016130c4565b6124c9576040517f5274afe70000000000000000000000000000000000000000000000000000000081526001600160a01b0384166004820152602401610651565b505050565b5f8060016002547b01000000000000000000000000000000000000000000000000000000900460ff16600481111561250857612508613899565b146125155761061e612119565b335f908152600560205260408120546bffffffffffffffffffffffff16925082900361256f576040517fdc69dc16000000000000000000000000000000000000000000000000000000008152336004820152602401610651565b5f6125786122f5565b335f9081526006602052604090205490915061259a9084906106de908461395b565b335f908152600560209081526040808320839055600690915281208190556003805492945085929091906125dd9084906bffffffffffffffffffffffff16613a3f565b82546bffffffffffffffffffffffff9182166101009390930a9283029190920219909116179055505f5461261b906001600160a01b0316858561247b565b8115612655576126556001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016858461247b565b60408051848152602081018490526001600160a01b0386169133917f42efdc33163414f974286090d8dbe2acaac24f7b73f908a7ad6bc8ddf76dfcf3910160405180910390a350915091565b6002545f907c0100000000000000000000000000000000000000000000000000000000900463ffffffff1680156126d757919050565b6001547c0100000000000000000000000000000000000000000000000000000000900463ffffffff164210612734576001547c0100000000000000000000000000000000000000000000000000000000900463ffffffff16612736565b425b91505090565b5f5f5f856001600160a01b031663c17e995c866040518263ffffffff1660e01b815260040161276d91815260200190565b6040805180830381865afa158015612787573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906127ab9190613a63565b91509150816127be578392505050612474565b5f81876001600160a01b0316632119a5c36040518163ffffffff1660e01b8152600401602060405180830381865afa1580156127fc573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906128209190613917565b61282a919061395b565b9050848110612839578461283b565b805b979650505050505050565b5f5f612850612119565b9050600481600681111561286657612866613899565b141580156128865750600681600681111561288357612883613899565b14155b156128bf57806040517f8ee4800000000000000000000000000000000000000000000000000000000000815260040161065191906138c6565b335f9081526005602090815260408083208151808301909252546bffffffffffffffffffffffff811682526c0100000000000000000000000090046001600160a01b03169181018290529103612943576040517fbb386939000000000000000000000000000000000000000000000000000000008152336004820152602401610651565b335f9081526005602090815260408220919091558101516001600160a01b039081169350612994907f000000000000000000000000000000000000000000000000000000000000000016858561247b565b8051604080516bffffffffffffffffffffffff9092168252602082018590526001600160a01b0386169133917f88808afc48888c0e3ec9c545474e31ce16f177be8d0c8ba3922274893615750e910160405180910390a35050919050565b5f825f03612a2c576040517f9811e0c700000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f6002547b01000000000000000000000000000000000000000000000000000000900460ff166004811115612a6357612a63613899565b14612a9a576040517f1de6ce2b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001547801000000000000000000000000000000000000000000000000900463ffffffff16421015612b25576001546040517f457f8731000000000000000000000000000000000000000000000000000000008152780100000000000000000000000000000000000000000000000090910463ffffffff166004820152426024820152604401610651565b6001547c0100000000000000000000000000000000000000000000000000000000900463ffffffff164210612bb7576001546040517fce4010410000000000000000000000000000000000000000000000000000000081527c010000000000000000000000000000000000000000000000000000000090910463ffffffff166004820152426024820152604401610651565b5f8054600254604080517f18160ddd00000000000000000000000000000000000000000000000000000000815290516001600160a01b03909316936bffffffffffffffffffffffff90921692839185916318160ddd916004808201926020929091908290030181865afa158015612c30573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612c549190613917565b612c5e919061395b565b9050805f03612c99576040517f52df9fe500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80861115612cdd576040517ff838f98a0000000000000000000000000000000000000000000000000000000081526004810187905260248101829052604401610651565b335f9081526005602090815260408083208151808301909252546bffffffffffffffffffffffff81168083526c010000000000000000000000009091046001600160a01b0316928201929092529190612d3790899061396e565b6001549091506bffffffffffffffffffffffff168015801590612d5957508082115b15612da0576040517fc11df0120000000000000000000000000000000000000000000000000000000081523360048201526024810183905260448101829052606401610651565b612da989612ffc565b965087871115612def576040517ff0a782250000000000000000000000000000000000000000000000000000000081526004810188905260248101899052604401610651565b612df9868a61313f565b5f612e048a8761396e565b6002549091505f90612e38908a906c0100000000000000000000000090046effffffffffffffffffffffffffffff1661396e565b600280547fffffffffffffffffffffffffffffffffffffffff000000000000000000000000166bffffffffffffffffffffffff8516179055905042868c1402612e8082613407565b600280547bff000000000000000000000000000000ffffffffffffffffffffffff166c010000000000000000000000006effffffffffffffffffffffffffffff93909316929092027bffffffffffffffffffffffffffffffffffffffffffffffffffffffff16919091177c010000000000000000000000000000000000000000000000000000000063ffffffff841602179055604080518082019091526bffffffffffffffffffffffff8616815260208781015190820190612f4c908d906001600160a01b031661396e565b6001600160a01b03908116909152335f908152600560209081526040909120835193909101519091166c01000000000000000000000000026bffffffffffffffffffffffff909216919091179055612fa38a61345b565b604080518d8152602081018c90529081018490526060810183905233907f5f5252e81556cf80e49da97ac40f17af2fb3b00e318b675ae93089f555bfa3809060800160405180910390a250505050505050505092915050565b5f611e88826001600c9054906101000a90046bffffffffffffffffffffffff166bffffffffffffffffffffffff16670de0b6b3a76400006001613626565b156115a3576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b5f807fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff83850993909202808410938190039390930393915050565b634e487b715f52806020526024601cfd5b6040517fa9059cbb000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316613133578383151615613127573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f826001600160a01b03166311dbf9dc6040518163ffffffff1660e01b8152600401602060405180830381865afa15801561317c573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906131a09190613917565b6040517fad35efd4000000000000000000000000000000000000000000000000000000008152600481018290529091505f906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063ad35efd490602401602060405180830381865afa158015613221573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906132459190613a8d565b9050600281600581111561325b5761325b613899565b146132965781816040517f14963bd4000000000000000000000000000000000000000000000000000000008152600401610651929190613aab565b6040517ff41875e1000000000000000000000000000000000000000000000000000000008152600481018390525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063f41875e190602401602060405180830381865afa158015613314573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061333891906139f7565b90506001600160a01b0381163303613387576040517f54c363130000000000000000000000000000000000000000000000000000000081526001600160a01b0382166004820152602401610651565b6040517fcc1dd94f000000000000000000000000000000000000000000000000000000008152306004820152336024820152604481018590526001600160a01b0386169063cc1dd94f906064015f6040518083038186803b1580156133ea575f5ffd5b505afa1580156133fc573d5f5f3e3d5ffd5b505050505050505050565b5f6effffffffffffffffffffffffffffff8211156123c6576040517f6dfcc6500000000000000000000000000000000000000000000000000000000081526078600482015260248101839052604401610651565b6040517f70a082310000000000000000000000000000000000000000000000000000000081523060048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906370a0823190602401602060405180830381865afa1580156134d8573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906134fc9190613917565b90506135336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016333085613671565b6040517f70a082310000000000000000000000000000000000000000000000000000000081523060048201525f9082906001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906370a0823190602401602060405180830381865afa1580156135b2573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906135d69190613917565b6135e0919061395b565b9050828110156124c9576040517f4f2f94750000000000000000000000000000000000000000000000000000000081526004810184905260248101829052604401610651565b5f613653613633836136c6565b801561364e57505f848061364957613649613a12565b868809115b151590565b61365e8686866123ca565b613668919061396e565b95945050505050565b61367f8484848460016136f2565b6136c0576040517f5274afe70000000000000000000000000000000000000000000000000000000081526001600160a01b0385166004820152602401610651565b50505050565b5f60028260038111156136db576136db613899565b6136e59190613acf565b60ff166001149050919050565b6040517f23b872dd000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f5114831661376757838315161561375b573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b6001600160a01b038116811461378c575f5ffd5b50565b5f6020828403121561379f575f5ffd5b813561247481613778565b5f5f5f83850360e08112156137bd575f5ffd5b84356137c881613778565b93506020850135925060a07fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc082011215613800575f5ffd5b506040840190509250925092565b5f5f6040838503121561381f575f5ffd5b823561382a81613778565b9150602083013561383a81613778565b809150509250929050565b5f5f5f5f5f5f60c0878903121561385a575f5ffd5b863595506020870135945060408701359350606087013560ff8116811461387f575f5ffd5b9598949750929560808101359460a0909101359350915050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b60208101600783106138da576138da613899565b91905290565b5f5f604083850312156138f1575f5ffd5b50508035926020909101359150565b5f60208284031215613910575f5ffd5b5035919050565b5f60208284031215613927575f5ffd5b5051919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b81810381811115611e8857611e8861392e565b80820180821115611e8857611e8861392e565b5f60208284031215613991575f5ffd5b81356bffffffffffffffffffffffff81168114612474575f5ffd5b5f602082840312156139bc575f5ffd5b813563ffffffff81168114612474575f5ffd5b805180151581146107af575f5ffd5b5f602082840312156139ee575f5ffd5b612474826139cf565b5f60208284031215613a07575f5ffd5b815161247481613778565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b6bffffffffffffffffffffffff8281168282160390811115611e8857611e8861392e565b5f5f60408385031215613a74575f5ffd5b613a7d836139cf565b6020939093015192949293505050565b5f60208284031215613a9d575f5ffd5b815160068110612474575f5ffd5b8281526040810160068310613ac257613ac2613899565b8260208301529392505050565b5f60ff831680613b06577f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b8060ff8416069150509291505056fea164736f6c634300081e000a' as const

export const rackshareFactoryBytecode =
  '0x610100604052348015610010575f5ffd5b506040516115f43803806115f483398101604081905261002f91610300565b836001600160a01b03163b5f0361006957604051630c76093760e01b81526001600160a01b03851660048201526024015b60405180910390fd5b826001600160a01b03163b5f0361009e57604051630c76093760e01b81526001600160a01b0384166004820152602401610060565b816001600160a01b03163b5f036100d357604051630c76093760e01b81526001600160a01b0383166004820152602401610060565b806001600160a01b03163b5f0361010857604051630c76093760e01b81526001600160a01b0382166004820152602401610060565b5f819050846001600160a01b0316816001600160a01b0316637b1039996040518163ffffffff1660e01b8152600401602060405180830381865afa158015610152573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610176919061035c565b6001600160a01b03161415806101fd5750836001600160a01b0316816001600160a01b031663e9cbd8226040518163ffffffff1660e01b8152600401602060405180830381865afa1580156101cd573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906101f1919061035c565b6001600160a01b031614155b15610226576040516320cad53160e11b81526001600160a01b0383166004820152602401610060565b604051631fec4d3360e11b81526001600160a01b038581166004830152841690633fd89a66906024015f6040518083038186803b158015610265575f5ffd5b505afa158015610277573d5f5f3e3d5ffd5b505050506001600160a01b03858116608081905285821660a081905285831660c081905292851660e081905260408051948552602085019190915290927ff3a44e744bfef3572e43fcf83ff430e2ee61d28e3f05ac03c27b355677043f14910160405180910390a3505050505061037e565b6001600160a01b03811681146102fd575f5ffd5b50565b5f5f5f5f60808587031215610313575f5ffd5b845161031e816102e9565b602086015190945061032f816102e9565b6040860151909350610340816102e9565b6060860151909250610351816102e9565b939692955090935050565b5f6020828403121561036c575f5ffd5b8151610377816102e9565b9392505050565b60805160a05160c05160e0516111ef6104055f395f81816101a90152818161022801528181610678015261095001525f818161015d015281816105b20152818161064c01528181610924015281816109840152610b0e01525f81816101ea015261087701525f8181610183015281816103b9015281816104dc015261085501526111ef5ff3fe608060405234801561000f575f5ffd5b50600436106100b9575f3560e01c80637cf35b6d11610072578063e7e0034f11610058578063e7e0034f146101e0578063e9cbd822146101e8578063ea78803f1461020e575f5ffd5b80637cf35b6d146101a75780638f356f6e146101cd575f5ffd5b8063540dde9c116100a2578063540dde9c1461011b5780635faee9381461015b5780637b10399914610181575f5ffd5b80630d81d57a146100bd5780631e2de0d1146100fa575b5f5ffd5b6100d06100cb366004610d69565b610221565b60405173ffffffffffffffffffffffffffffffffffffffff90911681526020015b60405180910390f35b61010d610108366004610d80565b61027b565b6040519081526020016100f1565b61012e610129366004610df1565b6103b4565b6040805173ffffffffffffffffffffffffffffffffffffffff9384168152929091166020830152016100f1565b7f00000000000000000000000000000000000000000000000000000000000000006100d0565b7f00000000000000000000000000000000000000000000000000000000000000006100d0565b7f00000000000000000000000000000000000000000000000000000000000000006100d0565b61012e6101db366004610d69565b61091c565b61010d604081565b7f00000000000000000000000000000000000000000000000000000000000000006100d0565b6100d061021c366004610d69565b61097d565b5f8061024d7f0000000000000000000000000000000000000000000000000000000000000000846109a5565b905073ffffffffffffffffffffffffffffffffffffffff81163b156102725780610274565b5f5b9392505050565b5f8160408111156102cd57604080517f581def6a0000000000000000000000000000000000000000000000000000000081526102c4918391600401918252602082015260400190565b60405180910390fd5b5f5b818110156103ac575f8585838181106102ea576102ea610e3c565b90506020020160208101906102ff9190610e8d565b905061030a81610a1f565b6040517fddeae03300000000000000000000000000000000000000000000000000000000815233600482015273ffffffffffffffffffffffffffffffffffffffff82169063ddeae033906024016020604051808303815f875af1158015610373573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906103979190610ea8565b6103a19085610ebf565b9350506001016102cf565b505092915050565b5f5f5f7f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff1663f41875e1866040518263ffffffff1660e01b815260040161041291815260200190565b602060405180830381865afa15801561042d573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104519190610ef7565b90503373ffffffffffffffffffffffffffffffffffffffff8216146104ab576040517fcd6dc9bc000000000000000000000000000000000000000000000000000000008152600481018690523360248201526044016102c4565b6040517fad35efd4000000000000000000000000000000000000000000000000000000008152600481018690525f907f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff169063ad35efd490602401602060405180830381865afa158015610536573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061055a9190610f12565b9050600281600581111561057057610570610f30565b146105ab5785816040517f14963bd40000000000000000000000000000000000000000000000000000000081526004016102c4929190610f5d565b855f6105d77f0000000000000000000000000000000000000000000000000000000000000000836109a5565b905073ffffffffffffffffffffffffffffffffffffffff81163b15610647576040517f16a985d20000000000000000000000000000000000000000000000000000000081526004810189905273ffffffffffffffffffffffffffffffffffffffff821660248201526044016102c4565b6106717f000000000000000000000000000000000000000000000000000000000000000083610bb3565b955061069d7f000000000000000000000000000000000000000000000000000000000000000083610bb3565b94508473ffffffffffffffffffffffffffffffffffffffff16633ca8265f8789604001356040518060a001604052808c60600160208101906106df9190610fa6565b6bffffffffffffffffffffffff16815260200161070260e08e0160c08f01610fa6565b6bffffffffffffffffffffffff1681526020016107266101008e0160e08f01610fa6565b6bffffffffffffffffffffffff16815260200161074960a08e0160808f01610fd1565b63ffffffff16815260200161076460c08e0160a08f01610fd1565b63ffffffff908116909152604080517fffffffff0000000000000000000000000000000000000000000000000000000060e088901b16815273ffffffffffffffffffffffffffffffffffffffff9095166004860152602485019390935281516bffffffffffffffffffffffff90811660448601526020830151811660648601529282015190921660848401526060810151821660a4840152608001511660c482015260e4015f604051808303815f87803b158015610820575f5ffd5b505af1158015610832573d5f5f3e3d5ffd5b50505073ffffffffffffffffffffffffffffffffffffffff8716905063eaca4a337f00000000000000000000000000000000000000000000000000000000000000008a7f00000000000000000000000000000000000000000000000000000000000000006108a08c80610ff4565b6108ad60208f018f610ff4565b8f604001358e6040518a63ffffffff1660e01b81526004016108d7999897969594939291906110a3565b5f604051808303815f87803b1580156108ee575f5ffd5b505af1158015610900573d5f5f3e3d5ffd5b50505050610911888787878b610bbf565b505050509250929050565b5f80826109497f0000000000000000000000000000000000000000000000000000000000000000826109a5565b92506109757f0000000000000000000000000000000000000000000000000000000000000000826109a5565b915050915091565b5f8061024d7f0000000000000000000000000000000000000000000000000000000000000000845b6040513060388201526f5af43d82803e903d91602b57fd5bf3ff602482015260148101839052733d602d80600a3d3981f3363d3d373d3d3d363d738152605881018290526037600c820120607882015260556043909101205f9073ffffffffffffffffffffffffffffffffffffffff165b90505b92915050565b60408051600481526024810182526020810180517bffffffffffffffffffffffffffffffffffffffffffffffffffffffff167f11dbf9dc0000000000000000000000000000000000000000000000000000000017905290515f91829173ffffffffffffffffffffffffffffffffffffffff851691610a9c9161113a565b5f60405180830381855afa9150503d805f8114610ad4576040519150601f19603f3d011682016040523d82523d5f602084013e610ad9565b606091505b5091509150811580610aec575060208151105b80610b5f57508273ffffffffffffffffffffffffffffffffffffffff16610b467f000000000000000000000000000000000000000000000000000000000000000083806020019051810190610b419190610ea8565b6109a5565b73ffffffffffffffffffffffffffffffffffffffff1614155b15610bae576040517f81a3b1be00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff841660048201526024016102c4565b505050565b5f610a1683835f610c95565b73ffffffffffffffffffffffffffffffffffffffff808416908516867f065ca5396de2d1d115e935ae2251ea5027772022f7eb84d3b70f812bb0ae930c85610c078680610ff4565b610c146020890189610ff4565b60408a0135610c2960808c0160608d01610fa6565b610c3960a08d0160808e01610fd1565b610c4960c08e0160a08f01610fd1565b8d60c0016020810190610c5c9190610fa6565b8e60e0016020810190610c6f9190610fa6565b604051610c869b9a99989796959493929190611150565b60405180910390a45050505050565b5f81471015610cd9576040517fcf479181000000000000000000000000000000000000000000000000000000008152476004820152602481018390526044016102c4565b763d602d80600a3d3981f3363d3d373d3d3d363d730000008460601b60e81c175f526e5af43d82803e903d91602b57fd5bf38460781b17602052826037600984f5905073ffffffffffffffffffffffffffffffffffffffff8116610274576040517fb06ebf3d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f60208284031215610d79575f5ffd5b5035919050565b5f5f60208385031215610d91575f5ffd5b823567ffffffffffffffff811115610da7575f5ffd5b8301601f81018513610db7575f5ffd5b803567ffffffffffffffff811115610dcd575f5ffd5b8560208260051b8401011115610de1575f5ffd5b6020919091019590945092505050565b5f5f60408385031215610e02575f5ffd5b82359150602083013567ffffffffffffffff811115610e1f575f5ffd5b83016101008186031215610e31575f5ffd5b809150509250929050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b73ffffffffffffffffffffffffffffffffffffffff81168114610e8a575f5ffd5b50565b5f60208284031215610e9d575f5ffd5b813561027481610e69565b5f60208284031215610eb8575f5ffd5b5051919050565b80820180821115610a19577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b5f60208284031215610f07575f5ffd5b815161027481610e69565b5f60208284031215610f22575f5ffd5b815160068110610274575f5ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b8281526040810160068310610f99577f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b8260208301529392505050565b5f60208284031215610fb6575f5ffd5b81356bffffffffffffffffffffffff81168114610274575f5ffd5b5f60208284031215610fe1575f5ffd5b813563ffffffff81168114610274575f5ffd5b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1843603018112611027575f5ffd5b83018035915067ffffffffffffffff821115611041575f5ffd5b602001915036819003821315611055575f5ffd5b9250929050565b81835281816020850137505f602082840101525f60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116840101905092915050565b73ffffffffffffffffffffffffffffffffffffffff8a16815288602082015273ffffffffffffffffffffffffffffffffffffffff8816604082015260e060608201525f6110f460e08301888a61105c565b828103608084015261110781878961105c565b9150508360a083015273ffffffffffffffffffffffffffffffffffffffff831660c08301529a9950505050505050505050565b5f82518060208501845e5f920191825250919050565b73ffffffffffffffffffffffffffffffffffffffff8c16815261012060208201525f61118161012083018c8e61105c565b8281036040840152611194818b8d61105c565b606084019990995250506bffffffffffffffffffffffff958616608082015263ffffffff94851660a08201529290931660c0830152831660e08201529116610100909101529594505050505056fea164736f6c634300081e000a' as const

export const shareMarketBytecode =
  '0x6101e0604052348015610010575f5ffd5b5060405161296238038061296283398101604081905261002f916102f4565b6040518060400160405280601081526020016f149858dadcda185c994813585c9ad95d60821b815250604051806040016040528060018152602001603160f81b8152506100818261029760201b60201c565b6101205261008e81610297565b61014052815160208084019190912060e052815190820120610100524660a05261011a60e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b03811661016081905260408051637b10399960e01b81529051637b103999916004808201926020929091908290030181865afa15801561016c573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061019091906102f4565b6001600160a01b0316610180816001600160a01b031681525050806001600160a01b031663e9cbd8226040518163ffffffff1660e01b8152600401602060405180830381865afa1580156101e6573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061020a91906102f4565b6001600160a01b03166101a0816001600160a01b031681525050806001600160a01b0316635faee9386040518163ffffffff1660e01b8152600401602060405180830381865afa158015610260573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061028491906102f4565b6001600160a01b03166101c05250610371565b5f5f829050601f815111156102ca578260405163305a27a960e01b81526004016102c19190610316565b60405180910390fd5b80516102d58261034b565b179392505050565b6001600160a01b03811681146102f1575f5ffd5b50565b5f60208284031215610304575f5ffd5b815161030f816102dd565b9392505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b8051602080830151919081101561036b575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516101a0516101c05161254761041b5f395f61144801525f818161040e015281816109ba01528181610a100152818161113e015281816118130152611d7801525f81816102ee015261046e01525f8181610385015261140c01525f61125201525f61122201525f611aa001525f611a7801525f6119d301525f6119fd01525f611a2701526125475ff3fe608060405234801561000f575f5ffd5b5060043610610163575f3560e01c80637b103999116100c7578063ddc820ed1161007d578063e9cbd82211610063578063e9cbd8221461040c578063ea78803f14610432578063f68ec9ff14610445575f5ffd5b8063ddc820ed146103c4578063ddca3f43146103d7575f5ffd5b8063aa99fa98116100ad578063aa99fa981461034e578063c45a015514610383578063d55be8c6146103a9575f5ffd5b80637b103999146102ec57806384b0196e14610333575f5ffd5b8063448448c71161011c5780635394961d116101025780635394961d1461029e57806359f286c6146102c65780635e5232b4146102d9575f5ffd5b8063448448c7146102495780634fe02b441461025c575f5ffd5b80632ac126221161014c5780632ac12622146101de57806330f738be146102215780633c64191014610236575f5ffd5b80631647795e14610167578063288cdc911461018f575b5f5ffd5b61017a610175366004611ff0565b610458565b60405190151581526020015b60405180910390f35b6101d061019d36600461201a565b5f908152600560205260409020547f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1690565b604051908152602001610186565b61017a6101ec36600461201a565b5f908152600560205260409020547f800000000000000000000000000000000000000000000000000000000000000016151590565b61023461022f366004612031565b61046c565b005b61023461024436600461201a565b610683565b6101d0610257366004612085565b610715565b6101d061026a366004611ff0565b73ffffffffffffffffffffffffffffffffffffffff919091165f908152600160209081526040808320938352929052205490565b6102b16102ac3660046120a0565b61071f565b60408051928352602083019190915201610186565b6101d06102d4366004612110565b6107b5565b6102346102e736600461216a565b6107fd565b7f00000000000000000000000000000000000000000000000000000000000000005b60405173ffffffffffffffffffffffffffffffffffffffff9091168152602001610186565b61033b61092e565b6040516101869796959493929190612227565b6101d061035c3660046122e6565b73ffffffffffffffffffffffffffffffffffffffff165f9081526020819052604090205490565b7f000000000000000000000000000000000000000000000000000000000000000061030e565b6103b1606481565b60405161ffff9091168152602001610186565b6101d06103d2366004612311565b61098c565b6004546040805161ffff8316815260109290921c73ffffffffffffffffffffffffffffffffffffffff16602083015201610186565b7f000000000000000000000000000000000000000000000000000000000000000061030e565b61030e61044036600461201a565b610a6a565b6101d0610453366004612085565b610aa3565b5f6104638383610baa565b90505b92915050565b7f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff16638da5cb5b6040518163ffffffff1660e01b8152600401602060405180830381865afa1580156104d5573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104f99190612391565b73ffffffffffffffffffffffffffffffffffffffff163373ffffffffffffffffffffffffffffffffffffffff161461055d576040517fb56f932c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b606461ffff831611156105ae576040517f3c057d7b00000000000000000000000000000000000000000000000000000000815261ffff83166004820152606460248201526044015b60405180910390fd5b61ffff8216158015906105d5575073ffffffffffffffffffffffffffffffffffffffff8116155b1561060c576040517fcff9f19400000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b61ffff821675ffffffffffffffffffffffffffffffffffffffff0000601083901b16811760045560405190815273ffffffffffffffffffffffffffffffffffffffff8216907fcf4d2d03d4b8ecbbb158b4405a7f342f82c5a11f84050a067767a63744e52209906020015b60405180910390a25050565b335f908152602081905260409020548082116106d5576040517fad5b84d300000000000000000000000000000000000000000000000000000000815260048101829052602481018390526044016105a5565b335f818152602081815260409182902085905590518481527f515b94a983a5fa62ed3ea8e04af62164f88107d5134c6121603038f81e5101e79101610677565b5f61046682610bf4565b5f808061073260408601602087016123ac565b9050600160ff82161115610777576040517f7006e89500000000000000000000000000000000000000000000000000000000815260ff821660048201526024016105a5565b61078a60ff821615856080880135610c38565b925061271061ffff60045416846107a19190612426565b6107ab919061246a565b9150509250929050565b5f6107be610cd7565b5f5f5f5f5f6107cf8a8a8a8a610d0e565b945094509450945094506107e7858b8686868661101a565b9450505050506107f5611183565b949350505050565b5f5b81811015610929573683838381811061081a5761081a61247d565b6101000291909101915033905061083460208301836122e6565b73ffffffffffffffffffffffffffffffffffffffff16146108a75761085c60208201826122e6565b6040517feb7019f900000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff90911660048201526024016105a5565b5f6108b182610bf4565b90506108c1338360e001356111ad565b505f8181526005602052604080822080547f800000000000000000000000000000000000000000000000000000000000000017905551339183917f71452125ef8fc453ad578ac435d03568465f10677a9b0edfa96a5da9c5cd26199190a350506001016107ff565b505050565b5f6060805f5f5f606061093f61121b565b61094761124b565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b5f610995610cd7565b5f5f5f5f5f6109a68c8c8c8c610d0e565b94509450945094509450610a00836109de577f00000000000000000000000000000000000000000000000000000000000000006109e0565b845b6109ed60208f018f6122e6565b856109f857836109fa565b845b8b611276565b610a4483610a0e5784610a30565b7f00000000000000000000000000000000000000000000000000000000000000005b3385610a3c5784610a3e565b835b8a611276565b610a52858d8686868661101a565b945050505050610a60611183565b9695505050505050565b5f5f610a7583611407565b905073ffffffffffffffffffffffffffffffffffffffff81163b15610a9a5780610a9c565b5f5b9392505050565b5f8160c0013542101580610b0257505f80610ac160208501856122e6565b73ffffffffffffffffffffffffffffffffffffffff1673ffffffffffffffffffffffffffffffffffffffff1681526020019081526020015f20548260e00135105b15610b0e57505f919050565b610b28610b1e60208401846122e6565b8360e00135610baa565b610b3457506060013590565b5f60055f610b4185610bf4565b81526020019081526020015f20549050805f1480610b8057507f8000000000000000000000000000000000000000000000000000000000000000811615155b80610b8f575082606001358110155b15610b9c57505f92915050565b610a9c8160608501356124aa565b5f5f5f610bb6846114bb565b73ffffffffffffffffffffffffffffffffffffffff969096165f90815260016020908152604080832093835292905220549094161515949350505050565b6040517ffe9be0636a52a1655e38cebd90740c35549134e31523cee4c0be5621dac225e08082525f918290610100856020830137610120902090506107f5816114e2565b5f828202821580610c57575083838281610c5457610c5461243d565b04145b15610cb657841580610c67575080155b15610c7e57670de0b6b3a764000090049050610a9c565b670de0b6b3a76400007fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff820104600101915050610a9c565b506107f58383670de0b6b3a764000087610cd0575f611529565b6001611529565b610cdf611574565b610d0c60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b906115cd565b565b5f5f5f5f5f855f03610d4c576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f610d5d60408b0160208c016123ac565b9050600160ff82161115610da2576040517f7006e89500000000000000000000000000000000000000000000000000000000815260ff821660048201526024016105a5565b60ff1615925060c08901354210610deb576040517f48e57f5f00000000000000000000000000000000000000000000000000000000815260c08a013560048201526024016105a5565b5f610df960208b018b6122e6565b90503373ffffffffffffffffffffffffffffffffffffffff821603610e4a576040517fd68a1e6500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f610e5b60c08c0160a08d016122e6565b73ffffffffffffffffffffffffffffffffffffffff1614158015610ea4575033610e8b60c08c0160a08d016122e6565b73ffffffffffffffffffffffffffffffffffffffff1614155b15610f0457610eb960c08b0160a08c016122e6565b6040517fc4003aff00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff90911660048201526024016105a5565b73ffffffffffffffffffffffffffffffffffffffff81165f9081526020819052604090205460e08b0135811115610f74576040517f1cd0763f00000000000000000000000000000000000000000000000000000000815260e08c01356004820152602481018290526044016105a5565b5050610f7f89610bf4565b9450610f8d898685896115d4565b9092509050610faa610fa260208b018b6122e6565b868a8a611739565b610fb78960400135611407565b93508373ffffffffffffffffffffffffffffffffffffffff163b5f0361100f57604080517f02db25ec000000000000000000000000000000000000000000000000000000008152908a013560048201526024016105a5565b945094509450945094565b5f5f84611034573361102f60208901896122e6565b611043565b61104160208801886122e6565b335b60045491935091505f61271061105d61ffff841687612426565b611067919061246a565b6040517f23b872dd00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff8681166004830152858116602483015260448201899052919250908916906323b872dd906064016020604051808303815f875af11580156110e5573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061110991906124bd565b5061111e838561111984896124aa565b6117ed565b801561116a5761116a73ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001684601085901c84611888565b6111778a8a8888856118e4565b50505050505050505050565b610d0c5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00610d06565b5f5f5f6111b9846114bb565b73ffffffffffffffffffffffffffffffffffffffff87165f9081526001602090815260408083208584529182905290912054808316159650929450909250908415611211575f84815260208390526040902081841790555b5050505092915050565b60606112467f000000000000000000000000000000000000000000000000000000000000000061197d565b905090565b60606112467f000000000000000000000000000000000000000000000000000000000000000061197d565b6020810135158061131c57506040517fdd62ed3e00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff848116600483015230602483015283919086169063dd62ed3e90604401602060405180830381865afa1580156112f5573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061131991906124dc565b10155b6114015773ffffffffffffffffffffffffffffffffffffffff841663d505accf84308435602086013561135560608801604089016123ac565b6040517fffffffff0000000000000000000000000000000000000000000000000000000060e088901b16815273ffffffffffffffffffffffffffffffffffffffff95861660048201529490931660248501526044840191909152606483015260ff166084820152606084013560a4820152608084013560c482015260e4015f604051808303815f87803b1580156113ea575f5ffd5b505af11580156113fc573d5f5f3e3d5ffd5b505050505b50505050565b6040517f000000000000000000000000000000000000000000000000000000000000000060388201526f5af43d82803e903d91602b57fd5bf3ff60248201527f00000000000000000000000000000000000000000000000000000000000000006014820152733d602d80600a3d3981f3363d3d373d3d3d363d738152605881018290526037600c820120607882015260556043909101205f9073ffffffffffffffffffffffffffffffffffffffff16610466565b5f806114c96101008461246a565b6114d5610100856124f3565b6001901b91509150915091565b5f6104666114ee6119ba565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b5f61155661153683611af0565b801561155157505f848061154c5761154c61243d565b868809115b151590565b611561868686611b1c565b61156b9190612506565b95945050505050565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15610d0c576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b5f5f5f6115e18787611bcc565b90505f818860600135116115f5575f611603565b6116038260608a01356124aa565b9050805f03611647576040517fbb86b38c000000000000000000000000000000000000000000000000000000008152600481018690525f60248201526044016105a5565b8085106116545780611656565b845b935061166786858a60800135610c38565b9250825f036116a2576040517faa70575400000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b851580156116b05750808414155b80156116d157506116cf5f6116c586846124aa565b8a60800135610c38565b155b15611708576040517f4803dac300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b811515806117165750808414155b1561172e575f87815260056020526040902082850190555b505094509492505050565b5f5f611746858585611c9e565b5090925090505f81600381111561175f5761175f6123cc565b14801561179757508573ffffffffffffffffffffffffffffffffffffffff168273ffffffffffffffffffffffffffffffffffffffff16145b156117a3575050611401565b6117af86868686611ce5565b6117e5576040517f8baa579f00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b505050505050565b5f6117f783611d68565b905061183b73ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016858585611888565b818161184685611d68565b61185091906124aa565b1015611401576040517f9bfa3c1700000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b611896848484846001611dba565b611401576040517f5274afe700000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff851660048201526024016105a5565b336118f260208601866122e6565b73ffffffffffffffffffffffffffffffffffffffff16867fb0f54e629036b965188a98bb4dc7b6bbcf31a7662ddc1994c079eab70c7851e86040880180359061193e9060208b016123ac565b6040805192835260ff909116602083015281018890526080808a01356060830152810187905260a0810186905260c00160405180910390a45050505050565b60605f61198983611e4d565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f3073ffffffffffffffffffffffffffffffffffffffff7f000000000000000000000000000000000000000000000000000000000000000016148015611a1f57507f000000000000000000000000000000000000000000000000000000000000000046145b15611a4957507f000000000000000000000000000000000000000000000000000000000000000090565b611246604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f6002826003811115611b0557611b056123cc565b611b0f9190612519565b60ff166001149050919050565b5f5f5f611b298686611e8d565b91509150815f03611b4d57838181611b4357611b4361243d565b0492505050610a9c565b818411611b6457611b646003851502601118611ec8565b5f848688095f868103871696879004966002600389028118808a02820302808a02820302808a02820302808a02820302808a02820302808a02909103029181900381900460010185841190960395909502919093039390930492909217029150509392505050565b5f611be7611bdd60208501856122e6565b8460e001356111ad565b15611bf357505f610466565b505f818152600560205260409020547f8000000000000000000000000000000000000000000000000000000000000000811615611c5f576040517f81bbebf6000000000000000000000000000000000000000000000000000000008152600481018390526024016105a5565b805f03610466576040517f1be5cb2f00000000000000000000000000000000000000000000000000000000815260e084013560048201526024016105a5565b5f80806041849003611cd2578435602086013560408701355f1a611cc489828585611ed9565b955095509550505050611cdc565b505f915060029050825b93509350939050565b604080517f1626ba7e00000000000000000000000000000000000000000000000000000000808252600482018690526024820192909252604481018390525f91908390818660648301375f82606483010152601f820160051c60051b915060205f60648401838b5afa9050825f5114601f3d111681169350505050949350505050565b6370a082315f90815260208281527f000000000000000000000000000000000000000000000000000000000000000090826024601c845afa601f3d1116611db1573d5f5f3e3d5ffd5b50505f51919050565b6040517f23b872dd000000000000000000000000000000000000000000000000000000005f81815273ffffffffffffffffffffffffffffffffffffffff8781166004528616602452604485905291602083606481808c5af1925060015f51148316611e3c578383151615611e30573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f60ff8216601f811115610466576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f807fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff83850993909202808410938190039390930393915050565b634e487b715f52806020526024601cfd5b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115611f1257505f91506003905082611fc2565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015611f63573d5f5f3e3d5ffd5b50506040517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0015191505073ffffffffffffffffffffffffffffffffffffffff8116611fb957505f925060019150829050611fc2565b92505f91508190505b9450945094915050565b73ffffffffffffffffffffffffffffffffffffffff81168114611fed575f5ffd5b50565b5f5f60408385031215612001575f5ffd5b823561200c81611fcc565b946020939093013593505050565b5f6020828403121561202a575f5ffd5b5035919050565b5f5f60408385031215612042575f5ffd5b823561ffff81168114612053575f5ffd5b9150602083013561206381611fcc565b809150509250929050565b5f610100828403121561207f575f5ffd5b50919050565b5f6101008284031215612096575f5ffd5b610463838361206e565b5f5f61012083850312156120b2575f5ffd5b6120bc848461206e565b94610100939093013593505050565b5f5f83601f8401126120db575f5ffd5b50813567ffffffffffffffff8111156120f2575f5ffd5b602083019150836020828501011115612109575f5ffd5b9250929050565b5f5f5f5f6101408587031215612124575f5ffd5b61212e868661206e565b935061010085013567ffffffffffffffff81111561214a575f5ffd5b612156878288016120cb565b959890975094956101200135949350505050565b5f5f6020838503121561217b575f5ffd5b823567ffffffffffffffff811115612191575f5ffd5b8301601f810185136121a1575f5ffd5b803567ffffffffffffffff8111156121b7575f5ffd5b8560208260081b84010111156121cb575f5ffd5b6020919091019590945092505050565b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f61226160e08301896121db565b828103604084015261227381896121db565b6060840188905273ffffffffffffffffffffffffffffffffffffffff8716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b818110156122d55783518352602093840193909201916001016122b7565b50909b9a5050505050505050505050565b5f602082840312156122f6575f5ffd5b8135610a9c81611fcc565b5f60a0828403121561207f575f5ffd5b5f5f5f5f5f5f6102808789031215612327575f5ffd5b612331888861206e565b955061010087013567ffffffffffffffff81111561234d575f5ffd5b61235989828a016120cb565b9096509450506101208701359250612375886101408901612301565b9150612385886101e08901612301565b90509295509295509295565b5f602082840312156123a1575f5ffd5b8151610a9c81611fcc565b5f602082840312156123bc575f5ffd5b813560ff81168114610a9c575f5ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b8082028115828204841417610466576104666123f9565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b5f826124785761247861243d565b500490565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b81810381811115610466576104666123f9565b5f602082840312156124cd575f5ffd5b81518015158114610a9c575f5ffd5b5f602082840312156124ec575f5ffd5b5051919050565b5f826125015761250161243d565b500690565b80820180821115610466576104666123f9565b5f60ff83168061252b5761252b61243d565b8060ff8416069150509291505056fea164736f6c634300081e000a' as const

export const shareTokenBytecode =
  '0x6101806040523061016052348015610015575f5ffd5b506040518060400160405280600f81526020016e5261636b736861726520536861726560881b815250604051806040016040528060018152602001603160f81b8152506100678261011660201b60201c565b6101205261007481610116565b61014052815160208084019190912060e052815190820120610100524660a05261010060e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c05261011161015c565b610269565b5f5f829050601f81511115610149578260405163305a27a960e01b8152600401610140919061020e565b60405180910390fd5b805161015482610243565b179392505050565b7ff0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00805468010000000000000000900460ff16156101ac5760405163f92ee8a960e01b815260040160405180910390fd5b80546001600160401b039081161461020b5780546001600160401b0319166001600160401b0390811782556040519081527fc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d29060200160405180910390a15b50565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610263575f198160200360031b1b821691505b50919050565b60805160a05160c05160e051610100516101205161014051610160516145a36102c45f395f6119e101525f61310e01525f6130e301525f6127dc01525f6127b401525f61270f01525f61273901525f61276301526145a35ff3fe608060405234801561000f575f5ffd5b5060043610610367575f3560e01c806394c8e4ff116101c9578063d108ca7f116100fe578063e58398361161009e578063eaca4a3311610079578063eaca4a331461088f578063f6ff558e146108a2578063fd597ebd146108ce578063ff50abdc146108e1575f5ffd5b8063e58398361461082f578063e5c16acd1461085f578063e9cbd82214610887575f5ffd5b8063dd62ed3e116100d9578063dd62ed3e14610791578063ddeae033146107c9578063e3130527146107dc578063e46638e6146107e4575f5ffd5b8063d108ca7f14610763578063d505accf1461076b578063d7644ba21461077e575f5ffd5b8063b1724b4611610169578063c17e995c11610144578063c17e995c146106b2578063cc1dd94f146106dc578063ce35de95146106ef578063ceebd5c91461073b575f5ffd5b8063b1724b4614610669578063b9209e3314610674578063ba6188ca1461069f575f5ffd5b8063a262f5f8116101a4578063a262f5f814610628578063a3c5eb241461063b578063a9059cbb14610643578063ac869cd814610656575f5ffd5b806394c8e4ff146105fd57806395d89b411461060d5780639fc1d0e714610615575f5ffd5b80634e71d92d1161029f57806378228c1f1161023f5780637b1039991161021a5780637b103999146105bf5780637ecebe00146105c75780638456cb59146105da57806384b0196e146105e2575f5ffd5b806378228c1f1461058a57806379a8f7281461059d57806379e071af146105b0575f5ffd5b80635c975abb1161027a5780635c975abb146104cc5780636354694d146104f85780636f2a67911461050b57806370a0823114610554575f5ffd5b80634e71d92d14610478578063551e604914610480578063570ca735146104ac575f5ffd5b80632119a5c31161030a5780633644e515116102e55780633644e515146104425780633f4ba83a1461044a5780633fd89a6614610452578063402914f514610465575f5ffd5b80632119a5c31461041257806323b872dd1461041a578063313ce5671461042d575f5ffd5b8063095ea7b311610345578063095ea7b3146103b15780630cae7afc146103d457806311dbf9dc146103e757806318160ddd146103fc575f5ffd5b806305ff69d91461036b57806306fdde031461038057806308e2f36c1461039e575b5f5ffd5b61037e610379366004613da7565b6108f7565b005b6103886109a9565b6040516103959190613e1d565b60405180910390f35b61037e6103ac366004613e70565b610a39565b6103c46103bf366004613da7565b610ae8565b6040519015158152602001610395565b61037e6103e2366004613edc565b610afe565b600a5460a01c5b604051908152602001610395565b6008546bffffffffffffffffffffffff166103ee565b6103ee610b0c565b6103c4610428366004613efc565b610b47565b60125b60405160ff9091168152602001610395565b6103ee610b68565b61037e610b76565b61037e610460366004613f3a565b610be4565b6103ee610473366004613f3a565b610bf0565b6103ee610c97565b6007547f20000000000000000000000000000000000000000000000000000000000000001615156103c4565b6104b4610ca2565b6040516001600160a01b039091168152602001610395565b6007547f60000000000000000000000000000000000000000000000000000000000000001615156103c4565b61037e610506366004613da7565b610cab565b610513610cbe565b60405161039591905f60a082019050825182526020830151602083015260408301516040830152606083015160608301526080830151608083015292915050565b6103ee610562366004613f3a565b6001600160a01b03165f908152600360205260409020546bffffffffffffffffffffffff1690565b61037e610598366004613f55565b610db2565b6103ee6105ab366004613f3a565b610f20565b6103ee670de0b6b3a764000081565b600a546104b4565b6103ee6105d5366004613f3a565b610f74565b61037e610f91565b6105ea610ffa565b6040516103959796959493929190613f8c565b600754600160ff1b1615156103c4565b610388611058565b61037e610623366004613efc565b611067565b6103ee610636366004613f3a565b6110dd565b610430600681565b6103c4610651366004613da7565b611128565b61037e610664366004614052565b611134565b6103ee6312cc030081565b6103c4610682366004613f3a565b6001600160a01b03165f9081526005602052604090205442111590565b6103c46106ad366004613f3a565b611255565b6106c56106c0366004614085565b6112ac565b604080519215158352602083019190915201610395565b61037e6106ea366004613efc565b611315565b6103c46106fd366004613f3a565b6001600160a01b03165f908152600360205260409020547f400000000000000000000000000000000000000000000000000000000000000016151590565b6103ee610749366004613f3a565b6001600160a01b03165f9081526005602052604090205490565b61037e6116c0565b61037e61077936600461409c565b6117ce565b61037e61078c36600461410d565b611931565b6103ee61079f366004613f55565b6001600160a01b039182165f90815260046020908152604080832093909416825291909152205490565b6103ee6107d7366004613f3a565b6119bd565b61037e611a92565b6107f76107f2366004613efc565b611c29565b6040805192151583527fffffffff00000000000000000000000000000000000000000000000000000000909116602083015201610395565b6103c461083d366004613f3a565b6001600160a01b03165f90815260036020526040902054600160ff1b16151590565b61087261086d366004613da7565b611c66565b60408051928352602083019190915201610395565b6009546104b4565b61037e61089d366004614164565b611dd3565b6007547f40000000000000000000000000000000000000000000000000000000000000001615156103c4565b61037e6108dc366004613edc565b61222f565b6103ee60085460601c67ffffffffffffffff1690565b5f61090061224f565b90506312cc0300821115610948576040517f4ede0ebc000000000000000000000000000000000000000000000000000000008152600481018390526024015b60405180910390fd5b6001600160a01b038181165f8181526006602090815260408083209488168084529482529182902086905590518581527ffccbcf1554e5d9ce61aec76fd65e96d49924764cd1cea8d76ae2bb61aa178a8391015b60405180910390a3505050565b6060600b80546109b89061421c565b80601f01602080910402602001604051908101604052809291908181526020018280546109e49061421c565b8015610a2f5780601f10610a0657610100808354040283529160200191610a2f565b820191905f5260205f20905b815481529060010190602001808311610a1257829003601f168201915b5050505050905090565b610a4161224f565b5082818114610a86576040517fab8b67c6000000000000000000000000000000000000000000000000000000008152600481018290526024810183905260440161093f565b5f5b81811015610ae057610ad8868683818110610aa557610aa561426d565b9050602002016020810190610aba9190613f3a565b858584818110610acc57610acc61426d565b905060200201356122b0565b600101610a88565b505050505050565b5f610af433848461233d565b5060015b92915050565b610b0882826123d7565b5050565b5f5f6007549050607f60f682901c166bffffffffffffffffffffffff60085416610b3583612636565b610b3f91906142c7565b901c91505090565b5f610b53843384612641565b610b5e8484846126f1565b5060019392505050565b5f610b71612703565b905090565b610b7e61224f565b50600780547fbfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff169055604080515f808252602082015233917f5ee4e7df18f3eeac211faa041f29697d2083eed56d34187561c2357408cf13db91015b60405180910390a2565b610bed8161282c565b50565b6007546001600160a01b0382165f908152600360205260408120549091908290610c8290610c1d84612636565b846bffffffffffffffffffffffff831660a084811c6b07ffffffffffffffffffffff1684039190910260f683901c607f161c60601b84017ff80000000000000000000000ffffffffffffffffffffffffffffffffffffffff169083901b179392505050565b60601c67ffffffffffffffff16949350505050565b5f610b71333361298a565b5f610b71612a7c565b610cb361224f565b50610b0882826122b0565b610ceb6040518060a001604052805f81526020015f81526020015f81526020015f81526020015f81525090565b6007546008546040805160a081019091526bffffffffffffffffffffffff82169060f684901c607f16908082670de0b6b3a7640000610d3c86605b8a901c6b07ffffffffffffffffffffff166142c7565b610d4691906142c7565b901c815260200163ffffffff60a086901c16815260200163ffffffff60d687901c16815260200163ffffffff60b687901c16815260200182670de0b6b3a764000085610d9189612636565b610d9b91906142c7565b610da591906142c7565b901c905295945050505050565b5f610dbb61224f565b9050816001600160a01b0316836001600160a01b031603610e13576040517f86d9d0350000000000000000000000000000000000000000000000000000000081526001600160a01b038416600482015260240161093f565b6007546001600160a01b0384165f90815260036020526040812054610e3b90610c1d84612636565b90506bffffffffffffffffffffffff8116606082901c67ffffffffffffffff1681158015610e67575080155b15610ea9576040517f86d9d0350000000000000000000000000000000000000000000000000000000081526001600160a01b038816600482015260240161093f565b610eb7878784600180612b0b565b856001600160a01b0316876001600160a01b0316866001600160a01b03167f6e9bd1d52db9c79966b568b1a007c8576179a439d3088b677902887f5288e9508585604051610f0f929190918252602082015260400190565b60405180910390a450505050505050565b5f60065f610f2c612a7c565b6001600160a01b03166001600160a01b031681526020019081526020015f205f836001600160a01b03166001600160a01b031681526020019081526020015f20549050919050565b6001600160a01b0381165f90815260026020526040812054610af8565b610f9961224f565b50600780547f4000000000000000000000000000000000000000000000000000000000000000179055604080515f81526001602082015233917f5ee4e7df18f3eeac211faa041f29697d2083eed56d34187561c2357408cf13db9101610bda565b5f6060805f5f5f606061100b6130dc565b611013613107565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b6060600c80546109b89061421c565b5f61107061224f565b905061108084848460015f612b0b565b826001600160a01b0316846001600160a01b0316826001600160a01b03167f47cea260e2dfb95ed2ab59ad44fe2ac9cddb432afb828d2a1475936b5a2b829a856040516110cf91815260200190565b60405180910390a450505050565b5f6001600160a01b03821661111e576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b610af8338361298a565b5f610af43384846126f1565b5f61113d61224f565b6001600160a01b0384165f908152600360205260409020549091507f40000000000000000000000000000000000000000000000000000000000000008116156111bd576040517f1ae0ea080000000000000000000000000000000000000000000000000000000081526001600160a01b038516600482015260240161093f565b826111ea577f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff81166111f2565b600160ff1b81175b6001600160a01b038086165f8181526003602052604090819020939093559151908416907fc6075f2474f1e5f8917ad4af38ee03961e096eef6e1dbf6691c559cf115823b39061124790871515815260200190565b60405180910390a350505050565b5f60065f611261612a7c565b6001600160a01b03166001600160a01b031681526020019081526020015f205f836001600160a01b03166001600160a01b031681526020019081526020015f20545f14159050919050565b6007545f90819060b681901c63ffffffff168410806112ca57504284115b156112da57505f93849350915050565b6001607f60f683901c166bffffffffffffffffffffffff600854166112ff8488613132565b61130991906142c7565b901c9250925050915091565b5f5f611322858585613196565b90925090507fffffffff000000000000000000000000000000000000000000000000000000008216611355575050505050565b7f1886db6b000000000000000000000000000000000000000000000000000000007fffffffff000000000000000000000000000000000000000000000000000000008316016113d0576040517fe779249500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b7f693902e2000000000000000000000000000000000000000000000000000000007fffffffff00000000000000000000000000000000000000000000000000000000831601611456576040517f96c6fd1e0000000000000000000000000000000000000000000000000000000081526001600160a01b038616600482015260240161093f565b7f13bbd0fb000000000000000000000000000000000000000000000000000000007fffffffff000000000000000000000000000000000000000000000000000000008316016114dc576040517fec442f050000000000000000000000000000000000000000000000000000000081526001600160a01b038516600482015260240161093f565b7f1baf2c74000000000000000000000000000000000000000000000000000000007fffffffff00000000000000000000000000000000000000000000000000000000831601611570576040517fe450d38c0000000000000000000000000000000000000000000000000000000081526001600160a01b0386166004820152602481018290526044810184905260640161093f565b7f5c1626e2000000000000000000000000000000000000000000000000000000007fffffffff000000000000000000000000000000000000000000000000000000008316016115f6576040517fa3e9d91e0000000000000000000000000000000000000000000000000000000081526001600160a01b038516600482015260240161093f565b7f35e11cc6000000000000000000000000000000000000000000000000000000007fffffffff00000000000000000000000000000000000000000000000000000000831601611683576040517fca1ee33a0000000000000000000000000000000000000000000000000000000081526001600160a01b03851660048201526024810182905260440161093f565b6040517f4f2a367e0000000000000000000000000000000000000000000000000000000081526001600160a01b038216600482015260240161093f565b600a546001600160a01b0316638da5cb5b6040518163ffffffff1660e01b8152600401602060405180830381865afa1580156116fe573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611722919061430b565b6001600160a01b0316336001600160a01b03161461176e576040517f988d1f0300000000000000000000000000000000000000000000000000000000815233600482015260240161093f565b600780547fdfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16905560408051600181525f602082015233917f5ee4e7df18f3eeac211faa041f29697d2083eed56d34187561c2357408cf13db9101610bda565b8342111561180b576040517f627913020000000000000000000000000000000000000000000000000000000081526004810185905260240161093f565b5f7f6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c98888886118568c6001600160a01b03165f90815260026020526040902080546001810190915590565b6040805160208101969096526001600160a01b0394851690860152929091166060840152608083015260a082015260c0810186905260e0016040516020818303038152906040528051906020012090505f6118bb6118b3836134d8565b86868661351f565b9050886001600160a01b0316816001600160a01b03161461191b576040517f4b800e460000000000000000000000000000000000000000000000000000000081526001600160a01b0380831660048301528a16602482015260440161093f565b61192689898961233d565b505050505050505050565b5f61193a61224f565b90508161196b576007547f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16611975565b600160ff1b600754175b60075560405182151581526001600160a01b038216907fa1af8d802f7971ea5fdb66020f212efc82fa396c23d153bd79516210bd71dd0d906020015b60405180910390a25050565b600a546040513360388201526f5af43d82803e903d91602b57fd5bf3ff60248201527f00000000000000000000000000000000000000000000000000000000000000006014820152733d602d80600a3d3981f3363d3d373d3d3d363d73815260a09190911c60588201526037600c820120607882015260556043909101205f906001600160a01b0316308114611a81576040517fb550282e00000000000000000000000000000000000000000000000000000000815233600482015260240161093f565b611a8b838461298a565b9392505050565b5f600a549050806001600160a01b0316638da5cb5b6040518163ffffffff1660e01b8152600401602060405180830381865afa158015611ad4573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611af8919061430b565b6001600160a01b0316336001600160a01b031614158015611b8a5750806001600160a01b031663452a93206040518163ffffffff1660e01b8152600401602060405180830381865afa158015611b50573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611b74919061430b565b6001600160a01b0316336001600160a01b031614155b15611bc3576040517f433d1d6900000000000000000000000000000000000000000000000000000000815233600482015260240161093f565b600780547f2000000000000000000000000000000000000000000000000000000000000000179055604080516001808252602082015233917f5ee4e7df18f3eeac211faa041f29697d2083eed56d34187561c2357408cf13db910160405180910390a250565b5f5f611c36858585613196565b507fffffffff00000000000000000000000000000000000000000000000000000000811615969095509350505050565b5f5f5f611c71612a7c565b90505f816001600160a01b0316866001600160a01b031614611cb7576001600160a01b038083165f908152600660209081526040808320938a1683529290522054611cba565b5f195b600754909150811580611cee57507f6000000000000000000000000000000000000000000000000000000000000000811615155b80611cf7575085155b15611d0a575f5f94509450505050611dcc565b600854611d2c9060601c67ffffffffffffffff16670fffffffffffffff614326565b861115611d41575f5f94509450505050611dcc565b5f5f611d5e836bffffffffffffffffffffffff600854168a61354b565b9350505091505f428311611d72575f611d7c565b611d7c4284614326565b90508015611d8a5780611d8d565b60015b9750611db3611dad6312cc0300611da84263ffffffff614326565b6135c3565b836135c3565b9650611dc387611da887846135d2565b96505050505050505b9250929050565b5f611ddc6135e1565b805490915060ff68010000000000000000820416159067ffffffffffffffff165f81158015611e085750825b90505f8267ffffffffffffffff166001148015611e245750303b155b905081158015611e32575080155b15611e69576040517ff92ee8a900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b84547fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000001660011785558315611eca5784547fffffffffffffffffffffffffffffffffffffffffffffff00ffffffffffffffff16680100000000000000001785555b6001600160a01b038e161580611ee757506001600160a01b038c16155b80611ef957506001600160a01b038616155b15611f30576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6bffffffffffffffffffffffff8d1115611f79576040517fd5de066e000000000000000000000000000000000000000000000000000000008152600481018e905260240161093f565b861580611f9157506bffffffffffffffffffffffff87115b15611fcb576040517f7cbab8970000000000000000000000000000000000000000000000000000000081526004810188905260240161093f565b306001600160a01b03871603612018576040517fec442f050000000000000000000000000000000000000000000000000000000081526001600160a01b038716600482015260240161093f565b6120218c61282c565b6001600160a01b03808f1660a08f901b17600a558c16600955600b6120478b8d83614384565b50600c612055898b83614384565b50600887905560f66120e7885f60076fffffffffffffffffffffffffffffffff8311901b9050600667ffffffffffffffff83831c11901b17600563ffffffff83831c11901b17600461ffff83831c11901b17600360ff83831c11901b176002600f83831c117d010102020202030303030303030300000000000000000000000000000000911b9190911791821c1a1790565b6120f290601e61445c565b6120fd90600161445c565b901b6007556001600160a01b0386165f8181526003602090815260408083207f40000000000000000000000000000000000000000000000000000000000000008c179055518a81527fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef910160405180910390a38c8e6001600160a01b03167fd983446f07bdabff2d09eaec5a228055533ae097d7abeb58f542c4a6cfd7c5c58e8e8e8e8e8e8e6040516121b697969594939291906144b6565b60405180910390a3831561221f5784547fffffffffffffffffffffffffffffffffffffffffffffff00ffffffffffffffff168555604051600181527fc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d29060200160405180910390a15b5050505050505050505050505050565b610b0882428311612240575f6123d7565b61224a4284614326565b6123d7565b5f612258612a7c565b9050336001600160a01b038216146122ad576040517f4738d0540000000000000000000000000000000000000000000000000000000081523360048201526001600160a01b038216602482015260440161093f565b90565b63ffffffff8111156122f1576040517f8377486a0000000000000000000000000000000000000000000000000000000081526004810182905260240161093f565b6001600160a01b0382165f8181526005602052604090819020839055517f1554fd69b022f698320473ed85e31628fa51a262d6e59116c9baf7e7190de872906119b19084815260200190565b6001600160a01b03821661237f576040517f94280d620000000000000000000000000000000000000000000000000000000081525f600482015260240161093f565b6001600160a01b038381165f8181526004602090815260408083209487168084529482529182902085905590518481527f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925910161099c565b5f6123e0612a7c565b90505f19336001600160a01b0383161461245457506001600160a01b0381165f90815260066020908152604080832033845290915281205490819003612454576040517f234bc6dd00000000000000000000000000000000000000000000000000000000815233600482015260240161093f565b5f5f5f612462878786613609565b6009546040517f70a082310000000000000000000000000000000000000000000000000000000081523060048201529396509194509250905f906001600160a01b038316906370a0823190602401602060405180830381865afa1580156124cb573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906124ef919061450f565b90506125066001600160a01b03831633308c613846565b6040517f70a082310000000000000000000000000000000000000000000000000000000081523060048201525f9082906001600160a01b038516906370a0823190602401602060405180830381865afa158015612565573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612589919061450f565b6125939190614326565b9050898110156125d9576040517f4f2f9475000000000000000000000000000000000000000000000000000000008152600481018b90526024810182905260440161093f565b604080518b8152602081018b9052908101879052606081018690526080810185905233907f61c427088ec49f239fced79b79fbad138dd8d3a250946f4dde63a6c9832dae249060a00160405180910390a250505050505050505050565b5f610af88242613132565b6001600160a01b038084165f908152600460209081526040808320938616835292905220545f1981146126eb57818110156126c1576040517ffb8f41b20000000000000000000000000000000000000000000000000000000081526001600160a01b0384166004820152602481018290526044810183905260640161093f565b6001600160a01b038085165f90815260046020908152604080832093871683529290522082820390555b50505050565b6126fe8383835f5f612b0b565b505050565b5f306001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614801561275b57507f000000000000000000000000000000000000000000000000000000000000000046145b1561278557507f000000000000000000000000000000000000000000000000000000000000000090565b610b71604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60408051600481526024810182526020810180517bffffffffffffffffffffffffffffffffffffffffffffffffffffffff167f313ce5670000000000000000000000000000000000000000000000000000000017905290515f9182916001600160a01b0385169161289c91614526565b5f60405180830381855afa9150503d805f81146128d4576040519150601f19603f3d011682016040523d82523d5f602084013e6128d9565b606091505b50915091508115806128ec575060208151105b1561292e576040517f4653a2c40000000000000000000000000000000000000000000000000000000081526001600160a01b038416600482015260240161093f565b5f81806020019051810190612943919061450f565b905060068111156126eb576040517f77045b98000000000000000000000000000000000000000000000000000000008152600481018290526006602482015260440161093f565b6007546001600160a01b0383165f9081526003602052604081205490919082906129b790610c1d84612636565b905067ffffffffffffffff606082901c169250825f036129db575f92505050610af8565b6001600160a01b038086165f9081526003602052604090207fffffffffffffffffffffffff0000000000000000ffffffffffffffffffffffff83169055600954612a2791168585613895565b836001600160a01b0316856001600160a01b03167ff7a40077ff7a04c7e61f6f26fb13774259ddf1b6bce9ecf26a8276cdd399268385604051612a6c91815260200190565b60405180910390a3505092915050565b600a546040517ff41875e100000000000000000000000000000000000000000000000000000000815260a082901c60048201525f91906001600160a01b0382169063f41875e190602401602060405180830381865afa158015612ae1573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612b05919061430b565b91505090565b60075482612b39577f6000000000000000000000000000000000000000000000000000000000000000612b5b565b7f20000000000000000000000000000000000000000000000000000000000000005b811615612b94576040517fe779249500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001600160a01b038616612bd6576040517f96c6fd1e0000000000000000000000000000000000000000000000000000000081525f600482015260240161093f565b6001600160a01b0385161580612bf457506001600160a01b03851630145b15612c36576040517fec442f050000000000000000000000000000000000000000000000000000000081526001600160a01b038616600482015260240161093f565b5f612c4082612636565b6001600160a01b0388165f908152600360205260409020549091508415612ccb577f4000000000000000000000000000000000000000000000000000000000000000811615612cc6576040517f1ae0ea080000000000000000000000000000000000000000000000000000000081526001600160a01b038916600482015260240161093f565b612d14565b600160ff1b811615612d14576040517f4f2a367e0000000000000000000000000000000000000000000000000000000081526001600160a01b038916600482015260240161093f565b6bffffffffffffffffffffffff811686811015612d76576040517fe450d38c0000000000000000000000000000000000000000000000000000000081526001600160a01b038a166004820152602481018290526044810188905260640161093f565b6bffffffffffffffffffffffff821660a083811c6b07ffffffffffffffffffffff1685039190910260f686901c607f161c60601b83017ff80000000000000000000000ffffffffffffffffffffffffffffffffffffffff169084901b1787900391505f8515612e1257507fffffffffffffffffffffffff0000000000000000ffffffffffffffffffffffff82169160601c67ffffffffffffffff165b6001600160a01b03808b165f90815260036020526040808220869055918b16815220547f4000000000000000000000000000000000000000000000000000000000000000811615612e9a576040517fec442f050000000000000000000000000000000000000000000000000000000081526001600160a01b038b16600482015260240161093f565b600160ff1b8116151580612eb35750600160ff1b861615155b8015612f0557507f4000000000000000000000000000000000000000000000000000000000000000841615801590612f035750612eee612a7c565b6001600160a01b03168a6001600160a01b0316145b155b1561300a57600160ff1b811615612f53576040517f4f2a367e0000000000000000000000000000000000000000000000000000000081526001600160a01b038b16600482015260240161093f565b600160ff1b86161561300a576001600160a01b038a165f9081526005602052604081205490819003612fbc576040517fa3e9d91e0000000000000000000000000000000000000000000000000000000081526001600160a01b038c16600482015260240161093f565b42811015613008576040517fca1ee33a0000000000000000000000000000000000000000000000000000000081526001600160a01b038c1660048201526024810182905260440161093f565b505b6bffffffffffffffffffffffff811660a082811c6b07ffffffffffffffffffffff1687039190910260f688901c607f161c60601b82017ff80000000000000000000000ffffffffffffffffffffffffffffffffffffffff169086901b176001600160a01b03808c165f8181526003602052604090819020606087901b8e01909401938490555192935091908d16907fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef906130c7908d815260200190565b60405180910390a35050505050505050505050565b6060610b717f00000000000000000000000000000000000000000000000000000000000000006138e3565b6060610b717f00000000000000000000000000000000000000000000000000000000000000006138e3565b6b07ffffffffffffffffffffff821660d683901c63ffffffff165f81841061315a578161315c565b835b905060b685901c63ffffffff168082111561318d578082036b07ffffffffffffffffffffff605b88901c1602840193505b50505092915050565b6007545f9081907f60000000000000000000000000000000000000000000000000000000000000008116156131f157507fe77924950000000000000000000000000000000000000000000000000000000091505f90506134d0565b6001600160a01b03861661322b57507f96c6fd1e0000000000000000000000000000000000000000000000000000000091505f90506134d0565b6001600160a01b038516158061324957506001600160a01b03851630145b1561327a57507fec442f050000000000000000000000000000000000000000000000000000000091505f90506134d0565b6001600160a01b0386165f90815260036020526040902054600160ff1b8116156132d357507f4f2a367e00000000000000000000000000000000000000000000000000000000925050506001600160a01b0384166134d0565b846bffffffffffffffffffffffff82161015613323577fe450d38c0000000000000000000000000000000000000000000000000000000093506bffffffffffffffffffffffff1691506134d09050565b6001600160a01b0386165f908152600360205260409020547f400000000000000000000000000000000000000000000000000000000000000081161561339257507fec442f050000000000000000000000000000000000000000000000000000000093505f92506134d0915050565b7f40000000000000000000000000000000000000000000000000000000000000008216158015906133db57506133c6612a7c565b6001600160a01b0316876001600160a01b0316145b156133ef57505f93508392506134d0915050565b600160ff1b81161561343257507f4f2a367e00000000000000000000000000000000000000000000000000000000935050506001600160a01b03841690506134d0565b600160ff1b8316156134c6576001600160a01b0387165f908152600560205260408120549081900361348e57507fa3e9d91e0000000000000000000000000000000000000000000000000000000094505f93506134d092505050565b428110156134c4577fca1ee33a00000000000000000000000000000000000000000000000000000000955093506134d092505050565b505b505f935083925050505b935093915050565b5f610af86134e4612703565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b5f5f5f5f61352f88888888613920565b92509250925061353f8282613a06565b50909695505050505050565b5f5f5f5f85607f60f689901c1686901b816135685761356861453c565b04915063ffffffff60d688901c16935042841161358a57505f91505f196135ba565b6b07ffffffffffffffffffffff605b88901c164285038102935080838501816135b5576135b561453c565b049150505b93509350935093565b5f828218828410028218611a8b565b5f828218828411028218611a8b565b5f807ff0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00610af8565b6007545f90819081907f600000000000000000000000000000000000000000000000000000000000000081161561366c576040517fe779249500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b865f036136a5576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8515806136b557506312cc030086115b806136cc575063ffffffff6136ca874261445c565b115b15613706576040517f4ede0ebc0000000000000000000000000000000000000000000000000000000081526004810187905260240161093f565b6008546bffffffffffffffffffffffff81169060601c67ffffffffffffffff1661373881670fffffffffffffff614326565b89111561377b576040517fb2aafb2500000000000000000000000000000000000000000000000000000000815260048101829052602481018a905260440161093f565b5f5f61378a85858d8d8d613b09565b90925090506137998a4261445c565b96506137c560017e40000000000000000000000000000000000000000000000000000000000000614326565b19851660d688901b4260b61b605b85901b6137df89612636565b171717176007554260a01b60606137f68d8661445c565b901b85171760085560f685901c607f1680670de0b6b3a764000061381a87866142c7565b61382491906142c7565b901c98508061383386846142c7565b901c965050505050505093509350939050565b613854848484846001613c52565b6126eb576040517f5274afe70000000000000000000000000000000000000000000000000000000081526001600160a01b038516600482015260240161093f565b6138a28383836001613cd8565b6126fe576040517f5274afe70000000000000000000000000000000000000000000000000000000081526001600160a01b038416600482015260240161093f565b60605f6138ef83613d53565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561395957505f915060039050826139fc565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa1580156139aa573d5f5f3e3d5ffd5b50506040517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe001519150506001600160a01b0381166139f357505f9250600191508290506139fc565b92505f91508190505b9450945094915050565b5f826003811115613a1957613a19614569565b03613a22575050565b6001826003811115613a3657613a36614569565b03613a6d576040517ff645eedf00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6002826003811115613a8157613a81614569565b03613abb576040517ffce698f70000000000000000000000000000000000000000000000000000000081526004810182905260240161093f565b6003826003811115613acf57613acf614569565b03610b08576040517fd78bce0c0000000000000000000000000000000000000000000000000000000081526004810182905260240161093f565b5f5f5f5f5f5f613b1a8b8b8b61354b565b93509350935093505f428511613b30575f613b3a565b613b3a4286614326565b90508015613bd55780891015613b9157613b54894261445c565b6040517ffbcd5d4f00000000000000000000000000000000000000000000000000000000815260048101919091526024810186905260440161093f565b81891115613bd5576040517fa4654ea5000000000000000000000000000000000000000000000000000000008152600481018a90526024810183905260440161093f565b8789118015613be357508089115b15613c2e5788613bf389836135d2565b6040517f3c2f534b0000000000000000000000000000000000000000000000000000000081526004810192909252602482015260440161093f565b8883850181613c3f57613c3f61453c565b049c939b50929950505050505050505050565b6040517f23b872dd000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f51148316613cc7578383151615613cbb573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b6040517fa9059cbb000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316613d47578383151615613d3b573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f60ff8216601f811115610af8576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001600160a01b0381168114610bed575f5ffd5b5f5f60408385031215613db8575f5ffd5b8235613dc381613d93565b946020939093013593505050565b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b602081525f611a8b6020830184613dd1565b5f5f83601f840112613e3f575f5ffd5b50813567ffffffffffffffff811115613e56575f5ffd5b6020830191508360208260051b8501011115611dcc575f5ffd5b5f5f5f5f60408587031215613e83575f5ffd5b843567ffffffffffffffff811115613e99575f5ffd5b613ea587828801613e2f565b909550935050602085013567ffffffffffffffff811115613ec4575f5ffd5b613ed087828801613e2f565b95989497509550505050565b5f5f60408385031215613eed575f5ffd5b50508035926020909101359150565b5f5f5f60608486031215613f0e575f5ffd5b8335613f1981613d93565b92506020840135613f2981613d93565b929592945050506040919091013590565b5f60208284031215613f4a575f5ffd5b8135611a8b81613d93565b5f5f60408385031215613f66575f5ffd5b8235613f7181613d93565b91506020830135613f8181613d93565b809150509250929050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f613fc660e0830189613dd1565b8281036040840152613fd88189613dd1565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b8181101561402d57835183526020938401939092019160010161400f565b50909b9a5050505050505050505050565b8035801515811461404d575f5ffd5b919050565b5f5f60408385031215614063575f5ffd5b823561406e81613d93565b915061407c6020840161403e565b90509250929050565b5f60208284031215614095575f5ffd5b5035919050565b5f5f5f5f5f5f5f60e0888a0312156140b2575f5ffd5b87356140bd81613d93565b965060208801356140cd81613d93565b95506040880135945060608801359350608088013560ff811681146140f0575f5ffd5b9699959850939692959460a0840135945060c09093013592915050565b5f6020828403121561411d575f5ffd5b611a8b8261403e565b5f5f83601f840112614136575f5ffd5b50813567ffffffffffffffff81111561414d575f5ffd5b602083019150836020828501011115611dcc575f5ffd5b5f5f5f5f5f5f5f5f5f60e08a8c03121561417c575f5ffd5b893561418781613d93565b985060208a0135975060408a013561419e81613d93565b965060608a013567ffffffffffffffff8111156141b9575f5ffd5b6141c58c828d01614126565b90975095505060808a013567ffffffffffffffff8111156141e4575f5ffd5b6141f08c828d01614126565b90955093505060a08a0135915060c08a013561420b81613d93565b809150509295985092959850929598565b600181811c9082168061423057607f821691505b602082108103614267577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b50919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b8082028115828204841417610af857610af861429a565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b5f6020828403121561431b575f5ffd5b8151611a8b81613d93565b81810381811115610af857610af861429a565b601f8211156126fe57805f5260205f20601f840160051c8101602085101561435e5750805b601f840160051c820191505b8181101561437d575f815560010161436a565b5050505050565b67ffffffffffffffff83111561439c5761439c6142de565b6143b0836143aa835461421c565b83614339565b5f601f8411600181146143e1575f85156143ca5750838201355b5f19600387901b1c1916600186901b17835561437d565b5f838152602081207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08716915b8281101561442e578685013582556020948501946001909201910161440e565b508682101561444a575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b80820180821115610af857610af861429a565b81835281816020850137505f602082840101525f60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116840101905092915050565b6001600160a01b038816815260a060208201525f6144d860a08301888a61446f565b82810360408401526144eb81878961446f565b9150508360608301526001600160a01b038316608083015298975050505050505050565b5f6020828403121561451f575f5ffd5b5051919050565b5f82518060208501845e5f920191825250919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffdfea164736f6c634300081e000a' as const

export const testStablecoinBytecode =
  '0x610160604052348015610010575f5ffd5b506040518060400160405280600881526020016715195cdd081554d160c21b81525080604051806040016040528060018152602001603160f81b8152506040518060400160405280600881526020016715195cdd081554d160c21b815250604051806040016040528060048152602001631d1554d160e21b815250816003908161009a919061025f565b5060046100a7828261025f565b5050506100b98261018a60201b60201c565b610120526100c68161018a565b61014052815160208084019190912060e052815190820120610100524660a05261015260e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0525046617a6914610185576040516345de561960e01b81524660048201526024015b60405180910390fd5b610371565b5f5f829050601f815111156101b4578260405163305a27a960e01b815260040161017c9190610319565b80516101bf8261034e565b179392505050565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806101ef57607f821691505b60208210810361020d57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561025a57805f5260205f20601f840160051c810160208510156102385750805b601f840160051c820191505b81811015610257575f8155600101610244565b50505b505050565b81516001600160401b03811115610278576102786101c7565b61028c8161028684546101db565b84610213565b6020601f8211600181146102be575f83156102a75750848201515b5f19600385901b1c1916600184901b178455610257565b5f84815260208120601f198516915b828110156102ed57878501518255602094850194600190920191016102cd565b508482101561030a57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b8051602080830151919081101561020d575f1960209190910360031b1b16919050565b60805160a05160c05160e0516101005161012051610140516111f46103c25f395f6108d601525f6108ab01525f6107fa01525f6107d201525f61072d01525f61075701525f61078101526111f45ff3fe608060405234801561000f575f5ffd5b50600436106100e5575f3560e01c806370a082311161008857806395d89b411161006357806395d89b41146101de578063a9059cbb146101e6578063d505accf146101f9578063dd62ed3e1461020c575f5ffd5b806370a082311461017b5780637ecebe00146101b057806384b0196e146101c3575f5ffd5b806323b872dd116100c357806323b872dd1461013c578063313ce5671461014f5780633644e5151461015e57806340c10f1914610166575f5ffd5b806306fdde03146100e9578063095ea7b31461010757806318160ddd1461012a575b5f5ffd5b6100f1610251565b6040516100fe9190610f18565b60405180910390f35b61011a610115366004610f59565b6102e1565b60405190151581526020016100fe565b6002545b6040519081526020016100fe565b61011a61014a366004610f81565b6102fa565b604051600681526020016100fe565b61012e61031d565b610179610174366004610f59565b61032b565b005b61012e610189366004610fbb565b73ffffffffffffffffffffffffffffffffffffffff165f9081526020819052604090205490565b61012e6101be366004610fbb565b610339565b6101cb610363565b6040516100fe9796959493929190610fd4565b6100f16103c1565b61011a6101f4366004610f59565b6103d0565b610179610207366004611093565b6103dd565b61012e61021a366004611100565b73ffffffffffffffffffffffffffffffffffffffff9182165f90815260016020908152604080832093909416825291909152205490565b60606003805461026090611131565b80601f016020809104026020016040519081016040528092919081815260200182805461028c90611131565b80156102d75780601f106102ae576101008083540402835291602001916102d7565b820191905f5260205f20905b8154815290600101906020018083116102ba57829003601f168201915b5050505050905090565b5f336102ee81858561058b565b60019150505b92915050565b5f3361030785828561059d565b61031285858561066b565b506001949350505050565b5f610326610714565b905090565b610335828261084a565b5050565b73ffffffffffffffffffffffffffffffffffffffff81165f908152600760205260408120546102f4565b5f6060805f5f5f60606103746108a4565b61037c6108cf565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b60606004805461026090611131565b5f336102ee81858561066b565b8342111561041f576040517f62791302000000000000000000000000000000000000000000000000000000008152600481018590526024015b60405180910390fd5b5f7f6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c98888886104778c73ffffffffffffffffffffffffffffffffffffffff165f90815260076020526040902080546001810190915590565b60408051602081019690965273ffffffffffffffffffffffffffffffffffffffff94851690860152929091166060840152608083015260a082015260c0810186905260e0016040516020818303038152906040528051906020012090505f6104de826108fa565b90505f6104ed82878787610941565b90508973ffffffffffffffffffffffffffffffffffffffff168173ffffffffffffffffffffffffffffffffffffffff1614610574576040517f4b800e4600000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff80831660048301528b166024820152604401610416565b61057f8a8a8a61058b565b50505050505050505050565b610598838383600161096d565b505050565b73ffffffffffffffffffffffffffffffffffffffff8381165f908152600160209081526040808320938616835292905220547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8110156106655781811015610657576040517ffb8f41b200000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff841660048201526024810182905260448101839052606401610416565b61066584848484035f61096d565b50505050565b73ffffffffffffffffffffffffffffffffffffffff83166106ba576040517f96c6fd1e0000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b73ffffffffffffffffffffffffffffffffffffffff8216610709576040517fec442f050000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b610598838383610ab2565b5f3073ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614801561077957507f000000000000000000000000000000000000000000000000000000000000000046145b156107a357507f000000000000000000000000000000000000000000000000000000000000000090565b610326604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b73ffffffffffffffffffffffffffffffffffffffff8216610899576040517fec442f050000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b6103355f8383610ab2565b60606103267f0000000000000000000000000000000000000000000000000000000000000000610c59565b60606103267f0000000000000000000000000000000000000000000000000000000000000000610c59565b5f6102f4610906610714565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b5f5f5f5f61095188888888610c96565b9250925092506109618282610d89565b50909695505050505050565b73ffffffffffffffffffffffffffffffffffffffff84166109bc576040517fe602df050000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b73ffffffffffffffffffffffffffffffffffffffff8316610a0b576040517f94280d620000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b73ffffffffffffffffffffffffffffffffffffffff8085165f9081526001602090815260408083209387168352929052208290558015610665578273ffffffffffffffffffffffffffffffffffffffff168473ffffffffffffffffffffffffffffffffffffffff167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92584604051610aa491815260200190565b60405180910390a350505050565b73ffffffffffffffffffffffffffffffffffffffff8316610ae9578060025f828254610ade9190611182565b90915550610b999050565b73ffffffffffffffffffffffffffffffffffffffff83165f9081526020819052604090205481811015610b6e576040517fe450d38c00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff851660048201526024810182905260448101839052606401610416565b73ffffffffffffffffffffffffffffffffffffffff84165f9081526020819052604090209082900390555b73ffffffffffffffffffffffffffffffffffffffff8216610bc257600280548290039055610bed565b73ffffffffffffffffffffffffffffffffffffffff82165f9081526020819052604090208054820190555b8173ffffffffffffffffffffffffffffffffffffffff168373ffffffffffffffffffffffffffffffffffffffff167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef83604051610c4c91815260200190565b60405180910390a3505050565b60605f610c6583610e8c565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115610ccf57505f91506003905082610d7f565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015610d20573d5f5f3e3d5ffd5b50506040517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0015191505073ffffffffffffffffffffffffffffffffffffffff8116610d7657505f925060019150829050610d7f565b92505f91508190505b9450945094915050565b5f826003811115610d9c57610d9c6111ba565b03610da5575050565b6001826003811115610db957610db96111ba565b03610df0576040517ff645eedf00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6002826003811115610e0457610e046111ba565b03610e3e576040517ffce698f700000000000000000000000000000000000000000000000000000000815260048101829052602401610416565b6003826003811115610e5257610e526111ba565b03610335576040517fd78bce0c00000000000000000000000000000000000000000000000000000000815260048101829052602401610416565b5f60ff8216601f8111156102f4576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b602081525f610f2a6020830184610ecc565b9392505050565b803573ffffffffffffffffffffffffffffffffffffffff81168114610f54575f5ffd5b919050565b5f5f60408385031215610f6a575f5ffd5b610f7383610f31565b946020939093013593505050565b5f5f5f60608486031215610f93575f5ffd5b610f9c84610f31565b9250610faa60208501610f31565b929592945050506040919091013590565b5f60208284031215610fcb575f5ffd5b610f2a82610f31565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f61100e60e0830189610ecc565b82810360408401526110208189610ecc565b6060840188905273ffffffffffffffffffffffffffffffffffffffff8716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015611082578351835260209384019390920191600101611064565b50909b9a5050505050505050505050565b5f5f5f5f5f5f5f60e0888a0312156110a9575f5ffd5b6110b288610f31565b96506110c060208901610f31565b95506040880135945060608801359350608088013560ff811681146110e3575f5ffd5b9699959850939692959460a0840135945060c09093013592915050565b5f5f60408385031215611111575f5ffd5b61111a83610f31565b915061112860208401610f31565b90509250929050565b600181811c9082168061114557607f821691505b60208210810361117c577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b50919050565b808201808211156102f4577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffdfea164736f6c634300081e000a' as const

export const timelockControllerBytecode =
  '0x608060405234801561000f575f5ffd5b5060405161223b38038061223b83398101604081905261002e916102f6565b6100385f3061017b565b506001600160a01b03811615610054576100525f8261017b565b505b5f5b83518110156100e8576100a87fb09aa5aeb3702cfd50b6b62bc4532604938f21248a27a1d5ca736082b6819cc185838151811061009557610095610375565b602002602001015161017b60201b60201c565b506100df7ffd643c72710c63c0180259aba6b2d05451e3591a24e58b62239378085726f78385838151811061009557610095610375565b50600101610056565b505f5b82518110156101335761012a7fd8aa0f3194971a2a116679f7c2090f6939c8d4e01a2a8d7e41d55e5351469e6384838151811061009557610095610375565b506001016100eb565b506002849055604080515f8152602081018690527f11c24f4ead16507c69ac467fbd5e4eed5fb5c699626d2cc6d66421df253886d5910160405180910390a150505050610389565b5f828152602081815260408083206001600160a01b038516845290915281205460ff1661021b575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556101d33390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a450600161021e565b505f5b92915050565b634e487b7160e01b5f52604160045260245ffd5b80516001600160a01b038116811461024e575f5ffd5b919050565b5f82601f830112610262575f5ffd5b81516001600160401b0381111561027b5761027b610224565b604051600582901b90603f8201601f191681016001600160401b03811182821017156102a9576102a9610224565b6040529182526020818501810192908101868411156102c6575f5ffd5b6020860192505b838310156102ec576102de83610238565b8152602092830192016102cd565b5095945050505050565b5f5f5f5f60808587031215610309575f5ffd5b845160208601519094506001600160401b03811115610326575f5ffd5b61033287828801610253565b604087015190945090506001600160401b0381111561034f575f5ffd5b61035b87828801610253565b92505061036a60608601610238565b905092959194509250565b634e487b7160e01b5f52603260045260245ffd5b611ea5806103965f395ff3fe6080604052600436106101b2575f3560e01c80638065657f116100e7578063bc197c8111610087578063d547741f11610062578063d547741f146105c0578063e38335e5146105df578063f23a6e61146105f2578063f27a0c9214610636575f5ffd5b8063bc197c8114610532578063c4d252f514610576578063d45c443514610595575f5ffd5b806391d14854116100c257806391d148541461047e578063a217fddf146104cd578063b08e51c0146104e0578063b1c5f42714610513575f5ffd5b80638065657f1461040d5780638f2a0bb01461042c5780638f61f4f51461044b575f5ffd5b80632ab0f5291161015257806336568abe1161012d57806336568abe14610384578063584b153e146103a357806364d62353146103c25780637958004c146103e1575f5ffd5b80632ab0f529146103275780632f2ff15d1461034657806331d5075014610365575f5ffd5b8063134008d31161018d578063134008d31461025357806313bc9f2014610266578063150b7a0214610285578063248a9ca3146102f9575f5ffd5b806301d5062a146101bd57806301ffc9a7146101de57806307bd026514610212575f5ffd5b366101b957005b5f5ffd5b3480156101c8575f5ffd5b506101dc6101d73660046114fd565b61064a565b005b3480156101e9575f5ffd5b506101fd6101f836600461156c565b61071e565b60405190151581526020015b60405180910390f35b34801561021d575f5ffd5b506102457fd8aa0f3194971a2a116679f7c2090f6939c8d4e01a2a8d7e41d55e5351469e6381565b604051908152602001610209565b6101dc6102613660046115ab565b61072e565b348015610271575f5ffd5b506101fd610280366004611612565b610823565b348015610290575f5ffd5b506102c861029f36600461172f565b7f150b7a0200000000000000000000000000000000000000000000000000000000949350505050565b6040517fffffffff000000000000000000000000000000000000000000000000000000009091168152602001610209565b348015610304575f5ffd5b50610245610313366004611612565b5f9081526020819052604090206001015490565b348015610332575f5ffd5b506101fd610341366004611612565b610848565b348015610351575f5ffd5b506101dc610360366004611793565b610850565b348015610370575f5ffd5b506101fd61037f366004611612565b61087a565b34801561038f575f5ffd5b506101dc61039e366004611793565b61089e565b3480156103ae575f5ffd5b506101fd6103bd366004611612565b6108fc565b3480156103cd575f5ffd5b506101dc6103dc366004611612565b610941565b3480156103ec575f5ffd5b506104006103fb366004611612565b6109da565b60405161020991906117ea565b348015610418575f5ffd5b506102456104273660046115ab565b610a22565b348015610437575f5ffd5b506101dc61044636600461186a565b610a60565b348015610456575f5ffd5b506102457fb09aa5aeb3702cfd50b6b62bc4532604938f21248a27a1d5ca736082b6819cc181565b348015610489575f5ffd5b506101fd610498366004611793565b5f9182526020828152604080842073ffffffffffffffffffffffffffffffffffffffff93909316845291905290205460ff1690565b3480156104d8575f5ffd5b506102455f81565b3480156104eb575f5ffd5b506102457ffd643c72710c63c0180259aba6b2d05451e3591a24e58b62239378085726f78381565b34801561051e575f5ffd5b5061024561052d36600461191f565b610c02565b34801561053d575f5ffd5b506102c861054c366004611a4c565b7fbc197c810000000000000000000000000000000000000000000000000000000095945050505050565b348015610581575f5ffd5b506101dc610590366004611612565b610c46565b3480156105a0575f5ffd5b506102456105af366004611612565b5f9081526001602052604090205490565b3480156105cb575f5ffd5b506101dc6105da366004611793565b610d09565b6101dc6105ed36600461191f565b610d2d565b3480156105fd575f5ffd5b506102c861060c366004611afb565b7ff23a6e610000000000000000000000000000000000000000000000000000000095945050505050565b348015610641575f5ffd5b50600254610245565b7fb09aa5aeb3702cfd50b6b62bc4532604938f21248a27a1d5ca736082b6819cc161067481610f07565b5f610683898989898989610a22565b905061068f8184610f14565b5f817f4cf4410cc57040e44862ef0f45f3dd5a5e02db8eb8add648d4b0e236f1d07dca8b8b8b8b8b8a6040516106ca96959493929190611b96565b60405180910390a3831561071357807f20fda5fd27a1ea7bf5b9567f143ac5470bb059374a27e8f67cb44f946f6d03878560405161070a91815260200190565b60405180910390a25b505050505050505050565b5f61072882610fd7565b92915050565b5f80527fdae2aa361dfd1ca020a396615627d436107c35eff9fe7738a3512819782d70696020527f5ba6852781629bcdcd4bdaa6de76d786f1c64b16acdac474e55bebc0ea157951547fd8aa0f3194971a2a116679f7c2090f6939c8d4e01a2a8d7e41d55e5351469e639060ff166107aa576107aa813361102c565b5f6107b9888888888888610a22565b90506107c581856110b5565b6107d18888888861111c565b5f817fc2617efa69bab66782fa219543714338489c4e9e178271560a91b82c3f612b588a8a8a8a6040516108089493929190611be0565b60405180910390a36108198161119d565b5050505050505050565b5f60025b610830836109da565b6003811115610841576108416117bd565b1492915050565b5f6003610827565b5f8281526020819052604090206001015461086a81610f07565b61087483836111c8565b50505050565b5f80610885836109da565b6003811115610896576108966117bd565b141592915050565b73ffffffffffffffffffffffffffffffffffffffff811633146108ed576040517f6697b23200000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6108f782826112c1565b505050565b5f5f610907836109da565b9050600181600381111561091d5761091d6117bd565b148061093a57506002816003811115610938576109386117bd565b145b9392505050565b33308114610998576040517fe2850c5900000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff821660048201526024015b60405180910390fd5b60025460408051918252602082018490527f11c24f4ead16507c69ac467fbd5e4eed5fb5c699626d2cc6d66421df253886d5910160405180910390a150600255565b5f81815260016020526040812054805f036109f757505f92915050565b60018103610a085750600392915050565b42811115610a195750600192915050565b50600292915050565b5f868686868686604051602001610a3e96959493929190611b96565b6040516020818303038152906040528051906020012090509695505050505050565b7fb09aa5aeb3702cfd50b6b62bc4532604938f21248a27a1d5ca736082b6819cc1610a8a81610f07565b8887141580610a995750888514155b15610ae1576040517fffb03211000000000000000000000000000000000000000000000000000000008152600481018a9052602481018690526044810188905260640161098f565b5f610af28b8b8b8b8b8b8b8b610c02565b9050610afe8184610f14565b5f5b8a811015610bb35780827f4cf4410cc57040e44862ef0f45f3dd5a5e02db8eb8add648d4b0e236f1d07dca8e8e85818110610b3d57610b3d611c15565b9050602002016020810190610b529190611c42565b8d8d86818110610b6457610b64611c15565b905060200201358c8c87818110610b7d57610b7d611c15565b9050602002810190610b8f9190611c5b565b8c8b604051610ba396959493929190611b96565b60405180910390a3600101610b00565b508315610bf557807f20fda5fd27a1ea7bf5b9567f143ac5470bb059374a27e8f67cb44f946f6d038785604051610bec91815260200190565b60405180910390a25b5050505050505050505050565b5f8888888888888888604051602001610c22989796959493929190611d8c565b60405160208183030381529060405280519060200120905098975050505050505050565b7ffd643c72710c63c0180259aba6b2d05451e3591a24e58b62239378085726f783610c7081610f07565b610c79826108fc565b610cce5781610c88600261137a565b610c92600161137a565b6040517f5ead8eb5000000000000000000000000000000000000000000000000000000008152600481019390935217602482015260440161098f565b5f828152600160205260408082208290555183917fbaa1eb22f2a492ba1a5fea61b8df4d27c6c8b5f3971e63bb58fa14ff72eedb7091a25050565b5f82815260208190526040902060010154610d2381610f07565b61087483836112c1565b5f80527fdae2aa361dfd1ca020a396615627d436107c35eff9fe7738a3512819782d70696020527f5ba6852781629bcdcd4bdaa6de76d786f1c64b16acdac474e55bebc0ea157951547fd8aa0f3194971a2a116679f7c2090f6939c8d4e01a2a8d7e41d55e5351469e639060ff16610da957610da9813361102c565b8786141580610db85750878414155b15610e00576040517fffb0321100000000000000000000000000000000000000000000000000000000815260048101899052602481018590526044810187905260640161098f565b5f610e118a8a8a8a8a8a8a8a610c02565b9050610e1d81856110b5565b5f5b89811015610ef1575f8b8b83818110610e3a57610e3a611c15565b9050602002016020810190610e4f9190611c42565b90505f8a8a84818110610e6457610e64611c15565b905060200201359050365f8a8a86818110610e8157610e81611c15565b9050602002810190610e939190611c5b565b91509150610ea38484848461111c565b84867fc2617efa69bab66782fa219543714338489c4e9e178271560a91b82c3f612b5886868686604051610eda9493929190611be0565b60405180910390a350505050806001019050610e1f565b50610efb8161119d565b50505050505050505050565b610f11813361102c565b50565b610f1d8261087a565b15610f675781610f2c5f61137a565b6040517f5ead8eb50000000000000000000000000000000000000000000000000000000081526004810192909252602482015260440161098f565b5f610f7160025490565b905080821015610fb7576040517f54336609000000000000000000000000000000000000000000000000000000008152600481018390526024810182905260440161098f565b610fc18242611e51565b5f93845260016020526040909320929092555050565b5f7fffffffff0000000000000000000000000000000000000000000000000000000082167f4e2312e000000000000000000000000000000000000000000000000000000000148061072857506107288261139c565b5f8281526020818152604080832073ffffffffffffffffffffffffffffffffffffffff8516845290915290205460ff166110b1576040517fe2517d3f00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff821660048201526024810183905260440161098f565b5050565b6110be82610823565b6110cd5781610f2c600261137a565b80158015906110e257506110e081610848565b155b156110b1576040517f90a9a6180000000000000000000000000000000000000000000000000000000081526004810182905260240161098f565b5f5f8573ffffffffffffffffffffffffffffffffffffffff16858585604051611146929190611e89565b5f6040518083038185875af1925050503d805f8114611180576040519150601f19603f3d011682016040523d82523d5f602084013e611185565b606091505b50915091506111948282611432565b50505050505050565b6111a681610823565b6111b55780610f2c600261137a565b5f90815260016020819052604090912055565b5f8281526020818152604080832073ffffffffffffffffffffffffffffffffffffffff8516845290915281205460ff166112ba575f8381526020818152604080832073ffffffffffffffffffffffffffffffffffffffff86168452909152902080547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff001660011790556112583390565b73ffffffffffffffffffffffffffffffffffffffff168273ffffffffffffffffffffffffffffffffffffffff16847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a4506001610728565b505f610728565b5f8281526020818152604080832073ffffffffffffffffffffffffffffffffffffffff8516845290915281205460ff16156112ba575f8381526020818152604080832073ffffffffffffffffffffffffffffffffffffffff8616808552925280832080547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0016905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a4506001610728565b5f81600381111561138d5761138d6117bd565b600160ff919091161b92915050565b5f7fffffffff0000000000000000000000000000000000000000000000000000000082167f7965db0b00000000000000000000000000000000000000000000000000000000148061072857507f01ffc9a7000000000000000000000000000000000000000000000000000000007fffffffff00000000000000000000000000000000000000000000000000000000831614610728565b60608215611441575080610728565b8151156114565761145182611488565b610728565b6040517fd6bda27500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b805160208201fd5b803573ffffffffffffffffffffffffffffffffffffffff811681146114b3575f5ffd5b919050565b5f5f83601f8401126114c8575f5ffd5b50813567ffffffffffffffff8111156114df575f5ffd5b6020830191508360208285010111156114f6575f5ffd5b9250929050565b5f5f5f5f5f5f5f60c0888a031215611513575f5ffd5b61151c88611490565b965060208801359550604088013567ffffffffffffffff81111561153e575f5ffd5b61154a8a828b016114b8565b989b979a50986060810135976080820135975060a09091013595509350505050565b5f6020828403121561157c575f5ffd5b81357fffffffff000000000000000000000000000000000000000000000000000000008116811461093a575f5ffd5b5f5f5f5f5f5f60a087890312156115c0575f5ffd5b6115c987611490565b955060208701359450604087013567ffffffffffffffff8111156115eb575f5ffd5b6115f789828a016114b8565b979a9699509760608101359660809091013595509350505050565b5f60208284031215611622575f5ffd5b5035919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b604051601f82017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe016810167ffffffffffffffff8111828210171561169d5761169d611629565b604052919050565b5f82601f8301126116b4575f5ffd5b813567ffffffffffffffff8111156116ce576116ce611629565b6116ff60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f84011601611656565b818152846020838601011115611713575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f5f5f5f60808587031215611742575f5ffd5b61174b85611490565b935061175960208601611490565b925060408501359150606085013567ffffffffffffffff81111561177b575f5ffd5b611787878288016116a5565b91505092959194509250565b5f5f604083850312156117a4575f5ffd5b823591506117b460208401611490565b90509250929050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b6020810160048310611823577f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b91905290565b5f5f83601f840112611839575f5ffd5b50813567ffffffffffffffff811115611850575f5ffd5b6020830191508360208260051b85010111156114f6575f5ffd5b5f5f5f5f5f5f5f5f5f60c08a8c031215611882575f5ffd5b893567ffffffffffffffff811115611898575f5ffd5b6118a48c828d01611829565b909a5098505060208a013567ffffffffffffffff8111156118c3575f5ffd5b6118cf8c828d01611829565b90985096505060408a013567ffffffffffffffff8111156118ee575f5ffd5b6118fa8c828d01611829565b9a9d999c50979a969997986060880135976080810135975060a0013595509350505050565b5f5f5f5f5f5f5f5f60a0898b031215611936575f5ffd5b883567ffffffffffffffff81111561194c575f5ffd5b6119588b828c01611829565b909950975050602089013567ffffffffffffffff811115611977575f5ffd5b6119838b828c01611829565b909750955050604089013567ffffffffffffffff8111156119a2575f5ffd5b6119ae8b828c01611829565b999c989b509699959896976060870135966080013595509350505050565b5f82601f8301126119db575f5ffd5b813567ffffffffffffffff8111156119f5576119f5611629565b8060051b611a0560208201611656565b91825260208185018101929081019086841115611a20575f5ffd5b6020860192505b83831015611a42578235825260209283019290910190611a27565b9695505050505050565b5f5f5f5f5f60a08688031215611a60575f5ffd5b611a6986611490565b9450611a7760208701611490565b9350604086013567ffffffffffffffff811115611a92575f5ffd5b611a9e888289016119cc565b935050606086013567ffffffffffffffff811115611aba575f5ffd5b611ac6888289016119cc565b925050608086013567ffffffffffffffff811115611ae2575f5ffd5b611aee888289016116a5565b9150509295509295909350565b5f5f5f5f5f60a08688031215611b0f575f5ffd5b611b1886611490565b9450611b2660208701611490565b93506040860135925060608601359150608086013567ffffffffffffffff811115611ae2575f5ffd5b81835281816020850137505f602082840101525f60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116840101905092915050565b73ffffffffffffffffffffffffffffffffffffffff8716815285602082015260a060408201525f611bcb60a083018688611b4f565b60608301949094525060800152949350505050565b73ffffffffffffffffffffffffffffffffffffffff85168152836020820152606060408201525f611a42606083018486611b4f565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b5f60208284031215611c52575f5ffd5b61093a82611490565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1843603018112611c8e575f5ffd5b83018035915067ffffffffffffffff821115611ca8575f5ffd5b6020019150368190038213156114f6575f5ffd5b5f8383855260208501945060208460051b820101835f5b86811015611d80577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe084840301885281357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1873603018112611d33575f5ffd5b860160208101903567ffffffffffffffff811115611d4f575f5ffd5b803603821315611d5d575f5ffd5b611d68858284611b4f565b60209a8b019a90955093909301925050600101611cd3565b50909695505050505050565b60a080825281018890525f8960c08301825b8b811015611dd95773ffffffffffffffffffffffffffffffffffffffff611dc484611490565b16825260209283019290910190600101611d9e565b5083810360208501528881527f07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff891115611e11575f5ffd5b8860051b9150818a60208301370182810360209081016040850152611e399082018789611cbc565b60608401959095525050608001529695505050505050565b80820180821115610728577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b818382375f910190815291905056fea164736f6c634300081e000a' as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// Enums
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

/** `IClusterRegistry.ClusterStatus`, in the contract's order. */
export const clusterRegistryClusterStatus = {
  None: 0,
  Registered: 1,
  Attested: 2,
  Stale: 3,
  Suspended: 4,
  Retired: 5,
} as const
export const clusterRegistryClusterStatusNames = [
  'None',
  'Registered',
  'Attested',
  'Stale',
  'Suspended',
  'Retired',
] as const

/** `IClusterRegistry.SkipReason`, in the contract's order. */
export const clusterRegistrySkipReason = {
  EpochNotAfterLast: 0,
  StaleCommittee: 1,
  ClusterNotReportable: 2,
  GpusOnlineAboveAttested: 3,
} as const
export const clusterRegistrySkipReasonNames = [
  'EpochNotAfterLast',
  'StaleCommittee',
  'ClusterNotReportable',
  'GpusOnlineAboveAttested',
] as const

/** `IOffering.Phase`, in the contract's order. */
export const offeringPhase = {
  Pending: 0,
  Open: 1,
  SoldOut: 2,
  Succeeded: 3,
  Failed: 4,
  Finalized: 5,
  Cancelled: 6,
} as const
export const offeringPhaseNames = [
  'Pending',
  'Open',
  'SoldOut',
  'Succeeded',
  'Failed',
  'Finalized',
  'Cancelled',
] as const

/** `IShareMarket.Side`, in the contract's order. */
export const shareMarketSide = { Sell: 0, Buy: 1 } as const
export const shareMarketSideNames = ['Sell', 'Buy'] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// Constants
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

/** Numeric constants of `ClusterRegistry.sol`, as the contract declares them. */
export const clusterRegistryConstants = {
  MAX_UTILIZATION_BPS: 10000n,
  MAX_HEARTBEAT: 4294967295n,
} as const

/** EIP-712 type strings hashed by `ClusterRegistry.sol`, by typehash constant. */
export const clusterRegistryTypeStrings = {
  ATTESTATION_TYPEHASH:
    'Attestation(uint256 clusterId,bytes32 hardwareRoot,uint32 gpuCount,uint64 issuedAt,uint64 validUntil,uint32 nonce,uint32 committeeVersion)',
  EPOCH_REPORT_TYPEHASH:
    'EpochReport(uint256 clusterId,uint64 epoch,uint64 gpuHoursMilli,uint16 utilizationBps,uint32 gpusOnline,uint256 revenue,bytes32 telemetryRoot,uint32 committeeVersion)',
} as const

/** Numeric constants of `Offering.sol`, as the contract declares them. */
export const offeringConstants = {
  SHARE_UNIT: 1000000000000000000n,
  REVENUE_SCALE: 1000000000000000000000000000000000000n,
} as const

/** Numeric constants of `RackshareFactory.sol`, as the contract declares them. */
export const rackshareFactoryConstants = { MAX_CLAIM_TOKENS: 64n } as const

/** Numeric constants of `ShareMarket.sol`, as the contract declares them. */
export const shareMarketConstants = {
  MAX_FEE_BPS: 100n,
  BPS_DENOMINATOR: 10000n,
  SHARE_UNIT: 1000000000000000000n,
} as const

/** EIP-712 type strings hashed by `ShareMarket.sol`, by typehash constant. */
export const shareMarketTypeStrings = {
  OFFER_TYPEHASH:
    'Offer(address maker,uint8 side,uint256 clusterId,uint256 amount,uint256 price,address taker,uint256 expiry,uint256 nonce)',
} as const

/** Numeric constants of `ShareMarketNonces.sol`, as the contract declares them. */
export const shareMarketNoncesConstants = { NONCES_PER_WORD: 256n } as const

/** Numeric constants of `ShareToken.sol`, as the contract declares them. */
export const shareTokenConstants = {
  RATE_SCALE: 1000000000000000000n,
  MAX_DURATION: 315360000n,
  MAX_STABLECOIN_DECIMALS: 6n,
  MAX_TOTAL_DEPOSITED: 1152921504606846975n,
  MAX_SUPPLY: 79228162514264337593543950335n,
} as const

/** EIP-712 type strings hashed by `ShareToken.sol`, by typehash constant. */
export const shareTokenTypeStrings = {
  PERMIT_TYPEHASH:
    'Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)',
} as const

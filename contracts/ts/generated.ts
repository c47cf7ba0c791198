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
    inputs: [
      {
        name: 'attestation',
        internalType: 'struct IClusterRegistry.Attestation',
        type: 'tuple',
        components: [
          { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
          { name: 'hardwareRoot', internalType: 'bytes32', type: 'bytes32' },
          { name: 'gpuCount', internalType: 'uint32', type: 'uint32' },
          { name: 'validUntil', internalType: 'uint64', type: 'uint64' },
          { name: 'nonce', internalType: 'uint32', type: 'uint32' },
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
          { name: 'validUntil', internalType: 'uint64', type: 'uint64' },
          { name: 'nonce', internalType: 'uint32', type: 'uint32' },
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
  { type: 'event', anonymous: false, inputs: [], name: 'EIP712DomainChanged' },
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
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum IClusterRegistry.ClusterStatus',
        type: 'uint8',
      },
    ],
    name: 'ClusterNotReportable',
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
      { name: 'lastEpoch', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'EpochNotIncreasing',
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
      { name: 'gpusOnline', internalType: 'uint32', type: 'uint32' },
      { name: 'gpuCount', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'GpusOnlineTooHigh',
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
// IClusterRegistry
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iClusterRegistryAbi = [
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
    name: 'domainSeparator',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
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
          { name: 'validUntil', internalType: 'uint64', type: 'uint64' },
          { name: 'nonce', internalType: 'uint32', type: 'uint32' },
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
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'retireCluster',
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
          { name: 'validUntil', internalType: 'uint64', type: 'uint64' },
          { name: 'nonce', internalType: 'uint32', type: 'uint32' },
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
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum IClusterRegistry.ClusterStatus',
        type: 'uint8',
      },
    ],
    name: 'ClusterNotReportable',
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
      { name: 'lastEpoch', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'EpochNotIncreasing',
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
      { name: 'gpusOnline', internalType: 'uint32', type: 'uint32' },
      { name: 'gpuCount', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'GpusOnlineTooHigh',
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
    inputs: [
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'caller', internalType: 'address', type: 'address' },
    ],
    name: 'NotPendingOperator',
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
// IOffering
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iOfferingAbi = [
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
      { name: 'token', internalType: 'contract IShareToken', type: 'address' },
      { name: 'supply', internalType: 'uint256', type: 'uint256' },
      {
        name: 'terms',
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
    inputs: [],
    name: 'refund',
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
    ],
    name: 'Finalized',
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
  { type: 'error', inputs: [], name: 'AlreadyFinalized' },
  { type: 'error', inputs: [], name: 'AlreadyInitialized' },
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
    inputs: [{ name: 'supply', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidSupply',
  },
  { type: 'error', inputs: [], name: 'InvalidTerms' },
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
    inputs: [
      { name: 'phase', internalType: 'enum IOffering.Phase', type: 'uint8' },
    ],
    name: 'RefundUnavailable',
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
// IRackshareFactory
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iRackshareFactoryAbi = [
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
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// IShareToken
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iShareTokenAbi = [
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
    inputs: [],
    name: 'claim',
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
    inputs: [
      {
        name: 'registry',
        internalType: 'contract IClusterRegistry',
        type: 'address',
      },
      { name: 'clusterId', internalType: 'uint256', type: 'uint256' },
      { name: 'stablecoin', internalType: 'contract IERC20', type: 'address' },
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'symbol', internalType: 'string', type: 'string' },
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
      { name: 'allowed', internalType: 'bool', type: 'bool' },
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
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalClaimed',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
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
      { name: 'by', internalType: 'address', type: 'address', indexed: true },
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
      { name: 'allowed', internalType: 'bool', type: 'bool', indexed: false },
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
    inputs: [{ name: 'clusterId', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidClusterId',
  },
  {
    type: 'error',
    inputs: [{ name: 'duration', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidDuration',
  },
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
    inputs: [
      { name: 'caller', internalType: 'address', type: 'address' },
      { name: 'operator', internalType: 'address', type: 'address' },
    ],
    name: 'NotOperator',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'NotOperatorOrGovernance',
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
  { type: 'error', inputs: [], name: 'TokenPaused' },
  { type: 'error', inputs: [], name: 'ZeroAddress' },
  { type: 'error', inputs: [], name: 'ZeroAmount' },
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
    inputs: [],
    name: 'refund',
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
    ],
    name: 'Finalized',
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
  { type: 'error', inputs: [], name: 'AlreadyFinalized' },
  { type: 'error', inputs: [], name: 'AlreadyInitialized' },
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
    inputs: [{ name: 'supply', internalType: 'uint256', type: 'uint256' }],
    name: 'InvalidSupply',
  },
  { type: 'error', inputs: [], name: 'InvalidTerms' },
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
    inputs: [],
    name: 'claim',
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
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
      { name: 'duration', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'depositRevenue',
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
      { name: 'allowed', internalType: 'bool', type: 'bool' },
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
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalClaimed',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
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
      { name: 'allowed', internalType: 'bool', type: 'bool', indexed: false },
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
    name: 'NotOperatorOrGovernance',
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
// Bytecode
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const clusterRegistryBytecode =
  '0x610160604052348015610010575f5ffd5b5060405161469c38038061469c83398101604081905261002f91610485565b604080518082018252601981527f5261636b736861726520436c7573746572526567697374727900000000000000602080830191909152825180840190935260018352603160f81b9083015290856001600160a01b0381166100ab57604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b6100b4816101b9565b506100be826101d5565b610120526100cb816101d5565b61014052815160208084019190912060e052815190820120610100524660a05261015760e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c05282515f5b8181101561019c5761019485828151811061018157610181610570565b602002602001015161021260201b60201c565b600101610164565b506101a6836102ff565b6101af82610391565b5050505050610608565b600180546001600160a01b03191690556101d281610407565b50565b5f5f829050601f815111156101ff578260405163305a27a960e01b81526004016100a29190610584565b805161020a826105b9565b179392505050565b6001600160a01b0381166102395760405163e5c48ac560e01b815260040160405180910390fd5b6001600160a01b0381165f908152600860205260409020541561027a576040516327ec359360e21b81526001600160a01b03821660048201526024016100a2565b600780546001810182557fa66cc928b5edb82af9bd49922954155ab7b0942694bea4ce44661d9a8736c6880180546001600160a01b0319166001600160a01b03841690811790915590545f828152600860205260408082209290925590517f47d1c22a25bb3a5d4e481b9b1e6944c2eade3181a0a20b495ed61d35b5323f249190a250565b60075481158061030e57508082115b806103235750806103208360026105df565b11155b1561034b57604051637b7a98f160e01b815260048101839052602481018290526044016100a2565b600980549083905560408051828152602081018590527f3164947cf0f49f08dd0cd80e671535b1e11590d347c55dcaa97ba3c24a96b33a910160405180910390a1505050565b8015806103a1575063ffffffff81115b156103c257604051631480a85560e11b8152600481018290526024016100a2565b600a80549082905560408051828152602081018490527feb19e4933c591089518aaecad8e462612e60d4e9898e2962ef5d89161b9ea40e910160405180910390a15050565b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b80516001600160a01b038116811461046c575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f60808587031215610498575f5ffd5b6104a185610456565b60208601519094506001600160401b038111156104bc575f5ffd5b8501601f810187136104cc575f5ffd5b80516001600160401b038111156104e5576104e5610471565b604051600582901b90603f8201601f191681016001600160401b038111828210171561051357610513610471565b60405291825260208184018101929081018a841115610530575f5ffd5b6020850194505b838510156105565761054885610456565b815260209485019401610537565b506040890151606090990151979a90995095505050505050565b634e487b7160e01b5f52603260045260245ffd5b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b805160208083015191908110156105d9575f198160200360031b1b821691505b50919050565b808202811582820484141761060257634e487b7160e01b5f52601160045260245ffd5b92915050565b60805160a05160c05160e0516101005161012051610140516140436106595f395f612ec501525f612e9a01525f6130ed01525f6130c501525f61302001525f61304a01525f61307401526140435ff3fe608060405234801561000f575f5ffd5b506004361061021b575f3560e01c806395fcae6811610123578063d2e0c230116100b8578063e30c397811610088578063f2fde38b1161006e578063f2fde38b1461052f578063f41875e114610542578063f698da2514610577575f5ffd5b8063e30c3978146104fe578063ef81830b1461051c575f5ffd5b8063d2e0c23014610476578063d45b573714610489578063dc36e2811461049c578063dd15a307146104bc575f5ffd5b8063a558db1d116100f3578063a558db1d1461041d578063ad35efd414610430578063cdc9871914610450578063d29dba9114610463575f5ffd5b806395fcae68146103d1578063960bfe04146103e4578063966eb3f9146103f75780639cb71b121461040a575f5ffd5b806365af1bed116101b35780637760d16c116101835780637df73e27116101695780637df73e271461033157806384b0196e146103785780638da5cb5b14610393575f5ffd5b80637760d16c1461030257806379ba509714610329575f5ffd5b806365af1bed146102cc57806369d3ccc9146102df578063702f45f3146102f2578063715018a6146102fa575f5ffd5b806342cde4e8116101ee57806342cde4e81461028957806346f0975a146102915780635125c243146102a657806358a279ea146102b9575f5ffd5b806307090c1f1461021f5780633bad5426146102595780633defb9621461026e5780633eeb46dc14610276575b5f5ffd5b6102467f189cd313118cb6026c2e1e5a67170020856718c29629b69c66fc3232c3e73ed881565b6040519081526020015b60405180910390f35b61026c610267366004613372565b61057f565b005b600a54610246565b61026c6102843660046133df565b610778565b600954610246565b6102996107f5565b604051610250919061347e565b61026c6102b4366004613497565b610862565b61026c6102c73660046134ef565b610956565b61026c6102da366004613372565b610f9f565b6102466102ed366004613541565b610fbd565b600654610246565b61026c6111c4565b6102467f603cefcdacf1431b8097c03464a324d36c44e8c348b198414b04f6d72a8d18dc81565b61026c6111f6565b61036861033f366004613601565b73ffffffffffffffffffffffffffffffffffffffff165f90815260086020526040902054151590565b6040519015158152602001610250565b61038061126d565b6040516102509796959493929190613648565b5f5473ffffffffffffffffffffffffffffffffffffffff165b60405173ffffffffffffffffffffffffffffffffffffffff9091168152602001610250565b61026c6103df366004613707565b6112d0565b61026c6103f2366004613497565b611424565b61024661040536600461374f565b611435565b61026c610418366004613497565b61148d565b61026c61042b366004613497565b611650565b61044361043e366004613497565b6117cb565b60405161025091906137cf565b61026c61045e3660046137dd565b6118bb565b61026c610471366004613497565b611f5e565b61026c61048436600461382d565b611f6f565b610246610497366004613857565b611ffb565b6104af6104aa366004613497565b612005565b6040516102509190613870565b6104e56104ca366004613497565b5f9081526004602052604090205467ffffffffffffffff1690565b60405167ffffffffffffffff9091168152602001610250565b60015473ffffffffffffffffffffffffffffffffffffffff166103ac565b61026c61052a366004613497565b61248c565b61026c61053d366004613601565b612578565b6103ac610550366004613497565b5f9081526005602052604090205473ffffffffffffffffffffffffffffffffffffffff1690565b610246612626565b61058761262f565b73ffffffffffffffffffffffffffffffffffffffff82165f9081526008602052604081205490819003610603576040517f53b1def100000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff841660048201526024015b60405180910390fd5b600780545f919061061690600190613a35565b8154811061062657610626613a48565b5f9182526020909120015473ffffffffffffffffffffffffffffffffffffffff9081169150841681146106cf57806007610661600185613a35565b8154811061067157610671613a48565b5f91825260208083209190910180547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff94851617905591831681526008909152604090208290555b60078054806106e0576106e0613a75565b5f828152602080822083015f1990810180547fffffffffffffffffffffffff000000000000000000000000000000000000000016905590920190925573ffffffffffffffffffffffffffffffffffffffff8616808352600890915260408083208390555190917f3525e22824a8a7df2c9a6029941c824cf95b6447f1e13d5128fd3826d35afe8b91a261077283612683565b50505050565b836107828161272e565b61078b85612793565b5f858152600560205260409020600681016107a7858783613b63565b50828160030181905550857feab02659d82f207d7ba3d346964d09c280396a4798fae5bd584257ca143764758686866040516107e593929190613c46565b60405180910390a2505050505050565b6060600780548060200260200160405190810160405280929190818152602001828054801561085857602002820191905f5260205f20905b815473ffffffffffffffffffffffffffffffffffffffff16815260019091019060200180831161082d575b5050505050905090565b5f818152600560205260409020600181015473ffffffffffffffffffffffffffffffffffffffff1633141580610896575033155b156108d6576040517fb64f8398000000000000000000000000000000000000000000000000000000008152600481018390523360248201526044016105fa565b8054337fffffffffffffffffffffffff000000000000000000000000000000000000000080831682178455600184018054909116905560405173ffffffffffffffffffffffffffffffffffffffff90921691829085907f102173288c3ae5ab8570d656f2dae6ea2a7bdebd7e35cec0f1d9740ecaf4012f905f90a4505050565b805f819003610991576040517fc2e5347d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b425f5b82811015610f9857368585838181106109af576109af613a48565b90506020028101906109c19190613c69565b80355f818152600460209081526040808320815160e081018352815467ffffffffffffffff8116825264ffffffffff6801000000000000000082048116958301959095526d0100000000000000000000000000810485169382019390935272010000000000000000000000000000000000008304909316606084015263ffffffff770100000000000000000000000000000000000000000000008304811660808501527b0100000000000000000000000000000000000000000000000000000083041660a08401529495509293919290919060c083019060ff600160f81b909104166002811115610ab457610ab4613769565b6002811115610ac557610ac5613769565b90525090505f8160c001516002811115610ae157610ae1613769565b141580610aff57508464ffffffffff16816060015164ffffffffff16105b15610b435781610b0f83836127f8565b6040517fccb826d90000000000000000000000000000000000000000000000000000000081526004016105fa929190613ca5565b5f610b546040850160208601613cd0565b9050815f015167ffffffffffffffff168167ffffffffffffffff1611610bc45781516040517f50d6ad7c0000000000000000000000000000000000000000000000000000000081526004810185905267ffffffffffffffff808416602483015290911660448201526064016105fa565b612710610bd76080860160608701613cfa565b61ffff161115610c315782610bf26080860160608701613cfa565b6040517fb97d4e90000000000000000000000000000000000000000000000000000000008152600481019290925261ffff1660248201526044016105fa565b816080015163ffffffff16846080016020810190610c4f9190613d13565b63ffffffff161115610cba5782610c6c60a0860160808701613d13565b60808401516040517f11f88206000000000000000000000000000000000000000000000000000000008152600481019390935263ffffffff91821660248401521660448201526064016105fa565b610cfe610cc6856128f2565b8a8a88818110610cd857610cd8613a48565b9050602002810190610cea9190613c69565b610cf89060e0810190613d2c565b5f612929565b5067ffffffffffffffff808216835264ffffffffff80881660208086019182525f878152600490915260409081902086518154935192880151606089015160808a015160a08b015163ffffffff9081167b01000000000000000000000000000000000000000000000000000000027fff00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffff919092167701000000000000000000000000000000000000000000000002167fff0000000000000000ffffffffffffffffffffffffffffffffffffffffffffff9289167201000000000000000000000000000000000000027fffffffffffffffffff0000000000ffffffffffffffffffffffffffffffffffff948a166d010000000000000000000000000002949094167fffffffffffffffffff00000000000000000000ffffffffffffffffffffffffff9790991668010000000000000000027fffffffffffffffffffffffffffffffffffffff0000000000000000000000000090981694909916939093179590951793909316949094179190911791909116929092171780825560c084015184929182907effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16600160f81b836002811115610ed757610ed7613769565b0217905550505067ffffffffffffffff8116837f37ea8dcc2b2580a599f9f01208a886b8baddde527f313abb425a27ae48b08445610f1b6060880160408901613cd0565b610f2b6080890160608a01613cfa565b610f3b60a08a0160808b01613d13565b6040805167ffffffffffffffff909416845261ffff909216602084015263ffffffff169082015260a080890135606083015260c0808a0135608084015233918301919091520160405180910390a350505050806001019050610994565b5050505050565b610fa761262f565b610fb082612cf7565b610fb981612683565b5050565b5f8763ffffffff165f03610ffd576040517f46589cf900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b84611034576040517f6b041a1000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b60065f815461104290613d90565b91829055505f818152600460208181526040808420805463ffffffff8f1677010000000000000000000000000000000000000000000000027fffffffffff00000000ffffffffffffffffffffffffffffffffffffffffffffff9091161790556005909152909120805464ffffffffff421674010000000000000000000000000000000000000000027fffffffffffffff0000000000ffffffffffffffffffffffffffffffffffffffff33167fffffffffffffff0000000000000000000000000000000000000000000000000090921691909117178155600281018890556003810185905591925081016111368b8d83613b63565b5060058101611146888a83613b63565b5060068101611156858783613b63565b503373ffffffffffffffffffffffffffffffffffffffff16827f18d86b660f331c4b71c0433977a22c79e1184243b996cac0dbc96e16527f67c48d8d8d8d8d8d8d8d8d6040516111ae99989796959493929190613da8565b60405180910390a3509998505050505050505050565b6040517fffc0fd9300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b600154339073ffffffffffffffffffffffffffffffffffffffff168114611261576040517f118cdaa700000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff821660048201526024016105fa565b61126a81612e62565b50565b5f6060805f5f5f606061127e612e93565b611286612ebe565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b905090565b826112da8161272e565b6112e384612793565b8163ffffffff165f03611322576040517f46589cf900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b82611359576040517f6b041a1000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f848152600560209081526040808320600201869055600482529182902080547fffffffffff0000000000000000000000000000ffffffffffffffffffffffffff167701000000000000000000000000000000000000000000000063ffffffff87169081027fffffffffffffffffff00000000000000000000ffffffffffffffffffffffffff169190911782558351878152928301529186917f97e2497d6305f2676ac597a37a14379f95750e5e5724abd31c0c157f1789fc63910160405180910390a25050505050565b61142c61262f565b61126a81612683565b5f6114877f189cd313118cb6026c2e1e5a67170020856718c29629b69c66fc3232c3e73ed88360405160200161146c929190613e0c565b60405160208183030381529060405280519060200120612ee9565b92915050565b61149561262f565b5f8181526004602052604090206114ab82612f30565b60018154600160f81b900460ff1660028111156114ca576114ca613769565b146115fd576040805160e081018252825467ffffffffffffffff8116825264ffffffffff680100000000000000008204811660208401526d0100000000000000000000000000820481169383019390935272010000000000000000000000000000000000008104909216606082015263ffffffff770100000000000000000000000000000000000000000000008304811660808301527b0100000000000000000000000000000000000000000000000000000083041660a082015283916115c9918391859060c083019060ff600160f81b9091041660028111156115b0576115b0613769565b60028111156115c1576115c1613769565b9052506127f8565b6040517ff45350890000000000000000000000000000000000000000000000000000000081526004016105fa929190613ca5565b80547effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16815560405182907f4442731fe4d498ffb8cd4232e02021ef6089e13f7c62f794c5d7d1987f91faa8905f90a25050565b61165861262f565b5f81815260046020526040902061166e82612f30565b5f8154600160f81b900460ff16600281111561168c5761168c613769565b14611772576040805160e081018252825467ffffffffffffffff8116825264ffffffffff680100000000000000008204811660208401526d0100000000000000000000000000820481169383019390935272010000000000000000000000000000000000008104909216606082015263ffffffff770100000000000000000000000000000000000000000000008304811660808301527b0100000000000000000000000000000000000000000000000000000083041660a082015283916115c9918391859060c083019060ff600160f81b9091041660028111156115b0576115b0613769565b80547effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16600160f81b17815560405182907fb32fb9387d7a4338e27604b92ced18bfb472c66ffb5f4adc328bd47df0100a60905f90a25050565b5f818152600460209081526040808320815160e081018352815467ffffffffffffffff8116825264ffffffffff6801000000000000000082048116958301959095526d0100000000000000000000000000810485169382019390935272010000000000000000000000000000000000008304909316606084015263ffffffff770100000000000000000000000000000000000000000000008304811660808501527b0100000000000000000000000000000000000000000000000000000083041660a084015261148792859290919060c083019060ff600160f81b9091041660028111156115b0576115b0613769565b82355f818152600460209081526040808320815160e081018352815467ffffffffffffffff8116825264ffffffffff6801000000000000000082048116958301959095526d0100000000000000000000000000810485169382019390935272010000000000000000000000000000000000008304909316606084015263ffffffff770100000000000000000000000000000000000000000000008304811660808501527b0100000000000000000000000000000000000000000000000000000083041660a08401529060c083019060ff600160f81b9091041660028111156119a5576119a5613769565b60028111156119b6576119b6613769565b90525090505f8160c0015160028111156119d2576119d2613769565b1415806119dd575081155b806119e9575060065482115b15611a2d57816119f983836127f8565b6040517f1345bde00000000000000000000000000000000000000000000000000000000081526004016105fa929190613ca5565b5f82815260056020908152604090912060020154908601358114611a91576040517fcd4e0b0e0000000000000000000000000000000000000000000000000000000081526004810184905260208701356024820152604481018290526064016105fa565b608082015163ffffffff16611aac6060880160408901613d13565b63ffffffff1614611b165782611ac86060880160408901613d13565b60808401516040517f56114464000000000000000000000000000000000000000000000000000000008152600481019390935263ffffffff91821660248401521660448201526064016105fa565b60a08083015163ffffffff1690611b3290880160808901613d13565b63ffffffff1614611b9c5782611b4e60a0880160808901613d13565b60a08401516040517f1bb6603c000000000000000000000000000000000000000000000000000000008152600481019390935263ffffffff91821660248401521660448201526064016105fa565b5f611bad6080880160608901613cd0565b9050428167ffffffffffffffff1611611c0b576040517f3f98f56b0000000000000000000000000000000000000000000000000000000081526004810185905267ffffffffffffffff821660248201524260448201526064016105fa565b826060015164ffffffffff168167ffffffffffffffff1611611c7f5760608301516040517f9efb633e0000000000000000000000000000000000000000000000000000000081526004810186905267ffffffffffffffff8316602482015264ffffffffff90911660448201526064016105fa565b64ffffffffff67ffffffffffffffff82161115611cd4576040517f22b214d400000000000000000000000000000000000000000000000000000000815267ffffffffffffffff821660048201526024016105fa565b5f611cea611ce189611435565b88886001612929565b4264ffffffffff81811660408801528416606087015260a0860180519293509091611d1490613e7b565b63ffffffff9081169091525f8781526004602090815260409182902088518154928a0151938a015160608b015160808c015160a08d015188167b01000000000000000000000000000000000000000000000000000000027fff00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffff919098167701000000000000000000000000000000000000000000000002167fff0000000000000000ffffffffffffffffffffffffffffffffffffffffffffff64ffffffffff9283167201000000000000000000000000000000000000027fffffffffffffffffff0000000000ffffffffffffffffffffffffffffffffffff9484166d010000000000000000000000000002949094167fffffffffffffffffff00000000000000000000ffffffffffffffffffffffffff9390981668010000000000000000027fffffffffffffffffffffffffffffffffffffff0000000000000000000000000090971667ffffffffffffffff909516949094179590951716949094179390931792909216179190911780825560c087015187929182907effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16600160f81b836002811115611ee157611ee1613769565b02179055508791507fc2885faac000f334eb8a7420222253e5ab97aa700532b9c825d4f7fc4e0c7a17905060208b0135611f2160608d0160408e01613d13565b868d6080016020810190611f359190613d13565b868833604051611f4b9796959493929190613e9f565b60405180910390a2505050505050505050565b611f6661262f565b61126a81612f78565b81611f798161272e565b5f8381526005602052604080822060010180547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff861690811790915590519091339186917fa26000c1672e64bdb6704643b705eda0012818dec5fab45ca6c9c7865ef814c691a4505050565b5f611487826128f2565b60408051610220810182525f8082526020820181905291810182905260608082018190526080820181905260a0820183905260c0820183905260e0820152610100810182905261012081018290526101408101829052610160810182905261018081018290526101a081018290526101c081018290526101e081018290526102008101919091525f828152600460209081526040808320815160e081018352815467ffffffffffffffff8116825264ffffffffff6801000000000000000082048116958301959095526d0100000000000000000000000000810485169382019390935272010000000000000000000000000000000000008304909316606084015263ffffffff770100000000000000000000000000000000000000000000008304811660808501527b0100000000000000000000000000000000000000000000000000000083041660a08401529060c083019060ff600160f81b90910416600281111561217457612174613769565b600281111561218557612185613769565b9052505f848152600560209081526040909120805473ffffffffffffffffffffffffffffffffffffffff9081168652600182015416918501919091529091506121ce84836127f8565b836040019060058111156121e4576121e4613769565b908160058111156121f7576121f7613769565b90525060048101805461220990613acf565b80601f016020809104026020016040519081016040528092919081815260200182805461223590613acf565b80156122805780601f1061225757610100808354040283529160200191612280565b820191905f5260205f20905b81548152906001019060200180831161226357829003601f168201915b5050505050836060018190525080600501805461229c90613acf565b80601f01602080910402602001604051908101604052809291908181526020018280546122c890613acf565b80156123135780601f106122ea57610100808354040283529160200191612313565b820191905f5260205f20905b8154815290600101906020018083116122f657829003601f168201915b5050505060808086019290925250600282015460a085015282015163ffffffff1660c084015260068101805461234890613acf565b80601f016020809104026020016040519081016040528092919081815260200182805461237490613acf565b80156123bf5780601f10612396576101008083540402835291602001916123bf565b820191905f5260205f20905b8154815290600101906020018083116123a257829003601f168201915b505050505060e08401526003810154610100840152805474010000000000000000000000000000000000000000900464ffffffffff908116610120850152604083015181166101408501526060830151811661016085015260a083015163ffffffff16610180850152825167ffffffffffffffff166101a08501526020830151166101c084015260018260c00151600281111561245e5761245e613769565b146101e084015260028260c00151600281111561247d5761247d613769565b14610200840152509092915050565b61249461262f565b5f8181526004602052604090206124aa82612f30565b60028154600160f81b900460ff1660028111156124c9576124c9613769565b03612503576040517f0f49d24a000000000000000000000000000000000000000000000000000000008152600481018390526024016105fa565b80547effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff167f020000000000000000000000000000000000000000000000000000000000000017815560405182907f45a0decbdcdc8ed74722e6a2601ed790d3bd359e65b32fcc2403ee76b1f94389905f90a25050565b61258061262f565b600180547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff83169081179091556125e15f5473ffffffffffffffffffffffffffffffffffffffff1690565b73ffffffffffffffffffffffffffffffffffffffff167f38d16b8cac22d99fc7c124b9cd0de2d3fa1faef420bfe791d8c362d765e2270060405160405180910390a350565b5f6112cb613007565b5f5473ffffffffffffffffffffffffffffffffffffffff163314612681576040517f118cdaa70000000000000000000000000000000000000000000000000000000081523360048201526024016105fa565b565b60075481158061269257508082115b806126a75750806126a4836002613f16565b11155b156126e8576040517f7b7a98f100000000000000000000000000000000000000000000000000000000815260048101839052602481018290526044016105fa565b600980549083905560408051828152602081018590527f3164947cf0f49f08dd0cd80e671535b1e11590d347c55dcaa97ba3c24a96b33a910160405180910390a1505050565b5f8181526005602052604090205473ffffffffffffffffffffffffffffffffffffffff16331461126a576040517fcd6dc9bc000000000000000000000000000000000000000000000000000000008152600481018290523360248201526044016105fa565b60025f82815260046020526040902054600160f81b900460ff1660028111156127be576127be613769565b0361126a576040517f0f49d24a000000000000000000000000000000000000000000000000000000008152600481018290526024016105fa565b5f821580612807575060065483115b1561281357505f611487565b60028260c00151600281111561282b5761282b613769565b0361283857506005611487565b60018260c00151600281111561285057612850613769565b0361285d57506004611487565b816060015164ffffffffff165f0361287757506001611487565b816060015164ffffffffff1642111561289257506003611487565b5f826040015164ffffffffff16836020015164ffffffffff16116128ba5782604001516128c0565b82602001515b64ffffffffff169050600a54816128d79190613f2d565b4211156128e8576003915050611487565b5060029392505050565b5f6114877f603cefcdacf1431b8097c03464a324d36c44e8c348b198414b04f6d72a8d18dc8360405160200161146c929190613f40565b600954606090839080821015612975576040517ff1e86aa600000000000000000000000000000000000000000000000000000000815260048101839052602481018290526044016105fa565b83156129c1578167ffffffffffffffff81111561299457612994613aa2565b6040519080825280602002602001820160405280156129bd578160200160208202803683370190505b5092505b5f805b83811015612ceb575f5f5f6129fc8c8c8c878181106129e5576129e5613a48565b90506020028101906129f79190613fd5565b61313d565b919450925090505f826003811115612a1657612a16613769565b14612afa576003826003811115612a2f57612a2f613769565b03612a70576040517f64aad8c500000000000000000000000000000000000000000000000000000000815260048101859052602481018290526044016105fa565b6002826003811115612a8457612a84613769565b03612ac5576040517fd615d70600000000000000000000000000000000000000000000000000000000815260048101859052602481018290526044016105fa565b6040517f52bf9848000000000000000000000000000000000000000000000000000000008152600481018590526024016105fa565b73ffffffffffffffffffffffffffffffffffffffff83165f908152600860205260408120549003612b76576040517ffaf3b2e40000000000000000000000000000000000000000000000000000000081526004810185905273ffffffffffffffffffffffffffffffffffffffff841660248201526044016105fa565b8473ffffffffffffffffffffffffffffffffffffffff168373ffffffffffffffffffffffffffffffffffffffff1611612c86578473ffffffffffffffffffffffffffffffffffffffff168373ffffffffffffffffffffffffffffffffffffffff1603612c2d576040517f1f718e2a0000000000000000000000000000000000000000000000000000000081526004810185905273ffffffffffffffffffffffffffffffffffffffff841660248201526044016105fa565b6040517f5f4189660000000000000000000000000000000000000000000000000000000081526004810185905273ffffffffffffffffffffffffffffffffffffffff8085166024830152861660448201526064016105fa565b8294508815612cdd5782888581518110612ca257612ca2613a48565b602002602001019073ffffffffffffffffffffffffffffffffffffffff16908173ffffffffffffffffffffffffffffffffffffffff16815250505b5050508060010190506129c4565b50505050949350505050565b73ffffffffffffffffffffffffffffffffffffffff8116612d44576040517fe5c48ac500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b73ffffffffffffffffffffffffffffffffffffffff81165f9081526008602052604090205415612db8576040517f9fb0d64c00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff821660048201526024016105fa565b600780546001810182557fa66cc928b5edb82af9bd49922954155ab7b0942694bea4ce44661d9a8736c6880180547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff841690811790915590545f828152600860205260408082209290925590517f47d1c22a25bb3a5d4e481b9b1e6944c2eade3181a0a20b495ed61d35b5323f249190a250565b600180547fffffffffffffffffffffffff000000000000000000000000000000000000000016905561126a81613184565b60606112cb7f00000000000000000000000000000000000000000000000000000000000000006131f8565b60606112cb7f00000000000000000000000000000000000000000000000000000000000000006131f8565b5f611487612ef5613007565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b801580612f3e575060065481115b1561126a576040517fb8111a31000000000000000000000000000000000000000000000000000000008152600481018290526024016105fa565b801580612f88575063ffffffff81115b15612fc2576040517f290150aa000000000000000000000000000000000000000000000000000000008152600481018290526024016105fa565b600a80549082905560408051828152602081018490527feb19e4933c591089518aaecad8e462612e60d4e9898e2962ef5d89161b9ea40e910160405180910390a15050565b5f3073ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614801561306c57507f000000000000000000000000000000000000000000000000000000000000000046145b1561309657507f000000000000000000000000000000000000000000000000000000000000000090565b6112cb604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f80806041849003613171578435602086013560408701355f1a61316389828585613235565b95509550955050505061317b565b505f915060029050825b93509350939050565b5f805473ffffffffffffffffffffffffffffffffffffffff8381167fffffffffffffffffffffffff0000000000000000000000000000000000000000831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b60605f6132048361330a565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561326e57505f91506003905082613300565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa1580156132bf573d5f5f3e3d5ffd5b5050604051601f19015191505073ffffffffffffffffffffffffffffffffffffffff81166132f757505f925060019150829050613300565b92505f91508190505b9450945094915050565b5f60ff8216601f811115611487576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b803573ffffffffffffffffffffffffffffffffffffffff8116811461336d575f5ffd5b919050565b5f5f60408385031215613383575f5ffd5b61338c8361334a565b946020939093013593505050565b5f5f83601f8401126133aa575f5ffd5b50813567ffffffffffffffff8111156133c1575f5ffd5b6020830191508360208285010111156133d8575f5ffd5b9250929050565b5f5f5f5f606085870312156133f2575f5ffd5b84359350602085013567ffffffffffffffff81111561340f575f5ffd5b61341b8782880161339a565b9598909750949560400135949350505050565b5f8151808452602084019350602083015f5b8281101561347457815173ffffffffffffffffffffffffffffffffffffffff16865260209586019590910190600101613440565b5093949350505050565b602081525f613490602083018461342e565b9392505050565b5f602082840312156134a7575f5ffd5b5035919050565b5f5f83601f8401126134be575f5ffd5b50813567ffffffffffffffff8111156134d5575f5ffd5b6020830191508360208260051b85010111156133d8575f5ffd5b5f5f60208385031215613500575f5ffd5b823567ffffffffffffffff811115613516575f5ffd5b613522858286016134ae565b90969095509350505050565b803563ffffffff8116811461336d575f5ffd5b5f5f5f5f5f5f5f5f5f60c08a8c031215613559575f5ffd5b893567ffffffffffffffff81111561356f575f5ffd5b61357b8c828d0161339a565b909a50985061358e905060208b0161352e565b965060408a013567ffffffffffffffff8111156135a9575f5ffd5b6135b58c828d0161339a565b90975095505060608a0135935060808a013567ffffffffffffffff8111156135db575f5ffd5b6135e78c828d0161339a565b9a9d999c50979a9699959894979660a00135949350505050565b5f60208284031215613611575f5ffd5b6134908261334a565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f61368260e083018961361a565b8281036040840152613694818961361a565b6060840188905273ffffffffffffffffffffffffffffffffffffffff8716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b818110156136f65783518352602093840193909201916001016136d8565b50909b9a5050505050505050505050565b5f5f5f60608486031215613719575f5ffd5b83359250602084013591506137306040850161352e565b90509250925092565b5f60a08284031215613749575f5ffd5b50919050565b5f60a0828403121561375f575f5ffd5b6134908383613739565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b600681106137cb577f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b9052565b602081016114878284613796565b5f5f5f60c084860312156137ef575f5ffd5b6137f98585613739565b925060a084013567ffffffffffffffff811115613814575f5ffd5b613820868287016134ae565b9497909650939450505050565b5f5f6040838503121561383e575f5ffd5b8235915061384e6020840161334a565b90509250929050565b5f60e0828403128015613868575f5ffd5b509092915050565b6020815261389760208201835173ffffffffffffffffffffffffffffffffffffffff169052565b5f60208301516138bf604084018273ffffffffffffffffffffffffffffffffffffffff169052565b5060408301516138d26060840182613796565b50606083015161022060808401526138ee61024084018261361a565b90506080840151601f198483030160a085015261390b828261361a565b91505060a084015160c084015260c084015161392f60e085018263ffffffff169052565b5060e0840151601f198483030161010085015261394c828261361a565b91505061010084015161012084015261012084015161397561014085018264ffffffffff169052565b5061014084015164ffffffffff81166101608501525061016084015164ffffffffff81166101808501525061018084015163ffffffff81166101a0850152506101a084015167ffffffffffffffff81166101c0850152506101c084015164ffffffffff81166101e0850152506101e084015180151561020085015250610200840151801515610220850152509392505050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b8181038181111561148757611487613a08565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603160045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b600181811c90821680613ae357607f821691505b602082108103613749577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b601f821115613b5e57805f5260205f20601f840160051c81016020851015613b3f5750805b601f840160051c820191505b81811015610f98575f8155600101613b4b565b505050565b67ffffffffffffffff831115613b7b57613b7b613aa2565b613b8f83613b898354613acf565b83613b1a565b5f601f841160018114613bc0575f8515613ba95750838201355b5f19600387901b1c1916600186901b178355610f98565b5f83815260208120601f198716915b82811015613bef5786850135825560209485019460019092019101613bcf565b5086821015613c0b575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b81835281816020850137505f602082840101525f6020601f19601f840116840101905092915050565b604081525f613c59604083018587613c1d565b9050826020830152949350505050565b5f82357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff01833603018112613c9b575f5ffd5b9190910192915050565b828152604081016134906020830184613796565b803567ffffffffffffffff8116811461336d575f5ffd5b5f60208284031215613ce0575f5ffd5b61349082613cb9565b803561ffff8116811461336d575f5ffd5b5f60208284031215613d0a575f5ffd5b61349082613ce9565b5f60208284031215613d23575f5ffd5b6134908261352e565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1843603018112613d5f575f5ffd5b83018035915067ffffffffffffffff821115613d79575f5ffd5b6020019150600581901b36038213156133d8575f5ffd5b5f5f198203613da157613da1613a08565b5060010190565b60c081525f613dbb60c083018b8d613c1d565b63ffffffff8a1660208401528281036040840152613dda81898b613c1d565b90508660608401528281036080840152613df5818688613c1d565b9150508260a08301529a9950505050505050505050565b828152813560208083019190915282013560408083019190915260c082019063ffffffff90613e3c90850161352e565b16606083015267ffffffffffffffff613e5760608501613cb9565b16608083015263ffffffff613e6e6080850161352e565b1660a08301529392505050565b5f63ffffffff821663ffffffff8103613e9657613e96613a08565b60010192915050565b87815263ffffffff8716602082015267ffffffffffffffff8616604082015263ffffffff8516606082015264ffffffffff8416608082015260e060a08201525f613eec60e083018561342e565b905073ffffffffffffffffffffffffffffffffffffffff831660c083015298975050505050505050565b808202811582820484141761148757611487613a08565b8082018082111561148757611487613a08565b828152813560208083019190915261010082019067ffffffffffffffff90613f69908501613cb9565b16604083015267ffffffffffffffff613f8460408501613cb9565b16606083015261ffff613f9960608501613ce9565b16608083015263ffffffff613fb06080850161352e565b1660a08381019190915283013560c0808401919091529092013560e090910152919050565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1843603018112614008575f5ffd5b83018035915067ffffffffffffffff821115614022575f5ffd5b6020019150368190038213156133d8575f5ffdfea164736f6c634300081e000a' as const

export const offeringBytecode =
  '0x60c060405234801561000f575f5ffd5b50604051612c0b380380612c0b83398101604081905261002e916100a9565b6001600160a01b038216158061004b57506001600160a01b038116155b156100695760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b039182166080521660a0525f80546001600160a01b03191660011790556100e1565b6001600160a01b03811681146100a6575f5ffd5b50565b5f5f604083850312156100ba575f5ffd5b82516100c581610092565b60208401519092506100d681610092565b809150509250929050565b60805160a051612ad161013a5f395f8181610427015281816111350152818161144c015281816117da015281816118d3015261240401525f81816101e901528181610b9d015281816111ff01526121e00152612ad15ff3fe608060405234801561000f575f5ffd5b5060043610610149575f3560e01c80638d086da4116100c7578063d6febde81161007d578063ed1bd76c11610063578063ed1bd76c1461044b578063f0ea4bfc1461045e578063fc0c546a1461048b575f5ffd5b8063d6febde814610412578063e9cbd82214610425575f5ffd5b80639f37c5e8116100ad5780639f37c5e81461023d578063b1c9fe6e146102ac578063d5025625146102c1575f5ffd5b80638d086da41461020d57806396eec7f21461022a575f5ffd5b80633ca8265f1161011c578063570ca73511610102578063570ca735146101b2578063590e1ae3146101df5780637b103999146101e7575f5ffd5b80633ca8265f146101955780634bb278f3146101aa575f5ffd5b806302c7e7af1461014d578063047fc9aa1461017257806311dbf9dc1461017a5780631f66d7ed14610182575b5f5ffd5b6002546bffffffffffffffffffffffff165b6040519081526020015b60405180910390f35b61015f6104a8565b61015f61053b565b61015f6101903660046127c4565b6105a5565b6101a86101a33660046127df565b61071b565b005b6101a8610adb565b6101ba6111fc565b60405173ffffffffffffffffffffffffffffffffffffffff9091168152602001610169565b61015f611323565b7f00000000000000000000000000000000000000000000000000000000000000006101ba565b6102156114f3565b60408051928352602083019190915201610169565b61015f610238366004612843565b611871565b61021561024b3660046127c4565b73ffffffffffffffffffffffffffffffffffffffff9081165f908152600560209081526040918290208251808401909352546bffffffffffffffffffffffff81168084526c0100000000000000000000000090910490931691018190529091565b6102b461197e565b60405161016991906128f9565b61039b6040805160a0810182525f80825260208201819052918101829052606081018290526080810191909152506040805160a0810182526001546bffffffffffffffffffffffff6c010000000000000000000000008204811683525f547401000000000000000000000000000000000000000090048116602084015281169282019290925263ffffffff78010000000000000000000000000000000000000000000000008304811660608301527c0100000000000000000000000000000000000000000000000000000000909204909116608082015290565b60405161016991905f60a0820190506bffffffffffffffffffffffff83511682526bffffffffffffffffffffffff60208401511660208301526bffffffffffffffffffffffff604084015116604083015263ffffffff606084015116606083015263ffffffff608084015116608083015292915050565b61015f61042036600461290c565b611987565b7f00000000000000000000000000000000000000000000000000000000000000006101ba565b61015f61045936600461292c565b6119cf565b6002546c01000000000000000000000000900472ffffffffffffffffffffffffffffffffffffff1661015f565b5f5473ffffffffffffffffffffffffffffffffffffffff166101ba565b5f5f5f9054906101000a900473ffffffffffffffffffffffffffffffffffffffff1673ffffffffffffffffffffffffffffffffffffffff166318160ddd6040518163ffffffff1660e01b8152600401602060405180830381865afa158015610512573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906105369190612943565b905090565b5f5f5f9054906101000a900473ffffffffffffffffffffffffffffffffffffffff1673ffffffffffffffffffffffffffffffffffffffff166311dbf9dc6040518163ffffffff1660e01b8152600401602060405180830381865afa158015610512573d5f5f3e3d5ffd5b5f6001600280547f0100000000000000000000000000000000000000000000000000000000000000900460ff16908111156105e2576105e2612897565b146105ee57505f919050565b73ffffffffffffffffffffffffffffffffffffffff82165f908152600560205260408120546bffffffffffffffffffffffff169081900361063157505f92915050565b5f80546040517f402914f50000000000000000000000000000000000000000000000000000000081523060048201526106ea9173ffffffffffffffffffffffffffffffffffffffff169063402914f590602401602060405180830381865afa15801561069f573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906106c39190612943565b6003546ec097ce7bc90715b34b9f1000000000906bffffffffffffffffffffffff166119d9565b6004546106f79190612987565b905061071382826ec097ce7bc90715b34b9f10000000006119d9565b949350505050565b5f5473ffffffffffffffffffffffffffffffffffffffff161561076a576040517f0dc149f000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b73ffffffffffffffffffffffffffffffffffffffff83166107b7576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8115806107cf57506bffffffffffffffffffffffff82115b1561080e576040517f7cbab897000000000000000000000000000000000000000000000000000000008152600481018390526024015b60405180910390fd5b61081b602082018261299a565b6bffffffffffffffffffffffff16158061085f575061084060a08201608083016129c5565b63ffffffff1661085660808301606084016129c5565b63ffffffff1610155b8061087f57504261087660a08301608084016129c5565b63ffffffff1611155b806108a6575081610896604083016020840161299a565b6bffffffffffffffffffffffff16115b806108cd5750816108bd606083016040840161299a565b6bffffffffffffffffffffffff16115b15610904576040517f0256965f00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f80547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff8516179055610953604082016020830161299a565b5f80546bffffffffffffffffffffffff92909216740100000000000000000000000000000000000000000273ffffffffffffffffffffffffffffffffffffffff9092169190911790556109ac606082016040830161299a565b600180547fffffffffffffffffffffffffffffffffffffffff000000000000000000000000166bffffffffffffffffffffffff929092169190911790556109f6602082018261299a565b600180546bffffffffffffffffffffffff929092166c01000000000000000000000000027fffffffffffffffff000000000000000000000000ffffffffffffffffffffffff909216919091179055610a5460808201606083016129c5565b6001805463ffffffff929092167801000000000000000000000000000000000000000000000000027fffffffff00000000ffffffffffffffffffffffffffffffffffffffffffffffff909216919091179055610ab660a08201608083016129c5565b6001601c6101000a81548163ffffffff021916908363ffffffff160217905550505050565b610ae3611a8a565b5f600280547f0100000000000000000000000000000000000000000000000000000000000000900460ff1690811115610b1e57610b1e612897565b14610b55576040517f475a253500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f8054604080517f11dbf9dc000000000000000000000000000000000000000000000000000000008152905173ffffffffffffffffffffffffffffffffffffffff92831693927f0000000000000000000000000000000000000000000000000000000000000000169163f41875e19185916311dbf9dc9160048083019260209291908290030181865afa158015610bee573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610c129190612943565b6040518263ffffffff1660e01b8152600401610c3091815260200190565b602060405180830381865afa158015610c4b573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610c6f91906129e8565b6002549091506bffffffffffffffffffffffff165f610c8c611ae1565b90505f6002826005811115610ca357610ca3612897565b1480610cc057506003826005811115610cbe57610cbe612897565b145b15610ccd57506001610e41565b6004826005811115610ce157610ce1612897565b03610ced57505f610e41565b6001826005811115610d0157610d01612897565b03610e0d573373ffffffffffffffffffffffffffffffffffffffff851614610d73576040517f4738d05400000000000000000000000000000000000000000000000000000000815233600482015273ffffffffffffffffffffffffffffffffffffffff85166024820152604401610805565b5f547401000000000000000000000000000000000000000090046bffffffffffffffffffffffff16831015610e05575f546040517f060e0fc400000000000000000000000000000000000000000000000000000000815260048101859052740100000000000000000000000000000000000000009091046bffffffffffffffffffffffff166024820152604401610805565b506001610e41565b816040517fff99b99700000000000000000000000000000000000000000000000000000000815260040161080591906128f9565b5f5f8215610f9c5760028054600191907effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff167f0100000000000000000000000000000000000000000000000000000000000000830217905550600380547fffffffffffffffffffffffffffffffffffffffff000000000000000000000000166bffffffffffffffffffffffff8716179055600254604080517f18160ddd00000000000000000000000000000000000000000000000000000000815290516c0100000000000000000000000090920472ffffffffffffffffffffffffffffffffffffff169350869173ffffffffffffffffffffffffffffffffffffffff8a16916318160ddd9160048083019260209291908290030181865afa158015610f67573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610f8b9190612943565b610f959190612a03565b905061105a565b6002805481907effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff167f01000000000000000000000000000000000000000000000000000000000000008202179055508673ffffffffffffffffffffffffffffffffffffffff166318160ddd6040518163ffffffff1660e01b8152600401602060405180830381865afa158015611033573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906110579190612943565b90505b6040517fa262f5f800000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff87811660048301525f919089169063a262f5f8906024016020604051808303815f875af11580156110c8573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906110ec9190612943565b905081156111155761111573ffffffffffffffffffffffffffffffffffffffff89168884611cae565b821561115c5761115c73ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168885611cae565b60408051851515815260208101889052908101849052606081018390526080810182905273ffffffffffffffffffffffffffffffffffffffff8816907fefd608de1a7700acca9860fc4bfe4ed2f4b784c4c3cee7ab75fc44582c4e19999060a00160405180910390a250505050505050506111fa6111fa5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611adb565b565b5f7f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff1663f41875e15f5f9054906101000a900473ffffffffffffffffffffffffffffffffffffffff1673ffffffffffffffffffffffffffffffffffffffff166311dbf9dc6040518163ffffffff1660e01b8152600401602060405180830381865afa1580156112a2573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906112c69190612943565b6040518263ffffffff1660e01b81526004016112e491815260200190565b602060405180830381865afa1580156112ff573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061053691906129e8565b5f61132c611a8a565b5f611335611ae1565b9050600481600581111561134b5761134b612897565b1461138457806040517f8ee4800000000000000000000000000000000000000000000000000000000000815260040161080591906128f9565b335f9081526005602090815260408083208151808301909252546bffffffffffffffffffffffff811682526c01000000000000000000000000900473ffffffffffffffffffffffffffffffffffffffff169181018290529103611415576040517fbb386939000000000000000000000000000000000000000000000000000000008152336004820152602401610805565b335f81815260056020908152604082209190915582015173ffffffffffffffffffffffffffffffffffffffff9081169450611475917f00000000000000000000000000000000000000000000000000000000000000009091169085611cae565b8051604080516bffffffffffffffffffffffff90921682526020820185905233917f2dc8e290002f06fc0085bbca9dfb8b415cf4d1178950c72ff9ee8f4d8878ee66910160405180910390a250506114f06111fa5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611adb565b90565b5f5f6114fd611a8a565b6001600280547f0100000000000000000000000000000000000000000000000000000000000000900460ff169081111561153957611539612897565b1461157957611546611ae1565b6040517f6cb2321200000000000000000000000000000000000000000000000000000000815260040161080591906128f9565b335f908152600560205260408120546bffffffffffffffffffffffff1692508290036115d3576040517fdc69dc16000000000000000000000000000000000000000000000000000000008152336004820152602401610805565b5f80546003546040517f402914f500000000000000000000000000000000000000000000000000000000815230600482015273ffffffffffffffffffffffffffffffffffffffff909216926bffffffffffffffffffffffff90911691839063402914f590602401602060405180830381865afa158015611655573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906116799190612943565b60045490915081156116b15761169f826ec097ce7bc90715b34b9f1000000000856119d9565b6116a99082612987565b600481905590505b6116cb86826ec097ce7bc90715b34b9f10000000006119d9565b335f9081526005602052604081205594506116e68684612a03565b600380547fffffffffffffffffffffffffffffffffffffffff000000000000000000000000166bffffffffffffffffffffffff929092169190911790558115611799578373ffffffffffffffffffffffffffffffffffffffff16634e71d92d6040518163ffffffff1660e01b81526004016020604051808303815f875af1158015611773573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906117979190612943565b505b6117ba73ffffffffffffffffffffffffffffffffffffffff85163388611cae565b84156118015761180173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000163387611cae565b604080518781526020810187905233917ff8e0419d69f3af3590c7931c4532a98ebe7a581ed0a7e304c9ca774b3c99c113910160405180910390a25050505061186d6111fa5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611adb565b9091565b5f61187a611a8a565b6040517fd505accf000000000000000000000000000000000000000000000000000000008152336004820152306024820152604481018790526064810186905260ff8516608482015260a4810184905260c481018390527f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff169063d505accf9060e4015f604051808303815f87803b158015611929575f5ffd5b505af192505050801561193a575060015b506119458787611d0e565b90506119746111fa5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611adb565b9695505050505050565b5f610536611ae1565b5f611990611a8a565b61199a8383611d0e565b90506119c96111fa5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611adb565b92915050565b5f6119c982612488565b5f5f5f6119e686866124c6565b91509150815f03611a0a57838181611a0057611a00612a16565b0492505050611a83565b818411611a2157611a216003851502601118612501565b5f848688095f868103871696879004966002600389028118808a02820302808a02820302808a02820302808a02820302808a02820302808a02909103029181900381900460010185841190960395909502919093039390930492909217029150505b9392505050565b611ab47f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c612512565b6111fa60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90612549565b6002545f907f0100000000000000000000000000000000000000000000000000000000000000900460ff166001816002811115611b2057611b20612897565b03611b2d57600591505090565b6002816002811115611b4157611b41612897565b03611b4e57600491505090565b6001547801000000000000000000000000000000000000000000000000900463ffffffff16421015611b81575f91505090565b6002545f54604080517f18160ddd00000000000000000000000000000000000000000000000000000000815290516bffffffffffffffffffffffff9093169273ffffffffffffffffffffffffffffffffffffffff909216916318160ddd916004808201926020929091908290030181865afa158015611c02573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611c269190612943565b8103611c355760029250505090565b6001547c0100000000000000000000000000000000000000000000000000000000900463ffffffff16421015611c6e5760019250505090565b5f547401000000000000000000000000000000000000000090046bffffffffffffffffffffffff16811015611ca4576004611ca7565b60035b9250505090565b611cbb8383836001612550565b611d09576040517f5274afe700000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff84166004820152602401610805565b505050565b5f825f03611d48576040517f9811e0c700000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f600280547f0100000000000000000000000000000000000000000000000000000000000000900460ff1690811115611d8357611d83612897565b14611dba576040517f1de6ce2b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001547801000000000000000000000000000000000000000000000000900463ffffffff16421015611e45576001546040517f457f8731000000000000000000000000000000000000000000000000000000008152780100000000000000000000000000000000000000000000000090910463ffffffff166004820152426024820152604401610805565b6001547c0100000000000000000000000000000000000000000000000000000000900463ffffffff164210611ed7576001546040517fce4010410000000000000000000000000000000000000000000000000000000081527c010000000000000000000000000000000000000000000000000000000090910463ffffffff166004820152426024820152604401610805565b5f8054600254604080517f18160ddd000000000000000000000000000000000000000000000000000000008152905173ffffffffffffffffffffffffffffffffffffffff909316936bffffffffffffffffffffffff90921692839185916318160ddd916004808201926020929091908290030181865afa158015611f5d573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611f819190612943565b611f8b9190612a03565b9050805f03611fc6576040517f52df9fe500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8086111561200a576040517ff838f98a0000000000000000000000000000000000000000000000000000000081526004810187905260248101829052604401610805565b335f9081526005602090815260408083208151808301909252546bffffffffffffffffffffffff81168083526c0100000000000000000000000090910473ffffffffffffffffffffffffffffffffffffffff16928201929092529190612071908990612987565b6001549091506bffffffffffffffffffffffff16801580159061209357508082115b156120da576040517fc11df0120000000000000000000000000000000000000000000000000000000081523360048201526024810183905260448101829052606401610805565b6120e389612488565b965087871115612129576040517ff0a782250000000000000000000000000000000000000000000000000000000081526004810188905260248101899052604401610805565b5f8673ffffffffffffffffffffffffffffffffffffffff166311dbf9dc6040518163ffffffff1660e01b8152600401602060405180830381865afa158015612173573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906121979190612943565b6040517fad35efd4000000000000000000000000000000000000000000000000000000008152600481018290529091505f9073ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000169063ad35efd490602401602060405180830381865afa158015612225573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906122499190612a43565b9050600281600581111561225f5761225f612897565b1461229a5781816040517f14963bd4000000000000000000000000000000000000000000000000000000008152600401610805929190612a61565b5f6122a58c89612987565b6002549091505f906122dd908c906c01000000000000000000000000900472ffffffffffffffffffffffffffffffffffffff16612987565b600280547fffffffffffffffffffffffffffffffffffffffff000000000000000000000000166bffffffffffffffffffffffff85161790559050612320816125d8565b6002600c6101000a81548172ffffffffffffffffffffffffffffffffffffff021916908372ffffffffffffffffffffffffffffffffffffff1602179055506040518060400160405280876bffffffffffffffffffffffff1681526020018c896020015173ffffffffffffffffffffffffffffffffffffffff166123a39190612987565b73ffffffffffffffffffffffffffffffffffffffff908116909152335f8181526005602090815260409091208451949091015183166c01000000000000000000000000026bffffffffffffffffffffffff9094169390931790925561242e917f000000000000000000000000000000000000000000000000000000000000000090911690308e612634565b604080518e8152602081018d90529081018390526060810182905233907f5f5252e81556cf80e49da97ac40f17af2fb3b00e318b675ae93089f555bfa3809060800160405180910390a25050505050505050505092915050565b5f6119c9826001600c9054906101000a90046bffffffffffffffffffffffff166bffffffffffffffffffffffff16670de0b6b3a76400006001612696565b5f807fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff83850993909202808410938190039390930393915050565b634e487b715f52806020526024601cfd5b156111fa576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b6040517fa9059cbb000000000000000000000000000000000000000000000000000000005f81815273ffffffffffffffffffffffffffffffffffffffff8616600452602485905291602083604481808b5af1925060015f511483166125cc5783831516156125c0573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f72ffffffffffffffffffffffffffffffffffffff821115612630576040517f6dfcc6500000000000000000000000000000000000000000000000000000000081526098600482015260248101839052604401610805565b5090565b6126428484848460016126e1565b612690576040517f5274afe700000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff85166004820152602401610805565b50505050565b5f6126c36126a383612774565b80156126be57505f84806126b9576126b9612a16565b868809115b151590565b6126ce8686866119d9565b6126d89190612987565b95945050505050565b6040517f23b872dd000000000000000000000000000000000000000000000000000000005f81815273ffffffffffffffffffffffffffffffffffffffff8781166004528616602452604485905291602083606481808c5af1925060015f51148316612763578383151615612757573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f600282600381111561278957612789612897565b6127939190612a7e565b60ff166001149050919050565b73ffffffffffffffffffffffffffffffffffffffff811681146127c1575f5ffd5b50565b5f602082840312156127d4575f5ffd5b8135611a83816127a0565b5f5f5f83850360e08112156127f2575f5ffd5b84356127fd816127a0565b93506020850135925060a07fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc082011215612835575f5ffd5b506040840190509250925092565b5f5f5f5f5f5f60c08789031215612858575f5ffd5b863595506020870135945060408701359350606087013560ff8116811461287d575f5ffd5b9598949750929560808101359460a0909101359350915050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b600681106127c1577f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b60208101612906836128c4565b91905290565b5f5f6040838503121561291d575f5ffd5b50508035926020909101359150565b5f6020828403121561293c575f5ffd5b5035919050565b5f60208284031215612953575f5ffd5b5051919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b808201808211156119c9576119c961295a565b5f602082840312156129aa575f5ffd5b81356bffffffffffffffffffffffff81168114611a83575f5ffd5b5f602082840312156129d5575f5ffd5b813563ffffffff81168114611a83575f5ffd5b5f602082840312156129f8575f5ffd5b8151611a83816127a0565b818103818111156119c9576119c961295a565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b5f60208284031215612a53575f5ffd5b815160068110611a83575f5ffd5b82815260408101612a71836128c4565b8260208301529392505050565b5f60ff831680612ab5577f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b8060ff8416069150509291505056fea164736f6c634300081e000a' as const

export const rackshareFactoryBytecode =
  '0x610100604052348015610010575f5ffd5b506040516112b83803806112b883398101604081905261002f916102ab565b836001600160a01b03163b5f0361006957604051630c76093760e01b81526001600160a01b03851660048201526024015b60405180910390fd5b826001600160a01b03163b5f0361009e57604051630c76093760e01b81526001600160a01b0384166004820152602401610060565b816001600160a01b03163b5f036100d357604051630c76093760e01b81526001600160a01b0383166004820152602401610060565b806001600160a01b03163b5f0361010857604051630c76093760e01b81526001600160a01b0382166004820152602401610060565b5f819050846001600160a01b0316816001600160a01b0316637b1039996040518163ffffffff1660e01b8152600401602060405180830381865afa158015610152573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906101769190610307565b6001600160a01b03161415806101fd5750836001600160a01b0316816001600160a01b031663e9cbd8226040518163ffffffff1660e01b8152600401602060405180830381865afa1580156101cd573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906101f19190610307565b6001600160a01b031614155b15610226576040516320cad53160e11b81526001600160a01b0383166004820152602401610060565b6001600160a01b03858116608081905285821660a081905285831660c081905292851660e081905260408051948552602085019190915290927ff3a44e744bfef3572e43fcf83ff430e2ee61d28e3f05ac03c27b355677043f14910160405180910390a35050505050610329565b6001600160a01b03811681146102a8575f5ffd5b50565b5f5f5f5f608085870312156102be575f5ffd5b84516102c981610294565b60208601519094506102da81610294565b60408601519093506102eb81610294565b60608601519092506102fc81610294565b939692955090935050565b5f60208284031215610317575f5ffd5b815161032281610294565b9392505050565b60805160a05160c05160e051610f0f6103a95f395f81816101540152818161027601528181610629015261098601525f8181610108015281816101e001528181610532015281816105fd01526108d501525f818161018d015261082801525f818161012e0152818161031a0152818161044201526108060152610f0f5ff3fe608060405234801561000f575f5ffd5b5060043610610085575f3560e01c80637cf35b6d116100585780637cf35b6d146101525780638f356f6e14610178578063e9cbd8221461018b578063ea78803f146101b1575f5ffd5b80630d81d57a14610089578063540dde9c146100c65780635faee938146101065780637b1039991461012c575b5f5ffd5b61009c610097366004610bb3565b610255565b60405173ffffffffffffffffffffffffffffffffffffffff90911681526020015b60405180910390f35b6100d96100d4366004610bca565b610315565b6040805173ffffffffffffffffffffffffffffffffffffffff9384168152929091166020830152016100bd565b7f000000000000000000000000000000000000000000000000000000000000000061009c565b7f000000000000000000000000000000000000000000000000000000000000000061009c565b7f000000000000000000000000000000000000000000000000000000000000000061009c565b6100d9610186366004610bb3565b6108cd565b7f000000000000000000000000000000000000000000000000000000000000000061009c565b61009c6101bf366004610bb3565b6040513060388201526f5af43d82803e903d91602b57fd5bf3ff60248201527f00000000000000000000000000000000000000000000000000000000000000006014820152733d602d80600a3d3981f3363d3d373d3d3d363d738152605881018290526037600c820120607882015260556043909101205f90819073ffffffffffffffffffffffffffffffffffffffff166102e7565b6040513060388201526f5af43d82803e903d91602b57fd5bf3ff60248201527f00000000000000000000000000000000000000000000000000000000000000006014820152733d602d80600a3d3981f3363d3d373d3d3d363d738152605881018290526037600c820120607882015260556043909101205f90819073ffffffffffffffffffffffffffffffffffffffff165b905073ffffffffffffffffffffffffffffffffffffffff81163b1561030c578061030e565b5f5b9392505050565b5f5f5f7f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff1663f41875e1866040518263ffffffff1660e01b815260040161037391815260200190565b602060405180830381865afa15801561038e573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906103b29190610c15565b90503373ffffffffffffffffffffffffffffffffffffffff821614610411576040517fcd6dc9bc000000000000000000000000000000000000000000000000000000008152600481018690523360248201526044015b60405180910390fd5b6040517fad35efd4000000000000000000000000000000000000000000000000000000008152600481018690525f907f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff169063ad35efd490602401602060405180830381865afa15801561049c573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104c09190610c48565b905060028160058111156104d6576104d6610c66565b146105115785816040517f14963bd4000000000000000000000000000000000000000000000000000000008152600401610408929190610c93565b6040513060388201526f5af43d82803e903d91602b57fd5bf3ff60248201527f00000000000000000000000000000000000000000000000000000000000000006014820152733d602d80600a3d3981f3363d3d373d3d3d363d738152605881018790526037600c82012060788201526055604390910120869073ffffffffffffffffffffffffffffffffffffffff16803b156105f8576040517f16a985d20000000000000000000000000000000000000000000000000000000081526004810189905273ffffffffffffffffffffffffffffffffffffffff82166024820152604401610408565b6106227f0000000000000000000000000000000000000000000000000000000000000000836109fd565b955061064e7f0000000000000000000000000000000000000000000000000000000000000000836109fd565b94508473ffffffffffffffffffffffffffffffffffffffff16633ca8265f8789604001356040518060a001604052808c60600160208101906106909190610cdc565b6bffffffffffffffffffffffff1681526020016106b360e08e0160c08f01610cdc565b6bffffffffffffffffffffffff1681526020016106d76101008e0160e08f01610cdc565b6bffffffffffffffffffffffff1681526020016106fa60a08e0160808f01610d07565b63ffffffff16815260200161071560c08e0160a08f01610d07565b63ffffffff908116909152604080517fffffffff0000000000000000000000000000000000000000000000000000000060e088901b16815273ffffffffffffffffffffffffffffffffffffffff9095166004860152602485019390935281516bffffffffffffffffffffffff90811660448601526020830151811660648601529282015190921660848401526060810151821660a4840152608001511660c482015260e4015f604051808303815f87803b1580156107d1575f5ffd5b505af11580156107e3573d5f5f3e3d5ffd5b50505073ffffffffffffffffffffffffffffffffffffffff8716905063eaca4a337f00000000000000000000000000000000000000000000000000000000000000008a7f00000000000000000000000000000000000000000000000000000000000000006108518c80610d2a565b61085e60208f018f610d2a565b8f604001358e6040518a63ffffffff1660e01b815260040161088899989796959493929190610dd9565b5f604051808303815f87803b15801561089f575f5ffd5b505af11580156108b1573d5f5f3e3d5ffd5b505050506108c2888787878b610a09565b505050509250929050565b5f80826109657f0000000000000000000000000000000000000000000000000000000000000000826040513060388201526f5af43d82803e903d91602b57fd5bf3ff60248201526014810192909252733d602d80600a3d3981f3363d3d373d3d3d363d73825260588201526037600c8201206078820152605560439091012073ffffffffffffffffffffffffffffffffffffffff1690565b6040513060388201526f5af43d82803e903d91602b57fd5bf3ff60248201527f00000000000000000000000000000000000000000000000000000000000000006014820152733d602d80600a3d3981f3363d3d373d3d3d363d738152605881018390526037600c8201206078820152605560439091012090935073ffffffffffffffffffffffffffffffffffffffff16915050915091565b5f61030e83835f610adf565b73ffffffffffffffffffffffffffffffffffffffff808416908516867f065ca5396de2d1d115e935ae2251ea5027772022f7eb84d3b70f812bb0ae930c85610a518680610d2a565b610a5e6020890189610d2a565b60408a0135610a7360808c0160608d01610cdc565b610a8360a08d0160808e01610d07565b610a9360c08e0160a08f01610d07565b8d60c0016020810190610aa69190610cdc565b8e60e0016020810190610ab99190610cdc565b604051610ad09b9a99989796959493929190610e70565b60405180910390a45050505050565b5f81471015610b23576040517fcf47918100000000000000000000000000000000000000000000000000000000815247600482015260248101839052604401610408565b763d602d80600a3d3981f3363d3d373d3d3d363d730000008460601b60e81c175f526e5af43d82803e903d91602b57fd5bf38460781b17602052826037600984f5905073ffffffffffffffffffffffffffffffffffffffff811661030e576040517fb06ebf3d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f60208284031215610bc3575f5ffd5b5035919050565b5f5f60408385031215610bdb575f5ffd5b82359150602083013567ffffffffffffffff811115610bf8575f5ffd5b83016101008186031215610c0a575f5ffd5b809150509250929050565b5f60208284031215610c25575f5ffd5b815173ffffffffffffffffffffffffffffffffffffffff8116811461030e575f5ffd5b5f60208284031215610c58575f5ffd5b81516006811061030e575f5ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b8281526040810160068310610ccf577f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffd5b8260208301529392505050565b5f60208284031215610cec575f5ffd5b81356bffffffffffffffffffffffff8116811461030e575f5ffd5b5f60208284031215610d17575f5ffd5b813563ffffffff8116811461030e575f5ffd5b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1843603018112610d5d575f5ffd5b83018035915067ffffffffffffffff821115610d77575f5ffd5b602001915036819003821315610d8b575f5ffd5b9250929050565b81835281816020850137505f602082840101525f60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116840101905092915050565b73ffffffffffffffffffffffffffffffffffffffff8a16815288602082015273ffffffffffffffffffffffffffffffffffffffff8816604082015260e060608201525f610e2a60e08301888a610d92565b8281036080840152610e3d818789610d92565b9150508360a083015273ffffffffffffffffffffffffffffffffffffffff831660c08301529a9950505050505050505050565b73ffffffffffffffffffffffffffffffffffffffff8c16815261012060208201525f610ea161012083018c8e610d92565b8281036040840152610eb4818b8d610d92565b606084019990995250506bffffffffffffffffffffffff958616608082015263ffffffff94851660a08201529290931660c0830152831660e08201529116610100909101529594505050505056fea164736f6c634300081e000a' as const

export const shareTokenBytecode =
  '0x610160604052348015610010575f5ffd5b506040518060400160405280600f81526020016e5261636b736861726520536861726560881b815250604051806040016040528060018152602001603160f81b8152506100628261011160201b60201c565b6101205261006f81610111565b61014052815160208084019190912060e052815190820120610100524660a0526100fb60e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c05261010c610157565b610264565b5f5f829050601f81511115610144578260405163305a27a960e01b815260040161013b9190610209565b60405180910390fd5b805161014f8261023e565b179392505050565b7ff0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00805468010000000000000000900460ff16156101a75760405163f92ee8a960e01b815260040160405180910390fd5b80546001600160401b03908116146102065780546001600160401b0319166001600160401b0390811782556040519081527fc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d29060200160405180910390a15b50565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b8051602080830151919081101561025e575f198160200360031b1b821691505b50919050565b60805160a05160c05160e0516101005161012051610140516135b56102b55f395f61290f01525f6128e401525f61222401525f6121fc01525f61215701525f61218101525f6121ab01526135b55ff3fe608060405234801561000f575f5ffd5b50600436106102e3575f3560e01c80638456cb5911610187578063ba6188ca116100dd578063dd62ed3e11610093578063e9cbd8221161006e578063e9cbd8221461071d578063eaca4a3314610725578063ff50abdc14610738575f5ffd5b8063dd62ed3e1461064e578063e46638e614610686578063e5839836146106d1575f5ffd5b8063d505accf116100c3578063d505accf14610612578063d54ad2a114610625578063d7644ba21461063b575f5ffd5b8063ba6188ca146105d7578063ceebd5c9146105ea575f5ffd5b80639fc1d0e71161013d578063ac869cd811610118578063ac869cd81461058e578063b1724b46146105a1578063b9209e33146105ac575f5ffd5b80639fc1d0e714610555578063a262f5f814610568578063a9059cbb1461057b575f5ffd5b806385db8d421161016d57806385db8d421461050e57806394c8e4ff1461052157806395d89b411461054d575f5ffd5b80638456cb59146104eb57806384b0196e146104f3575f5ffd5b8063402914f51161023c5780636f2a6791116101f257806379e071af116101cd57806379e071af146104c15780637b103999146104d05780637ecebe00146104d8575f5ffd5b80636f2a67911461042f57806370a082311461047857806378228c1f146104ae575f5ffd5b8063570ca73511610222578063570ca735146103d05780635c975abb146103f05780636354694d1461041c575f5ffd5b8063402914f5146103b55780634e71d92d146103c8575f5ffd5b806318160ddd1161029c578063313ce56711610277578063313ce567146103965780633644e515146103a55780633f4ba83a146103ad575f5ffd5b806318160ddd146103655780632119a5c31461037b57806323b872dd14610383575f5ffd5b8063095ea7b3116102cc578063095ea7b31461031a5780630cae7afc1461033d57806311dbf9dc14610350575f5ffd5b806306fdde03146102e757806308e2f36c14610305575b5f5ffd5b6102ef61074e565b6040516102fc9190612dcf565b60405180910390f35b610318610313366004612e30565b6107de565b005b61032d610328366004612eb3565b610892565b60405190151581526020016102fc565b61031861034b366004612edd565b6108a8565b600a5460a01c5b6040519081526020016102fc565b6008546bffffffffffffffffffffffff16610357565b610357610b08565b61032d610391366004612efd565b610b43565b604051601281526020016102fc565b610357610b64565b610318610b72565b6103576103c3366004612f3b565b610bda565b610357610c81565b6103d8610c8b565b6040516001600160a01b0390911681526020016102fc565b6007547f400000000000000000000000000000000000000000000000000000000000000016151561032d565b61031861042a366004612eb3565b610c94565b610437610cab565b6040516102fc91905f60a082019050825182526020830151602083015260408301516040830152606083015160608301526080830151608083015292915050565b610357610486366004612f3b565b6001600160a01b03165f908152600360205260409020546bffffffffffffffffffffffff1690565b6103186104bc366004612f56565b610d9f565b610357670de0b6b3a764000081565b600a546103d8565b6103576104e6366004612f3b565b610f0d565b610318610f2a565b6104fb610f8d565b6040516102fc9796959493929190612f8d565b61031861051c366004613053565b610feb565b6007547f800000000000000000000000000000000000000000000000000000000000000016151561032d565b6102ef611086565b610318610563366004612efd565b611095565b610357610576366004612f3b565b61110b565b61032d610589366004612eb3565b611155565b61031861059c366004613053565b611161565b6103576312cc030081565b61032d6105ba366004612f3b565b6001600160a01b03165f9081526005602052604090205442111590565b61032d6105e5366004612f3b565b611239565b6103576105f8366004612f3b565b6001600160a01b03165f9081526005602052604090205490565b610318610620366004613086565b61127a565b61035760095460a01c67ffffffffffffffff1690565b6103186106493660046130f7565b6113dd565b61035761065c366004612f56565b6001600160a01b039182165f90815260046020908152604080832093909416825291909152205490565b610699610694366004612efd565b611485565b6040805192151583527fffffffff000000000000000000000000000000000000000000000000000000009091166020830152016102fc565b61032d6106df366004612f3b565b6001600160a01b03165f908152600360205260409020547f800000000000000000000000000000000000000000000000000000000000000016151590565b6009546103d8565b61031861073336600461314e565b61173b565b61035760085460601c67ffffffffffffffff1690565b6060600b805461075d90613206565b80601f016020809104026020016040519081016040528092919081815260200182805461078990613206565b80156107d45780601f106107ab576101008083540402835291602001916107d4565b820191905f5260205f20905b8154815290600101906020018083116107b757829003601f168201915b5050505050905090565b6107e6611b1f565b5082818114610830576040517fab8b67c600000000000000000000000000000000000000000000000000000000815260048101829052602481018390526044015b60405180910390fd5b5f5b8181101561088a5761088286868381811061084f5761084f613257565b90506020020160208101906108649190612f3b565b85858481811061087657610876613257565b90506020020135611b80565b600101610832565b505050505050565b5f61089e338484611c0d565b5060015b92915050565b5f6108b1611ca7565b9050336001600160a01b038216148015906108ef57506001600160a01b0381165f90815260066020908152604080832033845290915290205460ff16155b15610928576040517f234bc6dd000000000000000000000000000000000000000000000000000000008152336004820152602401610827565b5f5f5f6109358686611d36565b6009546040517f70a082310000000000000000000000000000000000000000000000000000000081523060048201529396509194509250905f906001600160a01b038316906370a0823190602401602060405180830381865afa15801561099e573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906109c29190613284565b90506109d96001600160a01b03831633308b611fb3565b6040517f70a082310000000000000000000000000000000000000000000000000000000081523060048201525f9082906001600160a01b038516906370a0823190602401602060405180830381865afa158015610a38573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610a5c9190613284565b610a6691906132c8565b905088811015610aac576040517f4f2f9475000000000000000000000000000000000000000000000000000000008152600481018a905260248101829052604401610827565b604080518a8152602081018a9052908101879052606081018690526080810185905233907f61c427088ec49f239fced79b79fbad138dd8d3a250946f4dde63a6c9832dae249060a00160405180910390a2505050505050505050565b5f5f6007549050607f60f682901c166bffffffffffffffffffffffff60085416610b3183612008565b610b3b91906132db565b901c91505090565b5f610b4f84338461206b565b610b5a848484612139565b5060019392505050565b5f610b6d61214b565b905090565b610b7a612274565b600780547fbfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1690556040515f815233907f8458655aae38234254cec6eb5a3b01cea3c62fc526cbde2ca6f576776436ddbc906020015b60405180910390a2565b6007546001600160a01b0382165f908152600360205260408120549091908290610c6c90610c0784612008565b846bffffffffffffffffffffffff831660a084811c6b07ffffffffffffffffffffff1684039190910260f683901c607f161c60601b84017ff80000000000000000000000ffffffffffffffffffffffffffffffffffffffff169083901b179392505050565b60601c67ffffffffffffffff16949350505050565b5f610b6d3361234b565b5f610b6d611ca7565b610c9c611b1f565b50610ca78282611b80565b5050565b610cd86040518060a001604052805f81526020015f81526020015f81526020015f81526020015f81525090565b6007546008546040805160a081019091526bffffffffffffffffffffffff82169060f684901c607f16908082670de0b6b3a7640000610d2986605b8a901c6b07ffffffffffffffffffffff166132db565b610d3391906132db565b901c815260200163ffffffff60a086901c16815260200163ffffffff60d687901c16815260200163ffffffff60b687901c16815260200182670de0b6b3a764000085610d7e89612008565b610d8891906132db565b610d9291906132db565b901c905295945050505050565b5f610da8611b1f565b9050816001600160a01b0316836001600160a01b031603610e00576040517f86d9d0350000000000000000000000000000000000000000000000000000000081526001600160a01b0384166004820152602401610827565b6007546001600160a01b0384165f90815260036020526040812054610e2890610c0784612008565b90506bffffffffffffffffffffffff8116606082901c67ffffffffffffffff1681158015610e54575080155b15610e96576040517f86d9d0350000000000000000000000000000000000000000000000000000000081526001600160a01b0388166004820152602401610827565b610ea487878460018061242f565b856001600160a01b0316876001600160a01b0316866001600160a01b03167f6e9bd1d52db9c79966b568b1a007c8576179a439d3088b677902887f5288e9508585604051610efc929190918252602082015260400190565b60405180910390a450505050505050565b6001600160a01b0381165f908152600260205260408120546108a2565b610f32612274565b600780547f40000000000000000000000000000000000000000000000000000000000000001790556040516001815233907f8458655aae38234254cec6eb5a3b01cea3c62fc526cbde2ca6f576776436ddbc90602001610bd0565b5f6060805f5f5f6060610f9e6128dd565b610fa6612908565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b5f610ff4611b1f565b6001600160a01b038181165f8181526006602090815260408083209489168084529482529182902080547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00168815159081179091559151918252939450919290917f3fd150beff1c4c1fa236f7f47c9f11fab74c1b91a137fe6ccc36d98f1b46cef591015b60405180910390a3505050565b6060600c805461075d90613206565b5f61109e611b1f565b90506110ae84848460015f61242f565b826001600160a01b0316846001600160a01b0316826001600160a01b03167f47cea260e2dfb95ed2ab59ad44fe2ac9cddb432afb828d2a1475936b5a2b829a856040516110fd91815260200190565b60405180910390a450505050565b5f6001600160a01b03821661114c576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6108a28261234b565b5f61089e338484612139565b5f61116a611b1f565b6001600160a01b0384165f90815260036020526040902054909150826111b2577f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff81166111d6565b7f800000000000000000000000000000000000000000000000000000000000000081175b6001600160a01b038086165f8181526003602052604090819020939093559151908416907fc6075f2474f1e5f8917ad4af38ee03961e096eef6e1dbf6691c559cf115823b39061122b90871515815260200190565b60405180910390a350505050565b5f60065f611245611ca7565b6001600160a01b03908116825260208083019390935260409182015f908120959091168152939091529091205460ff16919050565b834211156112b7576040517f6279130200000000000000000000000000000000000000000000000000000000815260048101859052602401610827565b5f7f6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c98888886113028c6001600160a01b03165f90815260026020526040902080546001810190915590565b6040805160208101969096526001600160a01b0394851690860152929091166060840152608083015260a082015260c0810186905260e0016040516020818303038152906040528051906020012090505f61136761135f83612933565b86868661297a565b9050886001600160a01b0316816001600160a01b0316146113c7576040517f4b800e460000000000000000000000000000000000000000000000000000000081526001600160a01b0380831660048301528a166024820152604401610827565b6113d2898989611c0d565b505050505050505050565b5f6113e6611b1f565b905081611417576007547f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1661143d565b7f8000000000000000000000000000000000000000000000000000000000000000600754175b60075560405182151581526001600160a01b038216907fa1af8d802f7971ea5fdb66020f212efc82fa396c23d153bd79516210bd71dd0d906020015b60405180910390a25050565b6007546001600160a01b0384165f90815260036020526040812054909182917f40000000000000000000000000000000000000000000000000000000000000008216156114fa57505f92507fe77924950000000000000000000000000000000000000000000000000000000091506117339050565b6001600160a01b03871661153657505f92507f96c6fd1e0000000000000000000000000000000000000000000000000000000091506117339050565b6001600160a01b03861661157257505f92507fec442f050000000000000000000000000000000000000000000000000000000091506117339050565b7f80000000000000000000000000000000000000000000000000000000000000008116156115c857505f92507f4f2a367e0000000000000000000000000000000000000000000000000000000091506117339050565b846bffffffffffffffffffffffff8216101561160c57505f92507fe450d38c0000000000000000000000000000000000000000000000000000000091506117339050565b6001600160a01b0386165f908152600360205260409020547f8000000000000000000000000000000000000000000000000000000000000000161561167957505f92507f4f2a367e0000000000000000000000000000000000000000000000000000000091506117339050565b7f8000000000000000000000000000000000000000000000000000000000000000821615611729576001600160a01b0386165f90815260056020526040812054908190036116f057505f93507fa3e9d91e000000000000000000000000000000000000000000000000000000009250611733915050565b4281101561172757505f93507fca1ee33a000000000000000000000000000000000000000000000000000000009250611733915050565b505b50600192505f9150505b935093915050565b5f6117446129a6565b805490915060ff68010000000000000000820416159067ffffffffffffffff165f811580156117705750825b90505f8267ffffffffffffffff16600114801561178c5750303b155b90508115801561179a575080155b156117d1576040517ff92ee8a900000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b84547fffffffffffffffffffffffffffffffffffffffffffffffff000000000000000016600117855583156118325784547fffffffffffffffffffffffffffffffffffffffffffffff00ffffffffffffffff16680100000000000000001785555b6001600160a01b038e16158061184f57506001600160a01b038c16155b8061186157506001600160a01b038616155b15611898576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6bffffffffffffffffffffffff8d11156118e1576040517fd5de066e000000000000000000000000000000000000000000000000000000008152600481018e9052602401610827565b8615806118f957506bffffffffffffffffffffffff87115b15611933576040517f7cbab89700000000000000000000000000000000000000000000000000000000815260048101889052602401610827565b6001600160a01b03808f1660a08f901b17600a558c16600955600b6119598b8d8361336a565b50600c611967898b8361336a565b50600887905560f66119f9885f60076fffffffffffffffffffffffffffffffff8311901b9050600667ffffffffffffffff83831c11901b17600563ffffffff83831c11901b17600461ffff83831c11901b17600360ff83831c11901b176002600f83831c117d010102020202030303030303030300000000000000000000000000000000911b9190911791821c1a1790565b611a0490601e613480565b611a0f906001613480565b901b6007556001600160a01b0386165f8181526003602090815260408083208b9055518a81527fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef910160405180910390a38c8e6001600160a01b03167fd983446f07bdabff2d09eaec5a228055533ae097d7abeb58f542c4a6cfd7c5c58e8e8e8e8e8e8e604051611aa697969594939291906134da565b60405180910390a38315611b0f5784547fffffffffffffffffffffffffffffffffffffffffffffff00ffffffffffffffff168555604051600181527fc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d29060200160405180910390a15b5050505050505050505050505050565b5f611b28611ca7565b9050336001600160a01b03821614611b7d576040517f4738d0540000000000000000000000000000000000000000000000000000000081523360048201526001600160a01b0382166024820152604401610827565b90565b63ffffffff811115611bc1576040517f8377486a00000000000000000000000000000000000000000000000000000000815260048101829052602401610827565b6001600160a01b0382165f8181526005602052604090819020839055517f1554fd69b022f698320473ed85e31628fa51a262d6e59116c9baf7e7190de872906114799084815260200190565b6001600160a01b038216611c4f576040517f94280d620000000000000000000000000000000000000000000000000000000081525f6004820152602401610827565b6001600160a01b038381165f8181526004602090815260408083209487168084529482529182902085905590518481527f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b9259101611079565b600a546040517ff41875e100000000000000000000000000000000000000000000000000000000815260a082901c60048201525f91906001600160a01b0382169063f41875e190602401602060405180830381865afa158015611d0c573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611d309190613533565b91505090565b6007545f90819081907f4000000000000000000000000000000000000000000000000000000000000000811615611d99576040517fe779249500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b855f03611dd2576040517f1f2a200500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b841580611de257506312cc030085115b80611df9575063ffffffff611df78642613480565b115b15611e33576040517f4ede0ebc00000000000000000000000000000000000000000000000000000000815260048101869052602401610827565b600854606081901c67ffffffffffffffff16611e5781670fffffffffffffff6132c8565b881115611e9a576040517fb2aafb250000000000000000000000000000000000000000000000000000000081526004810182905260248101899052604401610827565b6bffffffffffffffffffffffff821660f684901c607f1660d685901c63ffffffff165f8042831115611edf5750605b87901c6b07ffffffffffffffffffffff16428303025b8b858e861b81611ef157611ef161354e565b04820181611f0157611f0161354e565b049150611f0e8c42613480565b9950611f3a60017e400000000000000000000000000000000000000000000000000000000000006132c8565b19881660d68b901b4260b61b605b85901b611f548c612008565b171717176007554260a01b6060611f6b8f89613480565b901b86171760085583670de0b6b3a7640000611f8787856132db565b611f9191906132db565b901c9a5083611fa086836132db565b901c985050505050505050509250925092565b611fc18484848460016129ce565b612002576040517f5274afe70000000000000000000000000000000000000000000000000000000081526001600160a01b0385166004820152602401610827565b50505050565b6b07ffffffffffffffffffffff811660d682901c63ffffffff165f4282116120305781612032565b425b905060b684901c63ffffffff1680821115612063578082036b07ffffffffffffffffffffff605b87901c1602840193505b505050919050565b6001600160a01b038084165f908152600460209081526040808320938616835292905220547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8114612002578181101561210a576040517ffb8f41b20000000000000000000000000000000000000000000000000000000081526001600160a01b03841660048201526024810182905260448101839052606401610827565b6001600160a01b038085165f908152600460209081526040808320938716835292905220828203905550505050565b6121468383835f5f61242f565b505050565b5f306001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161480156121a357507f000000000000000000000000000000000000000000000000000000000000000046145b156121cd57507f000000000000000000000000000000000000000000000000000000000000000090565b610b6d604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b61227c611ca7565b6001600160a01b0316336001600160a01b0316141580156123105750600a546001600160a01b0316638da5cb5b6040518163ffffffff1660e01b8152600401602060405180830381865afa1580156122d6573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906122fa9190613533565b6001600160a01b0316336001600160a01b031614155b15612349576040517f7e05c636000000000000000000000000000000000000000000000000000000008152336004820152602401610827565b565b600754335f90815260036020526040812054909190829061236f90610c0784612008565b905067ffffffffffffffff606082901c169250825f0361239257505f9392505050565b335f9081526003602052604090207fffffffffffffffffffffffff0000000000000000ffffffffffffffffffffffff821690556009805460a085901b81019091556123e76001600160a01b0382168686612a54565b6040518481526001600160a01b0386169033907ff7a40077ff7a04c7e61f6f26fb13774259ddf1b6bce9ecf26a8276cdd39926839060200160405180910390a3505050919050565b6007548215801561246157507f4000000000000000000000000000000000000000000000000000000000000000811615155b15612498576040517fe779249500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001600160a01b0386166124da576040517f96c6fd1e0000000000000000000000000000000000000000000000000000000081525f6004820152602401610827565b6001600160a01b03851661251c576040517fec442f050000000000000000000000000000000000000000000000000000000081525f6004820152602401610827565b5f61252682612008565b6001600160a01b0388165f908152600360205260409020549091508415801561257057507f8000000000000000000000000000000000000000000000000000000000000000811615155b156125b2576040517f4f2a367e0000000000000000000000000000000000000000000000000000000081526001600160a01b0389166004820152602401610827565b6bffffffffffffffffffffffff811686811015612614576040517fe450d38c0000000000000000000000000000000000000000000000000000000081526001600160a01b038a1660048201526024810182905260448101889052606401610827565b6bffffffffffffffffffffffff821660a083811c6b07ffffffffffffffffffffff1685039190910260f686901c607f161c60601b83017ff80000000000000000000000ffffffffffffffffffffffffffffffffffffffff169084901b1787900391505f85156126b057507fffffffffffffffffffffffff0000000000000000ffffffffffffffffffffffff82169160601c67ffffffffffffffff165b6001600160a01b03808b165f90815260036020526040808220869055918b16815220547f8000000000000000000000000000000000000000000000000000000000000000811615612738576040517f4f2a367e0000000000000000000000000000000000000000000000000000000081526001600160a01b038b166004820152602401610827565b7f800000000000000000000000000000000000000000000000000000000000000086161561280b576001600160a01b038a165f90815260056020526040812054908190036127bd576040517fa3e9d91e0000000000000000000000000000000000000000000000000000000081526001600160a01b038c166004820152602401610827565b42811015612809576040517fca1ee33a0000000000000000000000000000000000000000000000000000000081526001600160a01b038c16600482015260248101829052604401610827565b505b6bffffffffffffffffffffffff811660a082811c6b07ffffffffffffffffffffff1687039190910260f688901c607f161c60601b82017ff80000000000000000000000ffffffffffffffffffffffffffffffffffffffff169086901b176001600160a01b03808c165f8181526003602052604090819020606087901b8e01909401938490555192935091908d16907fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef906128c8908d815260200190565b60405180910390a35050505050505050505050565b6060610b6d7f0000000000000000000000000000000000000000000000000000000000000000612aa2565b6060610b6d7f0000000000000000000000000000000000000000000000000000000000000000612aa2565b5f6108a261293f61214b565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b5f5f5f5f61298a88888888612adf565b92509250925061299a8282612bc5565b50909695505050505050565b5f807ff0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a006108a2565b6040517f23b872dd000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f51148316612a43578383151615612a37573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b612a618383836001612cc8565b612146576040517f5274afe70000000000000000000000000000000000000000000000000000000081526001600160a01b0384166004820152602401610827565b60605f612aae83612d43565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115612b1857505f91506003905082612bbb565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015612b69573d5f5f3e3d5ffd5b50506040517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe001519150506001600160a01b038116612bb257505f925060019150829050612bbb565b92505f91508190505b9450945094915050565b5f826003811115612bd857612bd861357b565b03612be1575050565b6001826003811115612bf557612bf561357b565b03612c2c576040517ff645eedf00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6002826003811115612c4057612c4061357b565b03612c7a576040517ffce698f700000000000000000000000000000000000000000000000000000000815260048101829052602401610827565b6003826003811115612c8e57612c8e61357b565b03610ca7576040517fd78bce0c00000000000000000000000000000000000000000000000000000000815260048101829052602401610827565b6040517fa9059cbb000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316612d37578383151615612d2b573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f60ff8216601f8111156108a2576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b602081525f612de16020830184612d83565b9392505050565b5f5f83601f840112612df8575f5ffd5b50813567ffffffffffffffff811115612e0f575f5ffd5b6020830191508360208260051b8501011115612e29575f5ffd5b9250929050565b5f5f5f5f60408587031215612e43575f5ffd5b843567ffffffffffffffff811115612e59575f5ffd5b612e6587828801612de8565b909550935050602085013567ffffffffffffffff811115612e84575f5ffd5b612e9087828801612de8565b95989497509550505050565b6001600160a01b0381168114612eb0575f5ffd5b50565b5f5f60408385031215612ec4575f5ffd5b8235612ecf81612e9c565b946020939093013593505050565b5f5f60408385031215612eee575f5ffd5b50508035926020909101359150565b5f5f5f60608486031215612f0f575f5ffd5b8335612f1a81612e9c565b92506020840135612f2a81612e9c565b929592945050506040919091013590565b5f60208284031215612f4b575f5ffd5b8135612de181612e9c565b5f5f60408385031215612f67575f5ffd5b8235612f7281612e9c565b91506020830135612f8281612e9c565b809150509250929050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f612fc760e0830189612d83565b8281036040840152612fd98189612d83565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b8181101561302e578351835260209384019390920191600101613010565b50909b9a5050505050505050505050565b8035801515811461304e575f5ffd5b919050565b5f5f60408385031215613064575f5ffd5b823561306f81612e9c565b915061307d6020840161303f565b90509250929050565b5f5f5f5f5f5f5f60e0888a03121561309c575f5ffd5b87356130a781612e9c565b965060208801356130b781612e9c565b95506040880135945060608801359350608088013560ff811681146130da575f5ffd5b9699959850939692959460a0840135945060c09093013592915050565b5f60208284031215613107575f5ffd5b612de18261303f565b5f5f83601f840112613120575f5ffd5b50813567ffffffffffffffff811115613137575f5ffd5b602083019150836020828501011115612e29575f5ffd5b5f5f5f5f5f5f5f5f5f60e08a8c031215613166575f5ffd5b893561317181612e9c565b985060208a0135975060408a013561318881612e9c565b965060608a013567ffffffffffffffff8111156131a3575f5ffd5b6131af8c828d01613110565b90975095505060808a013567ffffffffffffffff8111156131ce575f5ffd5b6131da8c828d01613110565b90955093505060a08a0135915060c08a01356131f581612e9c565b809150509295985092959850929598565b600181811c9082168061321a57607f821691505b602082108103613251577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b50919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b5f60208284031215613294575f5ffd5b5051919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b818103818111156108a2576108a261329b565b80820281158282048414176108a2576108a261329b565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b601f82111561214657805f5260205f20601f840160051c810160208510156133445750805b601f840160051c820191505b81811015613363575f8155600101613350565b5050505050565b67ffffffffffffffff831115613382576133826132f2565b613396836133908354613206565b8361331f565b5f601f8411600181146133e6575f85156133b05750838201355b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff600387901b1c1916600186901b178355613363565b5f838152602081207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08716915b828110156134335786850135825560209485019460019092019101613413565b508682101561346e577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60f88860031b161c19848701351681555b505060018560011b0183555050505050565b808201808211156108a2576108a261329b565b81835281816020850137505f602082840101525f60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116840101905092915050565b6001600160a01b038816815260a060208201525f6134fc60a08301888a613493565b828103604084015261350f818789613493565b9150508360608301526001600160a01b038316608083015298975050505050505050565b5f60208284031215613543575f5ffd5b8151612de181612e9c565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffdfea164736f6c634300081e000a' as const

export const testStablecoinBytecode =
  '0x610160604052348015610010575f5ffd5b506040518060400160405280600881526020016715195cdd081554d160c21b81525080604051806040016040528060018152602001603160f81b8152506040518060400160405280600881526020016715195cdd081554d160c21b815250604051806040016040528060048152602001631d1554d160e21b815250816003908161009a919061025f565b5060046100a7828261025f565b5050506100b98261018a60201b60201c565b610120526100c68161018a565b61014052815160208084019190912060e052815190820120610100524660a05261015260e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0525046617a6914610185576040516345de561960e01b81524660048201526024015b60405180910390fd5b610371565b5f5f829050601f815111156101b4578260405163305a27a960e01b815260040161017c9190610319565b80516101bf8261034e565b179392505050565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806101ef57607f821691505b60208210810361020d57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561025a57805f5260205f20601f840160051c810160208510156102385750805b601f840160051c820191505b81811015610257575f8155600101610244565b50505b505050565b81516001600160401b03811115610278576102786101c7565b61028c8161028684546101db565b84610213565b6020601f8211600181146102be575f83156102a75750848201515b5f19600385901b1c1916600184901b178455610257565b5f84815260208120601f198516915b828110156102ed57878501518255602094850194600190920191016102cd565b508482101561030a57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b8051602080830151919081101561020d575f1960209190910360031b1b16919050565b60805160a05160c05160e0516101005161012051610140516111f46103c25f395f6108d601525f6108ab01525f6107fa01525f6107d201525f61072d01525f61075701525f61078101526111f45ff3fe608060405234801561000f575f5ffd5b50600436106100e5575f3560e01c806370a082311161008857806395d89b411161006357806395d89b41146101de578063a9059cbb146101e6578063d505accf146101f9578063dd62ed3e1461020c575f5ffd5b806370a082311461017b5780637ecebe00146101b057806384b0196e146101c3575f5ffd5b806323b872dd116100c357806323b872dd1461013c578063313ce5671461014f5780633644e5151461015e57806340c10f1914610166575f5ffd5b806306fdde03146100e9578063095ea7b31461010757806318160ddd1461012a575b5f5ffd5b6100f1610251565b6040516100fe9190610f18565b60405180910390f35b61011a610115366004610f59565b6102e1565b60405190151581526020016100fe565b6002545b6040519081526020016100fe565b61011a61014a366004610f81565b6102fa565b604051600681526020016100fe565b61012e61031d565b610179610174366004610f59565b61032b565b005b61012e610189366004610fbb565b73ffffffffffffffffffffffffffffffffffffffff165f9081526020819052604090205490565b61012e6101be366004610fbb565b610339565b6101cb610363565b6040516100fe9796959493929190610fd4565b6100f16103c1565b61011a6101f4366004610f59565b6103d0565b610179610207366004611093565b6103dd565b61012e61021a366004611100565b73ffffffffffffffffffffffffffffffffffffffff9182165f90815260016020908152604080832093909416825291909152205490565b60606003805461026090611131565b80601f016020809104026020016040519081016040528092919081815260200182805461028c90611131565b80156102d75780601f106102ae576101008083540402835291602001916102d7565b820191905f5260205f20905b8154815290600101906020018083116102ba57829003601f168201915b5050505050905090565b5f336102ee81858561058b565b60019150505b92915050565b5f3361030785828561059d565b61031285858561066b565b506001949350505050565b5f610326610714565b905090565b610335828261084a565b5050565b73ffffffffffffffffffffffffffffffffffffffff81165f908152600760205260408120546102f4565b5f6060805f5f5f60606103746108a4565b61037c6108cf565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b60606004805461026090611131565b5f336102ee81858561066b565b8342111561041f576040517f62791302000000000000000000000000000000000000000000000000000000008152600481018590526024015b60405180910390fd5b5f7f6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c98888886104778c73ffffffffffffffffffffffffffffffffffffffff165f90815260076020526040902080546001810190915590565b60408051602081019690965273ffffffffffffffffffffffffffffffffffffffff94851690860152929091166060840152608083015260a082015260c0810186905260e0016040516020818303038152906040528051906020012090505f6104de826108fa565b90505f6104ed82878787610941565b90508973ffffffffffffffffffffffffffffffffffffffff168173ffffffffffffffffffffffffffffffffffffffff1614610574576040517f4b800e4600000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff80831660048301528b166024820152604401610416565b61057f8a8a8a61058b565b50505050505050505050565b610598838383600161096d565b505050565b73ffffffffffffffffffffffffffffffffffffffff8381165f908152600160209081526040808320938616835292905220547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8110156106655781811015610657576040517ffb8f41b200000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff841660048201526024810182905260448101839052606401610416565b61066584848484035f61096d565b50505050565b73ffffffffffffffffffffffffffffffffffffffff83166106ba576040517f96c6fd1e0000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b73ffffffffffffffffffffffffffffffffffffffff8216610709576040517fec442f050000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b610598838383610ab2565b5f3073ffffffffffffffffffffffffffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001614801561077957507f000000000000000000000000000000000000000000000000000000000000000046145b156107a357507f000000000000000000000000000000000000000000000000000000000000000090565b610326604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b73ffffffffffffffffffffffffffffffffffffffff8216610899576040517fec442f050000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b6103355f8383610ab2565b60606103267f0000000000000000000000000000000000000000000000000000000000000000610c59565b60606103267f0000000000000000000000000000000000000000000000000000000000000000610c59565b5f6102f4610906610714565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b5f5f5f5f61095188888888610c96565b9250925092506109618282610d89565b50909695505050505050565b73ffffffffffffffffffffffffffffffffffffffff84166109bc576040517fe602df050000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b73ffffffffffffffffffffffffffffffffffffffff8316610a0b576040517f94280d620000000000000000000000000000000000000000000000000000000081525f6004820152602401610416565b73ffffffffffffffffffffffffffffffffffffffff8085165f9081526001602090815260408083209387168352929052208290558015610665578273ffffffffffffffffffffffffffffffffffffffff168473ffffffffffffffffffffffffffffffffffffffff167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92584604051610aa491815260200190565b60405180910390a350505050565b73ffffffffffffffffffffffffffffffffffffffff8316610ae9578060025f828254610ade9190611182565b90915550610b999050565b73ffffffffffffffffffffffffffffffffffffffff83165f9081526020819052604090205481811015610b6e576040517fe450d38c00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff851660048201526024810182905260448101839052606401610416565b73ffffffffffffffffffffffffffffffffffffffff84165f9081526020819052604090209082900390555b73ffffffffffffffffffffffffffffffffffffffff8216610bc257600280548290039055610bed565b73ffffffffffffffffffffffffffffffffffffffff82165f9081526020819052604090208054820190555b8173ffffffffffffffffffffffffffffffffffffffff168373ffffffffffffffffffffffffffffffffffffffff167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef83604051610c4c91815260200190565b60405180910390a3505050565b60605f610c6583610e8c565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115610ccf57505f91506003905082610d7f565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015610d20573d5f5f3e3d5ffd5b50506040517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0015191505073ffffffffffffffffffffffffffffffffffffffff8116610d7657505f925060019150829050610d7f565b92505f91508190505b9450945094915050565b5f826003811115610d9c57610d9c6111ba565b03610da5575050565b6001826003811115610db957610db96111ba565b03610df0576040517ff645eedf00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6002826003811115610e0457610e046111ba565b03610e3e576040517ffce698f700000000000000000000000000000000000000000000000000000000815260048101829052602401610416565b6003826003811115610e5257610e526111ba565b03610335576040517fd78bce0c00000000000000000000000000000000000000000000000000000000815260048101829052602401610416565b5f60ff8216601f8111156102f4576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b602081525f610f2a6020830184610ecc565b9392505050565b803573ffffffffffffffffffffffffffffffffffffffff81168114610f54575f5ffd5b919050565b5f5f60408385031215610f6a575f5ffd5b610f7383610f31565b946020939093013593505050565b5f5f5f60608486031215610f93575f5ffd5b610f9c84610f31565b9250610faa60208501610f31565b929592945050506040919091013590565b5f60208284031215610fcb575f5ffd5b610f2a82610f31565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f61100e60e0830189610ecc565b82810360408401526110208189610ecc565b6060840188905273ffffffffffffffffffffffffffffffffffffffff8716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015611082578351835260209384019390920191600101611064565b50909b9a5050505050505050505050565b5f5f5f5f5f5f5f60e0888a0312156110a9575f5ffd5b6110b288610f31565b96506110c060208901610f31565b95506040880135945060608801359350608088013560ff811681146110e3575f5ffd5b9699959850939692959460a0840135945060c09093013592915050565b5f5f60408385031215611111575f5ffd5b61111a83610f31565b915061112860208401610f31565b90509250929050565b600181811c9082168061114557607f821691505b60208210810361117c577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b50919050565b808201808211156102f4577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602160045260245ffdfea164736f6c634300081e000a' as const

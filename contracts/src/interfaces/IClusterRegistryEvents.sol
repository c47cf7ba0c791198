// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IClusterRegistryEvents
/// @notice The events of `IClusterRegistry` (which inherits them), except `ReportSkipped`: it carries
/// `IClusterRegistry.SkipReason`, and a base interface cannot name a type its derived interface declares.
interface IClusterRegistryEvents {
    /// @notice A cluster was registered by `operator`.
    event ClusterRegistered(
        uint256 indexed clusterId,
        address indexed operator,
        string gpuModel,
        uint32 gpuCount,
        string location,
        bytes32 hardwareRoot,
        string metadataURI,
        bytes32 metadataHash
    );

    /// @notice The operator updated the cluster's metadata.
    event MetadataUpdated(uint256 indexed clusterId, string metadataURI, bytes32 metadataHash);

    /// @notice The operator updated the hardware commitment; the attestation was cleared (status back to Registered).
    event HardwareUpdated(uint256 indexed clusterId, bytes32 hardwareRoot, uint32 gpuCount);

    /// @notice `currentOperator` offered the operator role to `pendingOperator` (address(0): offer cancelled).
    event OperatorTransferStarted(
        uint256 indexed clusterId, address indexed currentOperator, address indexed pendingOperator
    );

    /// @notice The operator role passed from `previousOperator` to `newOperator`.
    event OperatorTransferred(uint256 indexed clusterId, address indexed previousOperator, address indexed newOperator);

    /// @notice The committee attested the cluster; `signers` are the committee members whose signatures were checked.
    /// @param clusterId The cluster.
    /// @param hardwareRoot The attested hardware commitment.
    /// @param gpuCount The attested GPU count.
    /// @param validUntil Expiry of the attestation (inclusive).
    /// @param nonce The attestation nonce consumed (the next one is `nonce + 1`).
    /// @param attestedAt The attestation's signed `issuedAt` (the heartbeat counts from it).
    /// @param signers The signers, in ascending address order.
    /// @param submitter Who submitted the transaction (relayer).
    event ClusterAttested(
        uint256 indexed clusterId,
        bytes32 hardwareRoot,
        uint32 gpuCount,
        uint64 validUntil,
        uint32 nonce,
        uint40 attestedAt,
        address[] signers,
        address submitter
    );

    /// @notice An epoch report was accepted (all fields of the signed report, plus who submitted it); the cluster's
    /// `lastReportAt` is now `epoch`. See `EpochReport` for units (GPU-hours in milli-GPU-hours, utilization in
    /// basis points, revenue in stablecoin base units).
    event ReportSubmitted(
        uint256 indexed clusterId,
        uint64 indexed epoch,
        uint64 gpuHoursMilli,
        uint16 utilizationBps,
        uint32 gpusOnline,
        uint256 revenue,
        bytes32 telemetryRoot,
        address submitter
    );

    /// @notice Governance (or the guardian) suspended the cluster.
    event ClusterSuspended(uint256 indexed clusterId);

    /// @notice Governance lifted the cluster's suspension.
    event ClusterUnsuspended(uint256 indexed clusterId);

    /// @notice Governance retired the cluster (final).
    event ClusterRetired(uint256 indexed clusterId);

    /// @notice `signer` joined the oracle committee.
    event SignerAdded(address indexed signer);

    /// @notice `signer` left the oracle committee.
    event SignerRemoved(address indexed signer);

    /// @notice The signature threshold changed (also emitted at construction with `previousThreshold = 0`).
    event ThresholdChanged(uint256 previousThreshold, uint256 newThreshold);

    /// @notice The heartbeat changed (also emitted at construction with `previousHeartbeat = 0`).
    event HeartbeatChanged(uint256 previousHeartbeat, uint256 newHeartbeat);

    /// @notice The committee changed (signer added or removed, or threshold set; also at construction): signatures
    /// for earlier versions no longer count.
    /// @param version The new committee version.
    /// @param signers The committee after the change.
    /// @param threshold The threshold after the change.
    event CommitteeChanged(uint32 indexed version, address[] signers, uint256 threshold);

    /// @notice The owner named a new guardian (address(0): none).
    /// @param previousGuardian The guardian before.
    /// @param newGuardian The guardian now.
    event GuardianSet(address indexed previousGuardian, address indexed newGuardian);
}

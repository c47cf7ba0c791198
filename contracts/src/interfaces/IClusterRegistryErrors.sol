// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IClusterRegistryErrors
/// @notice The custom errors of `IClusterRegistry` (which inherits them), except `ClusterNotAttestable` and
/// `InvalidLifecycleChange`: they carry `IClusterRegistry.ClusterStatus`, and a base interface cannot name a type its
/// derived interface declares.
interface IClusterRegistryErrors {
    /// @notice `clusterId` was never registered.
    error UnknownCluster(uint256 clusterId);

    /// @notice `caller` is not the operator of `clusterId`.
    error NotOperator(uint256 clusterId, address caller);

    /// @notice `caller` is neither the owner nor the guardian.
    error NotOwnerOrGuardian(address caller);

    /// @notice `caller` is not the pending operator of `clusterId`.
    error NotPendingOperator(uint256 clusterId, address caller);

    /// @notice The cluster is retired; nothing about it can change any more.
    error ClusterIsRetired(uint256 clusterId);

    /// @notice A GPU count of zero.
    error ZeroGpuCount();

    /// @notice A zero hardware commitment.
    error ZeroHardwareRoot();

    /// @notice The attestation's hardware root differs from the cluster's commitment.
    error HardwareRootMismatch(uint256 clusterId, bytes32 attested, bytes32 committed);

    /// @notice The attestation's GPU count differs from the cluster's.
    error GpuCountMismatch(uint256 clusterId, uint32 attested, uint32 committed);

    /// @notice The attestation's nonce is not the cluster's current one (an old or future attestation).
    error InvalidAttestationNonce(uint256 clusterId, uint32 provided, uint32 expected);

    /// @notice The attestation's `validUntil` is not in the future (an expired attestation).
    error AttestationExpired(uint256 clusterId, uint64 validUntil, uint256 currentTime);

    /// @notice The attestation's `validUntil` does not extend the current attestation.
    error AttestationNotExtending(uint256 clusterId, uint64 validUntil, uint40 currentValidUntil);

    /// @notice `validUntil` does not fit the registry's 40-bit timestamps.
    error ValidUntilTooLarge(uint64 validUntil);

    /// @notice The attestation's `issuedAt` is in the future.
    error AttestationIssuedInFuture(uint256 clusterId, uint64 issuedAt, uint256 currentTime);

    /// @notice The attestation was signed for another committee version.
    error CommitteeVersionMismatch(uint32 provided, uint32 current);

    /// @notice The report's epoch (its end time) is in the future.
    error EpochInFuture(uint256 clusterId, uint64 epoch, uint256 currentTime);

    /// @notice The report's utilization exceeds 10,000 basis points.
    error UtilizationTooHigh(uint256 clusterId, uint16 utilizationBps);

    /// @notice `submitReports` got an empty batch.
    error EmptyBatch();

    /// @notice Fewer signatures than the threshold.
    error InsufficientSignatures(uint256 provided, uint256 required);

    /// @notice Signature `index` does not recover to any address.
    error InvalidSignature(uint256 index);

    /// @notice Signature `index` is not 65 bytes long.
    error InvalidSignatureLength(uint256 index, uint256 length);

    /// @notice Signature `index` has a high `s` (a malleated signature).
    error MalleableSignature(uint256 index, bytes32 s);

    /// @notice Signature `index` recovers to `recovered`, which is not a current committee signer.
    error NotCommitteeSigner(uint256 index, address recovered);

    /// @notice Signature `index` is by the same signer as the signature before it.
    error DuplicateSigner(uint256 index, address signer);

    /// @notice Signature `index`'s signer is below the previous signer; signatures must be in ascending signer order.
    error SignersNotAscending(uint256 index, address signer, address previousSigner);

    /// @notice The zero address cannot be a signer.
    error ZeroSigner();

    /// @notice `signer` is already on the committee.
    error SignerAlreadyAdded(address signer);

    /// @notice `signer` is not on the committee.
    error SignerNotFound(address signer);

    /// @notice The threshold violates `1 <= threshold <= signers` and `2 * threshold > signers`.
    error InvalidThreshold(uint256 threshold, uint256 signerCount);

    /// @notice The heartbeat is zero or above `type(uint32).max` seconds.
    error InvalidHeartbeat(uint256 heartbeat);

    /// @notice Renouncing ownership is disabled: governance must always exist.
    error RenounceOwnershipDisabled();
}

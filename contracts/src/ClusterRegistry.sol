// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistryOperators} from "./abstracts/ClusterRegistryOperators.sol";
import {IClusterRegistry} from "./interfaces/IClusterRegistry.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title ClusterRegistry
/// @notice Registry of GPU clusters, their k-of-n oracle committee, attestations and epoch reports.
/// @dev This file holds the constants (EIP-712 typehashes, bounds), the oracle entry points (attestations, epoch
/// reports and their signature checks) and governance (committee, heartbeat, lifecycle, guardian). The storage, its
/// views and shared checks are in `ClusterRegistryBase`, the operator's functions in `ClusterRegistryOperators`.
contract ClusterRegistry is ClusterRegistryOperators {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IClusterRegistry
    bytes32 public constant override ATTESTATION_TYPEHASH = keccak256(
        "Attestation(uint256 clusterId,bytes32 hardwareRoot,uint32 gpuCount,uint64 issuedAt,uint64 validUntil,"
        "uint32 nonce,uint32 committeeVersion)"
    );

    /// @inheritdoc IClusterRegistry
    bytes32 public constant override EPOCH_REPORT_TYPEHASH = keccak256(
        "EpochReport(uint256 clusterId,uint64 epoch,uint64 gpuHoursMilli,uint16 utilizationBps,uint32 gpusOnline,"
        "uint256 revenue,bytes32 telemetryRoot,uint32 committeeVersion)"
    );

    /// @dev Utilization is reported in basis points; 10,000 = 100 %.
    uint256 internal constant MAX_UTILIZATION_BPS = 10_000;

    /// @dev Upper bound of the heartbeat (keeps `lastActivity + heartbeat` far from overflow).
    uint256 internal constant MAX_HEARTBEAT = type(uint32).max;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param initialOwner Governance (two-step ownership).
    /// @param initialSigners The oracle committee (distinct, non-zero).
    /// @param initialThreshold Signatures needed (`1 <= k <= n`, `2k > n`).
    /// @param initialHeartbeat Seconds without a report after which a cluster is Stale.
    /// @param initialGuardian Emergency key that may suspend and pause but never lift either (address(0): none).
    constructor(
        address initialOwner,
        address[] memory initialSigners,
        uint256 initialThreshold,
        uint256 initialHeartbeat,
        address initialGuardian
    ) Ownable(initialOwner) EIP712("Rackshare ClusterRegistry", "1") {
        uint256 count = initialSigners.length;
        for (uint256 i = 0; i < count; ++i) {
            _addSigner(initialSigners[i]);
        }
        _setThreshold(initialThreshold);
        _committeeChanged();
        _setHeartbeat(initialHeartbeat);
        _setGuardian(initialGuardian);
    }

    /*//////////////////////////////////////////////////////////////
                            ORACLE FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IClusterRegistry
    function submitAttestation(Attestation calldata attestation, bytes[] calldata signatures) external override {
        uint256 clusterId = attestation.clusterId;
        ClusterState memory state = _states[clusterId];
        if (state.lifecycle != Lifecycle.Active || clusterId == 0 || clusterId > _clusterCount) {
            revert ClusterNotAttestable(clusterId, _statusOf(clusterId, state, _config.heartbeat));
        }
        bytes32 committedRoot = _data[clusterId].hardwareRoot;
        if (attestation.hardwareRoot != committedRoot) {
            revert HardwareRootMismatch(clusterId, attestation.hardwareRoot, committedRoot);
        }
        if (attestation.gpuCount != state.gpuCount) {
            revert GpuCountMismatch(clusterId, attestation.gpuCount, state.gpuCount);
        }
        if (attestation.nonce != state.attestationNonce) {
            revert InvalidAttestationNonce(clusterId, attestation.nonce, state.attestationNonce);
        }
        uint32 version = _config.committeeVersion;
        if (attestation.committeeVersion != version) {
            revert CommitteeVersionMismatch(attestation.committeeVersion, version);
        }
        uint64 issuedAt = attestation.issuedAt;
        if (issuedAt > block.timestamp) revert AttestationIssuedInFuture(clusterId, issuedAt, block.timestamp);
        uint64 validUntil = attestation.validUntil;
        if (validUntil <= block.timestamp) revert AttestationExpired(clusterId, validUntil, block.timestamp);
        if (validUntil <= state.attestedUntil) {
            revert AttestationNotExtending(clusterId, validUntil, state.attestedUntil);
        }
        if (validUntil > type(uint40).max) revert ValidUntilTooLarge(validUntil);

        address[] memory attesters =
            _verifySignatures(hashAttestation(attestation), signatures, _config.threshold, true);

        // issuedAt <= now < 2**40 and validUntil was range-checked above.
        state.attestedAt = uint40(issuedAt);
        state.attestedUntil = uint40(validUntil);
        ++state.attestationNonce;
        _states[clusterId] = state;

        emit ClusterAttested(
            clusterId,
            attestation.hardwareRoot,
            attestation.gpuCount,
            validUntil,
            attestation.nonce,
            uint40(issuedAt),
            attesters,
            msg.sender
        );
    }

    /// @inheritdoc IClusterRegistry
    function submitReports(SignedReport[] calldata reports) external override {
        uint256 count = reports.length;
        if (count == 0) revert EmptyBatch();
        Config memory config = _config;

        for (uint256 i = 0; i < count; ++i) {
            EpochReport calldata report = reports[i].report;
            uint256 clusterId = report.clusterId;
            ClusterState memory state = _states[clusterId];

            uint64 epoch = report.epoch;
            (bool skipped, SkipReason reason) = _skipReason(report, state, config.committeeVersion);
            if (skipped) {
                emit ReportSkipped(clusterId, epoch, reason);
                continue;
            }

            _verifySignatures(_hashReport(report), reports[i].signatures, config.threshold, false);

            state.lastEpoch = epoch;
            _states[clusterId] = state;

            emit ReportSubmitted(
                clusterId,
                epoch,
                report.gpuHoursMilli,
                report.utilizationBps,
                report.gpusOnline,
                report.revenue,
                report.telemetryRoot,
                msg.sender
            );
        }
    }

    /*//////////////////////////////////////////////////////////////
                          GOVERNANCE FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IClusterRegistry
    function addSigner(address signer, uint256 newThreshold) external override onlyOwner {
        _addSigner(signer);
        _setThreshold(newThreshold);
        _committeeChanged();
    }

    /// @inheritdoc IClusterRegistry
    function removeSigner(address signer, uint256 newThreshold) external override onlyOwner {
        uint256 position = _signerPosition[signer];
        if (position == 0) revert SignerNotFound(signer);
        address last = _signers[_signers.length - 1];
        if (last != signer) {
            _signers[position - 1] = last;
            _signerPosition[last] = position;
        }
        _signers.pop();
        delete _signerPosition[signer];
        emit SignerRemoved(signer);
        _setThreshold(newThreshold);
        _committeeChanged();
    }

    /// @inheritdoc IClusterRegistry
    function setThreshold(uint256 newThreshold) external override onlyOwner {
        _setThreshold(newThreshold);
        _committeeChanged();
    }

    /// @inheritdoc IClusterRegistry
    function setHeartbeat(uint256 newHeartbeat) external override onlyOwner {
        _setHeartbeat(newHeartbeat);
    }

    /// @inheritdoc IClusterRegistry
    function suspendCluster(uint256 clusterId) external override {
        if (msg.sender != owner() && msg.sender != _config.guardian) revert NotOwnerOrGuardian(msg.sender);
        ClusterState storage state = _states[clusterId];
        _checkKnown(clusterId);
        if (state.lifecycle != Lifecycle.Active) {
            revert InvalidLifecycleChange(clusterId, _statusOf(clusterId, state, _config.heartbeat));
        }
        state.lifecycle = Lifecycle.Suspended;
        emit ClusterSuspended(clusterId);
    }

    /// @inheritdoc IClusterRegistry
    function unsuspendCluster(uint256 clusterId) external override onlyOwner {
        ClusterState storage state = _states[clusterId];
        _checkKnown(clusterId);
        if (state.lifecycle != Lifecycle.Suspended) {
            revert InvalidLifecycleChange(clusterId, _statusOf(clusterId, state, _config.heartbeat));
        }
        state.lifecycle = Lifecycle.Active;
        emit ClusterUnsuspended(clusterId);
    }

    /// @inheritdoc IClusterRegistry
    function retireCluster(uint256 clusterId) external override onlyOwner {
        ClusterState storage state = _states[clusterId];
        _checkKnown(clusterId);
        if (state.lifecycle == Lifecycle.Retired) revert ClusterIsRetired(clusterId);
        state.lifecycle = Lifecycle.Retired;
        emit ClusterRetired(clusterId);
    }

    /// @inheritdoc IClusterRegistry
    function setGuardian(address newGuardian) external override onlyOwner {
        _setGuardian(newGuardian);
    }

    /// @notice Disabled: the registry must always have governance.
    function renounceOwnership() public pure override {
        revert RenounceOwnershipDisabled();
    }

    /// @inheritdoc IClusterRegistry
    function hashAttestation(Attestation calldata attestation) public view override returns (bytes32 digest) {
        return _hashTypedDataV4(keccak256(abi.encode(ATTESTATION_TYPEHASH, attestation)));
    }

    /// @inheritdoc IClusterRegistry
    function hashReport(EpochReport calldata report) external view override returns (bytes32 digest) {
        return _hashReport(report);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev EIP-712 digest of a report; the struct is static, so `abi.encode` lays out its 8 words exactly as
    /// `encodeData` does.
    function _hashReport(EpochReport calldata report) internal view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(EPOCH_REPORT_TYPEHASH, report)));
    }

    /// @dev Whether `report` is skipped, and why; reverts when it is invalid in a way only its relayer can cause (a
    /// future epoch, utilization above 100 %). Skipped, not reverted, is what others can change between the signing
    /// and the mining of a batch: a copied later report landed first, a committee change, a suspension or an expired
    /// attestation, the operator's hardware update (an unknown or never/no-longer attested cluster has
    /// `attestedUntil == 0`). Signatures are checked after, by the caller.
    function _skipReason(EpochReport calldata report, ClusterState memory state, uint32 version)
        internal
        view
        returns (bool skipped, SkipReason reason)
    {
        if (state.lifecycle != Lifecycle.Active || state.attestedUntil < block.timestamp) {
            return (true, SkipReason.ClusterNotReportable);
        }
        if (report.committeeVersion != version) return (true, SkipReason.StaleCommittee);
        uint64 epoch = report.epoch;
        if (epoch <= state.lastEpoch) return (true, SkipReason.EpochNotAfterLast);
        if (epoch > block.timestamp) revert EpochInFuture(report.clusterId, epoch, block.timestamp);
        if (report.utilizationBps > MAX_UTILIZATION_BPS) {
            revert UtilizationTooHigh(report.clusterId, report.utilizationBps);
        }
        if (report.gpusOnline > state.gpuCount) return (true, SkipReason.GpusOnlineAboveAttested);
        return (false, SkipReason.EpochNotAfterLast);
    }

    /// @dev Checks that `signatures` holds at least `required` signatures over `digest` by distinct current signers
    /// in strictly ascending address order; returns the signers when `collect` is set (else an empty array).
    function _verifySignatures(bytes32 digest, bytes[] calldata signatures, uint256 required, bool collect)
        internal
        view
        returns (address[] memory recoveredSigners)
    {
        uint256 count = signatures.length;
        if (count < required) revert InsufficientSignatures(count, required);
        if (collect) recoveredSigners = new address[](count);

        address previous = address(0);
        for (uint256 i = 0; i < count; ++i) {
            (address recovered, ECDSA.RecoverError err, bytes32 errArg) =
                ECDSA.tryRecoverCalldata(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) {
                if (err == ECDSA.RecoverError.InvalidSignatureS) revert MalleableSignature(i, errArg);
                if (err == ECDSA.RecoverError.InvalidSignatureLength) {
                    revert InvalidSignatureLength(i, uint256(errArg));
                }
                revert InvalidSignature(i);
            }
            // Membership first: a signature over another domain recovers to a random address, reported as such.
            if (_signerPosition[recovered] == 0) revert NotCommitteeSigner(i, recovered);
            if (recovered <= previous) {
                if (recovered == previous) revert DuplicateSigner(i, recovered);
                revert SignersNotAscending(i, recovered, previous);
            }
            previous = recovered;
            if (collect) recoveredSigners[i] = recovered;
        }
    }

    function _addSigner(address signer) internal {
        if (signer == address(0)) revert ZeroSigner();
        if (_signerPosition[signer] != 0) revert SignerAlreadyAdded(signer);
        _signers.push(signer);
        _signerPosition[signer] = _signers.length;
        emit SignerAdded(signer);
    }

    /// @dev Sets the threshold of the committee as it stands, which must stay a strict majority.
    function _setThreshold(uint256 newThreshold) internal {
        uint256 signerCount = _signers.length;
        if (newThreshold == 0 || newThreshold > signerCount || 2 * newThreshold <= signerCount) {
            revert InvalidThreshold(newThreshold, signerCount);
        }
        uint256 previous = _config.threshold;
        // signerCount < 2**32: each signer costs a storage slot, far more gas than a block holds for 2**32 of them.
        _config.threshold = uint32(newThreshold);
        emit ThresholdChanged(previous, newThreshold);
    }

    /// @dev Called after every committee change (signer added or removed, threshold set): the committee version moves
    /// on, and every signature made for the previous configuration stops counting.
    function _committeeChanged() internal {
        uint32 version = _config.committeeVersion + 1;
        _config.committeeVersion = version;
        emit CommitteeChanged(version, _signers, _config.threshold);
    }

    function _setHeartbeat(uint256 newHeartbeat) internal {
        if (newHeartbeat == 0 || newHeartbeat > MAX_HEARTBEAT) revert InvalidHeartbeat(newHeartbeat);
        uint256 previous = _config.heartbeat;
        _config.heartbeat = uint32(newHeartbeat);
        emit HeartbeatChanged(previous, newHeartbeat);
    }

    function _setGuardian(address newGuardian) internal {
        address previous = _config.guardian;
        _config.guardian = newGuardian;
        emit GuardianSet(previous, newGuardian);
    }
}

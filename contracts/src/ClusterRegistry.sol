// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "./interfaces/IClusterRegistry.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title ClusterRegistry
/// @notice Registry of GPU clusters, their k-of-n oracle committee, attestations and epoch reports.
/// @dev Per-cluster state that reports read and write lives in ONE storage slot (`ClusterState`), so an epoch report
/// costs its signature checks, one cold SLOAD, one SSTORE and one event. Everything else about a cluster lives in
/// `ClusterData`. The committee is a set (array + 1-based position map) kept at `2 * threshold > signers`; threshold,
/// heartbeat, committee version and guardian share one slot (`Config`), read once per report batch.
contract ClusterRegistry is IClusterRegistry, Ownable2Step, EIP712 {
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
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev Governance lifecycle of a cluster; the rest of its status is derived from timestamps.
    enum Lifecycle {
        Active,
        Suspended,
        Retired
    }

    /// @dev The hot slot: 64 + 40 + 40 + 32 + 32 + 8 = 216 bits. The last report time is `lastEpoch` (an epoch id is
    /// its end time, checked not to be in the future).
    struct ClusterState {
        uint64 lastEpoch;
        uint40 attestedAt;
        uint40 attestedUntil;
        uint32 gpuCount;
        uint32 attestationNonce;
        Lifecycle lifecycle;
    }

    /// @dev The cold data of a cluster.
    struct ClusterData {
        address operator;
        uint40 registeredAt;
        address pendingOperator;
        bytes32 hardwareRoot;
        bytes32 metadataHash;
        string gpuModel;
        string location;
        string metadataURI;
    }

    mapping(uint256 clusterId => ClusterState) internal _states;
    mapping(uint256 clusterId => ClusterData) internal _data;
    uint256 internal _clusterCount;

    /// @dev Committee and governance settings: 32 + 32 + 32 + 160 = 256 bits.
    struct Config {
        uint32 threshold;
        uint32 heartbeat;
        uint32 committeeVersion;
        address guardian;
    }

    address[] internal _signers;
    /// @dev 1-based position of a signer in `_signers`; 0 = not a signer.
    mapping(address account => uint256 position) internal _signerPosition;
    Config internal _config;

    /*//////////////////////////////////////////////////////////////
                               MODIFIERS
    //////////////////////////////////////////////////////////////*/

    modifier onlyOperator(uint256 clusterId) {
        _checkOperator(clusterId);
        _;
    }

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
                           OPERATOR FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IClusterRegistry
    function registerCluster(
        string calldata gpuModel,
        uint32 gpuCount,
        string calldata location,
        bytes32 hardwareRoot,
        string calldata metadataURI,
        bytes32 metadataHash
    ) external override returns (uint256 clusterId) {
        if (gpuCount == 0) revert ZeroGpuCount();
        if (hardwareRoot == bytes32(0)) revert ZeroHardwareRoot();

        clusterId = ++_clusterCount;
        _states[clusterId].gpuCount = gpuCount;
        ClusterData storage data = _data[clusterId];
        data.operator = msg.sender;
        data.registeredAt = uint40(block.timestamp);
        data.hardwareRoot = hardwareRoot;
        data.metadataHash = metadataHash;
        data.gpuModel = gpuModel;
        data.location = location;
        data.metadataURI = metadataURI;

        emit ClusterRegistered(
            clusterId, msg.sender, gpuModel, gpuCount, location, hardwareRoot, metadataURI, metadataHash
        );
    }

    /// @inheritdoc IClusterRegistry
    function updateMetadata(uint256 clusterId, string calldata metadataURI, bytes32 metadataHash)
        external
        override
        onlyOperator(clusterId)
    {
        _checkNotRetired(clusterId);
        ClusterData storage data = _data[clusterId];
        data.metadataURI = metadataURI;
        data.metadataHash = metadataHash;
        emit MetadataUpdated(clusterId, metadataURI, metadataHash);
    }

    /// @inheritdoc IClusterRegistry
    function updateHardware(uint256 clusterId, bytes32 hardwareRoot, uint32 gpuCount)
        external
        override
        onlyOperator(clusterId)
    {
        _checkNotRetired(clusterId);
        if (gpuCount == 0) revert ZeroGpuCount();
        if (hardwareRoot == bytes32(0)) revert ZeroHardwareRoot();

        _data[clusterId].hardwareRoot = hardwareRoot;
        ClusterState storage state = _states[clusterId];
        state.gpuCount = gpuCount;
        state.attestedAt = 0;
        state.attestedUntil = 0;
        // An attestation signed for the old hardware must not land after a change and a change back.
        ++state.attestationNonce;
        emit HardwareUpdated(clusterId, hardwareRoot, gpuCount);
    }

    /// @inheritdoc IClusterRegistry
    function transferOperator(uint256 clusterId, address newOperator) external override onlyOperator(clusterId) {
        _data[clusterId].pendingOperator = newOperator;
        emit OperatorTransferStarted(clusterId, msg.sender, newOperator);
    }

    /// @inheritdoc IClusterRegistry
    function acceptOperator(uint256 clusterId) external override {
        ClusterData storage data = _data[clusterId];
        // An unknown id has no pending operator, so this also rejects unknown ids.
        if (msg.sender != data.pendingOperator || msg.sender == address(0)) {
            revert NotPendingOperator(clusterId, msg.sender);
        }
        address previousOperator = data.operator;
        data.operator = msg.sender;
        delete data.pendingOperator;
        emit OperatorTransferred(clusterId, previousOperator, msg.sender);
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

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IClusterRegistry
    function operatorOf(uint256 clusterId) external view override returns (address) {
        return _data[clusterId].operator;
    }

    /// @inheritdoc IClusterRegistry
    function statusOf(uint256 clusterId) external view override returns (ClusterStatus) {
        return _statusOf(clusterId, _states[clusterId], _config.heartbeat);
    }

    /// @inheritdoc IClusterRegistry
    function owner() public view override(IClusterRegistry, Ownable) returns (address) {
        return super.owner();
    }

    /// @inheritdoc IClusterRegistry
    function guardian() external view override returns (address) {
        return _config.guardian;
    }

    /// @inheritdoc IClusterRegistry
    function committeeVersion() external view override returns (uint32) {
        return _config.committeeVersion;
    }

    /// @inheritdoc IClusterRegistry
    function clusterOf(uint256 clusterId) external view override returns (ClusterInfo memory info) {
        ClusterState memory state = _states[clusterId];
        ClusterData storage data = _data[clusterId];
        info.operator = data.operator;
        info.pendingOperator = data.pendingOperator;
        info.status = _statusOf(clusterId, state, _config.heartbeat);
        info.gpuModel = data.gpuModel;
        info.location = data.location;
        info.hardwareRoot = data.hardwareRoot;
        info.gpuCount = state.gpuCount;
        info.metadataURI = data.metadataURI;
        info.metadataHash = data.metadataHash;
        info.registeredAt = data.registeredAt;
        info.attestedAt = state.attestedAt;
        info.attestedUntil = state.attestedUntil;
        info.attestationNonce = state.attestationNonce;
        info.lastEpoch = state.lastEpoch;
        info.lastReportAt = uint40(state.lastEpoch);
        info.suspended = state.lifecycle == Lifecycle.Suspended;
        info.retired = state.lifecycle == Lifecycle.Retired;
    }

    /// @inheritdoc IClusterRegistry
    function clusterCount() external view override returns (uint256) {
        return _clusterCount;
    }

    /// @inheritdoc IClusterRegistry
    function lastEpochOf(uint256 clusterId) external view override returns (uint64) {
        return _states[clusterId].lastEpoch;
    }

    /// @inheritdoc IClusterRegistry
    function signers() external view override returns (address[] memory) {
        return _signers;
    }

    /// @inheritdoc IClusterRegistry
    function isSigner(address account) external view override returns (bool) {
        return _signerPosition[account] != 0;
    }

    /// @inheritdoc IClusterRegistry
    function threshold() external view override returns (uint256) {
        return _config.threshold;
    }

    /// @inheritdoc IClusterRegistry
    function heartbeat() external view override returns (uint256) {
        return _config.heartbeat;
    }

    /// @inheritdoc IClusterRegistry
    function domainSeparator() external view override returns (bytes32) {
        return _domainSeparatorV4();
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

    /// @dev Status of a cluster from its hot slot; see `ClusterStatus`. Both activity times are signed times.
    function _statusOf(uint256 clusterId, ClusterState memory state, uint256 heartbeat_)
        internal
        view
        returns (ClusterStatus)
    {
        if (clusterId == 0 || clusterId > _clusterCount) return ClusterStatus.None;
        if (state.lifecycle == Lifecycle.Retired) return ClusterStatus.Retired;
        if (state.lifecycle == Lifecycle.Suspended) return ClusterStatus.Suspended;
        if (state.attestedUntil == 0) return ClusterStatus.Registered;
        if (block.timestamp > state.attestedUntil) return ClusterStatus.Stale;
        uint256 lastActivity = state.lastEpoch > state.attestedAt ? state.lastEpoch : state.attestedAt;
        if (block.timestamp > lastActivity + heartbeat_) return ClusterStatus.Stale;
        return ClusterStatus.Attested;
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

    function _checkOperator(uint256 clusterId) internal view {
        // An unknown id has operator address(0), which no caller can be.
        if (msg.sender != _data[clusterId].operator) revert NotOperator(clusterId, msg.sender);
    }

    function _checkKnown(uint256 clusterId) internal view {
        if (clusterId == 0 || clusterId > _clusterCount) revert UnknownCluster(clusterId);
    }

    function _checkNotRetired(uint256 clusterId) internal view {
        if (_states[clusterId].lifecycle == Lifecycle.Retired) revert ClusterIsRetired(clusterId);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IClusterRegistryErrors} from "./IClusterRegistryErrors.sol";
import {IClusterRegistryEvents} from "./IClusterRegistryEvents.sol";

/// @title IClusterRegistry
/// @notice Registry of GPU clusters, their k-of-n oracle committee, attestations and epoch reports.
/// @dev Attestations and epoch reports are EIP-712 typed data (domain name "Rackshare ClusterRegistry", version "1",
/// the chain id and this registry's address) that need `threshold()` signatures of DISTINCT current committee
/// signers, given in strictly ascending order of signer address. Anyone may submit them (relayers).
/// EIP-712 types, exactly as hashed:
/// - `Attestation(uint256 clusterId,bytes32 hardwareRoot,uint32 gpuCount,uint64 issuedAt,uint64 validUntil,`
///   `uint32 nonce,uint32 committeeVersion)`
/// - `EpochReport(uint256 clusterId,uint64 epoch,uint64 gpuHoursMilli,uint16 utilizationBps,uint32 gpusOnline,`
///   `uint256 revenue,bytes32 telemetryRoot,uint32 committeeVersion)` (each one line, no space after the commas)
/// Signatures are 65-byte `r ‖ s ‖ v` with a low `s` (what viem's `signTypedData` returns).
///
/// Signatures in flight: every message carries the committee version (`committeeVersion()`), which every committee
/// change increments (as Chainlink's config digest does), so a signer that was removed loses its outstanding
/// signatures even if it is added back; a hardware update increments the attestation nonce, so an attestation signed
/// for the old hardware can no longer land.
///
/// Time: freshness comes from signed times, never from when a relayer chose to submit. An epoch id is the Unix second
/// at which the epoch ended, it may not be in the future, and the cluster's last report time is that epoch; an
/// attestation's heartbeat counts from its signed `issuedAt`. So signatures held back cannot revive a Stale cluster.
/// Out-of-order epochs: per cluster, epochs only increase. A report whose epoch is not above the cluster's last one
/// (already landed, or superseded by a later epoch), that was signed for an earlier committee, or whose cluster can no
/// longer be reported on is skipped with `ReportSkipped`, so one front-run never reverts a relayer's batch; an epoch
/// skipped this way is not recorded.
/// Most events and errors live in `IClusterRegistryEvents` and `IClusterRegistryErrors`.
interface IClusterRegistry is IClusterRegistryEvents, IClusterRegistryErrors {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Lifecycle of a cluster. `None` means the id was never registered.
    enum ClusterStatus {
        None,
        Registered,
        Attested,
        Stale,
        Suspended,
        Retired
    }

    /// @notice Reasons `submitReports` skips an item instead of reverting the batch: all are things others can change
    /// between the signing and the mining of a relayer's batch.
    /// @dev EpochNotAfterLast: the epoch already landed or a later one did. StaleCommittee: signed for another
    /// committee version. ClusterNotReportable: the cluster is unknown, not (or no longer) attested, suspended or
    /// retired. GpusOnlineAboveAttested: more GPUs online than the cluster's attested count (its hardware changed since
    /// the report was signed).
    enum SkipReason {
        EpochNotAfterLast,
        StaleCommittee,
        ClusterNotReportable,
        GpusOnlineAboveAttested
    }

    /// @notice A committee statement that a cluster's hardware matches its commitment until `validUntil`.
    /// @param clusterId The attested cluster.
    /// @param hardwareRoot Must equal the cluster's current hardware commitment (Merkle root over the hashed GPU UUIDs).
    /// @param gpuCount Must equal the cluster's current GPU count.
    /// @param issuedAt Unix time (seconds) at which the committee checked the hardware; not in the future. The
    /// heartbeat counts from it, not from the submission.
    /// @param validUntil Unix time (seconds) until which the attestation holds (inclusive); must be in the future and
    /// later than the current attestation's.
    /// @param nonce Must equal the cluster's current attestation nonce (`clusterOf(id).attestationNonce`); it is
    /// incremented by every accepted attestation and by every hardware update, so an attestation cannot be replayed
    /// nor survive a hardware change.
    /// @param committeeVersion Must equal `committeeVersion()`.
    struct Attestation {
        uint256 clusterId;
        bytes32 hardwareRoot;
        uint32 gpuCount;
        uint64 issuedAt;
        uint64 validUntil;
        uint32 nonce;
        uint32 committeeVersion;
    }

    /// @notice A committee report on one cluster for one epoch.
    /// @param clusterId The reported cluster.
    /// @param epoch The Unix second at which the epoch ended; not in the future, strictly increasing per cluster (the
    /// first report needs `epoch >= 1`). It is the cluster's last report time once accepted.
    /// @param gpuHoursMilli GPU-hours rented during the epoch, in milli-GPU-hours (1 GPU rented for 1 hour = 1,000).
    /// @param utilizationBps Average utilization during the epoch in basis points (0 to 10,000).
    /// @param gpusOnline GPUs online at the end of the epoch; at most the attested GPU count.
    /// @param revenue Revenue the cluster earned in the epoch, in stablecoin base units, as reported by the oracle.
    /// @param telemetryRoot Merkle root (or hash) of the epoch's raw telemetry, kept off chain.
    /// @param committeeVersion The committee version it was signed for; another version is skipped.
    // The field order is the EIP-712 type the committee signs, so it cannot be rearranged for packing.
    // solhint-disable-next-line gas-struct-packing
    struct EpochReport {
        uint256 clusterId;
        uint64 epoch;
        uint64 gpuHoursMilli;
        uint16 utilizationBps;
        uint32 gpusOnline;
        uint256 revenue;
        bytes32 telemetryRoot;
        uint32 committeeVersion;
    }

    /// @notice An epoch report with its committee signatures (65 bytes each, ascending signer addresses).
    struct SignedReport {
        EpochReport report;
        bytes[] signatures;
    }

    /// @notice Everything the registry stores about a cluster, plus its derived status.
    /// @param operator Current operator (IDC); address(0) for an unknown id.
    /// @param pendingOperator Address that may accept the operator role; address(0) when no hand-over is pending.
    /// @param status Derived status at this block (same as `statusOf`).
    /// @param gpuModel GPU model, e.g. "NVIDIA H100 SXM5 80GB".
    /// @param location IDC / location code, e.g. "KR-SEL-01".
    /// @param hardwareRoot Hardware commitment: OpenZeppelin standard Merkle root over the hashed GPU UUIDs.
    /// @param gpuCount Number of GPUs committed to.
    /// @param metadataURI URI of the off-chain metadata document.
    /// @param metadataHash keccak256 of the metadata document's content.
    /// @param registeredAt Registration time.
    /// @param attestedAt Signed time (`issuedAt`) of the current attestation; 0 when not attested (never, or cleared by
    /// a hardware update).
    /// @param attestedUntil Expiry of the current attestation (inclusive); 0 when not attested.
    /// @param attestationNonce Nonce the next attestation must carry.
    /// @param lastEpoch Epoch of the last accepted report; 0 before the first.
    /// @param lastReportAt Time the last accepted report covers: its epoch end, signed by the committee (equals
    /// `lastEpoch`); 0 before the first.
    /// @param suspended Whether governance suspended the cluster.
    /// @param retired Whether governance retired the cluster (final).
    // solhint-disable-next-line gas-struct-packing
    struct ClusterInfo {
        address operator;
        address pendingOperator;
        ClusterStatus status;
        string gpuModel;
        string location;
        bytes32 hardwareRoot;
        uint32 gpuCount;
        string metadataURI;
        bytes32 metadataHash;
        uint40 registeredAt;
        uint40 attestedAt;
        uint40 attestedUntil;
        uint32 attestationNonce;
        uint64 lastEpoch;
        uint40 lastReportAt;
        bool suspended;
        bool retired;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `submitReports` skipped an item (see `SkipReason`). Emitted before any signature check: it only says
    /// the item was ignored, it is no evidence that the committee signed it.
    /// @param clusterId The item's cluster.
    /// @param epoch The item's epoch.
    /// @param reason Why it was skipped.
    event ReportSkipped(uint256 indexed clusterId, uint64 indexed epoch, SkipReason reason);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice The cluster is suspended or retired, so it cannot be attested.
    error ClusterNotAttestable(uint256 clusterId, ClusterStatus status);

    /// @notice Suspend needs a cluster that is not suspended or retired; unsuspend needs a suspended one.
    error InvalidLifecycleChange(uint256 clusterId, ClusterStatus status);

    /*//////////////////////////////////////////////////////////////
                            OPERATOR FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers a new cluster operated by the caller; ids are sequential from 1.
    /// @param gpuModel GPU model name.
    /// @param gpuCount Number of GPUs (> 0).
    /// @param location IDC / location code.
    /// @param hardwareRoot OpenZeppelin standard Merkle root over the hashed GPU UUIDs (non-zero).
    /// @param metadataURI URI of the off-chain metadata document.
    /// @param metadataHash keccak256 of the metadata document's content.
    /// @return clusterId The new cluster's id.
    function registerCluster(
        string calldata gpuModel,
        uint32 gpuCount,
        string calldata location,
        bytes32 hardwareRoot,
        string calldata metadataURI,
        bytes32 metadataHash
    ) external returns (uint256 clusterId);

    /// @notice Updates the metadata of a cluster; only its operator, not once retired.
    /// @param clusterId The cluster.
    /// @param metadataURI New metadata URI.
    /// @param metadataHash keccak256 of the new metadata document's content.
    function updateMetadata(uint256 clusterId, string calldata metadataURI, bytes32 metadataHash) external;

    /// @notice Updates the hardware commitment and GPU count; only the operator, not once retired. Clears the
    /// attestation: the cluster is Registered (or Suspended) until the committee attests the new hardware.
    /// @param clusterId The cluster.
    /// @param hardwareRoot New hardware commitment (non-zero).
    /// @param gpuCount New GPU count (> 0).
    function updateHardware(uint256 clusterId, bytes32 hardwareRoot, uint32 gpuCount) external;

    /// @notice Offers the operator role of `clusterId` to `newOperator`, who must accept it; address(0) cancels a
    /// pending offer. Only the current operator.
    /// @param clusterId The cluster.
    /// @param newOperator The proposed operator.
    function transferOperator(uint256 clusterId, address newOperator) external;

    /// @notice Accepts the operator role of `clusterId`; only its pending operator.
    /// @param clusterId The cluster.
    function acceptOperator(uint256 clusterId) external;

    /*//////////////////////////////////////////////////////////////
                            ORACLE FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Records a committee attestation of a cluster's hardware; anyone may submit it.
    /// @param attestation The attested statement (see `Attestation`).
    /// @param signatures At least `threshold()` signatures of distinct current signers over
    /// `hashAttestation(attestation)`, ordered by strictly ascending signer address.
    function submitAttestation(Attestation calldata attestation, bytes[] calldata signatures) external;

    /// @notice Records a batch of epoch reports, each with its own committee signatures; anyone may submit it.
    /// An item for a cluster that cannot be reported on (unknown, not attested, attestation expired, suspended or
    /// retired), signed for another committee version, whose epoch is not above its cluster's last epoch, or with more
    /// GPUs online than the cluster's attested count is skipped with `ReportSkipped` (nothing another party can do
    /// between signing and mining reverts the batch); any other invalid item (future epoch, utilization above 100 %,
    /// bad signatures) reverts the whole batch.
    /// @param reports The reports with at least `threshold()` signatures each over `hashReport(report)`, ordered by
    /// strictly ascending signer address.
    function submitReports(SignedReport[] calldata reports) external;

    /*//////////////////////////////////////////////////////////////
                           GOVERNANCE FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Adds `signer` to the committee and sets the threshold to `newThreshold`; only the owner.
    /// @param signer The new signer (non-zero, not yet a signer).
    /// @param newThreshold Threshold after the change (must satisfy `2k > n`, `1 <= k <= n`).
    function addSigner(address signer, uint256 newThreshold) external;

    /// @notice Removes `signer` from the committee and sets the threshold to `newThreshold`; only the owner.
    /// @param signer A current signer.
    /// @param newThreshold Threshold after the change (must satisfy `2k > n`, `1 <= k <= n`).
    function removeSigner(address signer, uint256 newThreshold) external;

    /// @notice Sets the threshold; only the owner.
    /// @param newThreshold New threshold (must satisfy `2k > n`, `1 <= k <= n`).
    function setThreshold(uint256 newThreshold) external;

    /// @notice Sets the heartbeat: a cluster with no report for longer than this since max(last report,
    /// attestation) is Stale. Only the owner.
    /// @param newHeartbeat New heartbeat in seconds (1 to `type(uint32).max`).
    function setHeartbeat(uint256 newHeartbeat) external;

    /// @notice Suspends a cluster (reversible): no attestations, reports or sales until unsuspended. The owner or the
    /// guardian.
    /// @param clusterId A cluster that is neither suspended nor retired.
    function suspendCluster(uint256 clusterId) external;

    /// @notice Lifts a suspension; the status is derived again from attestation and reports. Only the owner.
    /// @param clusterId A suspended cluster.
    function unsuspendCluster(uint256 clusterId) external;

    /// @notice Retires a cluster for good (also from Suspended). Only the owner.
    /// @param clusterId A cluster that is not retired.
    function retireCluster(uint256 clusterId) external;

    /// @notice Names the guardian: an emergency key that can suspend clusters and set governance's pause on share
    /// tokens immediately, but never lift either (only the owner can, behind its timelock in production). address(0)
    /// for none. Only the owner.
    /// @param newGuardian The guardian.
    function setGuardian(address newGuardian) external;

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The current operator (IDC) of `clusterId`; address(0) when the id is unknown.
    /// @param clusterId The cluster.
    /// @return The operator.
    function operatorOf(uint256 clusterId) external view returns (address);

    /// @notice The status of `clusterId` at this block, derived from attestation expiry and report heartbeat.
    /// @dev None (unknown id) > Retired > Suspended > Registered (never attested, or attestation cleared by a hardware
    /// update) > Stale (now > attestedUntil, or now > max(lastReportAt, attestedAt) + heartbeat, both signed times)
    /// > Attested.
    /// @param clusterId The cluster.
    /// @return The status.
    function statusOf(uint256 clusterId) external view returns (ClusterStatus);

    /// @notice Protocol governance (the registry owner; a TimelockController in production).
    /// @return The owner.
    function owner() external view returns (address);

    /// @notice The guardian (see `setGuardian`); address(0) when none.
    /// @return The guardian.
    function guardian() external view returns (address);

    /// @notice The committee version every attestation and report must be signed for (1 at construction, +1 per
    /// committee change).
    /// @return The version.
    function committeeVersion() external view returns (uint32);

    /// @notice Everything stored about `clusterId` plus its status; all zero (status None) for an unknown id.
    /// @param clusterId The cluster.
    /// @return info The cluster's data.
    function clusterOf(uint256 clusterId) external view returns (ClusterInfo memory info);

    /// @notice The number of registered clusters (= the highest cluster id).
    /// @return The count.
    function clusterCount() external view returns (uint256);

    /// @notice The epoch of `clusterId`'s last accepted report; 0 before the first.
    /// @param clusterId The cluster.
    /// @return The last epoch.
    function lastEpochOf(uint256 clusterId) external view returns (uint64);

    /// @notice The current committee signers (order not meaningful).
    /// @return The signer addresses.
    function signers() external view returns (address[] memory);

    /// @notice Whether `account` is a current committee signer.
    /// @param account The address to check.
    /// @return Whether it is a signer.
    function isSigner(address account) external view returns (bool);

    /// @notice The number of distinct signatures attestations and reports need.
    /// @return The threshold k.
    function threshold() external view returns (uint256);

    /// @notice The heartbeat in seconds (see `setHeartbeat`).
    /// @return The heartbeat.
    function heartbeat() external view returns (uint256);

    /// @notice The EIP-712 domain separator (also available field by field through ERC-5267 `eip712Domain()`).
    /// @return The domain separator for the current chain id.
    function domainSeparator() external view returns (bytes32);

    /// @notice The EIP-712 type hash of `Attestation`.
    /// @return keccak256 of the `Attestation` type string.
    function ATTESTATION_TYPEHASH() external view returns (bytes32);

    /// @notice The EIP-712 type hash of `EpochReport`.
    /// @return keccak256 of the `EpochReport` type string.
    function EPOCH_REPORT_TYPEHASH() external view returns (bytes32);

    /// @notice The EIP-712 digest committee members sign for `attestation`.
    /// @param attestation The attestation.
    /// @return digest `keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(attestation))`.
    function hashAttestation(Attestation calldata attestation) external view returns (bytes32 digest);

    /// @notice The EIP-712 digest committee members sign for `report`.
    /// @param report The epoch report.
    /// @return digest `keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(report))`.
    function hashReport(EpochReport calldata report) external view returns (bytes32 digest);
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IClusterRegistry
/// @notice Registry of GPU clusters, their k-of-n oracle committee, attestations and epoch reports.
/// @dev STUB written before implementation: the registry author extends it; the members below are relied upon by
/// ShareToken, Offering and RackshareFactory and keep their signatures.
interface IClusterRegistry {
    /// @notice Lifecycle of a cluster. `None` means the id was never registered.
    enum ClusterStatus {
        None,
        Registered,
        Attested,
        Stale,
        Suspended,
        Retired
    }

    /// @notice The current operator (IDC) of `clusterId`; address(0) when the id is unknown.
    function operatorOf(uint256 clusterId) external view returns (address);

    /// @notice The status of `clusterId` at this block, derived from attestation expiry and report heartbeat.
    function statusOf(uint256 clusterId) external view returns (ClusterStatus);

    /// @notice Protocol governance (the registry owner).
    function owner() external view returns (address);
}

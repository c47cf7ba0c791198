// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../interfaces/IClusterRegistry.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title ClusterRegistryBase
/// @notice The storage of `ClusterRegistry`, its views and the checks every entry point shares.
/// @dev Per-cluster state that reports read and write lives in ONE storage slot (`ClusterState`), so an epoch report
/// costs its signature checks, one cold SLOAD, one SSTORE and one event. Everything else about a cluster lives in
/// `ClusterData`. The committee is a set (array + 1-based position map) kept at `2 * threshold > signers`; threshold,
/// heartbeat, committee version and guardian share one slot (`Config`), read once per report batch.
/// Storage order, kept from the single-file contract: Ownable's, Ownable2Step's and EIP712's slots first, then these.
abstract contract ClusterRegistryBase is IClusterRegistry, Ownable2Step, EIP712 {
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

    /*//////////////////////////////////////////////////////////////
                               INTERNAL
    //////////////////////////////////////////////////////////////*/

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

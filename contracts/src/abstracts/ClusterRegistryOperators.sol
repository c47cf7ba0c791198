// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../interfaces/IClusterRegistry.sol";
import {ClusterRegistryBase} from "./ClusterRegistryBase.sol";

/// @title ClusterRegistryOperators
/// @notice What a cluster's operator does in `ClusterRegistry`: register a cluster, update its metadata and hardware
/// commitment, hand the cluster to a new operator (two steps).
abstract contract ClusterRegistryOperators is ClusterRegistryBase {
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
}

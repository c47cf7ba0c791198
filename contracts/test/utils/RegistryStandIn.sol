// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";

/// @title RegistryStandIn
/// @notice Test-only registry with settable operators and statuses (no oracle committee, no signatures). It implements
/// just the members ShareToken reads (`operatorOf`, `statusOf`, `owner`, `guardian`, same selectors as
/// IClusterRegistry); cast it with `IClusterRegistry(address(standIn))`.
contract RegistryStandIn {
    address public owner;
    address public guardian;
    mapping(uint256 clusterId => address) public operatorOf;
    mapping(uint256 clusterId => IClusterRegistry.ClusterStatus) public statusOf;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Sets the operator and status of `clusterId`.
    function setCluster(uint256 clusterId, address operator, IClusterRegistry.ClusterStatus status) external {
        operatorOf[clusterId] = operator;
        statusOf[clusterId] = status;
    }

    /// @notice Changes the operator of `clusterId`.
    function setOperator(uint256 clusterId, address operator) external {
        operatorOf[clusterId] = operator;
    }

    /// @notice Changes governance.
    function setOwner(address owner_) external {
        owner = owner_;
    }

    /// @notice Changes the guardian.
    function setGuardian(address guardian_) external {
        guardian = guardian_;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IClusterRegistry} from "./IClusterRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IShareToken
/// @notice ERC-20 shares of one GPU cluster that stream rental revenue to holders per second.
/// @dev STUB written before implementation: the ShareToken author extends it; `initialize`, `claimable`, `claim`,
/// `claimTo` and `depositRevenue` keep these signatures (Offering and RackshareFactory rely on them).
interface IShareToken is IERC20 {
    /// @notice One-time initializer of a clone: mints the whole fixed `supply` to `initialHolder`.
    function initialize(
        IClusterRegistry registry,
        uint256 clusterId,
        IERC20 stablecoin,
        string calldata name,
        string calldata symbol,
        uint256 supply,
        address initialHolder
    ) external;

    /// @notice Streams `amount` stablecoin to holders linearly over `duration` seconds.
    function depositRevenue(uint256 amount, uint256 duration) external;

    /// @notice Revenue `account` can claim now.
    function claimable(address account) external view returns (uint256);

    /// @notice Claims the caller's revenue to the caller.
    function claim() external returns (uint256 amount);

    /// @notice Claims the caller's revenue to `recipient`.
    function claimTo(address recipient) external returns (uint256 amount);

    /// @notice The cluster these shares represent.
    function clusterId() external view returns (uint256);

    /// @notice The stablecoin revenue is paid in.
    function stablecoin() external view returns (IERC20);
}

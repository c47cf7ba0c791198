// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IClusterRegistry} from "./IClusterRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IShareTokenEvents
/// @notice The events of `IShareToken` (which inherits them), in one place so that the interface reads as its
/// functions. Units as in `IShareToken` ("base units", "scaled").
interface IShareTokenEvents {
    /// @notice Emitted once by `initialize`, with everything an indexer needs about the token.
    /// @param registry The cluster registry.
    /// @param clusterId The cluster these shares represent.
    /// @param stablecoin The stablecoin revenue is paid in.
    /// @param name The token name.
    /// @param symbol The token symbol.
    /// @param supply The fixed total supply, minted to `initialHolder`.
    /// @param initialHolder Who received the supply (the Offering).
    event ShareTokenInitialized(
        IClusterRegistry indexed registry,
        uint256 indexed clusterId,
        IERC20 stablecoin,
        string name,
        string symbol,
        uint256 supply,
        address initialHolder
    );

    /// @notice Emitted when revenue is deposited: a new tranche merged into the stream without slowing or shortening
    /// it (see the contract notes).
    /// @param payer Who paid (the operator or a payer it named).
    /// @param amount Base units pulled from `payer`.
    /// @param duration Seconds over which `amount` plus `carriedOver` stream from now.
    /// @param newRatePerSecond The new stream rate, base units per second for the whole supply scaled by `RATE_SCALE`;
    /// never below the rate before while the previous stream was running.
    /// @param streamEnd Timestamp at which the stream now ends; never before the previous end.
    /// @param carriedOver Base units (rounded down) of earlier deposits not yet streamed; they keep their schedule.
    event RevenueDeposited(
        address indexed payer,
        uint256 amount,
        uint256 duration,
        uint256 newRatePerSecond,
        uint256 streamEnd,
        uint256 carriedOver
    );

    /// @notice Emitted when `account` claims `amount` base units of revenue to `recipient`.
    /// @param account The holder whose revenue is claimed.
    /// @param recipient Who receives the stablecoin.
    /// @param amount Base units paid.
    event Claimed(address indexed account, address indexed recipient, uint256 amount);

    /// @notice Emitted when `operator` names, changes or revokes `payer`, who may deposit revenue on its behalf.
    /// @param operator The operator who named the payer (the right lapses if the cluster's operator changes).
    /// @param payer The payer.
    /// @param maxDuration How far ahead of the deposit a payer's deposit may end the stream, in seconds (a top-up to
    /// the running stream's end is always allowed); 0 revokes the payer.
    event RevenuePayerSet(address indexed operator, address indexed payer, uint256 maxDuration);

    /// @notice Emitted when the operator sets the verification expiry of `account`.
    /// @param account The holder.
    /// @param validUntil Last second (inclusive) at which `account` counts as verified; 0 revokes.
    event VerificationSet(address indexed account, uint256 validUntil);

    /// @notice Emitted when the operator turns the allowlist on or off.
    /// @param operator Who changed it.
    /// @param enabled Whether receivers must be verified.
    event AllowlistEnabledSet(address indexed operator, bool enabled);

    /// @notice Emitted when the operator freezes or unfreezes `account`.
    /// @param operator Who changed it.
    /// @param account The account.
    /// @param frozen Whether `account` may no longer send nor receive shares.
    event FreezeSet(address indexed operator, address indexed account, bool frozen);

    /// @notice Emitted when the operator's or governance's pause is set or lifted.
    /// @param by Who changed it (the operator, or the registry owner or its guardian).
    /// @param governance True for governance's pause, false for the operator's.
    /// @param paused Whether that pause is now on (claims never stop).
    event PauseSet(address indexed by, bool governance, bool paused);

    /// @notice Emitted (besides `Transfer`) when the operator forcibly moves shares.
    /// @param operator Who forced it.
    /// @param from The account debited.
    /// @param to The account credited.
    /// @param amount Share-wei moved.
    event ForcedTransfer(address indexed operator, address indexed from, address indexed to, uint256 amount);

    /// @notice Emitted (besides `Transfer`) when the operator moves a lost wallet to its replacement.
    /// @param operator Who recovered it.
    /// @param lost The lost wallet.
    /// @param replacement The new wallet.
    /// @param shares Share-wei moved (the whole balance).
    /// @param revenue Base units of unclaimed revenue moved with them.
    event WalletRecovered(
        address indexed operator, address indexed lost, address indexed replacement, uint256 shares, uint256 revenue
    );
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IClusterRegistry} from "./IClusterRegistry.sol";
import {IShareTokenErrors} from "./IShareTokenErrors.sol";
import {IShareTokenEvents} from "./IShareTokenEvents.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title IShareToken
/// @notice ERC-20 shares (18 decimals, EIP-2612 permit) of one GPU cluster that stream rental revenue to holders per
/// second, pro rata to the balance held at each second, with cheap ERC-3643-like controls (allowlist with expiry,
/// pause, freeze, forced transfer, wallet recovery) administered by the cluster's current operator, and an emergency
/// pause of governance's that the operator cannot lift.
/// @dev One EIP-1167 clone per cluster, initialized by the factory. Units used below:
/// - "base units": the stablecoin's smallest unit (at most `MAX_STABLECOIN_DECIMALS` decimals);
/// - "scaled": multiplied by `RATE_SCALE` (1e18), for views and events only (internally the precision is relative to
///   the supply: < 1 base unit lost per holder per checkpoint and < 1 per deposit).
///
/// Deposits are tranches that never re-schedule revenue already deposited. The token streams one flat rate until one
/// end; a deposit is merged into it only if, at every second until the current end, the stream pays at least what it
/// paid before, and it ends no earlier. Equivalently, every earlier deposit keeps streaming exactly on its own
/// schedule and the new one adds `newRate - oldRate` per second until the old end, then `newRate` until the new end.
/// So nobody (operator, revenue payer, front-runner) can compress unstreamed revenue into a few seconds, stretch it,
/// or pull it before a sale settles; to end later, a deposit must bring at least the current rate for every added
/// second. `depositLimits` tells the durations a given amount may take.
///
/// Two pauses: the operator's (`pause`/`unpause`) and governance's (`governancePause` by the registry owner or its
/// guardian, `governanceUnpause` by the owner only). While either is on, no transfer, deposit, Offering purchase or
/// Offering settlement goes through; governance's also stops the operator's forced transfers and recoveries. Claims
/// never stop.
///
/// Protected account: the initial holder (the Offering's escrow) can never be frozen, debited by a forced transfer or a
/// recovery, nor receive shares; nor can this token itself (its revenue could never be claimed). Conversely, the escrow
/// can always hand shares to the cluster's operator (settlement): the operator's own freeze or allowlist status cannot
/// hold a sale unsettled.
///
/// Bounds (checked on entry, they make the packed storage impossible to overflow): total supply <= 2**96 - 1
/// share-wei (~79.2 billion shares), cumulative deposits <= 2**60 - 1 base units (~1.15e12 whole units at 6 decimals,
/// hence the decimals limit), stream duration <= `MAX_DURATION` (3650 days), stream end and verification expiries
/// < 2**32 (year 2106), cluster id < 2**96.
/// Events and errors live in `IShareTokenEvents` and `IShareTokenErrors`.
interface IShareToken is IERC20Metadata, IERC20Permit, IERC20Errors, IShareTokenEvents, IShareTokenErrors {
    /// @notice The revenue stream as a dashboard shows it.
    /// @param ratePerSecond Revenue streamed to the whole supply per second, in base units scaled by `RATE_SCALE`.
    /// @param start When the current stream (after the last deposit or merge) started.
    /// @param end When the current stream ends; nothing streams after it. A later deposit never moves it earlier.
    /// @param lastUpdate When the stream was last checkpointed (the last deposit).
    /// @param accumulator Revenue streamed to the whole supply since initialization, in base units scaled by
    /// `RATE_SCALE`, as of now (rounded down). A holder of `b` share-wei earns about
    /// `b * Δaccumulator / (totalSupply * RATE_SCALE)`.
    struct StreamState {
        uint256 ratePerSecond;
        uint256 start;
        uint256 end;
        uint256 lastUpdate;
        uint256 accumulator;
    }

    /*//////////////////////////////////////////////////////////////
                                INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @notice One-time initializer of a clone: mints the whole fixed `supply` to `initialHolder`, which becomes the
    /// protected account. The allowlist starts off, nothing is paused or frozen.
    /// @param registry The cluster registry (operator and governance are read from it).
    /// @param clusterId The cluster these shares represent (< 2**96).
    /// @param stablecoin The stablecoin revenue is paid in (no fee-on-transfer, no rebasing, at most
    /// `MAX_STABLECOIN_DECIMALS` decimals).
    /// @param name The token name.
    /// @param symbol The token symbol.
    /// @param supply The fixed total supply in share-wei (1 <= supply <= 2**96 - 1).
    /// @param initialHolder Who receives the supply (the Offering).
    function initialize(
        IClusterRegistry registry,
        uint256 clusterId,
        IERC20 stablecoin,
        string calldata name,
        string calldata symbol,
        uint256 supply,
        address initialHolder
    ) external;

    /*//////////////////////////////////////////////////////////////
                                REVENUE
    //////////////////////////////////////////////////////////////*/

    /// @notice Pulls `amount` stablecoin from the caller and streams it to holders until `now + duration`. While a
    /// stream is running, the unstreamed rest keeps its schedule: the stream continues at
    /// `(rest + amount) / duration`, which must not be below the current rate (`StreamWouldSlowDown`), and the new
    /// end must not be before the current one (`StreamWouldEndEarlier`). Only the cluster's operator or a payer it
    /// named (within its horizon, `PayerHorizonExceeded`); not while paused. Another deposit landing first changes
    /// the limits: read `depositLimits` and simulate right before sending.
    /// @dev O(1): gas depends neither on the number of holders nor on the number of earlier deposits still streaming.
    /// Reverts with `FeeOnTransferNotSupported` when the token's balance grows by less than `amount`.
    /// @param amount Base units to pull (> 0).
    /// @param duration Seconds to stream over (within `depositLimits(amount)` and 1..MAX_DURATION).
    function depositRevenue(uint256 amount, uint256 duration) external;

    /// @notice `depositRevenue` with an absolute end instead of a duration: streams `amount` until `end`. A top-up to
    /// the running stream's end (`stream().end`) is accepted however late it is mined, as long as that end is still
    /// ahead and no other deposit moved it meanwhile (a duration read before sending goes stale with every block); a
    /// named payer may always top up to it, whatever its horizon.
    /// @dev Same rules, errors and event as `depositRevenue` with `duration = end - block.timestamp`; an `end` not
    /// after the block's time reverts with `InvalidDuration(0)`.
    /// @param amount Base units to pull (> 0).
    /// @param end Timestamp the tranche streams until.
    function depositRevenueUntil(uint256 amount, uint256 end) external;

    /// @notice The durations a deposit of `amount` by `depositor` may take now without re-scheduling revenue already
    /// deposited (and, for a named payer, within its horizon). (0, 0) when no deposit is possible now: `depositor`
    /// may not deposit, either pause is on, `amount` is 0, or it would exceed the lifetime deposit cap.
    /// @param depositor The operator or a named payer.
    /// @param amount Base units.
    /// @return minDuration The shortest (the running stream's remaining time, or 1 when no stream runs).
    /// @return maxDuration The longest (the running rate kept for every second, capped by `MAX_DURATION`, 2**32 and,
    /// for a payer, by the later of the running end and its horizon).
    function depositLimits(address depositor, uint256 amount)
        external
        view
        returns (uint256 minDuration, uint256 maxDuration);

    /// @notice Names `payer` (a billing service, say) to deposit revenue on the operator's behalf, or revokes it. A
    /// payer can only add: its deposits obey the same rule as the operator's, and may end the stream at most
    /// `maxDuration` seconds after the deposit (or at the running end, if that is later), so a dust deposit over ten
    /// years cannot hold every later deposit to a ten-year stream. The right is tied to the operator that grants it,
    /// so it lapses when the cluster changes operator. Only the operator.
    /// @param payer The payer.
    /// @param maxDuration Its horizon in seconds (1..MAX_DURATION); 0 revokes it.
    function setRevenuePayer(address payer, uint256 maxDuration) external;

    /// @notice Revenue `account` can claim now, in base units.
    /// @param account The holder.
    /// @return The claimable amount.
    function claimable(address account) external view returns (uint256);

    /// @notice Claims the caller's revenue to the caller. Works while paused and while the caller is frozen.
    /// @return amount Base units paid (0 pays nothing and emits nothing).
    function claim() external returns (uint256 amount);

    /// @notice Claims the caller's revenue to `recipient`. Works while paused and while the caller is frozen.
    /// @param recipient Who receives the stablecoin (not zero).
    /// @return amount Base units paid (0 pays nothing and emits nothing).
    function claimTo(address recipient) external returns (uint256 amount);

    /// @notice Claims `holder`'s revenue to `holder`, for the factory that deployed this token: its `claimAll` claims
    /// the caller's revenue of many tokens in one transaction. Works while paused and while `holder` is frozen; emits
    /// the same `Claimed(holder, holder, amount)` as `claim`.
    /// @dev Only the factory, not anyone (as a Sablier-style "anyone may withdraw to the owner" would allow): a
    /// `recoverWallet` moves a lost wallet's unclaimed revenue with its shares to the replacement, so a third party
    /// able to claim for the lost wallet could push that revenue to an address nobody controls before the operator
    /// recovers it. The factory only ever passes its own caller, so a holder's revenue still moves only when the holder
    /// asks. The caller is recognised without storage: it is the factory exactly when this clone's CREATE2 address,
    /// predicted from the caller, the implementation and the salt `bytes32(clusterId)`, is this contract's.
    /// @param holder The holder whose revenue is claimed, and who receives it.
    /// @return amount Base units paid (0 pays nothing and emits nothing).
    function claimFor(address holder) external returns (uint256 amount);

    /*//////////////////////////////////////////////////////////////
                              RWA CONTROLS
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the verification expiry of `account` (inclusive). Only the operator.
    /// @param account The holder.
    /// @param validUntil Last second it counts as verified (< 2**32); 0 revokes.
    function setVerified(address account, uint256 validUntil) external;

    /// @notice Batch variant of `setVerified`. Only the operator.
    /// @param accounts The holders.
    /// @param validUntils Their expiries, same length.
    function setVerifiedBatch(address[] calldata accounts, uint256[] calldata validUntils) external;

    /// @notice Turns the allowlist on or off. When on, shares can only be sent to verified, unexpired accounts.
    /// Only the operator.
    /// @param enabled Whether it is on.
    function setAllowlistEnabled(bool enabled) external;

    /// @notice Freezes or unfreezes `account`: a frozen account can neither send nor receive shares, but keeps and
    /// may claim its revenue (it keeps earning on the shares it holds). Never the protected account (the Offering's
    /// escrow: freezing it would hold every buyer's shares hostage). Only the operator.
    /// @param account The account.
    /// @param frozen Whether it is frozen.
    function setFrozen(address account, bool frozen) external;

    /// @notice The operator's pause: stops transfers, deposits, the Offering's purchases and settlement; claims still
    /// work and the operator's forced transfers and recoveries too. Only the operator.
    function pause() external;

    /// @notice Lifts the operator's pause (never governance's). Only the operator.
    function unpause() external;

    /// @notice Governance's pause: everything the operator's pause stops, plus the operator's forced transfers and
    /// recoveries; claims still work. The registry owner or its guardian (an emergency key that can stop but never
    /// restart).
    function governancePause() external;

    /// @notice Lifts governance's pause (never the operator's). Only the registry owner.
    function governanceUnpause() external;

    /// @notice Moves `amount` shares from `from` to `to` regardless of the operator's pause, of `from`'s freeze and of
    /// allowances; not while governance's pause is on, never from the protected account (the Offering's escrow); `to`
    /// must not be frozen nor protected and, when the allowlist is on, must be verified. Revenue accrued by `from` up
    /// to now stays with `from` (claimable by it); `to` earns on the shares from now on. Only the operator.
    /// @param from The account debited.
    /// @param to The account credited.
    /// @param amount Share-wei.
    function forcedTransfer(address from, address to, uint256 amount) external;

    /// @notice Moves the whole balance of `lost` AND its unclaimed revenue to `replacement` (lost-wallet recovery:
    /// whoever holds the lost key can no longer claim anything). Same checks as `forcedTransfer`; freeze flags and
    /// verifications are not copied. Only the operator.
    /// @param lost The lost wallet.
    /// @param replacement The new wallet of the same holder.
    function recoverWallet(address lost, address replacement) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Whether `transfer(to, amount)` from `from` would succeed now, and if not why.
    /// @param from The sender.
    /// @param to The receiver.
    /// @param amount Share-wei.
    /// @return ok Whether it would succeed.
    /// @return reason The selector of the custom error it would revert with, 0 if `ok`.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool ok, bytes4 reason);

    /// @notice Reverts exactly as `transfer(to, amount)` from `from` would now (same custom error, same arguments);
    /// returns if it would succeed. The Offering applies it at the point of sale.
    /// @param from The sender.
    /// @param to The receiver.
    /// @param amount Share-wei.
    function checkTransfer(address from, address to, uint256 amount) external view;

    /// @notice The revenue stream.
    /// @return The stream state (see `StreamState`).
    function stream() external view returns (StreamState memory);

    /// @notice Cumulative revenue deposited, in base units.
    /// @return The total.
    function totalDeposited() external view returns (uint256);

    /// @notice Cumulative revenue streamed to holders so far (rounded down), in base units; <= `totalDeposited()`.
    /// @return The total.
    function streamedTotal() external view returns (uint256);

    /// @notice Revenue streamed to the whole supply up to `timestamp` (rounded down), in base units, when it can still
    /// be told: for any time from the last deposit (`stream().lastUpdate`) to now. The Offering uses it to give the
    /// revenue earned after a sale was decided to its buyers, however late the sale is settled.
    /// @param timestamp A time in [last deposit, now].
    /// @return known False when `timestamp` is before the last deposit or in the future (then `total` is 0).
    /// @return total The revenue streamed up to `timestamp`.
    function streamedTotalAt(uint256 timestamp) external view returns (bool known, uint256 total);

    /// @notice The registry the operator and governance are read from.
    /// @return The registry.
    function registry() external view returns (IClusterRegistry);

    /// @notice The cluster these shares represent.
    /// @return The cluster id.
    function clusterId() external view returns (uint256);

    /// @notice The stablecoin revenue is paid in.
    /// @return The stablecoin.
    function stablecoin() external view returns (IERC20);

    /// @notice The cluster's current operator (the admin of the controls).
    /// @return The operator.
    function operator() external view returns (address);

    /// @notice Whether `payer` may deposit revenue for the current operator.
    /// @param payer The payer.
    /// @return Whether it may.
    function isRevenuePayer(address payer) external view returns (bool);

    /// @notice The horizon of `payer` for the current operator (see `setRevenuePayer`); 0 when it is no payer.
    /// @param payer The payer.
    /// @return Seconds.
    function revenuePayerHorizon(address payer) external view returns (uint256);

    /// @notice The verification expiry of `account` (0 if never verified).
    /// @param account The account.
    /// @return The last second it counts as verified.
    function verifiedUntil(address account) external view returns (uint256);

    /// @notice Whether `account` is verified now.
    /// @param account The account.
    /// @return Whether it is.
    function isVerified(address account) external view returns (bool);

    /// @notice Whether `account` is frozen.
    /// @param account The account.
    /// @return Whether it is.
    function isFrozen(address account) external view returns (bool);

    /// @notice Whether either pause is on (transfers, deposits, purchases and settlement stopped).
    /// @return Whether they are.
    function paused() external view returns (bool);

    /// @notice Whether governance's pause is on.
    /// @return Whether it is.
    function pausedByGovernance() external view returns (bool);

    /// @notice Whether the operator's pause is on.
    /// @return Whether it is.
    function pausedByOperator() external view returns (bool);

    /// @notice Whether `account` is the protected account (the initial holder: the Offering's escrow).
    /// @param account The account.
    /// @return Whether it is.
    function isProtected(address account) external view returns (bool);

    /// @notice Whether receivers must be verified.
    /// @return Whether the allowlist is on.
    function allowlistEnabled() external view returns (bool);

    /// @notice The scale of the rate and accumulator reported by `stream()` and `RevenueDeposited` (1e18).
    /// @return The factor.
    function RATE_SCALE() external view returns (uint256);

    /// @notice The longest stream a deposit may set.
    /// @return Seconds.
    function MAX_DURATION() external view returns (uint256);

    /// @notice Reverts (`StablecoinWithoutDecimals`, `StablecoinDecimalsUnsupported`) unless `stablecoin` can back a
    /// ShareToken: `initialize` applies it, and the factory applies it to its stablecoin at construction.
    /// @param stablecoin The stablecoin.
    function checkStablecoin(IERC20 stablecoin) external view;

    /// @notice The most decimals a stablecoin may have: the lifetime cap of 2**60 - 1 base units must still carry at
    /// least 10**12 whole units.
    /// @return Decimals.
    function MAX_STABLECOIN_DECIMALS() external view returns (uint8);
}

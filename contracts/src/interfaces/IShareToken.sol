// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IClusterRegistry} from "./IClusterRegistry.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title IShareToken
/// @notice ERC-20 shares (18 decimals, EIP-2612 permit) of one GPU cluster that stream rental revenue to holders per
/// second, pro rata to the balance held at each second, with cheap ERC-3643-like controls (allowlist with expiry,
/// pause, freeze, forced transfer, wallet recovery) administered by the cluster's current operator.
/// @dev One EIP-1167 clone per cluster, initialized by the factory. Units used below:
/// - "base units": the stablecoin's smallest unit (the product uses a 6-decimal stablecoin);
/// - "scaled": multiplied by `RATE_SCALE` (1e18), for views and events only (internally the precision is relative to
///   the supply: < 1 base unit lost per holder per checkpoint and < 1 per deposit).
/// Bounds (checked on entry, they make the packed storage impossible to overflow): total supply <= 2**96 - 1
/// share-wei (~79.2 billion shares), cumulative deposits <= 2**60 - 1 base units (~1.15e12 dollars at 6 decimals),
/// stream duration <= `MAX_DURATION` (3650 days), stream end and verification expiries < 2**32 (year 2106),
/// cluster id < 2**96.
interface IShareToken is IERC20Metadata, IERC20Permit, IERC20Errors {
    /// @notice The revenue stream as a dashboard shows it.
    /// @param ratePerSecond Revenue streamed to the whole supply per second, in base units scaled by `RATE_SCALE`.
    /// @param start When the current stream (after the last deposit or merge) started.
    /// @param end When the current stream ends; nothing streams after it.
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
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

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

    /// @notice Emitted when revenue is deposited and the stream is (re)started.
    /// @param payer Who paid (the operator or a payer it named).
    /// @param amount Base units pulled from `payer`.
    /// @param duration Seconds over which `amount` plus `carriedOver` stream from now.
    /// @param newRatePerSecond The new stream rate, base units per second for the whole supply scaled by `RATE_SCALE`.
    /// @param streamEnd Timestamp at which the new stream ends.
    /// @param carriedOver Base units (rounded down) of the previous stream not yet streamed, merged into the new one.
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

    /// @notice Emitted when `operator` allows or disallows `payer` to deposit revenue on its behalf.
    /// @param operator The operator who named the payer (the right lapses if the cluster's operator changes).
    /// @param payer The payer.
    /// @param allowed Whether `payer` may deposit.
    event RevenuePayerSet(address indexed operator, address indexed payer, bool allowed);

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

    /// @notice Emitted when the operator or governance pauses or unpauses the token.
    /// @param by Who changed it.
    /// @param paused Whether transfers and deposits are stopped (claims never are).
    event PauseSet(address indexed by, bool paused);

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

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice The caller is not the cluster's current operator.
    /// @param caller The caller.
    /// @param operator The cluster's current operator.
    error NotOperator(address caller, address operator);

    /// @notice The caller is neither the cluster's operator nor governance.
    /// @param caller The caller.
    error NotOperatorOrGovernance(address caller);

    /// @notice The caller is neither the operator nor a payer the current operator named.
    /// @param caller The caller.
    error NotRevenuePayer(address caller);

    /// @notice Transfers and deposits are paused.
    error TokenPaused();

    /// @notice `account` is frozen and can neither send nor receive shares.
    /// @param account The frozen account.
    error AccountFrozen(address account);

    /// @notice The allowlist is on and `account` was never verified (or was revoked).
    /// @param account The receiver.
    error RecipientNotVerified(address account);

    /// @notice The allowlist is on and the verification of `account` expired.
    /// @param account The receiver.
    /// @param validUntil When its verification expired.
    error RecipientVerificationExpired(address account, uint256 validUntil);

    /// @notice A zero amount was given where it makes no sense.
    error ZeroAmount();

    /// @notice The stream duration is 0, above `MAX_DURATION`, or would end after 2**32 - 1.
    /// @param duration The duration given.
    error InvalidDuration(uint256 duration);

    /// @notice The deposit would take cumulative deposits above 2**60 - 1 base units.
    /// @param totalDeposited Cumulative deposits so far.
    /// @param amount The deposit.
    error DepositCapExceeded(uint256 totalDeposited, uint256 amount);

    /// @notice The stablecoin credited less than `amount` (fee-on-transfer tokens are not supported).
    /// @param expected The amount requested.
    /// @param received The balance increase observed.
    error FeeOnTransferNotSupported(uint256 expected, uint256 received);

    /// @notice The supply is 0 or above 2**96 - 1.
    /// @param supply The supply given.
    error InvalidSupply(uint256 supply);

    /// @notice A zero address was given for the registry, the stablecoin, a recipient or a holder.
    error ZeroAddress();

    /// @notice The cluster id does not fit in 96 bits.
    /// @param clusterId The id given.
    error InvalidClusterId(uint256 clusterId);

    /// @notice Batch arrays differ in length.
    /// @param accounts Length of the accounts array.
    /// @param validUntils Length of the expiries array.
    error LengthMismatch(uint256 accounts, uint256 validUntils);

    /// @notice A verification expiry above 2**32 - 1.
    /// @param validUntil The expiry given.
    error InvalidValidUntil(uint256 validUntil);

    /// @notice The lost wallet holds neither shares nor unclaimed revenue, or equals its replacement.
    /// @param lost The lost wallet.
    error NothingToRecover(address lost);

    /// @notice The permit deadline passed.
    /// @param deadline The deadline.
    error ERC2612ExpiredSignature(uint256 deadline);

    /// @notice The permit was not signed by `owner`.
    /// @param signer The recovered signer.
    /// @param owner The owner named in the permit.
    error ERC2612InvalidSigner(address signer, address owner);

    /*//////////////////////////////////////////////////////////////
                                INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @notice One-time initializer of a clone: mints the whole fixed `supply` to `initialHolder`. The allowlist
    /// starts off, nothing is paused or frozen.
    /// @param registry The cluster registry (operator and governance are read from it).
    /// @param clusterId The cluster these shares represent (< 2**96).
    /// @param stablecoin The stablecoin revenue is paid in (no fee-on-transfer, no rebasing).
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

    /// @notice Pulls `amount` stablecoin from the caller and streams it linearly to holders over `duration` seconds
    /// from now. Revenue not yet streamed from a running stream is merged in: the new rate is
    /// (rest + amount) / duration. Only the cluster's operator or a payer it named; not while paused.
    /// @dev Gas does not depend on the number of holders. Reverts with `FeeOnTransferNotSupported` when the token's
    /// balance grows by less than `amount`.
    /// @param amount Base units to pull (> 0).
    /// @param duration Seconds to stream over (1..MAX_DURATION).
    function depositRevenue(uint256 amount, uint256 duration) external;

    /// @notice Allows or disallows `payer` to deposit revenue. The right is tied to the operator that grants it, so
    /// it lapses when the cluster changes operator. Only the operator.
    /// @param payer The payer.
    /// @param allowed Whether it may deposit.
    function setRevenuePayer(address payer, bool allowed) external;

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
    /// may claim its revenue (it keeps earning on the shares it holds). Only the operator.
    /// @param account The account.
    /// @param frozen Whether it is frozen.
    function setFrozen(address account, bool frozen) external;

    /// @notice Stops transfers (the Offering's sales included) and deposits; claims still work. Operator or
    /// governance.
    function pause() external;

    /// @notice Lifts `pause`. Operator or governance.
    function unpause() external;

    /// @notice Moves `amount` shares from `from` to `to` regardless of pause, of `from`'s freeze and of allowances;
    /// `to` must not be frozen and, when the allowlist is on, must be verified. Revenue accrued by `from` up to now
    /// stays with `from` (claimable by it); `to` earns on the shares from now on. Only the operator.
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

    /// @notice The revenue stream.
    /// @return The stream state (see `StreamState`).
    function stream() external view returns (StreamState memory);

    /// @notice Cumulative revenue deposited, in base units.
    /// @return The total.
    function totalDeposited() external view returns (uint256);

    /// @notice Cumulative revenue claimed, in base units.
    /// @return The total.
    function totalClaimed() external view returns (uint256);

    /// @notice Cumulative revenue streamed to holders so far (rounded down), in base units; <= `totalDeposited()`.
    /// @return The total.
    function streamedTotal() external view returns (uint256);

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

    /// @notice Whether transfers and deposits are paused.
    /// @return Whether they are.
    function paused() external view returns (bool);

    /// @notice Whether receivers must be verified.
    /// @return Whether the allowlist is on.
    function allowlistEnabled() external view returns (bool);

    /// @notice The scale of the rate and accumulator reported by `stream()` and `RevenueDeposited` (1e18).
    /// @return The factor.
    function RATE_SCALE() external view returns (uint256);

    /// @notice The longest stream a deposit may set.
    /// @return Seconds.
    function MAX_DURATION() external view returns (uint256);
}

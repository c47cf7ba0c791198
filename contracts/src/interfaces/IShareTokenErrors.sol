// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IShareTokenErrors
/// @notice The custom errors of `IShareToken` (which inherits them) besides the ERC-6093 ones of `IERC20Errors`.
interface IShareTokenErrors {
    /// @notice The caller is not the cluster's current operator.
    /// @param caller The caller.
    /// @param operator The cluster's current operator.
    error NotOperator(address caller, address operator);

    /// @notice The caller is not the factory that deployed this token (`claimFor`).
    /// @param caller The caller.
    error NotFactory(address caller);

    /// @notice The caller is neither the registry owner nor its guardian.
    /// @param caller The caller.
    error NotGovernanceOrGuardian(address caller);

    /// @notice The caller is not the registry owner.
    /// @param caller The caller.
    error NotGovernance(address caller);

    /// @notice The caller is neither the operator nor a payer the current operator named.
    /// @param caller The caller.
    error NotRevenuePayer(address caller);

    /// @notice A named payer's deposit would end the stream later than its horizon allows (and later than the running
    /// stream's end), which would hold every later deposit to that end.
    /// @param duration The duration asked for.
    /// @param maxDuration The longest duration this payer may ask for now.
    error PayerHorizonExceeded(uint256 duration, uint256 maxDuration);

    /// @notice Transfers, deposits, purchases and settlement are paused (by the operator or by governance).
    error TokenPaused();

    /// @notice `account` is protected (the Offering's escrow): it cannot be frozen, debited by a forced transfer or a
    /// recovery, nor receive shares.
    /// @param account The protected account.
    error ProtectedAccount(address account);

    /// @notice The deposit would end the stream before its current end (re-scheduling revenue already deposited).
    /// @param newEnd The end the deposit asked for.
    /// @param currentEnd The stream's current end, the earliest end a deposit may ask for.
    error StreamWouldEndEarlier(uint256 newEnd, uint256 currentEnd);

    /// @notice The deposit would stream slower than the running stream (stretching revenue already deposited): to
    /// end later it must bring at least the current rate for every added second.
    /// @param duration The duration asked for.
    /// @param maxDuration The longest duration this amount allows now.
    error StreamWouldSlowDown(uint256 duration, uint256 maxDuration);

    /// @notice The stablecoin has more decimals than `MAX_STABLECOIN_DECIMALS`, so the lifetime deposit cap of
    /// 2**60 - 1 base units would be too small to mean anything.
    /// @param decimals The stablecoin's decimals.
    /// @param maxDecimals `MAX_STABLECOIN_DECIMALS`.
    error StablecoinDecimalsUnsupported(uint256 decimals, uint256 maxDecimals);

    /// @notice The stablecoin does not answer `decimals()`.
    /// @param stablecoin The stablecoin.
    error StablecoinWithoutDecimals(IERC20 stablecoin);

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
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IShareMarketErrors
/// @notice The custom errors of `IShareMarket` (which inherits them). Share and stablecoin transfers revert with the
/// token's own errors (allowlist, freeze, pauses, balances, allowances), never one of these.
interface IShareMarketErrors {
    /// @notice The offer's expiry has passed: an offer is fillable while `block.timestamp < expiry`.
    /// @param expiry The offer's expiry (unix seconds).
    error OfferExpired(uint256 expiry);

    /// @notice The maker cancelled this offer (`cancel`).
    /// @param offerHash The offer's EIP-712 hash.
    error OfferIsCancelled(bytes32 offerHash);

    /// @notice The maker cancelled every offer with a nonce below its minimum nonce (`cancelUpTo`).
    /// @param nonce The offer's nonce.
    /// @param minNonce The maker's current minimum nonce.
    error NonceCancelled(uint256 nonce, uint256 minNonce);

    /// @notice The maker's nonce was used: this offer was filled whole at once, or another offer of the maker with
    /// this nonce was filled or cancelled (a nonce is single-use).
    /// @param nonce The offer's nonce.
    error NonceUsed(uint256 nonce);

    /// @notice The signature is not the maker's: neither a valid 65-byte ECDSA signature (low s) by the maker, nor
    /// accepted by the maker's EIP-1271 `isValidSignature`.
    error InvalidSignature();

    /// @notice The offer is reserved for another taker.
    /// @param taker The only address that may fill the offer.
    error NotTaker(address taker);

    /// @notice The caller is the offer's maker: a trade with oneself only moves the fee.
    error SelfTrade();

    /// @notice The offer's side is neither 0 (Sell) nor 1 (Buy).
    /// @param side The side given.
    error InvalidSide(uint8 side);

    /// @notice The fill amount is 0.
    error ZeroAmount();

    /// @notice The fill would cost nothing (amount times price rounds to 0 stablecoin base units).
    error ZeroCost();

    /// @notice A partial fill of a Buy offer would leave a remainder whose cost rounds to 0: nobody could ever fill it.
    error DustRemainder();

    /// @notice Nothing is left of the offer to fill (a fill asking for more than what is left takes the rest instead).
    /// @param amount The amount asked for.
    /// @param remaining What the offer has left: always 0 (kept for the error's signature).
    error FillExceedsRemaining(uint256 amount, uint256 remaining);

    /// @notice Only an offer's maker may cancel it.
    /// @param maker The offer's maker.
    error NotMaker(address maker);

    /// @notice The caller is not governance (the cluster registry's owner).
    error NotGovernance();

    /// @notice The fee asked for is above `MAX_FEE_BPS`.
    /// @param feeBps The fee asked for, in basis points.
    /// @param max `MAX_FEE_BPS`.
    error FeeTooHigh(uint16 feeBps, uint16 max);

    /// @notice A non-zero fee needs a fee recipient.
    error ZeroFeeRecipient();

    /// @notice `cancelUpTo` must raise the caller's minimum nonce.
    /// @param current The caller's current minimum nonce.
    /// @param requested The minimum nonce asked for.
    error NonceNotIncreasing(uint256 current, uint256 requested);

    /// @notice The cluster has no ShareToken (not tokenized by the factory).
    /// @param clusterId The offer's cluster.
    error NotTokenized(uint256 clusterId);

    /// @notice The seller received less stablecoin than the buyer paid (a fee-on-transfer stablecoin).
    error FeeOnTransferNotSupported();
}

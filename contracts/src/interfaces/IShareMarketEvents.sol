// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IShareMarketEvents
/// @notice The events of `IShareMarket` (which inherits them); the order book's mirror is rebuilt from them.
interface IShareMarketEvents {
    /// @notice Emitted on each fill (partial or full) of a signed offer.
    /// @param offerHash The offer's EIP-712 hash.
    /// @param maker The offer's maker (the signer).
    /// @param taker Who filled it (the caller).
    /// @param clusterId The cluster whose shares moved.
    /// @param side 0 (Sell: the maker sold shares to the taker) or 1 (Buy: the maker bought shares from the taker).
    /// @param amount Share base units moved by this fill.
    /// @param price Stablecoin base units per whole share (1e18 share base units), as signed.
    /// @param cost Stablecoin base units the buyer paid (seller's proceeds plus the fee).
    /// @param fee Part of `cost` that went to the fee recipient (paid by the seller).
    event OfferFilled(
        bytes32 indexed offerHash,
        address indexed maker,
        address indexed taker,
        uint256 clusterId,
        uint8 side,
        uint256 amount,
        uint256 price,
        uint256 cost,
        uint256 fee
    );

    /// @notice Emitted when a maker cancels one offer.
    /// @param offerHash The offer's EIP-712 hash.
    /// @param maker The maker.
    event OfferCancelled(bytes32 indexed offerHash, address indexed maker);

    /// @notice Emitted when a maker cancels every offer with a nonce below `minNonce`.
    /// @param maker The maker.
    /// @param minNonce The maker's new minimum nonce.
    event NoncesCancelled(address indexed maker, uint256 minNonce);

    /// @notice Emitted when governance sets the trading fee.
    /// @param feeBps The fee in basis points of each fill's cost.
    /// @param recipient Who receives it (may be 0 when the fee is 0).
    event FeeSet(uint16 feeBps, address indexed recipient);
}

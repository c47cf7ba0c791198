// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../interfaces/IOffering.sol";
import {IShareToken} from "../interfaces/IShareToken.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title OfferingBase
/// @notice The storage of `Offering` (terms, sale totals, purchases, escrow revenue) and the views that read it
/// directly, including the sale's phase.
/// @dev The comment above each slot says what writes it. ReentrancyGuardTransient keeps its flag in transient
/// storage, so these are the contract's only slots.
abstract contract OfferingBase is IOffering, ReentrancyGuardTransient {
    /*//////////////////////////////////////////////////////////////
                                TYPES
    //////////////////////////////////////////////////////////////*/

    /// @dev Settlement outcome, packed with the sale totals. A cancelled sale still holds the supply until
    /// `finalize()` returns it (the token may be paused when governance cancels).
    enum Outcome {
        None,
        Succeeded,
        Failed,
        Cancelled,
        CancelledSettled
    }

    /// @dev Purchases of one buyer (one slot).
    struct Purchase {
        uint96 shares;
        uint160 paid;
    }

    /*//////////////////////////////////////////////////////////////
                               STORAGE
    //////////////////////////////////////////////////////////////*/

    // slot 0 (initialize)
    IShareToken internal _token;
    uint96 internal _softCap;
    // slot 1 (initialize)
    uint96 internal _perBuyerCap;
    uint96 internal _pricePerShare;
    uint32 internal _start;
    uint32 internal _end;
    // slot 2 (sale), written by every purchase: `sold <= supply < 2**96`; `raised` is range-checked to 120 bits
    // (1.3e36 base units); when the last share was sold (the decision time of a sale that sells out), in the same slot
    // so the purchase that sells out costs what any other does (a concurrent buyer's gas estimate stays right).
    uint96 internal _sold;
    uint120 internal _raised;
    Outcome internal _outcome;
    uint32 internal _soldOutAt;
    // slot 3: shares still escrowed after a successful settlement
    uint96 internal _escrowed;
    // slot 4: revenue earned per escrowed share since settlement, scaled by REVENUE_SCALE
    uint256 internal _revenuePerEscrowedShare;

    mapping(address buyer => Purchase) internal _purchases;
    /// @dev `_revenuePerEscrowedShare` when the buyer last claimed escrow revenue (0: never, i.e. since settlement).
    mapping(address buyer => uint256) internal _revenueClaimedPerShare;

    /*//////////////////////////////////////////////////////////////
                                VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IOffering
    function token() external view returns (IShareToken) {
        return _token;
    }

    /// @inheritdoc IOffering
    function clusterId() external view returns (uint256) {
        return _token.clusterId();
    }

    /// @inheritdoc IOffering
    function supply() external view returns (uint256) {
        return _token.totalSupply();
    }

    /// @inheritdoc IOffering
    function terms() external view returns (Terms memory) {
        return
            Terms({
                pricePerShare: _pricePerShare, softCap: _softCap, perBuyerCap: _perBuyerCap, start: _start, end: _end
            });
    }

    /// @inheritdoc IOffering
    function sold() external view returns (uint256) {
        return _sold;
    }

    /// @inheritdoc IOffering
    function raised() external view returns (uint256) {
        return _raised;
    }

    /// @inheritdoc IOffering
    function purchasedOf(address buyer) external view returns (uint256 shares, uint256 paid) {
        Purchase memory purchase = _purchases[buyer];
        return (purchase.shares, purchase.paid);
    }

    /// @inheritdoc IOffering
    function phase() external view returns (Phase) {
        return _phase();
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The phase from settlement, time and sales; see {IOffering.Phase}.
    function _phase() internal view returns (Phase) {
        Outcome outcome = _outcome;
        if (outcome == Outcome.Succeeded) return Phase.Finalized;
        if (outcome == Outcome.Failed) return Phase.Failed;
        if (outcome != Outcome.None) return Phase.Cancelled;
        if (block.timestamp < _start) return Phase.Pending;
        uint256 sold_ = _sold;
        if (sold_ == _token.totalSupply()) return Phase.SoldOut;
        if (block.timestamp < _end) return Phase.Open;
        return sold_ >= _softCap ? Phase.Succeeded : Phase.Failed;
    }
}

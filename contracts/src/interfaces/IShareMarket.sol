// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IClusterRegistry} from "./IClusterRegistry.sol";
import {IRackshareFactory} from "./IRackshareFactory.sol";
import {IShareMarketErrors} from "./IShareMarketErrors.sol";
import {IShareMarketEvents} from "./IShareMarketEvents.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IShareMarket
/// @notice Secondary market for the shares of every cluster the factory tokenized: makers sign offers off chain
/// (EIP-712), takers fill them on chain, in part or in full. The market never holds assets.
/// @dev EIP-712 domain: name "Rackshare Market", version "1", the chain id and this market (ERC-5267
/// `eip712Domain()`), so an offer signed for one chain or one market cannot be replayed on another. Type string:
/// `Offer(address maker,uint8 side,uint256 clusterId,uint256 amount,uint256 price,address taker,uint256 expiry,uint256 nonce)`.
///
/// Sides: a Sell offer (0) gives the maker's shares for the taker's stablecoin, a Buy offer (1) the maker's stablecoin
/// for the taker's shares. `amount` is the total of share base units (18 decimals) offered, `price` the stablecoin base
/// units per whole share (1e18 share base units).
///
/// Cost of a fill of `amount` shares, rounded in the maker's favour: a Sell offer costs the taker
/// `ceil(amount * price / 1e18)`, a Buy offer costs the maker `floor(amount * price / 1e18)`. A fill that costs 0
/// reverts (`ZeroCost`), as does a partial fill of a Buy offer leaving a remainder that would cost 0 (`DustRemainder`).
/// The fee, `floor(cost * feeBps / 10_000)`, is paid by the seller: the buyer pays `cost`, the seller receives
/// `cost - fee` and the fee recipient `fee`.
///
/// Trust model of the fee: an offer does not sign a fee. A fill pays the fee in force when it executes, which
/// governance (the registry's owner: a TimelockController in production, so a change is public a delay ahead) may
/// change after the offer was signed, never above `MAX_FEE_BPS` (1%). A seller who signed at a lower fee receives at
/// least `cost - floor(cost * MAX_FEE_BPS / 10_000)`, and can cancel during the timelock's delay.
///
/// Moves: the shares move with the ShareToken's own `transferFrom(seller, buyer, amount)` (this market is the spender),
/// so the token's rules (allowlist and its expiry, freeze, both pauses) apply with the token's own errors; the
/// stablecoin (the factory's, fixed) moves with `transferFrom` from the buyer to the seller and to the fee recipient.
/// Both parties approve this market for what they give (or sign EIP-2612 permits, `fillWithPermits`).
///
/// Signatures: a 65-byte ECDSA signature by the maker (high-s refused), else the maker's EIP-1271
/// `isValidSignature` (contract makers). Cancellation: per offer (`cancel`) or every offer below a nonce
/// (`cancelUpTo`). Nonces are single-use per maker: the first fill or the cancellation of an offer uses its nonce, and
/// no other offer of the maker with that nonce that was never filled can be filled after it (`NonceUsed`); sign each
/// offer with a new nonce. Expired, cancelled and fully filled offers cannot be filled again; the amount taken by fills
/// that left a remainder is tracked per offer hash (`remaining` gives what is left). A fill asking for more than the
/// offer has left takes what is left (so a smaller fill landing first cannot make a "fill the rest" revert); it reverts
/// only when nothing is left (`FillExceedsRemaining`, or `NonceUsed` for an offer filled whole by one fill).
interface IShareMarket is IShareMarketErrors, IShareMarketEvents {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Which asset the maker gives (`Offer.side` holds it as a uint8).
    enum Side {
        Sell,
        Buy
    }

    /// @notice A signed offer (the EIP-712 struct, field for field).
    /// @param maker The signer: the seller of a Sell offer, the buyer of a Buy offer.
    /// @param side 0 = Sell (maker gives shares), 1 = Buy (maker gives stablecoin).
    /// @param clusterId The cluster whose ShareToken is traded.
    /// @param amount Share base units offered in total (partial fills allowed).
    /// @param price Stablecoin base units per whole share (1e18 share base units).
    /// @param taker The only address that may fill it, or 0 for anyone.
    /// @param expiry Unix seconds; fillable while `block.timestamp < expiry`.
    /// @param nonce The maker's nonce, single-use: the offer's first fill or its cancellation uses it, ending every
    /// other offer of the maker with it not yet partly filled; `cancelUpTo(n)` cancels every offer below nonce `n`.
    struct Offer {
        address maker;
        uint8 side;
        uint256 clusterId;
        uint256 amount;
        uint256 price;
        address taker;
        uint256 expiry;
        uint256 nonce;
    }

    /// @notice An EIP-2612 permit for this market as the spender, applied before a fill.
    /// @param value The allowance to set.
    /// @param deadline The permit's deadline; 0 means "no permit" (skipped).
    /// @param v Signature recovery id.
    /// @param r Signature r.
    /// @param s Signature s.
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /*//////////////////////////////////////////////////////////////
                                 TRADING
    //////////////////////////////////////////////////////////////*/

    /// @notice Fills up to `amount` share base units of a signed offer: `min(amount, remaining)`; the caller is the
    /// taker.
    /// @dev Reverts unless the offer is live (not expired, cancelled, nonce-cancelled, or its nonce used by another
    /// offer or a fill that took it whole: `NonceUsed`), signed by its maker, open to
    /// the caller (not the maker itself), its cluster tokenized, `amount > 0` (`ZeroAmount`), something left
    /// (`FillExceedsRemaining` when nothing is), the cost of the amount taken non-zero and, for a Buy offer, the
    /// remainder's cost non-zero or the remainder 0. The fee is the one in force now (see the trust model above).
    /// Emits {OfferFilled} with the amount taken.
    /// @param offer The offer.
    /// @param signature The maker's signature of the offer's EIP-712 hash.
    /// @param amount Share base units to fill at most.
    /// @return cost Stablecoin base units the buyer paid for the amount taken (fee included).
    function fill(Offer calldata offer, bytes calldata signature, uint256 amount) external returns (uint256 cost);

    /// @notice `fill` after applying EIP-2612 permits for the maker's and the taker's asset.
    /// @dev The maker's permit is for the maker's asset (shares of a Sell offer, stablecoin of a Buy offer), the
    /// taker's for the other. A permit with `deadline == 0` is skipped, and one is applied only when its owner's
    /// allowance to this market is below what this fill takes (the amount actually taken and its cost, at most what
    /// `amount` needs, so a permit sized for `amount` covers it), so a permit front-run (consumed) by someone else cannot
    /// make the fill revert. The checks run and the fill is recorded before the permits are applied.
    /// @param offer The offer.
    /// @param signature The maker's signature.
    /// @param amount Share base units to fill at most (`min(amount, remaining)` is taken).
    /// @param makerPermit The maker's permit (deadline 0: none).
    /// @param takerPermit The caller's permit (deadline 0: none).
    /// @return cost Stablecoin base units the buyer paid (fee included).
    function fillWithPermits(
        Offer calldata offer,
        bytes calldata signature,
        uint256 amount,
        Permit calldata makerPermit,
        Permit calldata takerPermit
    ) external returns (uint256 cost);

    /// @notice Cancels offers of the caller for good. Emits {OfferCancelled} per offer.
    /// @dev Each offer's maker must be the caller (`NotMaker`); cancelling a filled or already cancelled offer is
    /// allowed (it emits again). Uses each offer's nonce: another offer of the caller with that nonce that was never
    /// filled is dead too; one already partly filled keeps its remainder (cancel it, or `cancelUpTo`, to end it).
    /// @param offers The offers.
    function cancel(Offer[] calldata offers) external;

    /// @notice Cancels every offer of the caller with a nonce below `minNonce`. Emits {NoncesCancelled}.
    /// @param minNonce The caller's new minimum nonce; must be above the current one (`NonceNotIncreasing`).
    function cancelUpTo(uint256 minNonce) external;

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the trading fee. Only governance (the registry's owner). Emits {FeeSet}.
    /// @dev Applies to every later fill, including offers signed before (offers carry no fee bound; see the trust model
    /// above): the seller receives `cost - fee` at the fee in force at the fill, which is never above `MAX_FEE_BPS`.
    /// @param feeBps The fee in basis points of each fill's cost, at most `MAX_FEE_BPS`.
    /// @param recipient Who receives it; non-zero when `feeBps > 0`.
    function setFee(uint16 feeBps, address recipient) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The offer's EIP-712 hash (what the maker signs), under this market's domain.
    /// @param offer The offer.
    /// @return The hash.
    function hashOffer(Offer calldata offer) external view returns (bytes32);

    /// @notice Share base units recorded as filled for the offer with this hash: the fills that left a remainder and
    /// the one that completed them. An offer filled whole by a single fill records nothing here (its nonce's bit is
    /// the record: `nonceUsed`, and `remaining` is 0); {OfferFilled} reports every fill.
    /// @param offerHash The offer's EIP-712 hash.
    /// @return The recorded amount (kept after a cancellation).
    function filled(bytes32 offerHash) external view returns (uint256);

    /// @notice One word of the maker's used-nonce bitmap: bit `i` is set once nonce `(wordPos << 8) + i` was used.
    /// @param maker The maker.
    /// @param wordPos The word's position (`nonce >> 8`).
    /// @return The word.
    function nonceBitmap(address maker, uint256 wordPos) external view returns (uint256);

    /// @notice Whether the maker's nonce was used: an offer of the maker with this nonce was filled (in part or in
    /// full) or cancelled.
    /// @param maker The maker.
    /// @param nonce The nonce.
    /// @return True when used.
    function nonceUsed(address maker, uint256 nonce) external view returns (bool);

    /// @notice Whether the maker cancelled the offer with this hash (`cancel`; nonce cancellations not included).
    /// @param offerHash The offer's EIP-712 hash.
    /// @return True when cancelled.
    function cancelled(bytes32 offerHash) external view returns (bool);

    /// @notice The maker's minimum nonce: its offers with a lower nonce are cancelled.
    /// @param maker The maker.
    /// @return The minimum nonce.
    function minNonce(address maker) external view returns (uint256);

    /// @notice What the offer has left to fill now.
    /// @dev 0 when it is cancelled, nonce-cancelled, expired, fully filled or its nonce was used by another offer of
    /// the maker; the signature, the cluster and the parties'
    /// balances, allowances and token rules are not checked.
    /// @param offer The offer.
    /// @return Share base units left.
    function remaining(Offer calldata offer) external view returns (uint256);

    /// @notice The cost and fee of filling `amount` of the offer at the current fee (a fill pays the fee in force when it
    /// executes).
    /// @param offer The offer.
    /// @param amount Share base units.
    /// @return cost Stablecoin base units the buyer would pay.
    /// @return fee Part of `cost` the fee recipient would get.
    function quote(Offer calldata offer, uint256 amount) external view returns (uint256 cost, uint256 fee);

    /// @notice The trading fee.
    /// @return feeBps The fee in basis points of a fill's cost.
    /// @return recipient Who receives it.
    function fee() external view returns (uint16 feeBps, address recipient);

    /// @notice The cluster's ShareToken, as traded here.
    /// @param clusterId The cluster.
    /// @return The token, or address(0) when the cluster is not tokenized.
    function tokenOf(uint256 clusterId) external view returns (address);

    /// @notice The highest fee governance may set, in basis points.
    /// @return The bound.
    // solhint-disable-next-line func-name-mixedcase
    function MAX_FEE_BPS() external view returns (uint16);

    /// @notice The factory whose tokens are traded.
    /// @return The factory.
    function factory() external view returns (IRackshareFactory);

    /// @notice The stablecoin every trade is paid in (the factory's).
    /// @return The stablecoin.
    function stablecoin() external view returns (IERC20);

    /// @notice The cluster registry (its owner is governance).
    /// @return The registry.
    function registry() external view returns (IClusterRegistry);
}

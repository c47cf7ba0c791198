// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareMarket} from "../../../src/ShareMarket.sol";
import {IShareMarket} from "../../../src/interfaces/IShareMarket.sol";
import {IShareToken} from "../../../src/interfaces/IShareToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @title ShareMarketHandler
/// @notice Drives the market with three keyed actors who make (sign) and take offers of both sides, partial and full,
/// cancel one offer or every offer below a nonce, sign a second offer with the nonce of an earlier one (a nonce is
/// single-use: the first fill or cancellation of either kills the other), while governance changes the fee and time
/// moves (the only thing that moves it). Ghosts: what each offer has filled, which nonces were used, each actor's
/// share balance, and the per-second revenue model
/// (Σ balance x seconds held) that the invariant compares with the token's `claimable`.
contract ShareMarketHandler is CommonBase, StdCheats, StdUtils {
    uint256 internal constant SHARE = 1e18;
    uint256 internal constant USD = 1e6;
    uint256 public constant ACTORS = 3;

    ShareMarket internal immutable market;
    IShareToken internal immutable token;
    IERC20 internal immutable usd;
    address internal immutable governance;
    address public immutable treasury;
    uint256 internal immutable clusterId;

    address[ACTORS] public actors;
    uint256[ACTORS] internal keys;

    IShareMarket.Offer[] internal offers;
    bytes[] internal signatures;
    mapping(bytes32 offerHash => uint256) public ghostFilled;
    mapping(address maker => uint256) internal nextNonce;

    /// @dev Σ over time of balance x seconds, per actor (shares held while the stream runs).
    mapping(address actor => uint256) public ghostShareSeconds;
    /// @dev Share-balance changes per actor (each is a token checkpoint, which may round 1 base unit down).
    mapping(address actor => uint256) public checkpoints;
    uint256 public lastTime;

    uint256 public fills;
    uint256 public failedFills;
    /// @dev Trades after which the seller's or the buyer's claimable differed from just before: must stay 0.
    uint256 public revenueMoved;
    /// @dev Fills that succeeded beyond the offer's signed amount, or after a cancellation or expiry: must stay 0.
    uint256 public illegalFills;
    /// @dev Fills the ghost expected to succeed (live offer, non-zero cost, no dust left, funds and shares there)
    /// that reverted: must stay 0.
    uint256 public unexpectedFailures;

    mapping(bytes32 offerHash => bool) internal ghostCancelled;
    /// @dev keccak256(maker, nonce) => an offer with it was filled or cancelled.
    mapping(bytes32 makerNonce => bool) internal ghostNonceUsed;

    constructor(
        ShareMarket market_,
        IShareToken token_,
        IERC20 usd_,
        address governance_,
        address treasury_,
        address[ACTORS] memory actors_,
        uint256[ACTORS] memory keys_
    ) {
        market = market_;
        token = token_;
        usd = usd_;
        governance = governance_;
        treasury = treasury_;
        clusterId = token_.clusterId();
        actors = actors_;
        keys = keys_;
        lastTime = block.timestamp;
    }

    function offerCount() external view returns (uint256) {
        return offers.length;
    }

    function offerAt(uint256 i) external view returns (IShareMarket.Offer memory) {
        return offers[i];
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    function makeAndFill(
        uint256 makerSeed,
        uint256 takerSeed,
        bool buy,
        uint256 amount,
        uint256 price,
        uint256 fillAmount
    ) external {
        uint256 m = makerSeed % ACTORS;
        IShareMarket.Offer memory offer = IShareMarket.Offer({
            maker: actors[m],
            side: buy ? 1 : 0,
            clusterId: clusterId,
            amount: bound(amount, 1, 50 * SHARE),
            // Mostly ordinary prices, a quarter dust prices (rounding on every fill).
            price: price % 8 == 0 ? bound(price, 1, 1000) : bound(price, 1, 1000 * USD),
            taker: address(0),
            expiry: block.timestamp + bound(amount, 1 hours, 3 days),
            nonce: nextNonce[actors[m]]++
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[m], market.hashOffer(offer));
        offers.push(offer);
        signatures.push(abi.encodePacked(r, s, v));
        _fill(offers.length - 1, takerSeed, fillAmount);
    }

    /// @dev Signs a second offer with the maker and nonce of an earlier one (another amount), then tries to fill it.
    function makeSibling(uint256 index, uint256 takerSeed, uint256 amount, uint256 fillAmount) external {
        if (offers.length == 0) return;
        IShareMarket.Offer memory offer = offers[index % offers.length];
        offer.amount = bound(amount, 1, 50 * SHARE);
        uint256 m;
        while (actors[m] != offer.maker) ++m;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[m], market.hashOffer(offer));
        offers.push(offer);
        signatures.push(abi.encodePacked(r, s, v));
        _fill(offers.length - 1, takerSeed, fillAmount);
    }

    function fillExisting(uint256 index, uint256 takerSeed, uint256 fillAmount) external {
        if (offers.length == 0) return;
        _fill(index % offers.length, takerSeed, fillAmount);
    }

    function cancelOne(uint256 index) external {
        if (offers.length == 0) return;
        IShareMarket.Offer[] memory one = new IShareMarket.Offer[](1);
        one[0] = offers[index % offers.length];
        vm.prank(one[0].maker);
        market.cancel(one);
        ghostCancelled[market.hashOffer(one[0])] = true;
        ghostNonceUsed[_makerNonce(one[0])] = true;
    }

    function cancelNonces(uint256 makerSeed, uint256 step) external {
        address maker = actors[makerSeed % ACTORS];
        uint256 next = market.minNonce(maker) + bound(step, 1, 3);
        vm.prank(maker);
        market.cancelUpTo(next);
    }

    function setFee(uint256 feeBps) external {
        vm.prank(governance);
        market.setFee(uint16(bound(feeBps, 0, 100)), treasury);
    }

    function warp(uint256 seconds_) external {
        _accrue();
        vm.warp(block.timestamp + bound(seconds_, 1, 6 hours));
    }

    /// @dev The ghost's verdict on whether the offer can still be filled (its remainder aside): not cancelled, not
    /// expired, not nonce-cancelled, and its nonce unused or used by this offer's own partial fills.
    function ghostLive(IShareMarket.Offer memory offer) public view returns (bool) {
        bytes32 h = market.hashOffer(offer);
        return !ghostCancelled[h] && block.timestamp < offer.expiry && offer.nonce >= market.minNonce(offer.maker)
            && (!ghostNonceUsed[_makerNonce(offer)] || ghostFilled[h] != 0);
    }

    function ghostNonceWasUsed(IShareMarket.Offer calldata offer) external view returns (bool) {
        return ghostNonceUsed[_makerNonce(offer)];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _makerNonce(IShareMarket.Offer memory offer) internal pure returns (bytes32) {
        return keccak256(abi.encode(offer.maker, offer.nonce));
    }

    function _accrue() internal {
        uint256 elapsed = block.timestamp - lastTime;
        for (uint256 i = 0; i < ACTORS; ++i) {
            ghostShareSeconds[actors[i]] += token.balanceOf(actors[i]) * elapsed;
        }
        lastTime = block.timestamp;
    }

    function _fill(uint256 index, uint256 takerSeed, uint256 fillAmount) internal {
        // Balances may change below: book the seconds held at the old balances first.
        _accrue();
        IShareMarket.Offer memory offer = offers[index];
        address taker = actors[takerSeed % ACTORS];
        if (taker == offer.maker) taker = actors[(takerSeed + 1) % ACTORS];
        uint256 amount = bound(fillAmount, 1, offer.amount);
        bytes32 h = market.hashOffer(offer);
        (address seller, address buyer) = offer.side == 0 ? (offer.maker, taker) : (taker, offer.maker);
        // A fill takes min(amount, what is left); it reverts only when nothing is left.
        uint256 left = offer.amount - ghostFilled[h];
        uint256 taken = amount < left ? amount : left;
        bool live = ghostLive(offer) && left != 0;
        bool expected = live && _expectedToPass(offer, seller, buyer, ghostFilled[h], taken);
        _tryFill(index, taker, amount, taken, live, expected);
    }

    function _tryFill(uint256 index, address taker, uint256 amount, uint256 taken, bool live, bool expected) internal {
        IShareMarket.Offer memory offer = offers[index];
        bytes32 h = market.hashOffer(offer);
        (address seller, address buyer) = offer.side == 0 ? (offer.maker, taker) : (taker, offer.maker);
        uint256[2] memory claimableBefore = [token.claimable(seller), token.claimable(buyer)];
        vm.prank(taker);
        try market.fill(offer, signatures[index], amount) {
            ++fills;
            if (!live) ++illegalFills;
            ghostFilled[h] += taken;
            ghostNonceUsed[_makerNonce(offer)] = true;
            ++checkpoints[seller];
            ++checkpoints[buyer];
            if (token.claimable(seller) != claimableBefore[0] || token.claimable(buyer) != claimableBefore[1]) {
                ++revenueMoved;
            }
        } catch {
            ++failedFills;
            if (expected) ++unexpectedFailures;
        }
    }

    /// @dev The ghost's cost rule (ceil for Sell, floor for Buy), the dust rule, and the parties' means.
    function _expectedToPass(
        IShareMarket.Offer memory offer,
        address seller,
        address buyer,
        uint256 filledSoFar,
        uint256 amount
    ) internal view returns (bool) {
        bool sell = offer.side == 0;
        uint256 cost = sell ? (amount * offer.price + SHARE - 1) / SHARE : amount * offer.price / SHARE;
        if (cost == 0) return false;
        uint256 rest = offer.amount - filledSoFar - amount;
        if (!sell && rest != 0 && rest * offer.price / SHARE == 0) return false;
        return token.balanceOf(seller) >= amount && usd.balanceOf(buyer) >= cost;
    }
}

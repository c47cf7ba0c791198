// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";
import {ShareMarketHandler} from "./handlers/ShareMarketHandler.sol";

/// @notice Invariants of the share market (M1-M5 in contracts/test/invariant/README.md): no asset is created, lost or
/// kept by the market; no offer fills beyond what was signed, nor after a cancellation or expiry; a trade never moves
/// revenue between seller and buyer, and each holder earns exactly the revenue of the seconds it held.
contract ShareMarketInvariantTest is ShareMarketFixture {
    uint256 internal constant DEPOSIT = 100_000 * USD;
    uint256 internal constant DURATION = 365 days;

    ShareMarketHandler internal handler;
    address internal treasury = makeAddr("treasury");
    address[3] internal actors;
    uint256 internal usdTotal;
    uint256 internal sharesTotal;

    function setUp() public override {
        super.setUp();
        uint256[3] memory keys;
        for (uint256 i = 0; i < 3; ++i) {
            (actors[i], keys[i]) = makeAddrAndKey(string.concat("actor", vm.toString(i)));
            vm.prank(alice);
            token.transfer(actors[i], 100 * SHARE);
            usd.mint(actors[i], 1_000_000 * USD);
            vm.startPrank(actors[i]);
            token.approve(address(market), type(uint256).max);
            usd.approve(address(market), type(uint256).max);
            vm.stopPrank();
        }
        _depositRevenue(DEPOSIT, DURATION);
        _start(new ShareMarketHandler(market, token, usd, governance, treasury, actors, keys));
        targetContract(address(handler));
    }

    /// @dev Records the totals the run must keep and the handler (a separate frame: state is written once, here).
    function _start(ShareMarketHandler handler_) internal {
        uint256 coins;
        uint256 shares;
        for (uint256 i = 0; i < 3; ++i) {
            coins += usd.balanceOf(actors[i]);
            shares += token.balanceOf(actors[i]);
        }
        handler = handler_;
        usdTotal = coins;
        sharesTotal = shares;
    }

    /// M1: the market never holds an asset.
    function invariant_MarketHoldsNothing() public view {
        assertEq(usd.balanceOf(address(market)), 0);
        assertEq(token.balanceOf(address(market)), 0);
    }

    /// M2: trades only move assets between the actors and the fee recipient: nothing created or lost.
    function invariant_NoAssetCreatedOrLost() public view {
        uint256 coins = usd.balanceOf(treasury);
        uint256 shares;
        for (uint256 i = 0; i < 3; ++i) {
            coins += usd.balanceOf(actors[i]);
            shares += token.balanceOf(actors[i]);
        }
        assertEq(coins, usdTotal);
        assertEq(shares, sharesTotal);
    }

    /// M3: each offer's remainder is its signed amount less the sum of its fills while the ghost holds it live (0
    /// otherwise), fills never exceed the signed amount, a nonce is used exactly when an offer with it was filled or
    /// cancelled, and no fill went through after a cancellation, a nonce cancellation, a used nonce or the expiry.
    function invariant_FillsWithinTheSignedAmount() public view {
        uint256 n = handler.offerCount();
        for (uint256 i = 0; i < n; ++i) {
            IShareMarket.Offer memory offer = handler.offerAt(i);
            bytes32 h = market.hashOffer(offer);
            uint256 expected = handler.ghostLive(offer) ? offer.amount - handler.ghostFilled(h) : 0;
            assertEq(market.remaining(offer), expected);
            assertLe(handler.ghostFilled(h), offer.amount);
            assertEq(market.nonceUsed(offer.maker, offer.nonce), handler.ghostNonceWasUsed(offer));
        }
        assertEq(handler.illegalFills(), 0);
        assertEq(handler.unexpectedFailures(), 0);
    }

    /// M4: a trade leaves the seller's and the buyer's claimable revenue exactly as it was.
    function invariant_TradesMoveNoRevenue() public view {
        assertEq(handler.revenueMoved(), 0);
    }

    /// M5: per-second model. Each actor's claimable equals DEPOSIT / (supply x DURATION) per share-wei per second held
    /// (the ghost's Σ balance x seconds), rounded down at most once per checkpoint plus once for the stream's rate.
    function invariant_SellerKeepsTheRevenueOfItsSeconds() public view {
        uint256 supply = token.totalSupply();
        uint256 elapsed = block.timestamp - handler.lastTime();
        for (uint256 i = 0; i < 3; ++i) {
            address a = actors[i];
            uint256 shareSeconds = handler.ghostShareSeconds(a) + token.balanceOf(a) * elapsed;
            uint256 expected = shareSeconds * DEPOSIT / (supply * DURATION);
            uint256 actual = token.claimable(a);
            assertLe(actual, expected);
            assertGe(actual + handler.checkpoints(a) + 1, expected);
        }
    }
}

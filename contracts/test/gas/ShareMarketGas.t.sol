// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";

/// @title ShareMarketGasTest
/// @notice TX gas of the market's fills and cancellations, following the bench convention at the top of
/// ShareTokenGas.t.sol (run with `--isolate`). Like the OZ baseline, both parties already hold both assets: alice
/// (seller) holds shares and tUSD, bob (buyer) holds shares and tUSD, a revenue stream is running and both have
/// claimed, approvals are unlimited (the usual market approval) and the fee is 0 (the deployed default; one line
/// measures a 0.30% fee paid to a recipient that already holds tUSD). Each maker signed an earlier offer (nonce 0,
/// cancelled), so the measured offers (nonce 1) set a bit in a bitmap word already in use, as every offer after a
/// maker's first of 256 does with the dashboard's consecutive nonces; one line measures that first offer of a word.
/// The offer's fill word is never written by a full fill; the partial line is the second fill of an offer.
contract ShareMarketGasTest is ShareMarketFixture {
    string internal constant GROUP = "ShareMarket";
    address internal treasury = makeAddr("treasury");

    IShareMarket.Offer internal sell;
    IShareMarket.Offer internal buy;
    bytes internal sellSignature;
    bytes internal buySignature;

    function setUp() public override {
        super.setUp();
        usd.mint(treasury, 1 * USD);
        usd.mint(alice, 1 * USD);
        _depositRevenue(10_000 * USD, 30 days);
        skip(1 hours);
        vm.prank(alice);
        token.claim();
        vm.prank(bob);
        token.claim();
        skip(1 hours);
        // dave buys from bob: give dave a share balance first, so both parties hold both assets.
        vm.prank(bob);
        token.transfer(dave, 1 * SHARE);
        _cancelNonce(_sellOffer(1 * SHARE), 0);
        _cancelNonce(_buyOffer(1 * SHARE), 0);
        _storeOffers(_withNonce(_sellOffer(10 * SHARE), 1), _withNonce(_buyOffer(10 * SHARE), 1));
    }

    function _withNonce(IShareMarket.Offer memory offer, uint256 nonce)
        internal
        pure
        returns (IShareMarket.Offer memory)
    {
        offer.nonce = nonce;
        return offer;
    }

    function _cancelNonce(IShareMarket.Offer memory offer, uint256 nonce) internal {
        IShareMarket.Offer[] memory offers = new IShareMarket.Offer[](1);
        offers[0] = _withNonce(offer, nonce);
        vm.prank(offer.maker);
        market.cancel(offers);
    }

    function _storeOffers(IShareMarket.Offer memory sell_, IShareMarket.Offer memory buy_) internal {
        sell = sell_;
        sellSignature = _signed(sell_);
        buy = buy_;
        buySignature = _signed(buy_);
    }

    function test_Gas_FillSellFull() public {
        uint256 bobSharesBefore = token.balanceOf(bob);
        vm.prank(bob);
        market.fill(sell, sellSignature, 10 * SHARE);
        vm.snapshotGasLastCall(GROUP, "fill sell (full)");
        vm.snapshotValue(GROUP, "fill sell (full) :: max_ratio_bps", 30_000);
        assertEq(market.remaining(sell), 0);
        assertEq(token.balanceOf(bob), bobSharesBefore + 10 * SHARE);
    }

    function test_Gas_FillSellFullFirstOfWord() public {
        IShareMarket.Offer memory first = _withNonce(_sellOffer(10 * SHARE), 256);
        bytes memory signature = _signed(first);
        vm.prank(bob);
        market.fill(first, signature, 10 * SHARE);
        vm.snapshotGasLastCall(GROUP, "fill sell (full, first nonce of a bitmap word)");
        assertTrue(market.nonceUsed(alice, 256));
    }

    function test_Gas_FillSellFullWithFee() public {
        _setFee(30, treasury);
        vm.prank(bob);
        market.fill(sell, sellSignature, 10 * SHARE);
        vm.snapshotGasLastCall(GROUP, "fill sell (full, 0.30% fee)");
    }

    function test_Gas_FillSellPartialFirst() public {
        vm.prank(bob);
        market.fill(sell, sellSignature, 4 * SHARE);
        vm.snapshotGasLastCall(GROUP, "fill sell (partial, first fill of the offer)");
        assertEq(market.remaining(sell), 6 * SHARE);
    }

    function test_Gas_FillSellPartial() public {
        vm.prank(bob);
        market.fill(sell, sellSignature, 4 * SHARE);
        vm.prank(bob);
        market.fill(sell, sellSignature, 3 * SHARE);
        vm.snapshotGasLastCall(GROUP, "fill sell (partial, second fill of the offer)");
        assertEq(market.remaining(sell), 3 * SHARE);
    }

    function test_Gas_FillBuyFull() public {
        vm.prank(bob);
        market.fill(buy, buySignature, 10 * SHARE);
        vm.snapshotGasLastCall(GROUP, "fill buy (full)");
        assertEq(market.remaining(buy), 0);
    }

    function test_Gas_Cancel() public {
        IShareMarket.Offer[] memory offers = new IShareMarket.Offer[](1);
        offers[0] = sell;
        vm.prank(alice);
        market.cancel(offers);
        vm.snapshotGasLastCall(GROUP, "cancel");
        assertTrue(market.cancelled(market.hashOffer(sell)));
    }

    function test_Gas_CancelUpTo() public {
        vm.prank(alice);
        market.cancelUpTo(1);
        vm.snapshotGasLastCall(GROUP, "cancelUpTo");
        assertEq(market.minNonce(alice), 1);
    }
}

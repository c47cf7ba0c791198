// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {IShareMarketErrors} from "../../src/interfaces/IShareMarketErrors.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";

/// @title ShareMarketFuzzTest
/// @notice Prices, amounts and partial fills: the cost rule (ceil for Sell, floor for Buy), the fee split, the sum of
/// partial fills against one fill of the same total (maker-favoured), and the remaining amount.
contract ShareMarketFuzzTest is ShareMarketFixture {
    address internal treasury = makeAddr("treasury");

    function _ceil(uint256 amount, uint256 price) internal pure returns (uint256) {
        return (amount * price + SHARE - 1) / SHARE;
    }

    function testFuzz_FillSell_CostFeeAndBalances(uint256 amount, uint256 price, uint256 part, uint16 feeBps) public {
        amount = bound(amount, 1, 400 * SHARE);
        price = bound(price, 1, 10_000 * USD);
        part = bound(part, 1, amount);
        feeBps = uint16(bound(feeBps, 0, 100));
        uint256 cost = _ceil(part, price);
        vm.assume(cost <= usd.balanceOf(carol));
        _setFee(feeBps, treasury);

        IShareMarket.Offer memory o = _offer(alice, SELL, amount, price);
        uint256 aliceUsd = usd.balanceOf(alice);
        uint256 carolUsd = usd.balanceOf(carol);
        assertEq(_fill(carol, o, part), cost);
        uint256 fee = cost * feeBps / 10_000;
        assertEq(usd.balanceOf(treasury), fee);
        assertEq(usd.balanceOf(alice) - aliceUsd, cost - fee);
        assertEq(carolUsd - usd.balanceOf(carol), cost);
        assertEq(token.balanceOf(carol), part);
        assertEq(market.remaining(o), amount - part);
    }

    function testFuzz_FillBuy_CostIsFloor(uint256 amount, uint256 price, uint256 part) public {
        amount = bound(amount, 1, 300 * SHARE);
        price = bound(price, 1, 10_000 * USD);
        part = bound(part, 1, amount);
        uint256 cost = part * price / SHARE;
        uint256 rest = amount - part;
        IShareMarket.Offer memory o = _offer(dave, BUY, amount, price);
        if (cost == 0) {
            _expectFillRevert(bob, o, part, abi.encodeWithSelector(IShareMarketErrors.ZeroCost.selector));
        } else if (rest != 0 && rest * price / SHARE == 0) {
            _expectFillRevert(bob, o, part, abi.encodeWithSelector(IShareMarketErrors.DustRemainder.selector));
        } else {
            vm.assume(cost <= usd.balanceOf(dave));
            assertEq(_fill(bob, o, part), cost);
            assertEq(token.balanceOf(dave), part);
        }
    }

    /// Two partial fills of a Sell offer cost the taker at least one fill of the same total; of a Buy offer they cost
    /// the maker at most that: rounding always favours the maker.
    function testFuzz_PartialFills_FavourTheMaker(uint256 amount, uint256 price, uint256 first) public {
        amount = bound(amount, 2, 300 * SHARE);
        price = bound(price, 1, 1000 * USD);
        first = bound(first, 1, amount - 1);

        IShareMarket.Offer memory s = _offer(alice, SELL, amount, price);
        uint256 sellTotal = _fill(carol, s, first) + _fill(carol, s, amount - first);
        assertGe(sellTotal, _ceil(amount, price));
        assertLe(sellTotal, _ceil(amount, price) + 1);
        assertEq(market.remaining(s), 0);

        uint256 secondPart = amount - first;
        vm.assume(first * price / SHARE != 0 && secondPart * price / SHARE != 0);
        IShareMarket.Offer memory b = _offer(dave, BUY, amount, price);
        uint256 buyTotal = _fill(bob, b, first) + _fill(bob, b, secondPart);
        assertLe(buyTotal, amount * price / SHARE);
        assertGe(buyTotal + 1, amount * price / SHARE);
    }

    function testFuzz_NeverFillsBeyondTheSignedAmount(uint256 amount, uint256 a, uint256 b) public {
        amount = bound(amount, 1, 100 * SHARE);
        a = bound(a, 1, 200 * SHARE);
        b = bound(b, 1, 200 * SHARE);
        IShareMarket.Offer memory o = _offer(alice, SELL, amount, OFFER_PRICE);
        bytes memory signature = _signed(o);
        uint256 filledSoFar;
        uint256[2] memory parts = [a, b];
        for (uint256 i = 0; i < 2; ++i) {
            uint256 left = amount - filledSoFar;
            if (left == 0) {
                vm.prank(carol);
                // Filled whole by its first fill: only the nonce's bit records it; else the fill word does.
                vm.expectRevert(
                    a >= amount
                        ? abi.encodeWithSelector(IShareMarketErrors.NonceUsed.selector, o.nonce)
                        : abi.encodeWithSelector(IShareMarketErrors.FillExceedsRemaining.selector, parts[i], 0)
                );
                market.fill(o, signature, parts[i]);
            } else {
                // A fill takes min(asked, left), and costs what it takes.
                uint256 taken = parts[i] < left ? parts[i] : left;
                uint256 sharesBefore = token.balanceOf(carol);
                vm.prank(carol);
                assertEq(market.fill(o, signature, parts[i]), _ceil(taken, OFFER_PRICE));
                assertEq(token.balanceOf(carol) - sharesBefore, taken);
                filledSoFar += taken;
            }
        }
        assertEq(market.remaining(o), amount - filledSoFar);
        assertLe(filledSoFar, amount);
    }
}

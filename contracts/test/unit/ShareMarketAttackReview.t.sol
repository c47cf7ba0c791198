// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {IShareMarketErrors} from "../../src/interfaces/IShareMarketErrors.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";

/// @title ShareMarketAttackReviewTest
/// @notice The security review's attacks on the market (m-attack). A failing test is an open finding; a passing one
/// an attack the market repels.
contract ShareMarketAttackReviewTest is ShareMarketFixture {
    /// @dev Repelled (was finding L4): a 1-wei fill ahead of a "fill the whole remainder" no longer reverts it: a fill
    /// takes min(amount, remaining), and the taker pays only for what it got.
    function test_Attack_DustFrontRunDoesNotRevertAFullFill() public {
        IShareMarket.Offer memory offer = _sellOffer(10 * SHARE);
        // carol front-runs with a 1-wei fill: it costs her ceil(1 * 60e6 / 1e18) = 1 base unit.
        assertEq(_fill(carol, offer, 1), 1);
        uint256 before = token.balanceOf(dave);
        uint256 cost = _fill(dave, offer, 10 * SHARE);
        assertEq(token.balanceOf(dave) - before, 10 * SHARE - 1, "dave gets what was left");
        assertEq(cost, ((10 * SHARE - 1) * OFFER_PRICE + SHARE - 1) / SHARE, "dave pays for what he got");
    }

    /// @dev Trust model (was finding L5, decided): an offer signs no fee bound; a fill pays the fee in force when it
    /// executes, which governance (a timelock in production) may raise after the signature, never above MAX_FEE_BPS.
    /// The seller's proceeds are cost - floor(cost * feeBps / 10_000) at the fill's fee, at least cost minus 1%.
    function test_Attack_FeeRaisedAfterSigning_SellerPaysTheFeeInForceAtMostMaxFee() public {
        IShareMarket.Offer memory offer = _sellOffer(10 * SHARE);
        (uint256 signedCost, uint256 signedFee) = market.quote(offer, 10 * SHARE);
        assertEq(signedFee, 0);
        uint16 maxFee = market.MAX_FEE_BPS();
        _setFee(maxFee, governance);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(IShareMarketErrors.FeeTooHigh.selector, maxFee + 1, maxFee));
        market.setFee(maxFee + 1, governance);
        uint256 aliceBefore = usd.balanceOf(alice);
        uint256 governanceBefore = usd.balanceOf(governance);
        assertEq(_fill(dave, offer, 10 * SHARE), signedCost);
        uint256 feeAtFill = signedCost * maxFee / 10_000;
        assertEq(usd.balanceOf(alice) - aliceBefore, signedCost - feeAtFill, "proceeds at the fee in force");
        assertEq(usd.balanceOf(governance) - governanceBefore, feeAtFill, "the recipient gets that fee");
        assertEq(feeAtFill, signedCost / 100, "at most 1% of the cost");
    }

    /// @dev Repelled: a side word with dirty upper bits (0x100) is refused by the ABI decoder before any transfer, and
    /// it cannot alias side 0's offer hash.
    function test_Attack_DirtySideBitsAreRefused() public {
        IShareMarket.Offer memory offer = _sellOffer(10 * SHARE);
        bytes memory signature = _signed(offer);
        bytes memory data = abi.encodeCall(IShareMarket.fill, (offer, signature, SHARE));
        // The side is the struct's second word: selector (4) + maker (32).
        data[4 + 32 + 30] = 0x01;
        vm.prank(dave);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = address(market).call(data);
        assertFalse(ok, "dirty side refused");
        assertEq(market.remaining(offer), offer.amount);
        assertFalse(market.nonceUsed(offer.maker, offer.nonce));
    }

    /// @dev Repelled: a Buy offer partially filled so that its remainder would cost 0 is refused (DustRemainder), so a
    /// griefer cannot strand a maker's bid as an unfillable rest in the book.
    function test_Attack_BuyRemainderCannotBeStrandedAsDust() public {
        IShareMarket.Offer memory offer = _buyOffer(SHARE);
        // A remainder below ceil(1e18 / 60e6) wei costs 0 at 60 tUSD a share.
        uint256 dust = 1e18 / OFFER_PRICE;
        _expectFillRevert(alice, offer, SHARE - dust, abi.encodeWithSelector(IShareMarketErrors.DustRemainder.selector));
    }
}

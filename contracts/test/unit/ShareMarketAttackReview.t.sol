// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {IShareMarketErrors} from "../../src/interfaces/IShareMarketErrors.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";

/// @title ShareMarketAttackReviewTest
/// @notice The security review's attacks on the market (m-attack). A failing test is an open finding; a passing one
/// an attack the market repels.
contract ShareMarketAttackReviewTest is ShareMarketFixture {
    /// @dev Finding: a taker who fills "the whole remainder" is griefed for 1 base unit by a 1-wei fill ahead of it
    /// (FillExceedsRemaining): there is no fill-up-to-remaining mode. Fails while the market reverts.
    function test_Attack_DustFrontRunDoesNotRevertAFullFill() public {
        IShareMarket.Offer memory offer = _sellOffer(10 * SHARE);
        // carol front-runs with a 1-wei fill: it costs her ceil(1 * 60e6 / 1e18) = 1 base unit.
        assertEq(_fill(carol, offer, 1), 1);
        uint256 before = token.balanceOf(dave);
        _fill(dave, offer, 10 * SHARE);
        assertEq(token.balanceOf(dave) - before, 10 * SHARE - 1, "dave gets what was left");
    }

    /// @dev Finding (privileged): the seller's proceeds are not bounded by what it signed: governance raises the fee to
    /// MAX_FEE_BPS between the signature and the fill and the seller receives 1% less. Fails while offers carry no
    /// fee bound.
    function test_Attack_FeeRaisedAfterSigningDoesNotCutTheSellersProceeds() public {
        IShareMarket.Offer memory offer = _sellOffer(10 * SHARE);
        (uint256 signedCost, uint256 signedFee) = market.quote(offer, 10 * SHARE);
        assertEq(signedFee, 0);
        _setFee(market.MAX_FEE_BPS(), governance);
        uint256 before = usd.balanceOf(alice);
        _fill(dave, offer, 10 * SHARE);
        assertEq(usd.balanceOf(alice) - before, signedCost - signedFee, "proceeds as quoted when signed");
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
        (bool ok,) = address(market).call(data);
        assertFalse(ok, "dirty side refused");
        assertEq(market.filled(market.hashOffer(offer)), 0);
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

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title OfferingDecisionTest
/// @notice The revenue split at the sale's DECISION (attacker finding "the operator's pause delays finalize and takes
/// the stream"): until the sale is decided (sold out, ended with the soft cap met, or closed early by the operator) the
/// Offering's revenue is the operator's; from the decision on, the sold shares' part (sold / supply of what streamed
/// since) is credited to their buyers at `finalize()`, however late. A deposit between the decision and `finalize()`
/// makes the decision time unknowable on chain: then ALL the Offering earned is split sold / supply. A failed or
/// cancelled sale's revenue is all the operator's. Every amount is computed from `streamedTotal` / `streamedTotalAt`.
contract OfferingDecisionTest is OfferingFixture {
    /// @dev Fixed-point scale of the Offering's revenue-per-escrowed-share accumulator.
    uint256 internal constant REVENUE_SCALE = 1e36;

    function setUp() public override {
        super.setUp();
        _tokenize();
    }

    /*//////////////////////////////////////////////////////////////
                    SOLD OUT: THE SELL-OUT IS THE DECISION
    //////////////////////////////////////////////////////////////*/

    /// Attacker "pause delays finalize and takes the stream": the sale sells out one day into a 30-day stream (bob's
    /// purchase is the decision, not alice's earlier one), the operator pauses in the same block for 29 days (governance
    /// cannot lift it), then unpauses and finalizes. The operator keeps only the day before the sell-out; the buyers
    /// are credited everything streamed since, split by their shares.
    function test_Decision_SoldOutThenOperatorPause_BuyersGetStreamSinceSellOut() public {
        vm.warp(START);
        _depositRevenue(30_000 * USD, 30 days);
        _buy(alice, 600 * SHARE);
        vm.warp(START + 1 days);
        _buy(bob, 400 * SHARE); // sells out: the decision
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.SoldOut));

        _operatorPause(); // same block
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        offering.finalize();
        vm.prank(governance);
        token.governanceUnpause();
        assertTrue(token.paused(), "governance cannot lift the operator's pause");
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.SoldOut));
        vm.prank(alice);
        offering.claimEscrowRevenue(alice);

        vm.warp(START + 30 days);
        vm.prank(operator);
        token.unpause();
        (bool known, uint256 atSellOut) = token.streamedTotalAt(START + 1 days);
        assertTrue(known, "no deposit since the sell-out");
        uint256 streamed = token.streamedTotal();
        assertEq(token.claimable(address(offering)), streamed, "the Offering held every share");
        uint256 escrowed = streamed - atSellOut; // sold == supply: all of it
        assertApproxEqAbs(atSellOut, 1000 * USD, 1, "one day of thirty before the sell-out");
        assertApproxEqAbs(escrowed, 29_000 * USD, 1, "twenty-nine days after it");

        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, SUPPLY, 50_000 * USD, 0, atSellOut, escrowed);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 50_000 * USD + atSellOut, "proceeds + the day before the decision");
        assertEq(usd.balanceOf(address(offering)), escrowed);
        _assertBuyersCredited(escrowed, SUPPLY, [alice, bob, address(0)], [600 * SHARE, 400 * SHARE, 0]);
    }

    /*//////////////////////////////////////////////////////////////
               ENDED WITH THE SOFT CAP MET: THE END IS THE DECISION
    //////////////////////////////////////////////////////////////*/

    /// Revenue streamed before `end` is the operator's; what streamed after it (here three days before anyone
    /// finalizes) is split: sold / supply to the buyers, the unsold part to the operator. Three buyers with uneven
    /// shares each get exactly their part; together at most what was credited, dust at most one unit per buyer.
    function test_Decision_EndedWithCapMet_SplitsWhatStreamedAfterEnd() public {
        vm.warp(START);
        _depositRevenue(14_000 * USD, 14 days); // 1,000 a day
        _buy(alice, 300 * SHARE);
        _buy(bob, 120 * SHARE + 7);
        _buy(carol, 33 * SHARE);
        uint256 sold_ = 453 * SHARE + 7;
        vm.warp(END + 3 days);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded));

        (bool known, uint256 atEnd) = token.streamedTotalAt(END);
        assertTrue(known);
        uint256 streamed = token.streamedTotal();
        uint256 escrowed = Math.mulDiv(streamed - atEnd, sold_, SUPPLY);
        uint256 forwarded = streamed - escrowed;
        assertApproxEqAbs(atEnd, 7000 * USD, 1, "the seven sale days: the operator's");
        assertApproxEqAbs(escrowed, 1359 * USD, 1, "45.3 % of the three days after the end");

        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, sold_, offering.raised(), SUPPLY - sold_, forwarded, escrowed);
        vm.prank(stranger);
        offering.finalize();
        assertEq(usd.balanceOf(operator), offering.raised() + forwarded);
        assertEq(usd.balanceOf(address(offering)), escrowed);
        _assertBuyersCredited(escrowed, sold_, [alice, bob, carol], [300 * SHARE, 120 * SHARE + 7, 33 * SHARE]);
    }

    /// Finalized in the very second the sale ends: nothing has streamed since the decision, nothing is escrowed.
    function test_Decision_FinalizedAtEnd_NothingEscrowed() public {
        vm.warp(START);
        _depositRevenue(14_000 * USD, 14 days);
        _buy(alice, SOFT_CAP);
        vm.warp(END);
        uint256 streamed = token.streamedTotal();
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, SOFT_CAP, 20_000 * USD, SUPPLY - SOFT_CAP, streamed, 0);
        offering.finalize();
        assertEq(offering.escrowRevenueOf(alice), 0);
        assertEq(usd.balanceOf(address(offering)), 0);
    }

    /*//////////////////////////////////////////////////////////////
                  EARLY CLOSE: THE OPERATOR'S CLOSE DECIDES
    //////////////////////////////////////////////////////////////*/

    /// The operator's early close is the decision: everything earned until then is the operator's; from then on the
    /// escrowed shares earn for their buyers.
    function test_Decision_EarlyClose_AllRevenueToOperator() public {
        vm.warp(START);
        _depositRevenue(7000 * USD, 7 days);
        _buy(alice, SOFT_CAP);
        vm.warp(START + 2 days);
        uint256 earned = token.claimable(address(offering));
        assertEq(earned, token.streamedTotal());
        assertApproxEqAbs(earned, 2000 * USD, 1);

        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, SOFT_CAP, 20_000 * USD, SUPPLY - SOFT_CAP, earned, 0);
        vm.prank(operator);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 20_000 * USD + earned);
        assertEq(offering.escrowRevenueOf(alice), 0);

        skip(1 days);
        uint256 afterClose = token.claimable(address(offering));
        assertApproxEqAbs(afterClose, 400 * USD, 1, "40 % of a day, earned after the close");
        assertEq(offering.escrowRevenueOf(alice), afterClose);
    }

    /*//////////////////////////////////////////////////////////////
              A DEPOSIT AFTER THE DECISION: THE DOUBT TO THE BUYERS
    //////////////////////////////////////////////////////////////*/

    /// The sale ended with 450 of 1,000 shares sold; a day later the operator deposits again before settling. The split
    /// at `end` can no longer be told on chain (`streamedTotalAt(end)` is unknown), so everything the Offering earned
    /// is split 45 / 55: the operator pays itself less than the known split would have given it (by 45 % of what
    /// streamed before the end), and each buyer gets exactly their part of the larger credit.
    function test_Decision_DepositAfterDecision_AllEarnedSplitProRata() public {
        vm.warp(START);
        _depositRevenue(14_000 * USD, 14 days);
        _buy(alice, 300 * SHARE);
        _buy(bob, 150 * SHARE);
        uint256 sold_ = 450 * SHARE;
        vm.warp(END + 1 days);
        (bool knownBefore, uint256 atEnd) = token.streamedTotalAt(END);
        assertTrue(knownBefore);

        _depositRevenue(600 * USD, 6 days); // to the running end, 100 a day on top
        (bool known, uint256 total) = token.streamedTotalAt(END);
        assertFalse(known, "the deposit hides the decision time");
        assertEq(total, 0);
        vm.warp(END + 3 days);

        uint256 earned = token.claimable(address(offering));
        assertEq(earned, token.streamedTotal());
        uint256 escrowed = Math.mulDiv(earned, sold_, SUPPLY);
        uint256 knownSplit = Math.mulDiv(earned - atEnd, sold_, SUPPLY);
        assertApproxEqAbs(earned, 10_200 * USD, 1, "ten days of 1,000 and two of 100");
        assertApproxEqAbs(escrowed, 4590 * USD, 1, "45 % of everything");
        assertApproxEqAbs(escrowed - knownSplit, 3150 * USD, 1, "45 % of the 7,000 before the end");

        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, sold_, 22_500 * USD, SUPPLY - sold_, earned - escrowed, escrowed);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 22_500 * USD + earned - escrowed, "the operator paid itself less");
        assertLt(earned - escrowed, earned - knownSplit);
        _assertBuyersCredited(escrowed, sold_, [alice, bob, address(0)], [300 * SHARE, 150 * SHARE, 0]);
    }

    /// Same after a sell-out: with sold == supply, everything the Offering earned (the day before the sell-out too)
    /// goes to the buyers, nothing to the operator.
    function test_Decision_DepositAfterSellOut_AllEarnedToBuyers() public {
        vm.warp(START);
        _depositRevenue(10_000 * USD, 10 days);
        vm.warp(START + 1 days);
        _buy(alice, 700 * SHARE);
        _buy(bob, 300 * SHARE);
        vm.warp(START + 2 days);
        _depositRevenue(800 * USD, 8 days);
        (bool known,) = token.streamedTotalAt(START + 1 days);
        assertFalse(known);
        vm.warp(START + 4 days);

        uint256 earned = token.claimable(address(offering));
        assertApproxEqAbs(earned, 4200 * USD, 1);
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, SUPPLY, 50_000 * USD, 0, 0, earned);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 50_000 * USD);
        _assertBuyersCredited(earned, SUPPLY, [alice, bob, address(0)], [700 * SHARE, 300 * SHARE, 0]);
    }

    /*//////////////////////////////////////////////////////////////
                  FAILED OR CANCELLED: ALL TO THE OPERATOR
    //////////////////////////////////////////////////////////////*/

    /// A sale that ended below the soft cap has no decision for the buyers: all its revenue is the operator's, the
    /// Offering keeps exactly the refunds.
    function test_Decision_FailedSale_AllRevenueToOperator() public {
        vm.warp(START);
        _depositRevenue(14_000 * USD, 14 days);
        uint256 paid = _buy(alice, 100 * SHARE);
        vm.warp(END + 2 days);
        uint256 earned = token.claimable(address(offering));
        assertApproxEqAbs(earned, 9000 * USD, 1);
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, false, 100 * SHARE, 0, SUPPLY, earned, 0);
        offering.finalize();
        assertEq(usd.balanceOf(operator), earned);
        assertEq(usd.balanceOf(address(offering)), paid, "the refund, nothing else");
        assertEq(offering.escrowRevenueOf(alice), 0);
    }

    /// Governance cancels a sale that had sold out (its decision had passed): the buyers are refunded, and all the
    /// revenue, the part streamed after the sell-out included, is the operator's.
    function test_Decision_CancelledAfterSellOut_AllRevenueToOperator() public {
        vm.warp(START);
        _depositRevenue(10_000 * USD, 10 days);
        uint256 alicePaid = _buy(alice, 600 * SHARE);
        uint256 bobPaid = _buy(bob, 400 * SHARE);
        vm.warp(START + 5 days);
        vm.prank(governance);
        offering.cancel();
        uint256 earned = token.claimable(address(offering));
        assertApproxEqAbs(earned, 5000 * USD, 1);
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, false, SUPPLY, 0, SUPPLY, earned, 0);
        offering.finalize();
        assertEq(usd.balanceOf(operator), earned);
        assertEq(usd.balanceOf(address(offering)), alicePaid + bobPaid);
        vm.prank(alice);
        assertEq(offering.refund(), alicePaid);
        vm.prank(bob);
        assertEq(offering.refund(), bobPaid);
        assertEq(usd.balanceOf(address(offering)), 0);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Right after finalize: each buyer's escrowRevenueOf is exactly its part of `escrowed` (the Offering's
    /// per-share accumulator, floored twice); the buyers withdraw in the same second and are paid exactly that; together
    /// never more than `escrowed`, and the dust left is at most one base unit per buyer.
    function _assertBuyersCredited(uint256 escrowed, uint256 sold_, address[3] memory buyers, uint256[3] memory shares)
        internal
    {
        uint256 perShare = Math.mulDiv(escrowed, REVENUE_SCALE, sold_);
        uint256 paidOut;
        uint256 n;
        for (uint256 i; i < 3; ++i) {
            if (buyers[i] == address(0)) continue;
            uint256 part = Math.mulDiv(shares[i], perShare, REVENUE_SCALE);
            assertEq(offering.escrowRevenueOf(buyers[i]), part, "escrowRevenueOf right after finalize");
            uint256 before = usd.balanceOf(buyers[i]);
            vm.prank(buyers[i]);
            (uint256 got, uint256 revenue) = offering.withdrawShares();
            assertEq(got, shares[i]);
            assertEq(revenue, part, "paid exactly the part");
            assertEq(usd.balanceOf(buyers[i]), before + part);
            paidOut += revenue;
            ++n;
        }
        assertLe(paidOut, escrowed, "never more than credited");
        assertLe(escrowed - paidOut, n, "dust: at most one unit per buyer");
        assertEq(usd.balanceOf(address(offering)), escrowed - paidOut);
    }
}

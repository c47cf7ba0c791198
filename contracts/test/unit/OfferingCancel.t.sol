// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";

/// @title OfferingCancelTest
/// @notice Governance's `cancel()` (M-2: "governance cannot abort a sale"): in every unsettled phase it turns the sale
/// into refunds, and `finalize()` then returns the whole supply (and the Offering's revenue) to the operator once.
contract OfferingCancelTest is OfferingFixture {
    uint256 internal alicePaid;
    uint256 internal bobPaid;

    function setUp() public override {
        super.setUp();
        _tokenize();
    }

    /*//////////////////////////////////////////////////////////////
                      CANCEL IN EACH UNSETTLED PHASE
    //////////////////////////////////////////////////////////////*/

    /// M-2: cancelled while open, with revenue streaming to the Offering: refunds, supply and revenue back.
    function test_Cancel_WhileOpen() public {
        _buyTwo(300 * SHARE, 150 * SHARE + 1);
        _depositRevenue(7000 * USD, 7 days);
        skip(2 days);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Open));
        _cancelAndSettle();
    }

    /// M-2: cancelled once sold out (64a4f38 could only pay the operator from here).
    function test_Cancel_WhenSoldOut() public {
        _buyTwo(600 * SHARE, 400 * SHARE);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.SoldOut));
        _cancelAndSettle();
    }

    /// M-2: cancelled after the sale ended above the soft cap, before anyone finalized it.
    function test_Cancel_WhenSucceededNotFinalized() public {
        _buyTwo(SOFT_CAP, 10 * SHARE);
        vm.warp(END + 1 days);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded));
        _cancelAndSettle();
    }

    /// M-2: cancelled after the sale ended below the soft cap (already refundable): it stays refundable.
    function test_Cancel_WhenEndedBelowSoftCap() public {
        _buyTwo(100 * SHARE, 50 * SHARE);
        vm.warp(END);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Failed));
        _cancelAndSettle();
    }

    /// M-2: a buyer who already took a refund from the failed sale cannot take it again after governance cancels;
    /// the others still can. (`Cancelled` reports the sale's totals, refunds taken included.)
    function test_Cancel_AfterSomeRefunds_NoSecondRefund() public {
        _buyTwo(100 * SHARE, 50 * SHARE);
        vm.warp(END);
        vm.prank(alice);
        assertEq(offering.refund(), alicePaid);

        vm.expectEmit(address(offering));
        emit IOffering.Cancelled(governance, 150 * SHARE, alicePaid + bobPaid);
        vm.prank(governance);
        offering.cancel();
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToRefund.selector, alice));
        vm.prank(alice);
        offering.refund();
        vm.prank(bob);
        assertEq(offering.refund(), bobPaid);
        assertEq(usd.balanceOf(address(offering)), 0);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD);
        assertEq(usd.balanceOf(bob), 1_000_000 * USD);
    }

    /// M-2: cancelled before it even started: nothing to refund, the supply goes back on finalize.
    function test_Cancel_BeforeStart() public {
        vm.expectEmit(address(offering));
        emit IOffering.Cancelled(governance, 0, 0);
        vm.prank(governance);
        offering.cancel();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Cancelled));
        vm.warp(START);
        _expectBuyRevert(abi.encodeWithSelector(IOffering.SaleSettled.selector));
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, false, 0, 0, SUPPLY, 0, 0);
        offering.finalize();
        assertEq(token.balanceOf(operator), SUPPLY);
    }

    /// M-2: the typical case: the cluster was suspended mid-sale, governance cancels, and buyers get their money back
    /// (at 64a4f38 the sale could still settle and pay the operator: test_Finalize_EvenWhenClusterSuspended).
    function test_Cancel_AfterClusterSuspended() public {
        _buyTwo(SOFT_CAP, 100 * SHARE);
        vm.prank(guardian);
        registry.suspendCluster(clusterId);
        _cancelAndSettle();
    }

    /*//////////////////////////////////////////////////////////////
                            WHILE PAUSED
    //////////////////////////////////////////////////////////////*/

    /// M-2: cancel works while the token is paused; refunds open at once, finalize waits for the unpause.
    function test_Cancel_WhilePaused_FinalizeWaitsForUnpause() public {
        _buyTwo(600 * SHARE, 400 * SHARE);
        _governancePause();
        _operatorPause();
        vm.prank(governance);
        offering.cancel();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Cancelled));

        vm.prank(alice);
        assertEq(offering.refund(), alicePaid);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        offering.finalize();

        vm.prank(governance);
        token.governanceUnpause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector); // the operator's own pause is still on
        offering.finalize();
        vm.prank(operator);
        token.unpause();
        offering.finalize();
        assertEq(token.balanceOf(operator), SUPPLY);
        assertEq(token.balanceOf(address(offering)), 0);
        vm.prank(bob);
        assertEq(offering.refund(), bobPaid);
        assertEq(usd.balanceOf(address(offering)), 0);
        assertEq(usd.balanceOf(operator), 0, "no proceeds from a cancelled sale");
    }

    /*//////////////////////////////////////////////////////////////
                                 REVERTS
    //////////////////////////////////////////////////////////////*/

    /// M-2: only governance (the registry owner) cancels; not the operator, a stranger or the guardian.
    function test_RevertWhen_Cancel_NotGovernance() public {
        vm.warp(START);
        address[3] memory callers = [operator, stranger, guardian];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, callers[i]));
            vm.prank(callers[i]);
            offering.cancel();
        }
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Open));
    }

    /// M-2: a successful settlement is final.
    function test_RevertWhen_Cancel_AfterFinalize() public {
        _sellAndFinalize(SOFT_CAP, 0);
        vm.expectRevert(abi.encodeWithSelector(IOffering.CannotCancel.selector, IOffering.Phase.Finalized));
        vm.prank(governance);
        offering.cancel();
    }

    /// M-2: a failed sale that was finalized cannot be cancelled either (it is already refunds).
    function test_RevertWhen_Cancel_AfterFailedFinalize() public {
        _sellAndEnd(SHARE);
        offering.finalize();
        vm.expectRevert(abi.encodeWithSelector(IOffering.CannotCancel.selector, IOffering.Phase.Failed));
        vm.prank(governance);
        offering.cancel();
    }

    /// M-2: cancelling twice (before or after the cancelled sale's finalize) reverts.
    function test_RevertWhen_Cancel_Twice() public {
        vm.prank(governance);
        offering.cancel();
        vm.expectRevert(abi.encodeWithSelector(IOffering.CannotCancel.selector, IOffering.Phase.Cancelled));
        vm.prank(governance);
        offering.cancel();
        offering.finalize();
        vm.expectRevert(abi.encodeWithSelector(IOffering.CannotCancel.selector, IOffering.Phase.Cancelled));
        vm.prank(governance);
        offering.cancel();
    }

    /// M-2: after a cancellation nothing is withdrawable (refunds only), before and after finalize.
    function test_RevertWhen_WithdrawAfterCancel() public {
        _buyTwo(SOFT_CAP, 0);
        vm.prank(governance);
        offering.cancel();
        bytes memory err = abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Cancelled);
        vm.expectRevert(err);
        vm.prank(alice);
        offering.withdrawShares();
        vm.expectRevert(err);
        vm.prank(alice);
        offering.claimEscrowRevenue(alice);
        offering.finalize();
        vm.expectRevert(err);
        vm.prank(alice);
        offering.withdrawSharesTo(bob);
        assertEq(offering.escrowRevenueOf(alice), 0);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _buyTwo(uint256 aliceShares, uint256 bobShares) internal {
        vm.warp(START);
        alicePaid = _buy(alice, aliceShares);
        if (bobShares != 0) bobPaid = _buy(bob, bobShares);
    }

    /// @dev Governance cancels; then: phase Cancelled, buys revert SaleSettled, alice refunds before finalize and bob
    /// after it (each exactly what they paid), finalize returns the whole supply and the Offering's revenue to the
    /// operator once, and a second finalize reverts.
    function _cancelAndSettle() internal {
        uint256 sold_ = offering.sold();
        uint256 raised_ = offering.raised();
        assertEq(raised_, alicePaid + bobPaid);
        vm.expectEmit(address(offering));
        emit IOffering.Cancelled(governance, sold_, raised_);
        vm.prank(governance);
        offering.cancel();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Cancelled));

        _expectBuyRevert(carol, abi.encodeWithSelector(IOffering.SaleSettled.selector));
        vm.expectRevert(abi.encodeWithSelector(IOffering.CannotCancel.selector, IOffering.Phase.Cancelled));
        vm.prank(governance);
        offering.cancel();

        vm.prank(alice);
        assertEq(offering.refund(), alicePaid);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD, "alice made whole");

        uint256 revenue = token.claimable(address(offering));
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, false, sold_, 0, SUPPLY, revenue, 0);
        vm.prank(stranger);
        offering.finalize();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Cancelled));
        assertEq(token.balanceOf(operator), SUPPLY, "the whole supply back");
        assertEq(token.balanceOf(address(offering)), 0);
        assertEq(usd.balanceOf(operator), revenue, "the Offering's revenue, no proceeds");
        assertEq(token.claimable(address(offering)), 0);

        vm.expectRevert(IOffering.AlreadyFinalized.selector);
        offering.finalize();

        if (bobPaid != 0) {
            vm.prank(bob);
            assertEq(offering.refund(), bobPaid);
            assertEq(usd.balanceOf(bob), 1_000_000 * USD, "bob made whole after finalize");
        }
        assertEq(usd.balanceOf(address(offering)), 0, "every refund paid");
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Cancelled));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";

/// @title OfferingSettlementTest
/// @notice Settlement of a sale that was not cancelled: `finalize()` on success and failure, refunds, withdrawals.
contract OfferingSettlementTest is OfferingFixture {
    function setUp() public override {
        super.setUp();
        _tokenize();
    }

    /*//////////////////////////////////////////////////////////////
                                FINALIZE
    //////////////////////////////////////////////////////////////*/

    function test_Finalize_AfterEndWithSoftCapMet() public {
        vm.warp(START);
        _buy(alice, 300 * SHARE);
        _buy(bob, 150 * SHARE);
        vm.warp(END);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded));

        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, 450 * SHARE, 22_500 * USD, 550 * SHARE, 0, 0);
        vm.prank(stranger);
        offering.finalize();

        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Finalized));
        assertEq(usd.balanceOf(operator), 22_500 * USD, "proceeds to operator");
        assertEq(token.balanceOf(operator), 550 * SHARE, "unsold shares to operator");
        assertEq(token.balanceOf(address(offering)), 450 * SHARE, "sold shares stay escrowed");
        assertEq(usd.balanceOf(address(offering)), 0);
    }

    function test_Finalize_SoldOutBeforeEndByAnyone() public {
        vm.warp(START);
        _buy(alice, 600 * SHARE);
        _buy(bob, 400 * SHARE);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.SoldOut));
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, SUPPLY, 50_000 * USD, 0, 0, 0);
        vm.prank(stranger);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 50_000 * USD);
        assertEq(token.balanceOf(operator), 0);
    }

    function test_Finalize_EarlyCloseByOperator() public {
        vm.warp(START);
        _buy(alice, SOFT_CAP);
        vm.prank(operator);
        offering.finalize();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Finalized));
        assertEq(token.balanceOf(operator), SUPPLY - SOFT_CAP);
        assertEq(usd.balanceOf(operator), 20_000 * USD);
    }

    function test_Finalize_ZeroSoftCapWithNoSales() public {
        IOffering.Terms memory t = _terms();
        t.softCap = 0;
        _retokenize(t);
        vm.warp(END);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded));
        offering.finalize();
        assertEq(token.balanceOf(operator), SUPPLY);
        assertEq(usd.balanceOf(operator), 0);
    }

    function test_Finalize_FailedReturnsWholeSupply() public {
        _sellAndEnd(100 * SHARE);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Failed));
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, false, 100 * SHARE, 0, SUPPLY, 0, 0);
        vm.prank(stranger);
        offering.finalize();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Failed));
        assertEq(token.balanceOf(operator), SUPPLY);
        assertEq(usd.balanceOf(operator), 0);
        assertEq(usd.balanceOf(address(offering)), 5000 * USD, "refunds stay available");
    }

    function test_Finalize_ForwardsOfferingRevenueToOperator() public {
        vm.warp(START);
        _buy(alice, 500 * SHARE);
        // Revenue streams to every holder; the offering holds the whole supply during the sale.
        _depositRevenue(7000 * USD, 7 days);
        vm.warp(END);
        uint256 earned = token.claimable(address(offering));
        assertApproxEqAbs(earned, 7000 * USD, 1);

        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, 500 * SHARE, 25_000 * USD, 500 * SHARE, earned, 0);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 25_000 * USD + earned);
        assertEq(token.claimable(address(offering)), 0);
    }

    function test_Finalize_PaysCurrentOperator() public {
        address newOperator = makeAddr("newOperator");
        vm.prank(operator);
        registry.transferOperator(clusterId, newOperator);
        vm.prank(newOperator);
        registry.acceptOperator(clusterId);
        _sellAndEnd(SOFT_CAP);
        offering.finalize();
        assertEq(usd.balanceOf(newOperator), 20_000 * USD);
        assertEq(token.balanceOf(newOperator), SUPPLY - SOFT_CAP);
        assertEq(usd.balanceOf(operator), 0);
    }

    /// Intended: suspension alone does not stop a settled-by-time sale; governance's answer is `cancel()`
    /// (OfferingCancel.t.sol, test_Cancel_AfterClusterSuspended).
    function test_Finalize_EvenWhenClusterSuspended() public {
        _sellAndEnd(SOFT_CAP);
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        offering.finalize();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Finalized));
    }

    /*//////////////////////////////////////////////////////////////
          SETTLEMENT EXEMPTION: THE OPERATOR CANNOT BLOCK FINALIZE
    //////////////////////////////////////////////////////////////*/

    /// Attacker "operator self-freeze blocks finalize": the operator freezes ITSELF after a sale that met its soft cap;
    /// the escrow still hands it the unsold shares (the token's settlement exemption, which `checkTransfer` and
    /// `canTransfer` mirror), so the sale settles and the buyers' shares become withdrawable. The freeze still holds
    /// the operator's own shares afterwards.
    function test_Finalize_OperatorFrozenItself_StillSettles() public {
        vm.warp(START);
        _depositRevenue(7000 * USD, 7 days);
        _buy(alice, SOFT_CAP);
        vm.warp(END);
        vm.prank(operator);
        token.setFrozen(operator, true);
        token.checkTransfer(address(offering), operator, SUPPLY - SOFT_CAP);
        (bool ok, bytes4 reason) = token.canTransfer(address(offering), operator, SUPPLY - SOFT_CAP);
        assertTrue(ok);
        assertEq(reason, bytes4(0));

        uint256 earned = token.claimable(address(offering));
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, SOFT_CAP, 20_000 * USD, SUPPLY - SOFT_CAP, earned, 0);
        offering.finalize();
        assertEq(token.balanceOf(operator), SUPPLY - SOFT_CAP, "unsold shares reach the frozen operator");
        assertEq(usd.balanceOf(operator), 20_000 * USD + earned);
        assertTrue(token.isFrozen(operator));
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, operator));
        vm.prank(operator);
        token.transfer(bob, SHARE);

        vm.prank(alice);
        offering.withdrawShares();
        assertEq(token.balanceOf(alice), SOFT_CAP);
    }

    /// The same with the allowlist switched on while the operator is not verified: settlement goes through, while any
    /// other unverified recipient is still refused.
    function test_Finalize_AllowlistOnOperatorUnverified_StillSettles() public {
        vm.startPrank(operator);
        token.setAllowlistEnabled(true);
        token.setVerified(alice, END + 365 days);
        vm.stopPrank();
        _sellAndEnd(SOFT_CAP);
        assertFalse(token.isVerified(operator));
        token.checkTransfer(address(offering), operator, SUPPLY - SOFT_CAP);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, bob));
        token.checkTransfer(address(offering), bob, SHARE);

        offering.finalize();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Finalized));
        assertEq(token.balanceOf(operator), SUPPLY - SOFT_CAP);
        assertEq(usd.balanceOf(operator), 20_000 * USD);
    }

    /// A failed sale returns the whole supply to an operator that is frozen and unverified, and so does a cancelled
    /// one to the cluster's CURRENT operator (the exemption follows the registry); the old operator gets none.
    function test_Finalize_ReturnsSupplyToFrozenUnverifiedOperator() public {
        vm.startPrank(operator);
        token.setAllowlistEnabled(true);
        token.setFrozen(operator, true);
        vm.stopPrank();
        _sellAndEnd(0);
        offering.finalize();
        assertEq(token.balanceOf(operator), SUPPLY);

        // Second sale of the same cluster (fresh clones), cancelled after the cluster changed hands.
        IOffering.Terms memory t = _terms();
        (t.start, t.end) = (uint32(block.timestamp), uint32(block.timestamp + 7 days));
        _retokenize(t);
        address newOperator = makeAddr("newOperator");
        vm.prank(operator);
        registry.transferOperator(clusterId, newOperator);
        vm.prank(newOperator);
        registry.acceptOperator(clusterId);
        vm.startPrank(newOperator);
        token.setAllowlistEnabled(true);
        token.setFrozen(newOperator, true);
        token.setFrozen(operator, true);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, operator));
        token.checkTransfer(address(offering), operator, SHARE);
        vm.prank(governance);
        offering.cancel();
        offering.finalize();
        assertEq(token.balanceOf(newOperator), SUPPLY);
    }

    /// The exemption skips the operator's freeze and allowlist, never a pause.
    function test_RevertWhen_Finalize_OperatorFrozenAndPaused() public {
        _sellAndEnd(SOFT_CAP);
        vm.prank(operator);
        token.setFrozen(operator, true);
        _operatorPause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        token.checkTransfer(address(offering), operator, SUPPLY - SOFT_CAP);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        offering.finalize();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded));
    }

    function test_RevertWhen_FinalizeBeforeStart() public {
        vm.expectRevert(abi.encodeWithSelector(IOffering.CannotFinalize.selector, IOffering.Phase.Pending));
        vm.prank(operator);
        offering.finalize();
    }

    function test_RevertWhen_FinalizeEarlyByNonOperator() public {
        vm.warp(START);
        _buy(alice, SOFT_CAP);
        vm.expectRevert(abi.encodeWithSelector(IOffering.NotOperator.selector, stranger, operator));
        vm.prank(stranger);
        offering.finalize();
    }

    function test_RevertWhen_FinalizeEarlyBelowSoftCap() public {
        vm.warp(START);
        _buy(alice, SOFT_CAP - 1);
        vm.expectRevert(abi.encodeWithSelector(IOffering.SoftCapNotMet.selector, SOFT_CAP - 1, SOFT_CAP));
        vm.prank(operator);
        offering.finalize();
    }

    function test_RevertWhen_FinalizeTwiceAfterSuccess() public {
        _sellAndEnd(SOFT_CAP);
        offering.finalize();
        vm.expectRevert(IOffering.AlreadyFinalized.selector);
        offering.finalize();
    }

    function test_RevertWhen_FinalizeTwiceAfterFailure() public {
        _sellAndEnd(0);
        offering.finalize();
        vm.expectRevert(IOffering.AlreadyFinalized.selector);
        vm.prank(operator);
        offering.finalize();
    }

    /*//////////////////////////////////////////////////////////////
                                 REFUND
    //////////////////////////////////////////////////////////////*/

    function test_Refund_AfterFailureBeforeFinalize() public {
        vm.warp(START);
        uint256 paid = _buy(alice, 7 * SHARE + 3);
        vm.warp(END);
        uint256 before = usd.balanceOf(alice);
        vm.expectEmit(address(offering));
        emit IOffering.Refunded(alice, alice, 7 * SHARE + 3, paid);
        vm.prank(alice);
        assertEq(offering.refund(), paid);
        assertEq(usd.balanceOf(alice), before + paid, "exactly what was paid, rounding included");
        (uint256 shares, uint256 left) = offering.purchasedOf(alice);
        assertEq(shares, 0);
        assertEq(left, 0);
    }

    function test_Refund_AfterFailedFinalize() public {
        vm.warp(START);
        _buy(alice, 10 * SHARE);
        _buy(bob, 20 * SHARE);
        vm.warp(END);
        offering.finalize();
        vm.prank(alice);
        offering.refund();
        vm.prank(bob);
        offering.refund();
        assertEq(usd.balanceOf(address(offering)), 0);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD);
        assertEq(usd.balanceOf(bob), 1_000_000 * USD);
    }

    function test_RevertWhen_RefundWhileOpen() public {
        vm.warp(START);
        _buy(alice, SHARE);
        vm.expectRevert(abi.encodeWithSelector(IOffering.RefundUnavailable.selector, IOffering.Phase.Open));
        vm.prank(alice);
        offering.refund();
    }

    function test_RevertWhen_RefundWhenSucceeded() public {
        _sellAndEnd(SOFT_CAP);
        vm.expectRevert(abi.encodeWithSelector(IOffering.RefundUnavailable.selector, IOffering.Phase.Succeeded));
        vm.prank(alice);
        offering.refund();
    }

    function test_RevertWhen_RefundWhenFinalized() public {
        _sellAndEnd(SOFT_CAP);
        offering.finalize();
        vm.expectRevert(abi.encodeWithSelector(IOffering.RefundUnavailable.selector, IOffering.Phase.Finalized));
        vm.prank(alice);
        offering.refund();
    }

    function test_RevertWhen_RefundWhenSoldOut() public {
        vm.warp(START);
        _buy(alice, SUPPLY);
        vm.expectRevert(abi.encodeWithSelector(IOffering.RefundUnavailable.selector, IOffering.Phase.SoldOut));
        vm.prank(alice);
        offering.refund();
    }

    function test_RevertWhen_RefundNothingBought() public {
        _sellAndEnd(SHARE);
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToRefund.selector, bob));
        vm.prank(bob);
        offering.refund();
    }

    function test_RevertWhen_RefundTwice() public {
        _sellAndEnd(SHARE);
        vm.prank(alice);
        offering.refund();
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToRefund.selector, alice));
        vm.prank(alice);
        offering.refund();
    }

    /*//////////////////////////////////////////////////////////////
                             WITHDRAW SHARES
    //////////////////////////////////////////////////////////////*/

    function test_WithdrawShares() public {
        vm.warp(START);
        _buy(alice, 300 * SHARE);
        _buy(bob, 200 * SHARE);
        vm.warp(END);
        offering.finalize();

        vm.expectEmit(address(offering));
        emit IOffering.SharesWithdrawn(alice, alice, 300 * SHARE, 0);
        vm.prank(alice);
        (uint256 shares, uint256 revenue) = offering.withdrawShares();
        assertEq(shares, 300 * SHARE);
        assertEq(revenue, 0);
        assertEq(token.balanceOf(alice), 300 * SHARE);
        assertEq(token.balanceOf(address(offering)), 200 * SHARE);
        (uint256 left,) = offering.purchasedOf(alice);
        assertEq(left, 0);

        vm.prank(bob);
        offering.withdrawShares();
        assertEq(token.balanceOf(bob), 200 * SHARE);
        assertEq(token.balanceOf(address(offering)), 0);
    }

    function test_WithdrawShares_PaysEscrowRevenueProRata() public {
        vm.warp(START);
        _buy(alice, 300 * SHARE);
        _buy(bob, 100 * SHARE);
        vm.warp(END);
        offering.finalize();
        // After settlement the offering holds 400 of 1000 shares for alice (3/4) and bob (1/4).
        _depositRevenue(10_000 * USD, 10 days);
        vm.warp(END + 5 days);
        // Half streamed: 5,000 to everyone, 2,000 to the escrowed 400 shares.
        assertApproxEqAbs(offering.escrowRevenueOf(alice), 1500 * USD, 2);
        assertApproxEqAbs(offering.escrowRevenueOf(bob), 500 * USD, 2);

        vm.prank(alice);
        (, uint256 aliceRevenue) = offering.withdrawShares();
        assertApproxEqAbs(aliceRevenue, 1500 * USD, 2);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD - 15_000 * USD + aliceRevenue);
        assertEq(offering.escrowRevenueOf(alice), 0);

        // From now on alice earns through her own balance; bob's part keeps accruing in escrow.
        vm.warp(END + 10 days);
        assertApproxEqAbs(token.claimable(alice), 1500 * USD, 2);
        vm.prank(bob);
        (, uint256 bobRevenue) = offering.withdrawShares();
        assertApproxEqAbs(bobRevenue, 1000 * USD, 2);
        assertLe(aliceRevenue + bobRevenue, 4000 * USD, "never more than the escrow earned");
        assertLe(usd.balanceOf(address(offering)), 2, "at most rounding dust stays");
    }

    function test_RevertWhen_WithdrawSharesWhenFailed() public {
        _sellAndEnd(SHARE);
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Failed));
        vm.prank(alice);
        offering.withdrawShares();
        offering.finalize();
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Failed));
        vm.prank(alice);
        offering.withdrawShares();
    }

    function test_RevertWhen_WithdrawSharesBeforeFinalize() public {
        _sellAndEnd(SOFT_CAP);
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Succeeded));
        vm.prank(alice);
        offering.withdrawShares();
    }

    function test_RevertWhen_WithdrawSharesNothingBought() public {
        _sellAndEnd(SOFT_CAP);
        offering.finalize();
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, bob));
        vm.prank(bob);
        offering.withdrawShares();
    }

    function test_RevertWhen_WithdrawSharesTwice() public {
        _sellAndEnd(SOFT_CAP);
        offering.finalize();
        vm.prank(alice);
        offering.withdrawShares();
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, alice));
        vm.prank(alice);
        offering.withdrawShares();
    }
}

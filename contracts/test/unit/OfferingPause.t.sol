// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";

/// @title OfferingPauseTest
/// @notice The token's two pauses seen from the Offering (M-2, M-3): no purchase and no `finalize()` while either is
/// on; refunds and escrow revenue claims always go through.
contract OfferingPauseTest is OfferingFixture {
    function setUp() public override {
        super.setUp();
        _tokenize();
    }

    /*//////////////////////////////////////////////////////////////
                                  BUY
    //////////////////////////////////////////////////////////////*/

    /// M-2: the operator's pause stops primary sales (it did not at 64a4f38).
    function test_RevertWhen_Buy_OperatorPaused() public {
        vm.warp(START);
        _operatorPause();
        _expectBuyRevert(abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
        _assertNothingSold();

        vm.prank(operator);
        token.unpause();
        _buy(alice, SHARE);
        assertEq(offering.sold(), SHARE);
    }

    /// M-2: governance's pause stops primary sales.
    function test_RevertWhen_Buy_GovernancePaused() public {
        vm.warp(START);
        _governancePause();
        _expectBuyRevert(abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
        _assertNothingSold();
    }

    /// M-2: the registry's guardian can pause too, and that stops sales the same way.
    function test_RevertWhen_Buy_GuardianPaused() public {
        vm.warp(START);
        vm.prank(guardian);
        token.governancePause();
        assertTrue(token.pausedByGovernance());
        _expectBuyRevert(abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
        _assertNothingSold();
    }

    /// M-2: buyWithPermit under the operator's pause: reverts, and the permit is not consumed either.
    function test_RevertWhen_BuyWithPermit_OperatorPaused() public {
        vm.warp(START);
        _operatorPause();
        _expectBuyWithPermitRevert(abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
        _assertNothingSold();
        assertEq(usd.nonces(alice), 0, "permit not used");
        assertEq(usd.allowance(alice, address(offering)), 0);
    }

    /// M-2: buyWithPermit under governance's pause.
    function test_RevertWhen_BuyWithPermit_GovernancePaused() public {
        vm.warp(START);
        _governancePause();
        _expectBuyWithPermitRevert(abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
        _assertNothingSold();
        assertEq(usd.nonces(alice), 0, "permit not used");
    }

    /// M-3: the operator cannot lift governance's pause, so sales stay stopped whatever the operator does.
    function test_RevertWhen_Buy_OperatorCannotLiftGovernancePause() public {
        vm.warp(START);
        _governancePause();
        _operatorPause();
        vm.prank(operator);
        token.unpause();
        assertTrue(token.paused(), "governance's pause holds");
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, operator));
        vm.prank(operator);
        token.governanceUnpause();
        _expectBuyRevert(abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));

        vm.prank(governance);
        token.governanceUnpause();
        _buy(alice, SHARE);
        assertEq(offering.sold(), SHARE);
    }

    /*//////////////////////////////////////////////////////////////
                                FINALIZE
    //////////////////////////////////////////////////////////////*/

    /// M-2: a sold-out sale cannot pay the operator while governance's pause is on (64a4f38 paid 50,000 here).
    function test_RevertWhen_Finalize_SoldOutGovernancePaused() public {
        vm.warp(START);
        _buy(alice, SUPPLY);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.SoldOut));
        _governancePause();

        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        offering.finalize();
        // The operator can neither lift the pause nor settle early around it.
        vm.prank(operator);
        token.unpause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(operator);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 0);
        assertEq(usd.balanceOf(address(offering)), 50_000 * USD);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.SoldOut));

        vm.prank(governance);
        token.governanceUnpause();
        offering.finalize();
        assertEq(usd.balanceOf(operator), 50_000 * USD);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Finalized));
    }

    /// M-2: the operator's own pause also stops a sold-out finalize.
    function test_RevertWhen_Finalize_SoldOutOperatorPaused() public {
        vm.warp(START);
        _buy(alice, SUPPLY);
        _operatorPause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 0);
    }

    /// M-2: a sale that ended above the soft cap is not settled while paused (either pause).
    function test_RevertWhen_Finalize_SucceededPaused() public {
        _sellAndEnd(SOFT_CAP);
        _operatorPause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        offering.finalize();
        vm.prank(operator);
        token.unpause();
        _governancePause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        offering.finalize();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded));
        assertEq(token.balanceOf(address(offering)), SUPPLY);
    }

    /// M-2: the operator's early close is not possible while paused.
    function test_RevertWhen_Finalize_EarlyClosePaused() public {
        vm.warp(START);
        _buy(alice, SOFT_CAP);
        _governancePause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(operator);
        offering.finalize();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Open));
    }

    /// M-2: a failed sale's finalize (returning the supply) waits for the unpause too; refunds do not.
    function test_RevertWhen_Finalize_FailedPaused() public {
        _sellAndEnd(100 * SHARE);
        _governancePause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        offering.finalize();
        assertEq(token.balanceOf(address(offering)), SUPPLY);
        assertEq(token.balanceOf(operator), 0);
    }

    /*//////////////////////////////////////////////////////////////
                       WHAT NEVER STOPS: REFUNDS, CLAIMS
    //////////////////////////////////////////////////////////////*/

    /// M-2: refunds go through under both pauses at once, before and after a failed finalize.
    function test_Refund_WorksWhilePaused() public {
        vm.warp(START);
        uint256 alicePaid = _buy(alice, 10 * SHARE + 7);
        uint256 bobPaid = _buy(bob, 20 * SHARE);
        vm.warp(END);
        _operatorPause();
        _governancePause();

        vm.prank(alice);
        assertEq(offering.refund(), alicePaid);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD);

        vm.prank(governance);
        token.governanceUnpause();
        vm.prank(operator);
        token.unpause();
        offering.finalize();
        _governancePause();
        vm.prank(bob);
        assertEq(offering.refund(), bobPaid);
        assertEq(usd.balanceOf(bob), 1_000_000 * USD);
        assertEq(usd.balanceOf(address(offering)), 0);
    }

    /// M-2 / claims never stop: a buyer's escrow revenue is claimable under both pauses, while the withdrawal of the
    /// shares waits; the withdrawal later pays only what was not claimed.
    function test_ClaimEscrowRevenue_WorksWhilePaused() public {
        _sellAndFinalize(SUPPLY / 2, 0);
        _depositRevenue(10_000 * USD, 10 days);
        skip(4 days);
        _operatorPause();
        _governancePause();

        // alice's 500 escrowed shares are the whole escrow: she is owed all the Offering can claim.
        uint256 owed = token.claimable(address(offering));
        assertEq(offering.escrowRevenueOf(alice), owed);
        vm.expectEmit(address(offering));
        emit IOffering.EscrowRevenueClaimed(alice, alice, owed);
        vm.prank(alice);
        assertEq(offering.claimEscrowRevenue(alice), owed);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD - 25_000 * USD + owed);
        assertEq(offering.escrowRevenueOf(alice), 0);

        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(alice);
        offering.withdrawShares();

        skip(1 days);
        vm.prank(governance);
        token.governanceUnpause();
        vm.prank(operator);
        token.unpause();
        uint256 more = token.claimable(address(offering));
        vm.prank(alice);
        (uint256 shares, uint256 revenue) = offering.withdrawShares();
        assertEq(shares, SUPPLY / 2);
        assertEq(revenue, more, "only the revenue since the claim");
        assertEq(usd.balanceOf(alice), 1_000_000 * USD - 25_000 * USD + owed + more);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _assertNothingSold() internal view {
        assertEq(offering.sold(), 0);
        assertEq(offering.raised(), 0);
        (uint256 shares, uint256 paid) = offering.purchasedOf(alice);
        assertEq(shares, 0);
        assertEq(paid, 0);
        assertEq(usd.balanceOf(address(offering)), 0);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD);
    }
}

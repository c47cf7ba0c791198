// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {IShareTokenEvents} from "../../src/interfaces/IShareTokenEvents.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";

/// @notice M-2/M-3 (token side): two pauses. The operator's (`pause`/`unpause`) and governance's (`governancePause`
/// by the registry owner or its guardian, `governanceUnpause` by the owner only). Either stops transfers and deposits;
/// only governance's stops the operator's forced transfers and recoveries; claims never stop.
contract ShareTokenPausesTest is ShareTokenFixture {
    function setUp() public override {
        super.setUp();
        _send(offering, alice, 100e18);
        _deposit(1000e6, 1000);
        skip(500);
    }

    function _governancePause() internal {
        vm.prank(gov);
        token.governancePause();
    }

    function _operatorPause() internal {
        vm.prank(op);
        token.pause();
    }

    /*//////////////////////////////////////////////////////////////
                            WHO MAY DO WHAT
    //////////////////////////////////////////////////////////////*/

    /// M-3: the operator cannot lift governance's pause: `governanceUnpause` is the registry owner's.
    function test_RevertWhen_GovernanceUnpause_ByOperator() public {
        _governancePause();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, op));
        vm.prank(op);
        token.governanceUnpause();
        assertTrue(token.pausedByGovernance());
    }

    /// M-3: the operator's `unpause` lifts its own pause only; governance's stays on and transfers still revert.
    function test_Unpause_ByOperatorLeavesGovernancePause() public {
        _governancePause();
        _operatorPause();
        vm.prank(op);
        token.unpause();
        assertFalse(token.pausedByOperator());
        assertTrue(token.pausedByGovernance());
        assertTrue(token.paused());
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        _send(alice, bob, 1);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        token.checkTransfer(alice, bob, 1);
        // An operator unpause with nothing of its own to lift changes nothing either.
        vm.prank(op);
        token.unpause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        _send(alice, bob, 1);
    }

    /// M-3: governance's unpause lifts its own pause only; the operator's stays on.
    function test_GovernanceUnpause_LeavesOperatorPause() public {
        _governancePause();
        _operatorPause();
        vm.prank(gov);
        token.governanceUnpause();
        assertTrue(token.pausedByOperator());
        assertFalse(token.pausedByGovernance());
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        _send(alice, bob, 1);
    }

    /// M-3: the guardian (the registry's emergency key) can set governance's pause but never lift it.
    function test_GovernancePause_ByGuardian() public {
        vm.expectEmit(address(token));
        emit IShareTokenEvents.PauseSet(guardian, true, true);
        vm.prank(guardian);
        token.governancePause();
        assertTrue(token.pausedByGovernance());
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, guardian));
        vm.prank(guardian);
        token.governanceUnpause();
        assertTrue(token.pausedByGovernance());
    }

    function test_RevertWhen_GovernancePause_NotGovernanceOrGuardian() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotGovernanceOrGuardian.selector, op));
        vm.prank(op);
        token.governancePause();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotGovernanceOrGuardian.selector, alice));
        vm.prank(alice);
        token.governancePause();
        assertFalse(token.paused());
    }

    /// Governance and its guardian are read from the registry at each call: a replaced guardian loses the key, a new
    /// owner gains the unpause.
    function test_GovernancePause_FollowsRegistry() public {
        address newGuardian = makeAddr("newGuardian");
        reg.setGuardian(newGuardian);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotGovernanceOrGuardian.selector, guardian));
        vm.prank(guardian);
        token.governancePause();
        vm.prank(newGuardian);
        token.governancePause();
        reg.setOwner(carol);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, gov));
        vm.prank(gov);
        token.governanceUnpause();
        vm.prank(carol);
        token.governanceUnpause();
        assertFalse(token.paused());
    }

    /// M-3: every pause change emits `PauseSet(by, governance, paused)`.
    function test_PauseSet_Events() public {
        vm.expectEmit(address(token));
        emit IShareTokenEvents.PauseSet(op, false, true);
        vm.prank(op);
        token.pause();
        vm.expectEmit(address(token));
        emit IShareTokenEvents.PauseSet(gov, true, true);
        vm.prank(gov);
        token.governancePause();
        vm.expectEmit(address(token));
        emit IShareTokenEvents.PauseSet(op, false, false);
        vm.prank(op);
        token.unpause();
        vm.expectEmit(address(token));
        emit IShareTokenEvents.PauseSet(gov, true, false);
        vm.prank(gov);
        token.governanceUnpause();
        assertFalse(token.paused());
    }

    /*//////////////////////////////////////////////////////////////
                          WHAT EACH PAUSE STOPS
    //////////////////////////////////////////////////////////////*/

    /// M-2: governance's pause stops transfers, transferFrom and deposits (the operator's and a named payer's).
    function test_GovernancePause_StopsTransfersAndDeposits() public {
        address payer = makeAddr("payer");
        vm.prank(op);
        token.setRevenuePayer(payer, 3650 days);
        _governancePause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        _send(alice, bob, 1);
        vm.prank(alice);
        token.approve(bob, 1);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(bob);
        token.transferFrom(alice, bob, 1);
        _fund(10e6);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(op);
        token.depositRevenue(10e6, 1000);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(payer);
        token.depositRevenue(10e6, 1000);
        (bool ok, bytes4 reason) = token.canTransfer(alice, bob, 1);
        assertFalse(ok);
        assertEq(reason, IShareTokenErrors.TokenPaused.selector);
    }

    /// M-3: governance's pause also stops the operator's forced transfer and wallet recovery.
    function test_RevertWhen_GovernancePaused_ForcedTransferAndRecovery() public {
        _governancePause();
        vm.startPrank(op);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        token.forcedTransfer(alice, bob, 1);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        token.recoverWallet(alice, bob);
        vm.stopPrank();
        assertEq(token.balanceOf(alice), 100e18);
    }

    /// Unchanged by the fix: the operator's own pause does not stop its forced transfer and recovery (its compliance
    /// tools).
    function test_OperatorPause_AllowsForcedTransferAndRecovery() public {
        _operatorPause();
        vm.startPrank(op);
        token.forcedTransfer(alice, bob, 40e18);
        token.recoverWallet(alice, carol);
        vm.stopPrank();
        assertEq(token.balanceOf(bob), 40e18);
        assertEq(token.balanceOf(carol), 60e18);
        assertEq(token.balanceOf(alice), 0);
    }

    /// M-2/M-3: claims never stop: `claim` and `claimTo` pay exactly what is claimable under either pause and both.
    function test_Claim_WorksUnderEachPause() public {
        _operatorPause();
        uint256 expected = token.claimable(alice);
        assertEq(expected, _earned(100e18, _accRate(1000e6, 1000, SUPPLY) * 500, SUPPLY));
        vm.prank(alice);
        assertEq(token.claim(), expected);

        vm.prank(op);
        token.unpause();
        _governancePause();
        skip(100);
        expected = token.claimable(alice);
        assertEq(expected, _earned(100e18, _accRate(1000e6, 1000, SUPPLY) * 100, SUPPLY));
        vm.prank(alice);
        assertEq(token.claimTo(carol), expected);
        assertEq(usd.balanceOf(carol), expected);

        _operatorPause();
        skip(100);
        expected = token.claimable(offering);
        vm.prank(offering);
        assertEq(token.claim(), expected);
        assertEq(usd.balanceOf(offering), expected);
    }

    /// Neither pause stops the stream itself: revenue keeps accruing per second while transfers are stopped.
    function test_Pause_StreamKeepsAccruing() public {
        _governancePause();
        _operatorPause();
        uint256 before = token.claimable(alice);
        skip(500);
        assertEq(token.claimable(alice), _earned(100e18, _accRate(1000e6, 1000, SUPPLY) * 1000, SUPPLY));
        assertGt(token.claimable(alice), before);
    }
}

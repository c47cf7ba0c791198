// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {IShareTokenEvents} from "../../src/interfaces/IShareTokenEvents.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Unit tests of the RWA controls: allowlist, freeze, pause, forced transfer, wallet recovery, canTransfer.
contract ShareTokenControlsTest is ShareTokenFixture {
    function setUp() public override {
        super.setUp();
        _send(offering, alice, 100e18);
    }

    function _assertCan(address from, address to, uint256 amount, bytes4 expected) internal view {
        (bool ok, bytes4 reason) = token.canTransfer(from, to, amount);
        assertEq(ok, expected == bytes4(0));
        assertEq(reason, expected);
    }

    /*//////////////////////////////////////////////////////////////
                               ALLOWLIST
    //////////////////////////////////////////////////////////////*/

    function test_SetVerified_SetsExpiry() public {
        vm.expectEmit(address(token));
        emit IShareTokenEvents.VerificationSet(bob, block.timestamp + 10);
        vm.prank(op);
        token.setVerified(bob, block.timestamp + 10);
        assertEq(token.verifiedUntil(bob), block.timestamp + 10);
        assertTrue(token.isVerified(bob));
        skip(10);
        assertTrue(token.isVerified(bob)); // inclusive
        skip(1);
        assertFalse(token.isVerified(bob));
    }

    function test_RevertWhen_SetVerified_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, gov, op));
        vm.prank(gov);
        token.setVerified(bob, 1);
    }

    function test_RevertWhen_SetVerified_ExpiryTooLarge() public {
        uint256 tooLate = uint256(type(uint32).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidValidUntil.selector, tooLate));
        vm.prank(op);
        token.setVerified(bob, tooLate);
    }

    function test_SetVerifiedBatch_SetsAll() public {
        address[] memory accounts = new address[](2);
        accounts[0] = bob;
        accounts[1] = carol;
        uint256[] memory until = new uint256[](2);
        until[0] = block.timestamp + 1;
        until[1] = block.timestamp + 2;
        vm.expectEmit(address(token));
        emit IShareTokenEvents.VerificationSet(bob, until[0]);
        vm.expectEmit(address(token));
        emit IShareTokenEvents.VerificationSet(carol, until[1]);
        vm.prank(op);
        token.setVerifiedBatch(accounts, until);
        assertEq(token.verifiedUntil(bob), until[0]);
        assertEq(token.verifiedUntil(carol), until[1]);
    }

    function test_RevertWhen_SetVerifiedBatch_LengthMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.LengthMismatch.selector, 1, 0));
        vm.prank(op);
        token.setVerifiedBatch(new address[](1), new uint256[](0));
    }

    function test_RevertWhen_SetVerifiedBatch_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, alice, op));
        vm.prank(alice);
        token.setVerifiedBatch(new address[](0), new uint256[](0));
    }

    function test_SetAllowlistEnabled_Toggles() public {
        vm.expectEmit(address(token));
        emit IShareTokenEvents.AllowlistEnabledSet(op, true);
        vm.prank(op);
        token.setAllowlistEnabled(true);
        assertTrue(token.allowlistEnabled());
        vm.prank(op);
        token.setAllowlistEnabled(false);
        assertFalse(token.allowlistEnabled());
        _send(alice, bob, 1); // off again: anyone may receive
    }

    function test_RevertWhen_SetAllowlistEnabled_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, alice, op));
        vm.prank(alice);
        token.setAllowlistEnabled(true);
    }

    function test_RevertWhen_Transfer_RecipientNotVerified() public {
        vm.prank(op);
        token.setAllowlistEnabled(true);
        _assertCan(alice, bob, 1, IShareTokenErrors.RecipientNotVerified.selector);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, bob));
        _send(alice, bob, 1);
    }

    function test_RevertWhen_Transfer_RecipientVerificationExpired() public {
        vm.startPrank(op);
        token.setAllowlistEnabled(true);
        token.setVerified(bob, block.timestamp + 5);
        vm.stopPrank();
        _send(alice, bob, 1);
        skip(6);
        _assertCan(alice, bob, 1, IShareTokenErrors.RecipientVerificationExpired.selector);
        vm.expectRevert(
            abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, bob, block.timestamp - 1)
        );
        _send(alice, bob, 1);
        // An expired holder may still send to a verified one.
        vm.prank(op);
        token.setVerified(carol, block.timestamp);
        _send(bob, carol, 1);
        assertEq(token.balanceOf(carol), 1);
    }

    /*//////////////////////////////////////////////////////////////
                                 FREEZE
    //////////////////////////////////////////////////////////////*/

    function test_SetFrozen_BlocksSendAndReceive() public {
        vm.expectEmit(address(token));
        emit IShareTokenEvents.FreezeSet(op, alice, true);
        vm.prank(op);
        token.setFrozen(alice, true);
        assertTrue(token.isFrozen(alice));
        assertEq(token.balanceOf(alice), 100e18);
        _assertCan(alice, bob, 1, IShareTokenErrors.AccountFrozen.selector);
        _assertCan(offering, alice, 1, IShareTokenErrors.AccountFrozen.selector);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, alice));
        _send(alice, bob, 1);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, alice));
        _send(offering, alice, 1);

        vm.prank(op);
        token.setFrozen(alice, false);
        assertFalse(token.isFrozen(alice));
        _send(alice, bob, 1);
        assertEq(token.balanceOf(bob), 1);
    }

    function test_SetFrozen_RevenueStaysAndIsClaimable() public {
        _deposit(1000e6, 1000);
        vm.prank(op);
        token.setFrozen(alice, true);
        skip(1000);
        uint256 expected = uint256(1000e6) * 100e18 / SUPPLY;
        assertApproxEqAbs(token.claimable(alice), expected, 1);
        vm.prank(alice);
        token.claim();
        assertApproxEqAbs(usd.balanceOf(alice), expected, 1);
    }

    function test_RevertWhen_SetFrozen_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, gov, op));
        vm.prank(gov);
        token.setFrozen(alice, true);
    }

    /*//////////////////////////////////////////////////////////////
                                 PAUSE
    //////////////////////////////////////////////////////////////*/

    function test_Pause_ByOperatorStopsTransfers() public {
        vm.expectEmit(address(token));
        emit IShareTokenEvents.PauseSet(op, false, true);
        vm.prank(op);
        token.pause();
        assertTrue(token.paused());
        _assertCan(alice, bob, 1, IShareTokenErrors.TokenPaused.selector);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        _send(alice, bob, 1);
        vm.prank(alice);
        token.approve(bob, 1);
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(bob);
        token.transferFrom(alice, bob, 1);
    }

    /// M-3: each party lifts only its own pause; with both lifted transfers resume.
    function test_Pause_ByGovernanceAndUnpause() public {
        vm.prank(gov);
        token.governancePause();
        assertTrue(token.paused());
        assertTrue(token.pausedByGovernance());
        assertFalse(token.pausedByOperator());
        vm.expectEmit(address(token));
        emit IShareTokenEvents.PauseSet(gov, true, false);
        vm.prank(gov);
        token.governanceUnpause();
        assertFalse(token.paused());
        _send(alice, bob, 1);
        vm.prank(op);
        token.pause();
        assertTrue(token.pausedByOperator());
        assertFalse(token.pausedByGovernance());
        vm.expectEmit(address(token));
        emit IShareTokenEvents.PauseSet(op, false, false);
        vm.prank(op);
        token.unpause();
        assertFalse(token.paused());
        _send(alice, bob, 1);
        assertEq(token.balanceOf(bob), 2);
    }

    /// M-3: `pause` is the operator's alone; governance uses `governancePause`.
    function test_RevertWhen_Pause_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, alice, op));
        vm.prank(alice);
        token.pause();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, gov, op));
        vm.prank(gov);
        token.pause();
    }

    /// M-3: `unpause` is the operator's alone.
    function test_RevertWhen_Unpause_NotOperator() public {
        vm.prank(op);
        token.pause();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, alice, op));
        vm.prank(alice);
        token.unpause();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, gov, op));
        vm.prank(gov);
        token.unpause();
        assertTrue(token.pausedByOperator());
    }

    /*//////////////////////////////////////////////////////////////
                            FORCED TRANSFER
    //////////////////////////////////////////////////////////////*/

    function test_ForcedTransfer_KeepsAccruedWithSender() public {
        _deposit(1000e6, 1000);
        skip(500);
        uint256 accrued = token.claimable(alice);
        assertGt(accrued, 0);
        vm.prank(op);
        token.setFrozen(alice, true);
        vm.prank(op);
        token.pause();
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, bob, 100e18);
        vm.expectEmit(address(token));
        emit IShareTokenEvents.ForcedTransfer(op, alice, bob, 100e18);
        vm.prank(op);
        token.forcedTransfer(alice, bob, 100e18);
        assertEq(token.balanceOf(alice), 0);
        assertEq(token.balanceOf(bob), 100e18);
        skip(500);
        assertEq(token.claimable(alice), accrued);
        assertApproxEqAbs(token.claimable(bob), accrued, 1);
    }

    function test_RevertWhen_ForcedTransfer_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, gov, op));
        vm.prank(gov);
        token.forcedTransfer(alice, bob, 1);
    }

    function test_RevertWhen_ForcedTransfer_RecipientFrozen() public {
        vm.startPrank(op);
        token.setFrozen(bob, true);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, bob));
        token.forcedTransfer(alice, bob, 1);
        vm.stopPrank();
    }

    function test_RevertWhen_ForcedTransfer_RecipientNotVerified() public {
        vm.startPrank(op);
        token.setAllowlistEnabled(true);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, bob));
        token.forcedTransfer(alice, bob, 1);
        vm.stopPrank();
    }

    function test_RevertWhen_ForcedTransfer_InsufficientBalance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 100e18, 100e18 + 1)
        );
        vm.prank(op);
        token.forcedTransfer(alice, bob, 100e18 + 1);
    }

    function test_RevertWhen_ForcedTransfer_ZeroAddresses() public {
        vm.startPrank(op);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSender.selector, address(0)));
        token.forcedTransfer(address(0), bob, 0);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.forcedTransfer(alice, address(0), 0);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                            WALLET RECOVERY
    //////////////////////////////////////////////////////////////*/

    function test_RecoverWallet_MovesSharesAndRevenue() public {
        _deposit(1000e6, 1000);
        skip(500);
        uint256 accrued = token.claimable(alice);
        vm.prank(op);
        token.setFrozen(alice, true);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, carol, 100e18);
        vm.expectEmit(address(token));
        emit IShareTokenEvents.WalletRecovered(op, alice, carol, 100e18, accrued);
        vm.prank(op);
        token.recoverWallet(alice, carol);
        assertEq(token.balanceOf(alice), 0);
        assertEq(token.claimable(alice), 0);
        assertEq(token.balanceOf(carol), 100e18);
        assertEq(token.claimable(carol), accrued);
        skip(500);
        assertApproxEqAbs(token.claimable(carol), 2 * accrued, 1);
    }

    function test_RecoverWallet_RevenueOnly() public {
        _deposit(1000e6, 1000);
        skip(500);
        _send(alice, bob, 100e18);
        uint256 accrued = token.claimable(alice);
        vm.prank(op);
        token.recoverWallet(alice, carol);
        assertEq(token.claimable(carol), accrued);
    }

    function test_RevertWhen_RecoverWallet_NothingToRecover() public {
        vm.startPrank(op);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NothingToRecover.selector, bob));
        token.recoverWallet(bob, carol);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NothingToRecover.selector, alice));
        token.recoverWallet(alice, alice);
        vm.stopPrank();
    }

    function test_RevertWhen_RecoverWallet_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, alice, op));
        vm.prank(alice);
        token.recoverWallet(alice, carol);
    }

    /*//////////////////////////////////////////////////////////////
                              CAN TRANSFER
    //////////////////////////////////////////////////////////////*/

    function test_CanTransfer_Reasons() public {
        _assertCan(alice, bob, 100e18, bytes4(0));
        _assertCan(alice, bob, 100e18 + 1, IERC20Errors.ERC20InsufficientBalance.selector);
        _assertCan(address(0), bob, 0, IERC20Errors.ERC20InvalidSender.selector);
        _assertCan(alice, address(0), 1, IERC20Errors.ERC20InvalidReceiver.selector);
        vm.startPrank(op);
        token.setAllowlistEnabled(true);
        token.setVerified(bob, block.timestamp);
        vm.stopPrank();
        _assertCan(alice, bob, 1, bytes4(0));
        _assertCan(alice, carol, 1, IShareTokenErrors.RecipientNotVerified.selector);
    }

    function test_Operator_FollowsRegistry() public {
        reg.setOperator(CLUSTER_ID, carol);
        assertEq(token.operator(), carol);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, op, carol));
        vm.prank(op);
        token.setAllowlistEnabled(true);
        vm.prank(carol);
        token.setAllowlistEnabled(true);
        assertTrue(token.allowlistEnabled());
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @notice M-4 and I-5 (token side): the initial holder (the Offering's escrow) is protected from the operator's
/// controls and can never receive shares, nor can the token itself; `checkTransfer`/`canTransfer` report exactly
/// what a transfer would do.
contract ShareTokenProtectedTest is ShareTokenFixture {
    function setUp() public override {
        super.setUp();
        _send(offering, alice, 100e18);
    }

    /*//////////////////////////////////////////////////////////////
                           PROTECTED ACCOUNT
    //////////////////////////////////////////////////////////////*/

    function test_Initialize_InitialHolderIsProtected() public view {
        assertTrue(token.isProtected(offering));
        assertFalse(token.isProtected(alice));
        assertFalse(token.isProtected(op));
        assertFalse(token.isFrozen(offering));
    }

    function test_RevertWhen_Initialize_InitialHolderIsTheToken() public {
        ShareToken t = ShareToken(Clones.clone(address(impl)));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(t)));
        t.initialize(IClusterRegistry(address(reg)), CLUSTER_ID, usd, "N", "S", 1, address(t));
    }

    /// M-4: the operator cannot freeze the escrow (it would hold every buyer's shares hostage), nor touch its flag.
    function test_RevertWhen_SetFrozen_ProtectedAccount() public {
        vm.startPrank(op);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, offering));
        token.setFrozen(offering, true);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, offering));
        token.setFrozen(offering, false);
        vm.stopPrank();
        assertFalse(token.isFrozen(offering));
        assertTrue(token.isProtected(offering));
    }

    /// M-4: a forced transfer out of the escrow reverts, whatever the amount, paused or not.
    function test_RevertWhen_ForcedTransfer_FromProtectedAccount() public {
        vm.startPrank(op);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, offering));
        token.forcedTransfer(offering, op, SUPPLY - 100e18);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, offering));
        token.forcedTransfer(offering, bob, 0);
        token.pause();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, offering));
        token.forcedTransfer(offering, bob, 1);
        vm.stopPrank();
        assertEq(token.balanceOf(offering), SUPPLY - 100e18);
    }

    /// M-4: a wallet recovery of the escrow reverts: its shares and accrued revenue stay where the buyers expect them.
    function test_RevertWhen_RecoverWallet_ProtectedAccount() public {
        _deposit(1000e6, 1000);
        skip(500);
        uint256 accrued = token.claimable(offering);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, offering));
        vm.prank(op);
        token.recoverWallet(offering, op);
        assertEq(token.balanceOf(offering), SUPPLY - 100e18);
        assertEq(token.claimable(offering), accrued);
        assertEq(token.balanceOf(op), 0);
    }

    /// M-4: nothing can be sent to the escrow: transfer, transferFrom, forced transfer and recovery all revert with
    /// `ERC20InvalidReceiver(offering)` (shares sent there after settlement would be stuck, I-5).
    function test_RevertWhen_AnyMoveToProtectedAccount() public {
        bytes memory err = abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, offering);
        vm.expectRevert(err);
        _send(alice, offering, 1);
        vm.prank(alice);
        token.approve(bob, 1);
        vm.expectRevert(err);
        vm.prank(bob);
        token.transferFrom(alice, offering, 1);
        vm.startPrank(op);
        vm.expectRevert(err);
        token.forcedTransfer(alice, offering, 1);
        vm.expectRevert(err);
        token.recoverWallet(alice, offering);
        vm.stopPrank();
        // Not even the escrow to itself.
        vm.expectRevert(err);
        _send(offering, offering, 1);
        assertEq(token.balanceOf(alice), 100e18);
    }

    /// The protected account keeps the ordinary rights of a holder: it sends (the Offering delivers shares) and claims.
    function test_ProtectedAccount_SendsAndClaims() public {
        _deposit(1000e6, 1000);
        skip(1000);
        _send(offering, bob, 1e18);
        assertEq(token.balanceOf(bob), 1e18);
        uint256 expected = token.claimable(offering);
        assertEq(expected, _earned(SUPPLY - 100e18, _accRate(1000e6, 1000, SUPPLY) * 1000, SUPPLY));
        vm.prank(offering);
        assertEq(token.claim(), expected);
        assertTrue(token.isProtected(offering));
    }

    /*//////////////////////////////////////////////////////////////
                     I-5: HOLDERS THAT CANNOT CLAIM
    //////////////////////////////////////////////////////////////*/

    /// I-5: shares sent to the token itself would earn revenue nobody can ever claim, so every path refuses them.
    /// Revenue of holders that can never claim (AMM pairs, contracts without claim logic) stays locked in the token
    /// for good: the protocol cannot tell such contracts apart, so it prevents only the two cases it can (the token
    /// itself, and the Offering after settlement, see test_RevertWhen_AnyMoveToProtectedAccount); the operator's
    /// `recoverWallet` is the only way out for an unprotected holder, and it moves the shares too.
    function test_RevertWhen_AnyMoveToTokenItself() public {
        bytes memory err = abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(token));
        vm.expectRevert(err);
        _send(alice, address(token), 1);
        vm.startPrank(op);
        vm.expectRevert(err);
        token.forcedTransfer(alice, address(token), 1);
        vm.expectRevert(err);
        token.recoverWallet(alice, address(token));
        vm.stopPrank();
        vm.expectRevert(err);
        token.checkTransfer(alice, address(token), 1);
        assertEq(token.balanceOf(address(token)), 0);
    }

    /// I-5: a holder without claim logic (here the stablecoin contract itself, which can never call `claim`) keeps
    /// accruing; its revenue stays in the token, claimable forever and counted as held, never swept to anyone else.
    function test_RevenueOfHolderThatCannotClaim_StaysLocked() public {
        address stuck = address(usd);
        _send(alice, stuck, 100e18);
        _deposit(1000e6, 1000);
        skip(2000);
        uint256 locked = token.claimable(stuck);
        assertEq(locked, _earned(100e18, _accRate(1000e6, 1000, SUPPLY) * 1000, SUPPLY));
        vm.prank(offering);
        token.claim();
        vm.prank(alice);
        assertEq(token.claim(), 0);
        assertGe(usd.balanceOf(address(token)), locked);
        skip(365 days);
        assertEq(token.claimable(stuck), locked);
    }

    /*//////////////////////////////////////////////////////////////
                    CHECK TRANSFER (same error, same args)
    //////////////////////////////////////////////////////////////*/

    /// @dev Asserts that checkTransfer and the transfer itself revert with `err`, and canTransfer names its selector.
    function _assertRefused(address from, address to, uint256 amount, bytes memory err) internal {
        vm.expectRevert(err);
        token.checkTransfer(from, to, amount);
        (bool ok, bytes4 reason) = token.canTransfer(from, to, amount);
        assertFalse(ok);
        assertEq(reason, bytes4(err));
        vm.expectRevert(err);
        vm.prank(from);
        token.transfer(to, amount);
    }

    function test_CheckTransfer_EachReasonWithItsArguments() public {
        token.checkTransfer(alice, bob, 100e18); // would succeed: returns
        _assertRefused(address(0), bob, 0, abi.encodeWithSelector(IERC20Errors.ERC20InvalidSender.selector, address(0)));
        _assertRefused(
            alice, address(0), 1, abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0))
        );
        _assertRefused(alice, offering, 1, abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, offering));
        _assertRefused(
            alice,
            bob,
            100e18 + 1,
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 100e18, 100e18 + 1)
        );
        vm.startPrank(op);
        token.setFrozen(carol, true);
        token.setAllowlistEnabled(true);
        token.setVerified(bob, block.timestamp);
        vm.stopPrank();
        _assertRefused(alice, carol, 1, abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, carol));
        _assertRefused(carol, bob, 0, abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, carol));
        _assertRefused(
            alice,
            makeAddr("dave"),
            1,
            abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, makeAddr("dave"))
        );
        uint256 until = block.timestamp;
        skip(1);
        _assertRefused(
            alice, bob, 1, abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, bob, until)
        );
        vm.prank(op);
        token.pause();
        _assertRefused(alice, bob, 1, abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
    }
}

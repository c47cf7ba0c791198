// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice Settlement exemption (attacker round, "the operator's self-freeze blocks finalize"): a transfer FROM the
/// protected account (the Offering's escrow) TO the cluster's current operator skips the recipient's freeze and
/// allowlist checks, never the pauses. Every other transfer keeps every rule. `checkTransfer`/`canTransfer` mirror it.
contract ShareTokenSettlementTest is ShareTokenFixture {
    function setUp() public override {
        super.setUp();
        _send(offering, alice, 100e18);
    }

    /// @dev Expects the view, the selector and the transfer from `from` to `to` to succeed; checks the balances.
    function _assertSettles(address from, address to, uint256 amount) internal {
        token.checkTransfer(from, to, amount);
        (bool ok, bytes4 reason) = token.canTransfer(from, to, amount);
        assertTrue(ok);
        assertEq(reason, bytes4(0));
        uint256 fromBefore = token.balanceOf(from);
        uint256 toBefore = token.balanceOf(to);
        _send(from, to, amount);
        assertEq(token.balanceOf(from), fromBefore - amount);
        assertEq(token.balanceOf(to), toBefore + amount);
    }

    /// @dev Expects the view and the transfer to revert with `err`, and `canTransfer` to name its selector.
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

    function _frozen(address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, who);
    }

    /*//////////////////////////////////////////////////////////////
                      THE ESCROW SETTLES WITH THE OPERATOR
    //////////////////////////////////////////////////////////////*/

    /// Attacker ::test_Attack_OperatorSelfFreezeBlocksFinalize: the operator freezes itself; the escrow still hands
    /// it the unsold shares, and the operator stays frozen for everything else (it cannot send them on).
    function test_Transfer_ProtectedToFrozenOperator() public {
        vm.prank(op);
        token.setFrozen(op, true);
        _assertSettles(offering, op, 400e18);
        assertTrue(token.isFrozen(op));
        _assertRefused(op, alice, 1, _frozen(op));
    }

    /// Attacker ::test_Attack_OperatorSelfFreezeBlocksFinalize (allowlist variant): with the allowlist on, an
    /// operator that was never verified, or whose verification expired, still receives from the escrow.
    function test_Transfer_ProtectedToUnverifiedOperator() public {
        vm.prank(op);
        token.setAllowlistEnabled(true);
        _assertSettles(offering, op, 1e18);
        vm.prank(op);
        token.setVerified(op, block.timestamp);
        skip(1);
        assertFalse(token.isVerified(op));
        _assertSettles(offering, op, 2e18);
        assertEq(token.balanceOf(op), 3e18);
    }

    /// Frozen and unverified at once, through transferFrom (a spender of the escrow): the exemption is the sender's
    /// protection, not the caller's.
    function test_TransferFrom_ProtectedToFrozenUnverifiedOperator() public {
        vm.startPrank(op);
        token.setFrozen(op, true);
        token.setAllowlistEnabled(true);
        vm.stopPrank();
        vm.prank(offering);
        token.approve(bob, 5e18);
        vm.prank(bob);
        token.transferFrom(offering, op, 5e18);
        assertEq(token.balanceOf(op), 5e18);
        assertEq(token.allowance(offering, bob), 0);
    }

    /// The shares the operator receives earn from the second they arrive, as any holder's.
    function test_Transfer_ProtectedToFrozenOperator_EarnsFromArrival() public {
        _deposit(1000e6, 1000);
        skip(100);
        vm.prank(op);
        token.setFrozen(op, true);
        _send(offering, op, SUPPLY / 2);
        skip(300);
        assertEq(token.claimable(op), _earned(SUPPLY / 2, _accRate(1000e6, 1000, SUPPLY) * 300, SUPPLY));
    }

    /*//////////////////////////////////////////////////////////////
                          WHAT IT DOES NOT SKIP
    //////////////////////////////////////////////////////////////*/

    /// Neither pause is skipped: the escrow cannot settle with the operator while either is on.
    function test_RevertWhen_ProtectedToOperator_EitherPause() public {
        vm.prank(op);
        token.setFrozen(op, true);
        vm.prank(op);
        token.pause();
        _assertRefused(offering, op, 1, abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
        vm.prank(op);
        token.unpause();
        vm.prank(guardian);
        token.governancePause();
        _assertRefused(offering, op, 1, abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
        vm.prank(gov);
        token.governanceUnpause();
        _assertSettles(offering, op, 1);
    }

    /// From the escrow to anyone else, the recipient's freeze and the allowlist still apply, exactly.
    function test_RevertWhen_ProtectedToOthers_RulesApply() public {
        vm.startPrank(op);
        token.setFrozen(alice, true);
        token.setFrozen(op, true);
        token.setAllowlistEnabled(true);
        token.setVerified(carol, block.timestamp);
        vm.stopPrank();
        _assertRefused(offering, alice, 1, _frozen(alice));
        _assertRefused(offering, bob, 1, abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, bob));
        uint256 until = block.timestamp;
        skip(1);
        _assertRefused(
            offering,
            carol,
            1,
            abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, carol, until)
        );
        _assertSettles(offering, op, 1);
    }

    /// To the operator from anyone but the escrow, the operator's freeze and verification apply as to any holder.
    function test_RevertWhen_OthersToOperator_RulesApply() public {
        vm.prank(op);
        token.setFrozen(op, true);
        _assertRefused(alice, op, 1, _frozen(op));
        vm.startPrank(op);
        token.setFrozen(op, false);
        token.setAllowlistEnabled(true);
        vm.stopPrank();
        _assertRefused(alice, op, 1, abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, op));
        // The operator's forced transfer and recovery are no escrow: they cannot deliver to a frozen operator either.
        vm.startPrank(op);
        token.setAllowlistEnabled(false);
        token.setFrozen(op, true);
        vm.expectRevert(_frozen(op));
        token.forcedTransfer(alice, op, 1);
        vm.expectRevert(_frozen(op));
        token.recoverWallet(alice, op);
        vm.stopPrank();
        assertEq(token.balanceOf(op), 0);
    }

    /// The escrow can still never receive, not even from the operator, and the exemption does not open the token
    /// itself as a recipient.
    function test_RevertWhen_OperatorToProtected() public {
        _send(offering, op, 10e18);
        _assertRefused(op, offering, 1, abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, offering));
        _assertRefused(
            offering,
            address(token),
            1,
            abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(token))
        );
    }

    /// The exemption follows the registry's CURRENT operator: once the cluster changes hands, the former operator
    /// (still frozen) is an ordinary recipient and the new one (frozen, unverified) is the exempt one.
    function test_SettlementExemption_FollowsCurrentOperator() public {
        vm.prank(op);
        token.setFrozen(op, true);
        reg.setOperator(CLUSTER_ID, carol);
        vm.startPrank(carol);
        token.setFrozen(carol, true);
        token.setAllowlistEnabled(true);
        vm.stopPrank();
        _assertRefused(offering, op, 1, _frozen(op));
        _assertSettles(offering, carol, 7e18);
        vm.prank(carol);
        token.setFrozen(op, false);
        _assertRefused(offering, op, 1, abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, op));
    }
}

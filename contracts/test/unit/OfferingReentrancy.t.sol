// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {ReentrantStablecoin} from "../utils/ReentrantStablecoin.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title OfferingReentrancyTest
/// @notice An ERC-777-style stablecoin that calls back into the Offering from inside each of its transfers (catalogue
/// gap "ERC-777 reentrancy"): every entry point that moves money is `nonReentrant`, so the callback reverts the whole
/// call, and the same call without the callback then pays exactly once. The guard is checked before anything else, so
/// who the callback comes from does not matter.
contract OfferingReentrancyTest is OfferingFixture {
    ReentrantStablecoin internal coin;
    address internal vault = makeAddr("vault");

    function setUp() public override {
        super.setUp();
        coin = new ReentrantStablecoin();
        (token, offering) = _tokenizeWithCoin(coin);
        vm.warp(START);
    }

    function test_RevertWhen_ReenteredFromBuy() public {
        coin.mint(alice, 1000 * USD);
        vm.prank(alice);
        coin.approve(address(offering), type(uint256).max);

        _arm(abi.encodeCall(IOffering.buy, (SHARE, type(uint256).max)));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(alice);
        offering.buy(SHARE, type(uint256).max);
        assertEq(offering.sold(), 0);
        assertEq(coin.balanceOf(alice), 1000 * USD);
    }

    /// Re-entering `finalize()` from the proceeds transfer cannot pay the operator twice.
    function test_RevertWhen_ReenteredIntoFinalize() public {
        uint256 paid = _buyWithCoin(coin, alice, SOFT_CAP);
        vm.warp(END);

        _arm(abi.encodeCall(IOffering.finalize, ()));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        offering.finalize();
        assertEq(coin.balanceOf(operator), 0);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded));

        _disarm();
        offering.finalize();
        assertEq(coin.balanceOf(operator), paid, "the proceeds, once");
        assertEq(coin.balanceOf(address(offering)), 0);
        vm.expectRevert(IOffering.AlreadyFinalized.selector);
        offering.finalize();
    }

    /// Re-entering `refund()` from the refund transfer cannot refund twice.
    function test_RevertWhen_ReenteredIntoRefund() public {
        uint256 alicePaid = _buyWithCoin(coin, alice, 10 * SHARE);
        uint256 bobPaid = _buyWithCoin(coin, bob, 20 * SHARE);
        vm.warp(END);

        _arm(abi.encodeCall(IOffering.refund, ()));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(alice);
        offering.refund();
        assertEq(coin.balanceOf(alice), 0);
        (, uint256 stillOwed) = offering.purchasedOf(alice);
        assertEq(stillOwed, alicePaid);

        _disarm();
        vm.prank(alice);
        assertEq(offering.refund(), alicePaid);
        assertEq(coin.balanceOf(alice), alicePaid, "exactly what was paid, once");
        assertEq(coin.balanceOf(address(offering)), bobPaid, "bob's refund is intact");
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToRefund.selector, alice));
        vm.prank(alice);
        offering.refund();
    }

    /// Re-entering `withdrawShares()` from the escrow's revenue claim cannot pay shares or revenue twice.
    function test_RevertWhen_ReenteredIntoWithdrawShares() public {
        uint256 revenue = _settleWithEscrowRevenue();
        _expectReentrancyRevert(
            abi.encodeCall(IOffering.withdrawShares, ()), abi.encodeCall(IOffering.withdrawShares, ())
        );

        vm.prank(alice);
        (uint256 shares, uint256 paid) = offering.withdrawShares();
        _assertPaidOnce(alice, shares, paid, revenue);
    }

    /// Re-entering `withdrawSharesTo()` cannot pay twice either.
    function test_RevertWhen_ReenteredIntoWithdrawSharesTo() public {
        uint256 revenue = _settleWithEscrowRevenue();
        bytes memory call = abi.encodeCall(IOffering.withdrawSharesTo, (vault));
        _expectReentrancyRevert(call, call);

        vm.prank(alice);
        (uint256 shares, uint256 paid) = offering.withdrawSharesTo(vault);
        _assertPaidOnce(vault, shares, paid, revenue);
    }

    /// Re-entering `claimEscrowRevenue()` from its own revenue collection cannot pay twice.
    function test_RevertWhen_ReenteredIntoClaimEscrowRevenue() public {
        uint256 revenue = _settleWithEscrowRevenue();
        bytes memory call = abi.encodeCall(IOffering.claimEscrowRevenue, (alice));
        _expectReentrancyRevert(call, call);

        vm.prank(alice);
        assertEq(offering.claimEscrowRevenue(alice), revenue);
        assertEq(coin.balanceOf(alice), revenue, "once");
        assertEq(offering.escrowRevenueOf(alice), 0);
        assertEq(coin.balanceOf(address(offering)), 0);
    }

    /// Cross-function: a withdrawal re-entering the escrow revenue claim cannot collect the revenue twice.
    function test_RevertWhen_WithdrawSharesReentersClaimEscrowRevenue() public {
        uint256 revenue = _settleWithEscrowRevenue();
        _expectReentrancyRevert(
            abi.encodeCall(IOffering.withdrawShares, ()), abi.encodeCall(IOffering.claimEscrowRevenue, (alice))
        );

        vm.prank(alice);
        (uint256 shares, uint256 paid) = offering.withdrawShares();
        _assertPaidOnce(alice, shares, paid, revenue);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _arm(bytes memory data) internal {
        coin.arm(address(offering), data);
    }

    function _disarm() internal {
        coin.arm(address(0), "");
    }

    /// @dev alice calls `outer` while the coin re-enters with `inner`: the guard reverts the whole call and nothing
    /// moved. Leaves the coin disarmed.
    function _expectReentrancyRevert(bytes memory outer, bytes memory inner) internal {
        uint256 escrowedShares = token.balanceOf(address(offering));
        uint256 escrowRevenue = offering.escrowRevenueOf(alice);
        _arm(inner);
        vm.prank(alice);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory err) = address(offering).call(outer);
        assertFalse(ok);
        assertEq(err, abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        assertEq(token.balanceOf(address(offering)), escrowedShares, "no share left the escrow");
        assertEq(offering.escrowRevenueOf(alice), escrowRevenue, "no revenue was paid");
        assertEq(coin.balanceOf(alice), 0);
        assertEq(coin.balanceOf(vault), 0);
        _disarm();
    }

    function _assertPaidOnce(address recipient, uint256 shares, uint256 paid, uint256 revenue) internal view {
        assertEq(shares, SUPPLY);
        assertEq(paid, revenue);
        assertEq(token.balanceOf(recipient), SUPPLY, "the shares, once");
        assertEq(coin.balanceOf(recipient), revenue, "the revenue, once");
        assertEq(token.balanceOf(address(offering)), 0);
        assertEq(coin.balanceOf(address(offering)), 0);
    }

    /// @dev alice buys the whole supply; after settlement 1,000 of revenue streams for a day of its 10: the escrow
    /// holds every share, so alice is owed exactly what the Offering can claim.
    function _settleWithEscrowRevenue() internal returns (uint256 revenue) {
        _buyWithCoin(coin, alice, SUPPLY);
        offering.finalize();
        _depositRevenueWithCoin(coin, 1000 * USD, 10 days);
        skip(1 days);
        revenue = token.claimable(address(offering));
        assertEq(offering.escrowRevenueOf(alice), revenue);
        assertApproxEqAbs(revenue, 100 * USD, 1, "a tenth of the deposit");
        // The 50,000 of proceeds went to the operator at finalize.
        assertEq(coin.balanceOf(address(offering)), 0);
        assertEq(coin.balanceOf(alice), 0);
    }
}

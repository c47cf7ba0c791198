// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title OfferingEscrowTest
/// @notice The escrow is out of the operator's reach (M-4), revenue deposited before settlement cannot be clawed back
/// (M-1 with the real Offering), and escrow revenue is paid once, on the shares really held: `claimEscrowRevenue`,
/// `withdrawShares` and `withdrawSharesTo`.
contract OfferingEscrowTest is OfferingFixture {
    /// @dev Fixed-point scale of the Offering's revenue-per-escrowed-share accumulator.
    uint256 internal constant REVENUE_SCALE = 1e36;

    address internal vault = makeAddr("vault");

    /// @dev Test-side model of the Offering's accumulator: revenue per escrowed share since settlement, and each buyer's
    /// mark (see _collect / _owed).
    uint256 internal modelPerShare;
    mapping(address buyer => uint256) internal modelMark;

    function setUp() public override {
        super.setUp();
        _tokenize();
    }

    /*//////////////////////////////////////////////////////////////
                        M-4: THE OPERATOR CANNOT REACH IT
    //////////////////////////////////////////////////////////////*/

    /// M-4: during the sale the operator can neither recover nor force-transfer nor freeze the Offering, so every
    /// share paid for is still there at settlement.
    function test_RevertWhen_OperatorTakesEscrowDuringSale() public {
        vm.warp(START);
        _buy(alice, 300 * SHARE);
        assertTrue(token.isProtected(address(offering)));
        _expectEscrowUntouchable(SUPPLY);

        // The sale goes on and sells out; both buyers get every share they paid for.
        _buy(bob, 700 * SHARE);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 50_000 * USD);
        _withdrawAndCheck(alice, 300 * SHARE);
        _withdrawAndCheck(bob, 700 * SHARE);
        assertEq(token.balanceOf(address(offering)), 0);
    }

    /// M-4: after settlement the escrowed shares are just as unreachable, and every buyer withdraws all of theirs.
    function test_RevertWhen_OperatorTakesEscrowAfterSettlement() public {
        _sellAndFinalize(300 * SHARE, 200 * SHARE);
        assertEq(token.balanceOf(address(offering)), 500 * SHARE);
        _expectEscrowUntouchable(500 * SHARE);
        _withdrawAndCheck(alice, 300 * SHARE);
        _expectEscrowUntouchable(200 * SHARE);
        _withdrawAndCheck(bob, 200 * SHARE);
        assertEq(token.balanceOf(address(offering)), 0);
    }

    /// M-4: nothing can be pushed into the escrow either (it would be paid out to nobody and skew the per-share
    /// revenue): transfers, forced transfers and recoveries to the Offering are refused.
    function test_RevertWhen_SharesSentIntoEscrow() public {
        _sellAndFinalize(SOFT_CAP, 0);
        bytes memory err = abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(offering));
        vm.expectRevert(err);
        vm.prank(operator);
        token.transfer(address(offering), SHARE);
        vm.expectRevert(err);
        vm.prank(operator);
        token.forcedTransfer(operator, address(offering), SHARE);
        vm.expectRevert(err);
        vm.prank(operator);
        token.recoverWallet(operator, address(offering));
        assertEq(token.balanceOf(address(offering)), SOFT_CAP);
        assertEq(token.balanceOf(operator), SUPPLY - SOFT_CAP);
    }

    /// M-4: escrow revenue is paid on the shares the Offering really holds, before and after a first withdrawal; the
    /// buyers together get all of it but rounding dust, split pro rata.
    function test_EscrowRevenue_PaidOnRealBalance() public {
        _sellAndFinalize(300 * SHARE, 100 * SHARE);
        _expectEscrowUntouchable(400 * SHARE);
        _depositRevenue(10_000 * USD, 10 days);
        skip(5 days);

        uint256 firstHalf = token.claimable(address(offering));
        _collect(firstHalf);
        uint256 aliceOwed = _owed(alice, 300 * SHARE);
        assertEq(offering.escrowRevenueOf(alice), aliceOwed);
        assertEq(offering.escrowRevenueOf(bob), _owed(bob, 100 * SHARE));
        (, uint256 aliceRevenue) = _withdrawAndCheck(alice, 300 * SHARE);
        assertEq(aliceRevenue, aliceOwed);

        // Now the escrow holds bob's 100 shares only, and earns on those alone.
        skip(5 days);
        _expectEscrowUntouchable(100 * SHARE);
        uint256 secondHalf = token.claimable(address(offering));
        assertApproxEqAbs(secondHalf, 500 * USD, 1, "100 of 1,000 shares for 5 of 10 days");
        _collect(secondHalf);
        uint256 bobOwed = _owed(bob, 100 * SHARE);
        (, uint256 bobRevenue) = _withdrawAndCheck(bob, 100 * SHARE);
        assertEq(bobRevenue, bobOwed);
        assertApproxEqAbs(aliceRevenue, 1500 * USD, 1);
        assertApproxEqAbs(bobRevenue, 1000 * USD, 2, "500 while escrowed with alice's, 500 alone");
        assertLe(aliceRevenue + bobRevenue, firstHalf + secondHalf);
        assertEq(usd.balanceOf(address(offering)), firstHalf + secondHalf - aliceRevenue - bobRevenue);
        assertLe(usd.balanceOf(address(offering)), 1, "dust only");
    }

    /*//////////////////////////////////////////////////////////////
                        M-1: NO CLAW-BACK BEFORE SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// M-1: the operator posts a 30-day stream while the Offering holds the supply and cannot compress its rest into
    /// the pre-settlement window with a dust deposit (which would forward it all to itself at finalize). The sale sold
    /// out at START (its decision), so the buyer of 100 % of the supply earns the whole stream from then on: the day
    /// before finalize is credited to the escrow at finalize (nothing is forwarded), the rest streams to it after.
    function test_RevertWhen_OperatorClawsBackStreamBeforeFinalize() public {
        vm.warp(START);
        _depositRevenue(30_000 * USD, 30 days);
        uint256 streamEnd = START + 30 days;
        _buy(alice, SUPPLY);
        vm.warp(START + 1 days);

        // Compress: 1 base unit over 1 s would end the stream 29 days early.
        vm.startPrank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + 1, streamEnd)
        );
        token.depositRevenue(1, 1);
        // Stretch: 1 base unit over ten years would slow it down.
        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(operator, 1);
        assertEq(minDuration, 29 days);
        assertEq(maxDuration, 29 days, "a dust deposit can only run to the current end");
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, 3650 days, maxDuration));
        token.depositRevenue(1, 3650 days);
        vm.stopPrank();

        uint256 streamedBefore = token.streamedTotal();
        (bool known, uint256 atSellOut) = token.streamedTotalAt(START);
        assertTrue(known);
        assertEq(atSellOut, 0, "nothing had streamed at the sell-out");
        assertEq(token.claimable(address(offering)), streamedBefore, "the Offering held every share");
        assertApproxEqAbs(streamedBefore, 1000 * USD, 1, "one day of thirty");
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, SUPPLY, 50_000 * USD, 0, 0, streamedBefore);
        offering.finalize();
        assertEq(usd.balanceOf(operator), 50_000 * USD, "the proceeds, no revenue");
        assertEq(offering.escrowRevenueOf(alice), streamedBefore, "the day since the sell-out is alice's");

        vm.warp(streamEnd);
        uint256 rest = token.claimable(address(offering));
        assertEq(offering.escrowRevenueOf(alice), streamedBefore + rest);
        (, uint256 revenue) = _withdrawAndCheck(alice, SUPPLY);
        assertEq(revenue, streamedBefore + rest, "the buyer gets the whole stream");
        assertApproxEqAbs(revenue, token.streamedTotal(), 1);
        assertApproxEqAbs(revenue, 30_000 * USD, 2, "thirty days of thirty");
        assertEq(usd.balanceOf(operator), 50_000 * USD, "the operator got nothing more");
        assertLe(usd.balanceOf(address(offering)), 1, "dust only");
    }

    /*//////////////////////////////////////////////////////////////
                   ESCROW REVENUE: CLAIM, THEN WITHDRAW
    //////////////////////////////////////////////////////////////*/

    /// L-1 (separate claim): claiming escrow revenue and withdrawing later pays each part exactly once, the sum is
    /// exactly the buyer's pro-rata part, escrowRevenueOf follows the claims, and another buyer's part is untouched.
    function test_ClaimEscrowRevenueThenWithdraw_PaysEachPartOnce() public {
        _sellAndFinalize(300 * SHARE, 100 * SHARE);
        _depositRevenue(10_000 * USD, 10 days);
        uint256 aliceStart = usd.balanceOf(alice);

        skip(3 days);
        uint256 first = _claimAndCheck(alice, alice);
        assertEq(offering.escrowRevenueOf(alice), 0, "nothing left right after the claim");

        skip(3 days);
        uint256 bobBefore = offering.escrowRevenueOf(bob);
        uint256 second = _claimAndCheck(alice, vault);
        assertEq(offering.escrowRevenueOf(bob), bobBefore, "bob's part is not touched by alice's claims");
        assertEq(usd.balanceOf(vault), second);

        // A claim with nothing new pays 0.
        assertEq(_claimAndCheck(alice, alice), 0);

        skip(4 days);
        uint256 pending = token.claimable(address(offering));
        _collect(pending);
        uint256 third = _owed(alice, 300 * SHARE);
        (, uint256 revenue) = _withdrawAndCheck(alice, 300 * SHARE);
        assertEq(revenue, third, "the withdrawal pays only what was not claimed");
        assertEq(usd.balanceOf(alice), aliceStart + first + third);
        assertApproxEqAbs(first + second + third, 3000 * USD, 3, "3/4 of the escrow's 40 % of 10,000");

        (, uint256 bobRevenue) = _withdrawAndCheck(bob, 100 * SHARE);
        assertEq(bobRevenue, _owed(bob, 100 * SHARE));
        assertLe(usd.balanceOf(address(offering)), 2, "dust only");
    }

    function test_WithdrawSharesTo_DeliversSharesAndRevenueToRecipient() public {
        _sellAndFinalize(SOFT_CAP, 0);
        _depositRevenue(1000 * USD, 1 days);
        skip(1 days);
        uint256 owed = token.claimable(address(offering));
        assertEq(offering.escrowRevenueOf(alice), owed);
        uint256 aliceBefore = usd.balanceOf(alice);

        vm.expectEmit(address(offering));
        emit IOffering.SharesWithdrawn(alice, vault, SOFT_CAP, owed);
        vm.prank(alice);
        (uint256 shares, uint256 revenue) = offering.withdrawSharesTo(vault);
        assertEq(shares, SOFT_CAP);
        assertEq(revenue, owed);
        assertEq(token.balanceOf(vault), SOFT_CAP);
        assertEq(usd.balanceOf(vault), owed);
        assertEq(token.balanceOf(alice), 0);
        assertEq(usd.balanceOf(alice), aliceBefore);
        (uint256 left,) = offering.purchasedOf(alice);
        assertEq(left, 0);
    }

    function test_RevertWhen_WithdrawSharesTo_InvalidRecipient() public {
        _sellAndFinalize(SOFT_CAP, 0);
        vm.expectRevert(IOffering.ZeroAddress.selector);
        vm.prank(alice);
        offering.withdrawSharesTo(address(0));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(offering)));
        vm.prank(alice);
        offering.withdrawSharesTo(address(offering));
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(token)));
        vm.prank(alice);
        offering.withdrawSharesTo(address(token));
        (uint256 left,) = offering.purchasedOf(alice);
        assertEq(left, SOFT_CAP);
    }

    function test_RevertWhen_ClaimEscrowRevenue_Unavailable() public {
        vm.warp(START);
        _buy(alice, SOFT_CAP);
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Open));
        vm.prank(alice);
        offering.claimEscrowRevenue(alice);
        vm.warp(END);
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Succeeded));
        vm.prank(alice);
        offering.claimEscrowRevenue(alice);
        offering.finalize();

        vm.expectRevert(IOffering.ZeroAddress.selector);
        vm.prank(alice);
        offering.claimEscrowRevenue(address(0));
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, carol));
        vm.prank(carol);
        offering.claimEscrowRevenue(carol);
        vm.prank(alice);
        offering.withdrawShares();
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, alice));
        vm.prank(alice);
        offering.claimEscrowRevenue(alice);
    }

    function test_RevertWhen_ClaimEscrowRevenue_FailedSale() public {
        _sellAndEnd(SHARE);
        offering.finalize();
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Failed));
        vm.prank(alice);
        offering.claimEscrowRevenue(alice);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev The operator's three controls all refuse the Offering, and its balance stays `expected`.
    function _expectEscrowUntouchable(uint256 expected) internal {
        bytes memory err = abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, address(offering));
        vm.startPrank(operator);
        vm.expectRevert(err);
        token.recoverWallet(address(offering), operator);
        vm.expectRevert(err);
        token.forcedTransfer(address(offering), operator, expected);
        vm.expectRevert(err);
        token.forcedTransfer(address(offering), operator, 1);
        vm.expectRevert(err);
        token.setFrozen(address(offering), true);
        vm.stopPrank();
        assertFalse(token.isFrozen(address(offering)));
        assertEq(token.balanceOf(address(offering)), expected);
    }

    /// @dev `buyer` withdraws to itself: exactly `expected` shares arrive, the revenue is what escrowRevenueOf said.
    function _withdrawAndCheck(address buyer, uint256 expected) internal returns (uint256 shares, uint256 revenue) {
        uint256 preview = offering.escrowRevenueOf(buyer);
        uint256 usdBefore = usd.balanceOf(buyer);
        uint256 offeringShares = token.balanceOf(address(offering));
        vm.prank(buyer);
        (shares, revenue) = offering.withdrawShares();
        assertEq(shares, expected);
        assertEq(revenue, preview);
        assertEq(token.balanceOf(buyer), expected);
        assertEq(usd.balanceOf(buyer), usdBefore + revenue);
        assertEq(token.balanceOf(address(offering)), offeringShares - expected);
    }

    /// @dev alice (300 escrowed shares of 400) claims to `recipient`; the amount is the model's.
    function _claimAndCheck(address buyer, address recipient) internal returns (uint256 amount) {
        _collect(token.claimable(address(offering)));
        uint256 expected = _owed(buyer, 300 * SHARE);
        assertEq(offering.escrowRevenueOf(buyer), expected);
        vm.expectEmit(address(offering));
        emit IOffering.EscrowRevenueClaimed(buyer, recipient, expected);
        vm.prank(buyer);
        amount = offering.claimEscrowRevenue(recipient);
        assertEq(amount, expected);
        modelMark[buyer] = modelPerShare;
    }

    /// @dev Folds what the escrow earned into the model's accumulator (escrowed shares read from the chain).
    function _collect(uint256 pending) internal {
        modelPerShare += Math.mulDiv(pending, REVENUE_SCALE, token.balanceOf(address(offering)));
    }

    function _owed(address buyer, uint256 shares) internal view returns (uint256) {
        return Math.mulDiv(shares, modelPerShare - modelMark[buyer], REVENUE_SCALE);
    }
}

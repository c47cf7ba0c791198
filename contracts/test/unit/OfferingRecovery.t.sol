// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {BlocklistStablecoin} from "../utils/BlocklistStablecoin.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title OfferingRecoveryTest
/// @notice The exits of a buyer who cannot act (attacker finding "a frozen buyer delivers to another investor"): a
/// frozen buyer moves no shares itself; after a successful sale the operator moves its purchase (shares and unclaimed
/// escrow revenue) to a replacement with `recoverPurchase`; refunds are only ever taken by the buyer (a frozen buyer
/// refunds itself, a stablecoin-blocklisted one elsewhere with `refundTo`), so no recovery can route them to the
/// operator (second attack review: freeze the buyers of a failed sale, recover to an own wallet, refund).
contract OfferingRecoveryTest is OfferingFixture {
    /// @dev Fixed-point scale of the Offering's revenue-per-escrowed-share accumulator.
    uint256 internal constant REVENUE_SCALE = 1e36;

    address internal heir = makeAddr("heir");
    address internal vault = makeAddr("vault");

    function setUp() public override {
        super.setUp();
        _tokenize();
    }

    /*//////////////////////////////////////////////////////////////
                          RECOVER PURCHASE: MOVES
    //////////////////////////////////////////////////////////////*/

    /// After a successful sale: alice claimed part of her escrow revenue, then was frozen. The operator moves her
    /// purchase to heir: the shares, the payment and exactly the revenue alice had not claimed move (her claimed mark
    /// moves too, so nothing is paid twice); bob's purchase is untouched; heir withdraws; alice has nothing left.
    function test_RecoverPurchase_MovesSharesPaidAndUnclaimedRevenue() public {
        vm.warp(START);
        uint256 alicePaid = _buy(alice, 300 * SHARE);
        _buy(bob, 100 * SHARE);
        vm.warp(END);
        offering.finalize();
        _depositRevenue(10_000 * USD, 10 days);
        skip(2 days);
        vm.prank(alice);
        uint256 claimed = offering.claimEscrowRevenue(alice);
        skip(3 days);
        vm.prank(operator);
        token.setFrozen(alice, true);

        uint256 unclaimed = offering.escrowRevenueOf(alice);
        uint256 bobOwed = offering.escrowRevenueOf(bob);
        // 3/4 of the escrow's 40 % of five days of 1,000: 1,500, of which two days were claimed.
        assertApproxEqAbs(claimed, 600 * USD, 1);
        assertApproxEqAbs(unclaimed, 900 * USD, 2);

        vm.expectEmit(address(offering));
        emit IOffering.PurchaseRecovered(operator, alice, heir, 300 * SHARE, alicePaid);
        vm.prank(operator);
        offering.recoverPurchase(alice, heir);

        _assertPurchase(alice, 0, 0);
        _assertPurchase(heir, 300 * SHARE, alicePaid);
        assertEq(offering.escrowRevenueOf(alice), 0);
        assertEq(offering.escrowRevenueOf(heir), unclaimed, "only what alice had not claimed");
        assertEq(offering.escrowRevenueOf(bob), bobOwed, "bob untouched");

        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, alice));
        vm.prank(alice);
        offering.claimEscrowRevenue(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, alice));
        vm.prank(alice);
        offering.withdrawShares();

        vm.prank(heir);
        (uint256 shares, uint256 revenue) = offering.withdrawShares();
        assertEq(shares, 300 * SHARE);
        assertEq(revenue, unclaimed);
        assertEq(token.balanceOf(heir), 300 * SHARE);
        assertEq(usd.balanceOf(heir), unclaimed);
        assertApproxEqAbs(claimed + revenue, 1500 * USD, 2, "alice's part, paid once across both");
    }

    /// Before a successful settlement a purchase is a claim on escrowed money: it cannot be moved, in any phase (open,
    /// sold out, failed, cancelled). The frozen buyer refunds itself when the sale fails; nothing went anywhere else.
    function test_RevertWhen_RecoverPurchase_BeforeSuccessfulSettlement() public {
        vm.warp(START);
        uint256 alicePaid = _buy(alice, 100 * SHARE + 3);
        vm.prank(operator);
        token.setFrozen(alice, true);
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Open));
        vm.prank(operator);
        offering.recoverPurchase(alice, heir);

        vm.warp(END);
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Failed));
        vm.prank(operator);
        offering.recoverPurchase(alice, heir);
        _assertPurchase(heir, 0, 0);
        vm.prank(alice);
        assertEq(offering.refund(), alicePaid, "the frozen buyer takes its money back itself");
        assertEq(usd.balanceOf(address(offering)), 0);
    }

    /// The attack it closes: the operator freezes every buyer of a sale that then fails (or is cancelled), moves each
    /// purchase to a wallet of its own and refunds from there. Every recovery reverts; every buyer refunds itself.
    function test_RevertWhen_OperatorTakesRefundsThroughRecovery() public {
        vm.warp(START);
        uint256 alicePaid = _buy(alice, 100 * SHARE);
        uint256 bobPaid = _buy(bob, 200 * SHARE);
        address accomplice = makeAddr("accomplice");
        vm.startPrank(operator);
        token.setFrozen(alice, true);
        token.setFrozen(bob, true);
        vm.stopPrank();
        vm.prank(governance);
        offering.cancel();
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.Cancelled));
        vm.prank(operator);
        offering.recoverPurchase(alice, accomplice);
        vm.prank(alice);
        assertEq(offering.refund(), alicePaid);
        vm.prank(bob);
        assertEq(offering.refundTo(vault), bobPaid);
        assertEq(usd.balanceOf(accomplice), 0);
        assertEq(usd.balanceOf(address(offering)), 0);
    }

    /// Sold out but not yet settled: the purchase cannot move; after finalize it can, and the replacement gets the
    /// buyer's part of the revenue credited at settlement (streamed since the sell-out).
    function test_RecoverPurchase_AfterSettlement_ReplacementGetsCreditedRevenue() public {
        vm.warp(START);
        _depositRevenue(10_000 * USD, 10 days);
        _buy(alice, 250 * SHARE);
        _buy(bob, 750 * SHARE);
        vm.warp(START + 2 days);
        vm.prank(operator);
        token.setFrozen(alice, true);
        vm.expectRevert(abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, IOffering.Phase.SoldOut));
        vm.prank(operator);
        offering.recoverPurchase(alice, heir);

        offering.finalize();
        vm.prank(operator);
        offering.recoverPurchase(alice, heir);
        uint256 escrowed = usd.balanceOf(address(offering));
        assertEq(escrowed, token.streamedTotal(), "sold out at START: everything since is the buyers'");
        uint256 part = Math.mulDiv(250 * SHARE, Math.mulDiv(escrowed, REVENUE_SCALE, SUPPLY), REVENUE_SCALE);
        assertEq(offering.escrowRevenueOf(heir), part);
        assertApproxEqAbs(part, 500 * USD, 1);
        assertEq(offering.escrowRevenueOf(alice), 0);
    }

    /// The token's rules still apply when the replacement withdraws: with the allowlist on, an unverified heir waits
    /// for its verification (and meanwhile claims the escrow revenue).
    function test_RecoverPurchase_ReplacementWithdrawsUnderTokenRules() public {
        vm.startPrank(operator);
        token.setAllowlistEnabled(true);
        token.setVerified(operator, END + 365 days);
        token.setVerified(alice, END + 365 days);
        vm.stopPrank();
        _sellAndFinalize(SOFT_CAP, 0);
        vm.startPrank(operator);
        token.setFrozen(alice, true);
        offering.recoverPurchase(alice, heir);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, heir));
        vm.prank(heir);
        offering.withdrawShares();
        vm.prank(heir);
        assertEq(offering.claimEscrowRevenue(heir), 0);

        vm.prank(operator);
        token.setVerified(heir, END + 365 days);
        vm.prank(heir);
        (uint256 shares,) = offering.withdrawShares();
        assertEq(shares, SOFT_CAP);
        assertEq(token.balanceOf(heir), SOFT_CAP);
    }

    /*//////////////////////////////////////////////////////////////
                         RECOVER PURCHASE: REVERTS
    //////////////////////////////////////////////////////////////*/

    /// Only the cluster's operator: not governance, the guardian, a stranger or the buyer.
    function test_RevertWhen_RecoverPurchase_NotOperator() public {
        _frozenAliceAfterSale();
        address[4] memory callers = [governance, guardian, stranger, alice];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IOffering.NotOperator.selector, callers[i], operator));
            vm.prank(callers[i]);
            offering.recoverPurchase(alice, heir);
        }
        _assertPurchase(alice, SOFT_CAP, 20_000 * USD);
    }

    /// Only a buyer the token freezes: a buyer who can act keeps its purchase out of the operator's reach.
    function test_RevertWhen_RecoverPurchase_BuyerNotFrozen() public {
        _sellAndFinalize(SOFT_CAP, 0);
        vm.expectRevert(abi.encodeWithSelector(IOffering.BuyerNotFrozen.selector, alice));
        vm.prank(operator);
        offering.recoverPurchase(alice, heir);
        // Unfrozen again after a freeze: out of reach again.
        vm.startPrank(operator);
        token.setFrozen(alice, true);
        token.setFrozen(alice, false);
        vm.expectRevert(abi.encodeWithSelector(IOffering.BuyerNotFrozen.selector, alice));
        offering.recoverPurchase(alice, heir);
        vm.stopPrank();
        _assertPurchase(alice, SOFT_CAP, 20_000 * USD);
    }

    /// A frozen address with no purchase (never bought, or already withdrawn) has nothing to move.
    function test_RevertWhen_RecoverPurchase_NothingToMove() public {
        _sellAndFinalize(SOFT_CAP, 100 * SHARE);
        vm.prank(bob);
        offering.withdrawShares();
        vm.startPrank(operator);
        token.setFrozen(carol, true);
        token.setFrozen(bob, true);
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, carol));
        offering.recoverPurchase(carol, heir);
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, bob));
        offering.recoverPurchase(bob, heir);
        vm.stopPrank();
    }

    /// The replacement may not be zero, the lost buyer, the Offering, the token, the operator (which would take a frozen
    /// buyer's refund or shares for itself), nor hold a purchase of its own.
    function test_RevertWhen_RecoverPurchase_InvalidReplacement() public {
        vm.warp(START);
        _buy(alice, SOFT_CAP);
        _buy(bob, SHARE);
        vm.warp(END);
        offering.finalize();
        vm.prank(operator);
        token.setFrozen(alice, true);
        address[6] memory invalid = [address(0), alice, address(offering), address(token), operator, bob];
        for (uint256 i; i < invalid.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IOffering.InvalidReplacement.selector, invalid[i]));
            vm.prank(operator);
            offering.recoverPurchase(alice, invalid[i]);
        }
        _assertPurchase(alice, SOFT_CAP, 20_000 * USD);
        _assertPurchase(bob, SHARE, 50 * USD);
    }

    /// The token's governance pause stops the operator's recoveries (`recoverWallet`, `forcedTransfer`); the purchase
    /// recovery, its Offering-side twin, stops too.
    function test_RevertWhen_RecoverPurchase_GovernancePaused() public {
        vm.warp(START);
        uint256 alicePaid = _buy(alice, SOFT_CAP);
        vm.warp(END);
        offering.finalize();
        vm.prank(operator);
        token.setFrozen(alice, true);
        _governancePause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(operator);
        offering.recoverPurchase(alice, heir);
        _assertPurchase(alice, SOFT_CAP, alicePaid);
    }

    /*//////////////////////////////////////////////////////////////
                                REFUND TO
    //////////////////////////////////////////////////////////////*/

    /// A buyer the stablecoin blocklists (a second setup selling for a USDC-style coin) cannot take its refund to
    /// itself after a failed sale; `refundTo` pays exactly what it paid to another address, once.
    function test_RefundTo_BlocklistedBuyerOfFailedSale() public {
        BlocklistStablecoin coin = new BlocklistStablecoin();
        (token, offering) = _tokenizeWithCoin(coin);
        vm.warp(START);
        uint256 paid = _buyWithCoin(coin, alice, 100 * SHARE + 1);
        vm.warp(END);
        coin.setBlocklisted(alice, true);

        vm.expectRevert(abi.encodeWithSelector(BlocklistStablecoin.Blocklisted.selector, alice));
        vm.prank(alice);
        offering.refund();

        vm.expectEmit(address(offering));
        emit IOffering.Refunded(alice, vault, 100 * SHARE + 1, paid);
        vm.prank(alice);
        assertEq(offering.refundTo(vault), paid);
        assertEq(coin.balanceOf(vault), paid);
        assertEq(coin.balanceOf(address(offering)), 0);
        (uint256 shares, uint256 left) = offering.purchasedOf(alice);
        assertEq(shares, 0);
        assertEq(left, 0);

        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToRefund.selector, alice));
        vm.prank(alice);
        offering.refundTo(vault);
    }

    function test_RevertWhen_RefundTo_ZeroOrUnavailable() public {
        vm.warp(START);
        _buy(alice, SHARE);
        vm.expectRevert(IOffering.ZeroAddress.selector);
        vm.prank(alice);
        offering.refundTo(address(0));
        vm.expectRevert(abi.encodeWithSelector(IOffering.RefundUnavailable.selector, IOffering.Phase.Open));
        vm.prank(alice);
        offering.refundTo(vault);
        vm.warp(END);
        vm.expectRevert(abi.encodeWithSelector(IOffering.NothingToRefund.selector, bob));
        vm.prank(bob);
        offering.refundTo(vault);
        assertEq(usd.balanceOf(vault), 0);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _frozenAliceAfterSale() internal {
        _sellAndFinalize(SOFT_CAP, 0);
        vm.prank(operator);
        token.setFrozen(alice, true);
    }

    function _assertPurchase(address buyer, uint256 shares, uint256 paid) internal view {
        (uint256 s, uint256 p) = offering.purchasedOf(buyer);
        assertEq(s, shares);
        assertEq(p, paid);
    }
}

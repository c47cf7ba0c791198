// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {BlocklistStablecoin} from "../utils/BlocklistStablecoin.sol";
import {FeeOnTransferToken} from "../utils/FeeOnTransferToken.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";

/// @title OfferingComplianceTest
/// @notice Who may buy and how a buyer who cannot receive gets out: the token's rules at the point of sale (L-1), the
/// way out for a buyer frozen, blocklisted or expired after a successful sale (L-1), no self-purchase by the operator
/// (L-2), no fee-on-transfer stablecoin (L-3).
contract OfferingComplianceTest is OfferingFixture {
    address internal vault = makeAddr("vault");

    function setUp() public override {
        super.setUp();
        _tokenize();
    }

    /*//////////////////////////////////////////////////////////////
                      L-1: THE TOKEN'S RULES AT THE SALE
    //////////////////////////////////////////////////////////////*/

    /// L-1: with the allowlist on, an unverified buyer cannot pay (64a4f38 took the money and locked the shares).
    function test_RevertWhen_Buy_BuyerNotVerified() public {
        _allowlistOn();
        vm.warp(START);
        _expectBuyRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, alice));
        _assertNothingBought();

        vm.prank(operator);
        token.setVerified(alice, END);
        _buy(alice, SHARE);
        assertEq(offering.sold(), SHARE);
    }

    /// L-1: a buyer whose verification has expired cannot pay; up to the expiry second it still can.
    function test_RevertWhen_Buy_BuyerVerificationExpired() public {
        _allowlistOn();
        uint256 until = START + 1 hours;
        vm.prank(operator);
        token.setVerified(alice, until);
        vm.warp(until);
        _buy(alice, SHARE);
        vm.warp(until + 1);
        _expectBuyRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, alice, until));
        (uint256 shares,) = offering.purchasedOf(alice);
        assertEq(shares, SHARE);
    }

    /// L-1: a frozen buyer cannot pay (allowlist off).
    function test_RevertWhen_Buy_BuyerFrozen() public {
        vm.prank(operator);
        token.setFrozen(alice, true);
        vm.warp(START);
        _expectBuyRevert(abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, alice));
        _assertNothingBought();
    }

    /// L-1: the same three refusals through buyWithPermit, with the permit left unused.
    function test_RevertWhen_BuyWithPermit_BuyerNotEligible() public {
        _allowlistOn();
        vm.warp(START);
        _expectBuyWithPermitRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, alice));

        uint256 until = START;
        vm.prank(operator);
        token.setVerified(alice, until);
        skip(1);
        _expectBuyWithPermitRevert(
            abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, alice, until)
        );

        vm.startPrank(operator);
        token.setVerified(alice, END);
        token.setFrozen(alice, true);
        vm.stopPrank();
        _expectBuyWithPermitRevert(abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, alice));

        _assertNothingBought();
        assertEq(usd.nonces(alice), 0, "permit not used");
    }

    /// L-1: the refusal is exactly what `checkTransfer` from the Offering says (same error, same arguments).
    function test_Buy_RevertsLikeCheckTransfer() public {
        _allowlistOn();
        vm.warp(START);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, alice));
        token.checkTransfer(address(offering), alice, SHARE);
        (bool ok, bytes4 reason) = token.canTransfer(address(offering), alice, SHARE);
        assertFalse(ok);
        assertEq(reason, IShareTokenErrors.RecipientNotVerified.selector);
        _expectBuyRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, alice));
    }

    /*//////////////////////////////////////////////////////////////
               L-1: A WAY OUT AFTER A SUCCESSFUL SALE
    //////////////////////////////////////////////////////////////*/

    /// L-1 / attacker "a frozen buyer delivers to another investor": a buyer frozen after the sale still claims the
    /// escrow revenue (exact), but moves no share itself: not to itself, and not to any other address, even one the
    /// operator verified (another investor). The operator moves the purchase to a verified replacement
    /// (`recoverPurchase`), which withdraws the shares with the revenue alice had not claimed.
    function test_FrozenBuyer_ClaimsRevenueButMovesNoShares() public {
        _allowlistOn();
        vm.startPrank(operator);
        token.setVerified(alice, END + 365 days);
        token.setVerified(bob, END + 365 days); // an unrelated investor (or an accomplice)
        vm.stopPrank();
        _sellAndFinalize(SOFT_CAP, 0);
        _depositRevenue(1000 * USD, 10 days);
        skip(2 days);
        vm.prank(operator);
        token.setFrozen(alice, true); // e.g. a court order against alice

        uint256 owed = token.claimable(address(offering)); // alice's 400 shares are the whole escrow
        uint256 aliceBefore = usd.balanceOf(alice);
        vm.prank(alice);
        assertEq(offering.claimEscrowRevenue(alice), owed);
        assertEq(usd.balanceOf(alice), aliceBefore + owed);

        bytes memory frozen = abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, alice);
        vm.expectRevert(frozen);
        vm.prank(alice);
        offering.withdrawShares();
        vm.expectRevert(frozen);
        vm.prank(alice);
        offering.withdrawSharesTo(bob);
        vm.expectRevert(frozen);
        vm.prank(alice);
        offering.withdrawSharesTo(vault);
        assertEq(token.balanceOf(bob), 0, "nothing reached the other investor");
        assertEq(token.balanceOf(address(offering)), SOFT_CAP);

        skip(1 days);
        uint256 more = token.claimable(address(offering));
        assertEq(offering.escrowRevenueOf(alice), more);
        vm.startPrank(operator);
        token.setVerified(vault, block.timestamp + 30 days);
        offering.recoverPurchase(alice, vault);
        vm.stopPrank();
        assertEq(offering.escrowRevenueOf(vault), more, "the unclaimed revenue moved with the purchase");
        vm.expectEmit(address(offering));
        emit IOffering.SharesWithdrawn(vault, vault, SOFT_CAP, more);
        vm.prank(vault);
        (uint256 shares, uint256 revenue) = offering.withdrawShares();
        assertEq(shares, SOFT_CAP);
        assertEq(revenue, more);
        assertEq(token.balanceOf(vault), SOFT_CAP);
        assertEq(usd.balanceOf(vault), more);
        assertEq(usd.balanceOf(alice), aliceBefore + owed, "alice kept what she had claimed, nothing more");
        assertEq(token.balanceOf(address(offering)), 0);
    }

    /// L-1: a buyer whose verification expired after the sale withdraws to a verified address of theirs (and still
    /// claims the escrow revenue meanwhile).
    function test_ExpiredBuyer_WithdrawsToVerifiedAddress() public {
        _allowlistOn();
        uint256 until = END + 1 days;
        vm.prank(operator);
        token.setVerified(alice, until);
        _sellAndFinalize(SOFT_CAP, 0);
        _depositRevenue(1000 * USD, 10 days);
        vm.warp(until + 1);

        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, alice, until));
        vm.prank(alice);
        offering.withdrawShares();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, vault));
        vm.prank(alice);
        offering.withdrawSharesTo(vault);

        uint256 owed = token.claimable(address(offering));
        vm.prank(alice);
        assertEq(offering.claimEscrowRevenue(alice), owed);

        vm.prank(operator);
        token.setVerified(vault, until + 365 days);
        vm.prank(alice);
        (uint256 shares, uint256 revenue) = offering.withdrawSharesTo(vault);
        assertEq(shares, SOFT_CAP);
        assertEq(revenue, 0, "claimed in the same second");
        assertEq(token.balanceOf(vault), SOFT_CAP);
    }

    /// L-1: a buyer blocklisted by the stablecoin (a second setup selling for a USDC-style coin) cannot take the
    /// revenue to itself, which at 64a4f38 also locked the shares; it withdraws shares and revenue to another address.
    function test_BlocklistedBuyer_WithdrawsSharesAndRevenueElsewhere() public {
        BlocklistStablecoin coin = new BlocklistStablecoin();
        (token, offering) = _tokenizeWithCoin(coin);
        vm.warp(START);
        _buyWithCoin(coin, alice, SOFT_CAP);
        vm.warp(END);
        offering.finalize();
        assertEq(coin.balanceOf(operator), 20_000 * USD);
        _depositRevenueWithCoin(coin, 1000 * USD, 10 days);
        skip(5 days);
        coin.setBlocklisted(alice, true);

        vm.expectRevert(abi.encodeWithSelector(BlocklistStablecoin.Blocklisted.selector, alice));
        vm.prank(alice);
        offering.withdrawShares();
        vm.expectRevert(abi.encodeWithSelector(BlocklistStablecoin.Blocklisted.selector, alice));
        vm.prank(alice);
        offering.claimEscrowRevenue(alice);

        uint256 owed = token.claimable(address(offering));
        assertEq(offering.escrowRevenueOf(alice), owed);
        vm.prank(alice);
        (uint256 shares, uint256 revenue) = offering.withdrawSharesTo(vault);
        assertEq(shares, SOFT_CAP);
        assertEq(revenue, owed);
        assertEq(token.balanceOf(vault), SOFT_CAP);
        assertEq(coin.balanceOf(vault), owed);
        assertEq(coin.balanceOf(address(offering)), 0);
    }

    /// L-1: the same blocklisted buyer can also just redirect the escrow revenue and keep the shares in escrow.
    function test_BlocklistedBuyer_ClaimsEscrowRevenueElsewhere() public {
        BlocklistStablecoin coin = new BlocklistStablecoin();
        (token, offering) = _tokenizeWithCoin(coin);
        vm.warp(START);
        _buyWithCoin(coin, alice, SOFT_CAP);
        vm.warp(END);
        offering.finalize();
        _depositRevenueWithCoin(coin, 1000 * USD, 10 days);
        skip(10 days);
        coin.setBlocklisted(alice, true);

        uint256 owed = token.claimable(address(offering));
        vm.prank(alice);
        assertEq(offering.claimEscrowRevenue(vault), owed);
        assertEq(coin.balanceOf(vault), owed);
        assertApproxEqAbs(owed, 400 * USD, 1, "40 % of the stream");
        assertEq(token.balanceOf(address(offering)), SOFT_CAP, "the shares stay escrowed");
    }

    /*//////////////////////////////////////////////////////////////
                       L-2: THE OPERATOR CANNOT BUY
    //////////////////////////////////////////////////////////////*/

    /// L-2: the operator cannot fill the soft cap with money that comes back to it.
    function test_RevertWhen_Buy_ByOperator() public {
        vm.warp(START);
        usd.mint(operator, 20_000 * USD);
        _expectBuyRevert(operator, abi.encodeWithSelector(IOffering.OperatorCannotBuy.selector, operator));
        assertEq(offering.sold(), 0);
        vm.warp(END);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Failed));
    }

    /// L-2: the rule follows the registry: whoever is the cluster's operator at the time of purchase.
    function test_RevertWhen_Buy_ByNewOperator() public {
        vm.warp(START);
        _buy(bob, SHARE);
        vm.prank(operator);
        registry.transferOperator(clusterId, bob);
        vm.prank(bob);
        registry.acceptOperator(clusterId);
        _expectBuyRevert(bob, abi.encodeWithSelector(IOffering.OperatorCannotBuy.selector, bob));
        usd.mint(operator, 100 * USD);
        _buy(operator, SHARE);
        assertEq(offering.sold(), 2 * SHARE);
    }

    /*//////////////////////////////////////////////////////////////
                   L-3: NO FEE-ON-TRANSFER STABLECOIN
    //////////////////////////////////////////////////////////////*/

    /// L-3: a 1 % fee-on-transfer coin: the purchase reverts with what was expected and what arrived, nothing is
    /// recorded (64a4f38 recorded 500 for 495 received, and the last refunds became insolvent).
    function test_RevertWhen_Buy_FeeOnTransferStablecoin() public {
        FeeOnTransferToken coin = new FeeOnTransferToken(100);
        (token, offering) = _tokenizeWithCoin(coin);
        vm.warp(START);
        coin.mint(alice, 1000 * USD);
        vm.prank(alice);
        coin.approve(address(offering), type(uint256).max);

        vm.expectRevert(
            abi.encodeWithSelector(IShareTokenErrors.FeeOnTransferNotSupported.selector, 500 * USD, 495 * USD)
        );
        vm.prank(alice);
        offering.buy(10 * SHARE, 500 * USD);
        assertEq(offering.sold(), 0);
        assertEq(offering.raised(), 0);
        (uint256 shares, uint256 paid) = offering.purchasedOf(alice);
        assertEq(shares, 0);
        assertEq(paid, 0);
        assertEq(coin.balanceOf(address(offering)), 0);
        assertEq(coin.balanceOf(alice), 1000 * USD);
    }

    /// L-3: the same coin with its fee switched off (0 %) sells normally.
    function test_Buy_FeeTokenWithZeroFee() public {
        FeeOnTransferToken coin = new FeeOnTransferToken(0);
        (token, offering) = _tokenizeWithCoin(coin);
        vm.warp(START);
        assertEq(_buyWithCoin(coin, alice, 10 * SHARE), 500 * USD);
        assertEq(offering.raised(), 500 * USD);
        assertEq(coin.balanceOf(address(offering)), 500 * USD);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Allowlist on, the operator verified (it receives the unsold shares at finalize).
    function _allowlistOn() internal {
        vm.startPrank(operator);
        token.setAllowlistEnabled(true);
        token.setVerified(operator, END + 365 days);
        vm.stopPrank();
    }

    function _assertNothingBought() internal view {
        assertEq(offering.sold(), 0);
        assertEq(offering.raised(), 0);
        (uint256 shares, uint256 paid) = offering.purchasedOf(alice);
        assertEq(shares, 0);
        assertEq(paid, 0);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD);
    }
}

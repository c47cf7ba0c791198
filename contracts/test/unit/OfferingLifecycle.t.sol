// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";

/// @title OfferingLifecycleTest
/// @notice End to end on the real contracts: register -> attest (EIP-712, vm.sign) -> tokenize -> buy -> finalize ->
/// withdraw -> operator deposits revenue -> holders claim.
contract OfferingLifecycleTest is OfferingFixture {
    function test_Lifecycle_RegisterAttestTokenizeBuyFinalizeWithdrawClaim() public {
        // Registered and attested in setUp with committee signatures.
        assertEq(uint256(registry.statusOf(clusterId)), uint256(IClusterRegistry.ClusterStatus.Attested));

        // Tokenize: the whole supply sits in the offering.
        _tokenize();
        assertEq(address(factory.tokenOf(clusterId)), address(token));
        assertEq(token.balanceOf(address(offering)), SUPPLY);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Pending));

        // Sale: alice buys 600 shares, bob 200 (800 of 1000; soft cap 400).
        vm.warp(START);
        assertEq(_buy(alice, 600 * SHARE), 30_000 * USD);
        vm.warp(START + 2 days);
        assertEq(_buy(bob, 200 * SHARE), 10_000 * USD);

        // Revenue deposited during the sale streams to the offering (it holds every share) and goes to the operator.
        _depositRevenue(1000 * USD, 1 days);

        // The sale ends above the soft cap; anyone settles it.
        vm.warp(END);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Succeeded));
        vm.prank(carol);
        offering.finalize();
        assertApproxEqAbs(usd.balanceOf(operator), 40_000 * USD + 1000 * USD, 1, "proceeds + sale-time revenue");
        assertEq(token.balanceOf(operator), 200 * SHARE, "unsold shares back to the operator");

        // Buyers pull their shares.
        vm.prank(alice);
        offering.withdrawShares();
        vm.prank(bob);
        offering.withdrawShares();
        assertEq(token.balanceOf(alice), 600 * SHARE);
        assertEq(token.balanceOf(bob), 200 * SHARE);
        assertEq(token.balanceOf(address(offering)), 0);

        // The operator streams a month of rental revenue; holders claim pro rata.
        _depositRevenue(30_000 * USD, 30 days);
        vm.warp(block.timestamp + 30 days);
        uint256 aliceBefore = usd.balanceOf(alice);
        vm.prank(alice);
        uint256 aliceClaimed = token.claim();
        vm.prank(bob);
        uint256 bobClaimed = token.claim();
        assertApproxEqAbs(aliceClaimed, 18_000 * USD, 2, "60% of the revenue");
        assertApproxEqAbs(bobClaimed, 6000 * USD, 2, "20% of the revenue");
        assertEq(usd.balanceOf(alice), aliceBefore + aliceClaimed);
        assertApproxEqAbs(token.claimable(operator), 6000 * USD, 2, "the operator's unsold 20%");
    }

    function test_Lifecycle_FailedSaleRefundsEveryone() public {
        _tokenize();
        vm.warp(START);
        _buy(alice, 100 * SHARE);
        _buy(bob, 50 * SHARE);
        vm.warp(END);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Failed));
        offering.finalize();
        vm.prank(alice);
        offering.refund();
        vm.prank(bob);
        offering.refund();
        assertEq(usd.balanceOf(alice), 1_000_000 * USD);
        assertEq(usd.balanceOf(bob), 1_000_000 * USD);
        assertEq(token.balanceOf(operator), SUPPLY);
        assertEq(usd.balanceOf(address(offering)), 0);
        assertEq(token.balanceOf(address(offering)), 0);
    }

    /// L-1: the allowlist gates purchases and deliveries alike. A buyer who bought before it was switched on keeps
    /// earning in escrow and claims that revenue while the withdrawal waits for verification; nobody unverified can
    /// buy once it is on (at 64a4f38 an unverified buyer could pay and stay locked out).
    function test_Lifecycle_AllowlistGatesPurchasesAndWithdrawals() public {
        _tokenize();
        vm.warp(START);
        _buy(alice, SOFT_CAP);
        // The operator turns the allowlist on mid-sale and verifies itself (to take back unsold shares), not alice.
        vm.startPrank(operator);
        token.setAllowlistEnabled(true);
        token.setVerified(operator, END + 365 days);
        vm.stopPrank();
        _expectBuyRevert(bob, abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, bob));

        vm.warp(END);
        offering.finalize();
        _depositRevenue(1000 * USD, 1 days);
        skip(1 days);

        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, alice));
        vm.prank(alice);
        offering.withdrawShares();
        uint256 owed = token.claimable(address(offering)); // alice's shares are the whole escrow
        assertApproxEqAbs(owed, 400 * USD, 1, "40 % of the stream");
        vm.prank(alice);
        assertEq(offering.claimEscrowRevenue(alice), owed);

        vm.prank(operator);
        token.setVerified(alice, END + 365 days);
        vm.prank(alice);
        (uint256 shares, uint256 revenue) = offering.withdrawShares();
        assertEq(shares, SOFT_CAP);
        assertEq(revenue, 0, "already claimed");
        assertEq(token.balanceOf(alice), SOFT_CAP);
        assertEq(usd.balanceOf(alice), 1_000_000 * USD - 20_000 * USD + owed);
    }
}

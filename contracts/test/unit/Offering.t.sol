// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../src/Offering.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title OfferingTest
/// @notice Initialization, purchases (plain and with permit) and views. Settlement is in OfferingSettlement.t.sol;
/// pauses, cancellation, escrow protection, compliance at the point of sale and reentrancy have files of their own.
contract OfferingTest is OfferingFixture {
    function setUp() public override {
        super.setUp();
        _tokenize();
    }

    /*//////////////////////////////////////////////////////////////
                          CONSTRUCTOR / INITIALIZE
    //////////////////////////////////////////////////////////////*/

    function test_Constructor_SetsImmutablesAndLocksImplementation() public view {
        assertEq(address(offeringImpl.registry()), address(registry));
        assertEq(address(offeringImpl.stablecoin()), address(usd));
        assertEq(address(offeringImpl.token()), address(1), "implementation locked");
    }

    function test_RevertWhen_ConstructorZeroRegistry() public {
        vm.expectRevert(IOffering.ZeroAddress.selector);
        new Offering(IClusterRegistry(address(0)), usd);
    }

    function test_RevertWhen_ConstructorZeroStablecoin() public {
        vm.expectRevert(IOffering.ZeroAddress.selector);
        new Offering(registry, IERC20(address(0)));
    }

    function test_Initialize_StoresTokenSupplyAndTerms() public view {
        assertEq(address(offering.token()), address(token));
        assertEq(offering.supply(), SUPPLY);
        assertEq(offering.clusterId(), clusterId);
        assertEq(offering.operator(), operator);
        assertEq(address(offering.registry()), address(registry));
        assertEq(address(offering.stablecoin()), address(usd));
        IOffering.Terms memory t = offering.terms();
        assertEq(t.pricePerShare, PRICE);
        assertEq(t.softCap, SOFT_CAP);
        assertEq(t.perBuyerCap, 0);
        assertEq(t.start, START);
        assertEq(t.end, END);
        assertEq(token.balanceOf(address(offering)), SUPPLY, "offering holds the supply");
        assertEq(offering.sold(), 0);
        assertEq(offering.raised(), 0);
    }

    function test_RevertWhen_InitializeImplementation() public {
        vm.expectRevert(IOffering.AlreadyInitialized.selector);
        offeringImpl.initialize(token, SUPPLY, _terms());
    }

    function test_RevertWhen_InitializeTwice() public {
        vm.expectRevert(IOffering.AlreadyInitialized.selector);
        offering.initialize(token, SUPPLY, _terms());
    }

    function test_RevertWhen_InitializeZeroToken() public {
        IOffering fresh = _freshClone();
        vm.expectRevert(IOffering.ZeroAddress.selector);
        fresh.initialize(IShareToken(address(0)), SUPPLY, _terms());
    }

    function test_RevertWhen_InitializeZeroSupply() public {
        IOffering fresh = _freshClone();
        IOffering.Terms memory t = _terms();
        t.softCap = 0;
        vm.expectRevert(abi.encodeWithSelector(IOffering.InvalidSupply.selector, 0));
        fresh.initialize(token, 0, t);
    }

    function test_RevertWhen_InitializeSupplyOver96Bits() public {
        IOffering fresh = _freshClone();
        uint256 supply_ = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IOffering.InvalidSupply.selector, supply_));
        fresh.initialize(token, supply_, _terms());
    }

    function test_RevertWhen_InitializeZeroPrice() public {
        IOffering.Terms memory t = _terms();
        t.pricePerShare = 0;
        _expectInvalidTerms(t);
    }

    function test_RevertWhen_InitializeStartNotBeforeEnd() public {
        IOffering.Terms memory t = _terms();
        t.start = t.end;
        _expectInvalidTerms(t);
    }

    function test_RevertWhen_InitializeEndNotInFuture() public {
        IOffering.Terms memory t = _terms();
        t.start = uint32(block.timestamp - 10);
        t.end = uint32(block.timestamp);
        _expectInvalidTerms(t);
    }

    function test_RevertWhen_InitializeSoftCapOverSupply() public {
        IOffering.Terms memory t = _terms();
        t.softCap = uint96(SUPPLY + 1);
        _expectInvalidTerms(t);
    }

    function test_RevertWhen_InitializeBuyerCapOverSupply() public {
        IOffering.Terms memory t = _terms();
        t.perBuyerCap = uint96(SUPPLY + 1);
        _expectInvalidTerms(t);
    }

    function test_Initialize_StartInPastOpensImmediately() public {
        IOffering fresh = _freshClone();
        IOffering.Terms memory t = _terms();
        t.start = uint32(block.timestamp - 1);
        fresh.initialize(token, SUPPLY, t);
        assertEq(uint256(fresh.phase()), uint256(IOffering.Phase.Open));
    }

    /*//////////////////////////////////////////////////////////////
                                  BUY
    //////////////////////////////////////////////////////////////*/

    function test_Buy_EscrowsPaymentAndShares() public {
        vm.warp(START);
        uint256 shares = 10 * SHARE;
        uint256 cost = 500 * USD;
        vm.prank(alice);
        usd.approve(address(offering), cost);

        vm.expectEmit(address(offering));
        emit IOffering.Purchased(alice, shares, cost, shares, cost);
        vm.prank(alice);
        assertEq(offering.buy(shares, cost), cost);

        assertEq(usd.balanceOf(address(offering)), cost, "payment escrowed");
        assertEq(usd.balanceOf(alice), 1_000_000 * USD - cost);
        assertEq(token.balanceOf(address(offering)), SUPPLY, "shares stay escrowed");
        assertEq(token.balanceOf(alice), 0);
        (uint256 bought, uint256 paid) = offering.purchasedOf(alice);
        assertEq(bought, shares);
        assertEq(paid, cost);
        assertEq(offering.sold(), shares);
        assertEq(offering.raised(), cost);
    }

    function test_Buy_AccumulatesPerBuyerAndTotals() public {
        vm.warp(START);
        _buy(alice, 10 * SHARE);
        _buy(bob, 20 * SHARE);
        vm.warp(START + 1 hours);
        _buy(alice, 5 * SHARE);
        (uint256 aliceShares, uint256 alicePaid) = offering.purchasedOf(alice);
        (uint256 bobShares, uint256 bobPaid) = offering.purchasedOf(bob);
        assertEq(aliceShares, 15 * SHARE);
        assertEq(alicePaid, 750 * USD);
        assertEq(bobShares, 20 * SHARE);
        assertEq(bobPaid, 1000 * USD);
        assertEq(offering.sold(), 35 * SHARE);
        assertEq(offering.raised(), 1750 * USD);
        assertEq(usd.balanceOf(address(offering)), 1750 * USD);
    }

    function test_Buy_RoundsCostUp() public {
        vm.warp(START);
        // 1 share-wei at 50e6 per 1e18 costs 5e-11 base units exactly: the buyer pays 1.
        assertEq(offering.quote(1), 1);
        assertEq(_buy(alice, 1), 1);
        // 1.5 shares plus one wei: 75e6 + 5e-11 -> 75e6 + 1.
        assertEq(offering.quote(SHARE + SHARE / 2 + 1), 75 * USD + 1);
        // Exact multiples are not rounded.
        assertEq(offering.quote(3 * SHARE), 150 * USD);
    }

    function test_Buy_AtFirstSecond() public {
        vm.warp(START);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Open));
        _buy(alice, SHARE);
        assertEq(offering.sold(), SHARE);
    }

    function test_Buy_AtLastSecond() public {
        vm.warp(END - 1);
        _buy(alice, SHARE);
        assertEq(offering.sold(), SHARE);
    }

    function test_Buy_WholeSupplySellsOut() public {
        vm.warp(START);
        _buy(alice, SUPPLY);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.SoldOut));
        assertEq(offering.raised(), 50_000 * USD);
    }

    function test_RevertWhen_BuyZeroShares() public {
        vm.warp(START);
        vm.prank(alice);
        vm.expectRevert(IOffering.ZeroShares.selector);
        offering.buy(0, 0);
    }

    function test_RevertWhen_BuyBeforeStart() public {
        vm.warp(START - 1);
        _approve(alice, type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.SaleNotStarted.selector, START, START - 1));
        offering.buy(SHARE, type(uint256).max);
    }

    function test_RevertWhen_BuyAtEnd() public {
        vm.warp(END);
        _approve(alice, type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.SaleEnded.selector, END, END));
        offering.buy(SHARE, type(uint256).max);
    }

    function test_RevertWhen_BuyAfterEnd() public {
        vm.warp(END + 30 days);
        _approve(alice, type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.SaleEnded.selector, END, END + 30 days));
        offering.buy(SHARE, type(uint256).max);
    }

    function test_RevertWhen_BuyClusterStale() public {
        // No report for longer than the heartbeat: the registry reports Stale.
        vm.warp(T0 + HEARTBEAT + 1);
        // Keep the sale window open over that time.
        _retokenizeWithWindow(uint32(T0 + 1), uint32(T0 + HEARTBEAT + 1 days));
        assertEq(uint256(registry.statusOf(clusterId)), uint256(IClusterRegistry.ClusterStatus.Stale));
        _expectBuyRevert(
            abi.encodeWithSelector(
                IOffering.ClusterNotAttested.selector, clusterId, IClusterRegistry.ClusterStatus.Stale
            )
        );
    }

    function test_RevertWhen_BuyAttestationExpired() public {
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        vm.warp(uint256(info.attestedUntil) + 1);
        _retokenizeWithWindow(uint32(block.timestamp - 1), uint32(block.timestamp + 1 days));
        _expectBuyRevert(
            abi.encodeWithSelector(
                IOffering.ClusterNotAttested.selector, clusterId, IClusterRegistry.ClusterStatus.Stale
            )
        );
    }

    function test_RevertWhen_BuyClusterSuspended() public {
        vm.warp(START);
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        _expectBuyRevert(
            abi.encodeWithSelector(
                IOffering.ClusterNotAttested.selector, clusterId, IClusterRegistry.ClusterStatus.Suspended
            )
        );
    }

    function test_RevertWhen_BuyClusterRetired() public {
        vm.warp(START);
        vm.prank(governance);
        registry.retireCluster(clusterId);
        _expectBuyRevert(
            abi.encodeWithSelector(
                IOffering.ClusterNotAttested.selector, clusterId, IClusterRegistry.ClusterStatus.Retired
            )
        );
    }

    function test_RevertWhen_BuyClusterHardwareChanged() public {
        vm.warp(START);
        vm.prank(operator);
        registry.updateHardware(clusterId, keccak256("hw-v2"), 72);
        _expectBuyRevert(
            abi.encodeWithSelector(
                IOffering.ClusterNotAttested.selector, clusterId, IClusterRegistry.ClusterStatus.Registered
            )
        );
    }

    function test_Buy_ResumesAfterUnsuspend() public {
        vm.warp(START);
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        vm.prank(governance);
        registry.unsuspendCluster(clusterId);
        _buy(alice, SHARE);
        assertEq(offering.sold(), SHARE);
    }

    function test_RevertWhen_BuyOverBuyerCap() public {
        IOffering.Terms memory t = _terms();
        t.perBuyerCap = uint96(100 * SHARE);
        _retokenize(t);
        vm.warp(START);
        _buy(alice, 60 * SHARE);
        _approve(alice, type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.ExceedsBuyerCap.selector, alice, 101 * SHARE, 100 * SHARE));
        offering.buy(41 * SHARE, type(uint256).max);
        // Up to the cap exactly is fine, and other buyers have their own cap.
        _buy(alice, 40 * SHARE);
        _buy(bob, 100 * SHARE);
        (uint256 aliceShares,) = offering.purchasedOf(alice);
        assertEq(aliceShares, 100 * SHARE);
    }

    function test_RevertWhen_BuyOverRemaining() public {
        vm.warp(START);
        _buy(alice, SUPPLY - 5 * SHARE);
        _approve(bob, type(uint256).max);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IOffering.ExceedsRemaining.selector, 6 * SHARE, 5 * SHARE));
        offering.buy(6 * SHARE, type(uint256).max);
    }

    function test_RevertWhen_BuyOverSupply() public {
        vm.warp(START);
        _approve(alice, type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.ExceedsRemaining.selector, SUPPLY + 1, SUPPLY));
        offering.buy(SUPPLY + 1, type(uint256).max);
    }

    function test_RevertWhen_BuySoldOut() public {
        vm.warp(START);
        _buy(alice, SUPPLY);
        _approve(bob, type(uint256).max);
        vm.prank(bob);
        vm.expectRevert(IOffering.SoldOut.selector);
        offering.buy(1, type(uint256).max);
    }

    function test_RevertWhen_BuyCostExceedsMax() public {
        vm.warp(START);
        _approve(alice, type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.CostExceedsMax.selector, 500 * USD, 500 * USD - 1));
        offering.buy(10 * SHARE, 500 * USD - 1);
    }

    function test_RevertWhen_BuyAfterEarlyClose() public {
        vm.warp(START);
        _buy(alice, SOFT_CAP);
        vm.prank(operator);
        offering.finalize();
        _approve(bob, type(uint256).max);
        vm.prank(bob);
        vm.expectRevert(IOffering.SaleSettled.selector);
        offering.buy(SHARE, type(uint256).max);
    }

    function test_RevertWhen_BuyWithoutAllowance() public {
        vm.warp(START);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(offering), 0, 50 * USD)
        );
        offering.buy(SHARE, 50 * USD);
    }

    /*//////////////////////////////////////////////////////////////
                            BUY WITH PERMIT
    //////////////////////////////////////////////////////////////*/

    function test_BuyWithPermit() public {
        vm.warp(START);
        uint256 maxCost = 600 * USD;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(maxCost, block.timestamp + 1 hours);
        vm.prank(alice);
        uint256 cost = offering.buyWithPermit(10 * SHARE, maxCost, block.timestamp + 1 hours, v, r, s);
        assertEq(cost, 500 * USD);
        assertEq(usd.balanceOf(address(offering)), cost);
        assertEq(usd.allowance(alice, address(offering)), maxCost - cost, "permit was for maxCost");
        assertEq(usd.nonces(alice), 1);
    }

    function test_BuyWithPermit_SucceedsWhenPermitFrontRun() public {
        vm.warp(START);
        uint256 maxCost = 500 * USD;
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(maxCost, deadline);
        // A griefer copies the permit from the mempool and submits it first.
        vm.prank(stranger);
        usd.permit(alice, address(offering), maxCost, deadline, v, r, s);
        // Alice's purchase still goes through on the allowance the permit set.
        vm.prank(alice);
        uint256 cost = offering.buyWithPermit(10 * SHARE, maxCost, deadline, v, r, s);
        assertEq(cost, 500 * USD);
        (uint256 shares,) = offering.purchasedOf(alice);
        assertEq(shares, 10 * SHARE);
    }

    function test_BuyWithPermit_IgnoresBadPermitWhenAllowanceSuffices() public {
        vm.warp(START);
        _approve(alice, 500 * USD);
        vm.prank(alice);
        offering.buyWithPermit(10 * SHARE, 500 * USD, block.timestamp - 1, 27, bytes32(0), bytes32(0));
        assertEq(offering.sold(), 10 * SHARE);
    }

    function test_RevertWhen_BuyWithPermitInvalidAndNoAllowance() public {
        vm.warp(START);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(500 * USD, block.timestamp + 1 hours);
        // Signed for 500 but submitted with another value: the permit fails and there is no allowance.
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(offering), 0, 500 * USD)
        );
        offering.buyWithPermit(10 * SHARE, 501 * USD, block.timestamp + 1 hours, v, r, s);
    }

    function test_RevertWhen_BuyWithPermitSaleChecksStillApply() public {
        vm.warp(START - 1);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(500 * USD, block.timestamp + 1 hours);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOffering.SaleNotStarted.selector, START, START - 1));
        offering.buyWithPermit(10 * SHARE, 500 * USD, block.timestamp + 1 hours, v, r, s);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function test_Phase_Transitions() public {
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Pending));
        vm.warp(START);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Open));
        _buy(alice, SOFT_CAP - 1);
        vm.warp(END - 1);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Open));
        vm.warp(END);
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Failed));
    }

    function test_EscrowRevenueOf_ZeroBeforeSettlement() public {
        vm.warp(START);
        _buy(alice, SOFT_CAP);
        _depositRevenue(1000 * USD, 1 days);
        vm.warp(END);
        assertEq(offering.escrowRevenueOf(alice), 0, "sale-time revenue is the operator's");
        offering.finalize();
        assertEq(offering.escrowRevenueOf(alice), 0);
        assertEq(offering.escrowRevenueOf(bob), 0);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _expectInvalidTerms(IOffering.Terms memory t) internal {
        IOffering fresh = _freshClone();
        vm.expectRevert(IOffering.InvalidTerms.selector);
        fresh.initialize(token, SUPPLY, t);
    }

    function _retokenizeWithWindow(uint32 start, uint32 end) internal {
        IOffering.Terms memory t = _terms();
        t.start = start;
        t.end = end;
        _retokenize(t);
    }
}

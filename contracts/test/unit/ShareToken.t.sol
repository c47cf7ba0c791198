// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {IShareTokenEvents} from "../../src/interfaces/IShareTokenEvents.sol";
import {FeeOnTransferToken} from "../utils/FeeOnTransferToken.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Unit tests of ShareToken: initialization, ERC-20/permit core and the revenue stream.
contract ShareTokenTest is ShareTokenFixture {
    /*//////////////////////////////////////////////////////////////
                               INITIALIZE
    //////////////////////////////////////////////////////////////*/

    function test_Initialize_SetsState() public view {
        assertEq(token.name(), "Rack One");
        assertEq(token.symbol(), "RACK1");
        assertEq(token.decimals(), 18);
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.balanceOf(offering), SUPPLY);
        assertEq(address(token.registry()), address(reg));
        assertEq(token.clusterId(), CLUSTER_ID);
        assertEq(address(token.stablecoin()), address(usd));
        assertEq(token.operator(), op);
        assertFalse(token.paused());
        assertFalse(token.pausedByGovernance());
        assertFalse(token.pausedByOperator());
        assertTrue(token.isProtected(offering));
        assertFalse(token.allowlistEnabled());
        assertEq(token.totalDeposited(), 0);
        assertEq(token.streamedTotal(), 0);
        assertEq(token.RATE_SCALE(), 1e18);
        assertEq(token.MAX_DURATION(), 3650 days);
        assertEq(token.MAX_STABLECOIN_DECIMALS(), 6);
    }

    function test_Initialize_EmitsEvents() public {
        ShareToken t = ShareToken(Clones.clone(address(impl)));
        vm.expectEmit(address(t));
        emit IERC20.Transfer(address(0), alice, 5e18);
        vm.expectEmit(address(t));
        emit IShareTokenEvents.ShareTokenInitialized(IClusterRegistry(address(reg)), 7, usd, "N", "S", 5e18, alice);
        t.initialize(IClusterRegistry(address(reg)), 7, usd, "N", "S", 5e18, alice);
    }

    function test_Initialize_MaxSupplyAndClusterId() public {
        ShareToken t = ShareToken(Clones.clone(address(impl)));
        t.initialize(IClusterRegistry(address(reg)), type(uint96).max, usd, "N", "S", type(uint96).max, alice);
        assertEq(t.totalSupply(), type(uint96).max);
        assertEq(t.clusterId(), type(uint96).max);
    }

    function test_RevertWhen_InitializeTwice() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        token.initialize(IClusterRegistry(address(reg)), CLUSTER_ID, usd, "N", "S", 1, alice);
    }

    function test_RevertWhen_InitializeImplementation() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        impl.initialize(IClusterRegistry(address(reg)), CLUSTER_ID, usd, "N", "S", 1, alice);
    }

    function test_RevertWhen_Initialize_ZeroAddress() public {
        ShareToken t = ShareToken(Clones.clone(address(impl)));
        vm.expectRevert(IShareTokenErrors.ZeroAddress.selector);
        t.initialize(IClusterRegistry(address(0)), 1, usd, "N", "S", 1, alice);
        vm.expectRevert(IShareTokenErrors.ZeroAddress.selector);
        t.initialize(IClusterRegistry(address(reg)), 1, IERC20(address(0)), "N", "S", 1, alice);
        vm.expectRevert(IShareTokenErrors.ZeroAddress.selector);
        t.initialize(IClusterRegistry(address(reg)), 1, usd, "N", "S", 1, address(0));
    }

    function test_RevertWhen_Initialize_ClusterIdTooLarge() public {
        ShareToken t = ShareToken(Clones.clone(address(impl)));
        uint256 id = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidClusterId.selector, id));
        t.initialize(IClusterRegistry(address(reg)), id, usd, "N", "S", 1, alice);
    }

    function test_RevertWhen_Initialize_InvalidSupply() public {
        ShareToken t = ShareToken(Clones.clone(address(impl)));
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidSupply.selector, 0));
        t.initialize(IClusterRegistry(address(reg)), 1, usd, "N", "S", 0, alice);
        uint256 tooMuch = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidSupply.selector, tooMuch));
        t.initialize(IClusterRegistry(address(reg)), 1, usd, "N", "S", tooMuch, alice);
    }

    /*//////////////////////////////////////////////////////////////
                                 ERC-20
    //////////////////////////////////////////////////////////////*/

    function test_Transfer_MovesBalance() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(offering, alice, 10e18);
        vm.prank(offering);
        assertTrue(token.transfer(alice, 10e18));
        assertEq(token.balanceOf(alice), 10e18);
        assertEq(token.balanceOf(offering), SUPPLY - 10e18);
        assertEq(token.totalSupply(), SUPPLY);
    }

    function test_Transfer_ToSelfKeepsBalanceAndRevenue() public {
        _send(offering, alice, SUPPLY / 2);
        _deposit(1000e6, 100);
        skip(50);
        uint256 before = token.claimable(alice);
        _send(alice, alice, SUPPLY / 4);
        assertEq(token.balanceOf(alice), SUPPLY / 2);
        assertEq(token.claimable(alice), before);
        skip(50);
        assertApproxEqAbs(token.claimable(alice), 500e6, 2);
    }

    function test_RevertWhen_Transfer_InsufficientBalance() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 0, 1));
        _send(alice, bob, 1);
    }

    function test_RevertWhen_Transfer_ToZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        _send(offering, address(0), 1);
    }

    function test_Approve_SetsAllowance() public {
        vm.expectEmit(address(token));
        emit IERC20.Approval(alice, bob, 5);
        vm.prank(alice);
        assertTrue(token.approve(bob, 5));
        assertEq(token.allowance(alice, bob), 5);
    }

    function test_RevertWhen_Approve_ZeroSpender() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        vm.prank(alice);
        token.approve(address(0), 5);
    }

    function test_TransferFrom_SpendsAllowance() public {
        vm.prank(offering);
        token.approve(bob, 10e18);
        vm.prank(bob);
        assertTrue(token.transferFrom(offering, carol, 4e18));
        assertEq(token.allowance(offering, bob), 6e18);
        assertEq(token.balanceOf(carol), 4e18);
    }

    function test_TransferFrom_InfiniteAllowanceNotDecreased() public {
        vm.prank(offering);
        token.approve(bob, type(uint256).max);
        vm.prank(bob);
        token.transferFrom(offering, carol, 4e18);
        assertEq(token.allowance(offering, bob), type(uint256).max);
    }

    function test_RevertWhen_TransferFrom_InsufficientAllowance() public {
        vm.prank(offering);
        token.approve(bob, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, bob, 1, 2));
        vm.prank(bob);
        token.transferFrom(offering, carol, 2);
    }

    function _lastLog(address emitter, bytes32 topic0) internal returns (bytes memory data) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == emitter && logs[i].topics[0] == topic0) data = logs[i].data;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                REVENUE
    //////////////////////////////////////////////////////////////*/

    function test_DepositRevenue_StartsStream() public {
        usd.mint(op, 1000e6);
        vm.prank(op);
        usd.approve(address(token), 1000e6);
        uint256 expectedRate = uint256(1000e6) * 1e18 / 1000;
        vm.expectEmit(true, false, false, false, address(token));
        emit IShareTokenEvents.RevenueDeposited(op, 1000e6, 1000, expectedRate, block.timestamp + 1000, 0);
        vm.prank(op);
        token.depositRevenue(1000e6, 1000);

        IShareToken.StreamState memory st = token.stream();
        assertApproxEqRel(st.ratePerSecond, expectedRate, 1e9);
        assertEq(st.start, block.timestamp);
        assertEq(st.lastUpdate, block.timestamp);
        assertEq(st.end, block.timestamp + 1000);
        assertEq(st.accumulator, 0);
        assertEq(token.totalDeposited(), 1000e6);
        assertEq(usd.balanceOf(address(token)), 1000e6);
        assertEq(usd.balanceOf(op), 0);
    }

    function test_DepositRevenue_EventCarriesExactFigures() public {
        _deposit(1000e6, 1000);
        uint256 running = _accRate(1000e6, 1000, SUPPLY);
        skip(400);
        usd.mint(op, 300e6);
        vm.prank(op);
        usd.approve(address(token), 300e6);
        vm.recordLogs();
        vm.prank(op);
        // 600 left over 600 s, plus 300 new: the stream continues until now + 800 at (600 + 300) / 800 per second.
        token.depositRevenue(300e6, 800);
        (uint256 amount, uint256 duration, uint256 rate, uint256 end, uint256 carried) = abi.decode(
            _lastLog(address(token), IShareTokenEvents.RevenueDeposited.selector),
            (uint256, uint256, uint256, uint256, uint256)
        );
        uint256 rest = running * 600;
        uint256 merged = (rest + _accAdded(300e6, SUPPLY)) / 800;
        assertEq(amount, 300e6);
        assertEq(duration, 800);
        assertEq(end, block.timestamp + 800);
        assertEq(carried, rest * SUPPLY >> _accShift(SUPPLY));
        assertApproxEqAbs(carried, 600e6, 1);
        assertEq(rate, _wholeRate(merged, SUPPLY));
        assertApproxEqRel(rate, uint256(1.125e6) * 1e18, 1e9);
        assertEq(token.stream().ratePerSecond, rate);
    }

    /// Tranches: a merge keeps the earlier deposit on its own schedule (1 $/s until the old end) and streams the new
    /// one as 0.25 $/s on top until then, 1.25 $/s after it.
    function test_DepositRevenue_MergesRunningStream() public {
        _send(offering, alice, SUPPLY / 2);
        _deposit(1000e6, 1000);
        skip(500);
        assertApproxEqAbs(token.claimable(alice), 250e6, 1);
        _deposit(750e6, 1000); // 500 left + 750 new over 1000 s: 1.25 $/s until the old end + 500 s
        assertEq(token.stream().end, START + 1500);
        skip(500); // old end: the first deposit is fully streamed, the second 125 of 750
        assertApproxEqAbs(token.claimable(alice), 250e6 + 312.5e6, 2);
        assertApproxEqAbs(token.streamedTotal(), 1000e6 + 125e6, 1);
        skip(500);
        assertApproxEqAbs(token.claimable(alice), 875e6, 2);
        skip(1000);
        assertApproxEqAbs(token.claimable(alice), 875e6, 2);
        assertApproxEqAbs(token.streamedTotal(), 1750e6, 1);
        assertLe(token.streamedTotal(), token.totalDeposited());
    }

    function test_DepositRevenue_AfterStreamEndedCarriesNothing() public {
        _deposit(1000e6, 100);
        skip(200);
        _deposit(100e6, 100);
        skip(100);
        assertApproxEqAbs(token.claimable(offering), 1100e6, 2);
        assertApproxEqAbs(token.stream().ratePerSecond, uint256(1e6) * 1e18, 1e18);
    }

    function test_DepositRevenue_ByNamedPayer() public {
        address payer = makeAddr("payer");
        vm.expectEmit(address(token));
        emit IShareTokenEvents.RevenuePayerSet(op, payer, 3650 days);
        vm.prank(op);
        token.setRevenuePayer(payer, 3650 days);
        assertTrue(token.isRevenuePayer(payer));
        usd.mint(payer, 10e6);
        vm.startPrank(payer);
        usd.approve(address(token), 10e6);
        token.depositRevenue(10e6, 10);
        vm.stopPrank();
        assertEq(token.totalDeposited(), 10e6);
    }

    function test_RevertWhen_DepositRevenue_PayerOfFormerOperator() public {
        address payer = makeAddr("payer");
        vm.prank(op);
        token.setRevenuePayer(payer, 3650 days);
        reg.setOperator(CLUSTER_ID, carol);
        assertFalse(token.isRevenuePayer(payer));
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotRevenuePayer.selector, payer));
        vm.prank(payer);
        token.depositRevenue(10e6, 10);
    }

    function test_RevertWhen_DepositRevenue_RevokedPayer() public {
        address payer = makeAddr("payer");
        vm.startPrank(op);
        token.setRevenuePayer(payer, 3650 days);
        token.setRevenuePayer(payer, 0);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotRevenuePayer.selector, payer));
        vm.prank(payer);
        token.depositRevenue(10e6, 10);
    }

    function test_RevertWhen_SetRevenuePayer_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, alice, op));
        vm.prank(alice);
        token.setRevenuePayer(alice, 3650 days);
    }

    function test_RevertWhen_DepositRevenue_NotPayer() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotRevenuePayer.selector, alice));
        vm.prank(alice);
        token.depositRevenue(10e6, 10);
    }

    function test_RevertWhen_DepositRevenue_Paused() public {
        vm.prank(op);
        token.pause();
        vm.expectRevert(IShareTokenErrors.TokenPaused.selector);
        vm.prank(op);
        token.depositRevenue(10e6, 10);
    }

    function test_RevertWhen_DepositRevenue_ZeroAmount() public {
        vm.expectRevert(IShareTokenErrors.ZeroAmount.selector);
        vm.prank(op);
        token.depositRevenue(0, 10);
    }

    function test_RevertWhen_DepositRevenue_InvalidDuration() public {
        vm.startPrank(op);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, 0));
        token.depositRevenue(1, 0);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, 3650 days + 1));
        token.depositRevenue(1, 3650 days + 1);
        vm.warp(type(uint32).max - 10);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, 11));
        token.depositRevenue(1, 11);
        vm.stopPrank();
    }

    function test_RevertWhen_DepositRevenue_CapExceeded() public {
        uint256 cap = (1 << 60) - 1;
        _deposit(cap, 1);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.DepositCapExceeded.selector, cap, 1));
        vm.prank(op);
        token.depositRevenue(1, 1);
    }

    function test_RevertWhen_DepositRevenue_FeeOnTransfer() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(100);
        ShareToken t = _newToken(IERC20(address(fot)), SUPPLY, offering);
        fot.mint(op, 1000e6);
        vm.startPrank(op);
        fot.approve(address(t), 1000e6);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.FeeOnTransferNotSupported.selector, 1000e6, 990e6));
        t.depositRevenue(1000e6, 100);
        vm.stopPrank();
    }

    function test_DepositRevenue_FeeTokenWithZeroFeeAccepted() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(0);
        ShareToken t = _newToken(IERC20(address(fot)), SUPPLY, offering);
        fot.mint(op, 1000e6);
        vm.startPrank(op);
        fot.approve(address(t), 1000e6);
        t.depositRevenue(1000e6, 100);
        vm.stopPrank();
        assertEq(t.totalDeposited(), 1000e6);
    }

    function test_Claimable_ProRataPerSecond() public {
        _send(offering, alice, SUPPLY / 4);
        _deposit(1000e6, 1000);
        skip(500);
        assertApproxEqAbs(token.claimable(alice), 125e6, 1);
        assertApproxEqAbs(token.claimable(offering), 375e6, 1);
        assertApproxEqAbs(token.streamedTotal(), 500e6, 1);
        skip(10_000);
        assertApproxEqAbs(token.claimable(alice), 250e6, 1);
        assertApproxEqAbs(token.streamedTotal(), 1000e6, 1);
        assertLe(token.streamedTotal(), token.totalDeposited());
    }

    function test_Claim_PaysAndResets() public {
        _send(offering, alice, SUPPLY / 4);
        _deposit(1000e6, 1000);
        skip(500);
        uint256 expected = token.claimable(alice);
        vm.expectEmit(address(token));
        emit IShareTokenEvents.Claimed(alice, alice, expected);
        vm.prank(alice);
        assertEq(token.claim(), expected);
        assertEq(usd.balanceOf(alice), expected);
        assertEq(token.claimable(alice), 0);
        assertEq(usd.balanceOf(address(token)), 1000e6 - expected);
    }

    function test_Claim_AfterStreamEnds() public {
        _send(offering, alice, SUPPLY / 4);
        _deposit(1000e6, 1000);
        skip(2000);
        vm.prank(alice);
        token.claim();
        vm.prank(offering);
        token.claim();
        assertApproxEqAbs(usd.balanceOf(alice), 250e6, 1);
        assertApproxEqAbs(usd.balanceOf(offering), 750e6, 1);
        assertLe(usd.balanceOf(alice) + usd.balanceOf(offering), 1000e6);
    }

    function test_Claim_NothingReturnsZero() public {
        vm.recordLogs();
        vm.prank(alice);
        assertEq(token.claim(), 0);
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function test_ClaimTo_PaysRecipient() public {
        _deposit(1000e6, 1000);
        skip(1000);
        uint256 expected = token.claimable(offering);
        assertApproxEqAbs(expected, 1000e6, 1); // the sole holder loses at most rounding
        vm.expectEmit(address(token));
        emit IShareTokenEvents.Claimed(offering, op, expected);
        vm.prank(offering);
        token.claimTo(op);
        assertEq(usd.balanceOf(op), expected);
    }

    function test_RevertWhen_ClaimTo_ZeroAddress() public {
        vm.expectRevert(IShareTokenErrors.ZeroAddress.selector);
        vm.prank(offering);
        token.claimTo(address(0));
    }

    /// M-2/M-3: claims never stop, whichever pause is on (here both).
    function test_Claim_WorksWhilePaused() public {
        _deposit(1000e6, 100);
        skip(100);
        vm.prank(gov);
        token.governancePause();
        vm.prank(op);
        token.pause();
        uint256 expected = token.claimable(offering);
        assertApproxEqAbs(expected, 1000e6, 1);
        vm.prank(offering);
        assertEq(token.claim(), expected);
        assertEq(usd.balanceOf(offering), expected);
    }

    function test_Transfer_CheckpointsBothSides() public {
        _send(offering, alice, SUPPLY / 2);
        _deposit(1000e6, 1000);
        skip(500); // alice 250, offering 250
        _send(alice, bob, SUPPLY / 2); // alice now 0, bob half
        skip(500); // bob 250, offering 250
        assertApproxEqAbs(token.claimable(alice), 250e6, 1);
        assertApproxEqAbs(token.claimable(bob), 250e6, 1);
        assertApproxEqAbs(token.claimable(offering), 500e6, 1);
    }

    function test_JustInTime_EarnsOnlySecondsHeld() public {
        _send(offering, alice, SUPPLY / 2);
        _deposit(1e6, 1 days); // a small stream running
        skip(1 hours);
        _send(offering, bob, SUPPLY / 4); // buys one second before the big deposit
        skip(1);
        _deposit(86_400_000e6, 1 days); // 1,000 $/s on top
        skip(1);
        _send(bob, carol, SUPPLY / 4); // sells one second after (the Offering cannot receive shares)
        uint256 bobEarned = token.claimable(bob);
        // About one second of the small stream and one of the large one, a quarter each.
        uint256 perSecond = uint256(86_400_000e6 + 1e6) / 1 days;
        assertLe(bobEarned, perSecond / 2 + 2);
        assertGe(bobEarned, perSecond / 4);
        skip(2 days);
        assertEq(token.claimable(bob), bobEarned);
    }
}

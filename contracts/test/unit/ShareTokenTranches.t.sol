// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";

/// @notice M-1: deposits are tranches. A deposit merges into the running stream only if it neither slows it down nor
/// ends it earlier, so revenue already deposited keeps its schedule whoever deposits (operator or named payer) and
/// whatever the duration. Expected figures are derived from the deposits with the fixture's `_acc*` helpers (the
/// token's documented units), so every assertion is exact.
contract ShareTokenTranchesTest is ShareTokenFixture {
    /// @dev The review's scenario: a 365,000 USD/year stream, 355 days of it left.
    uint256 internal constant YEARLY = 365_000e6;
    uint256 internal constant ELAPSED = 10 days;
    uint256 internal constant LEFT = 355 days;

    address internal payer = makeAddr("payer");

    function setUp() public override {
        super.setUp();
        vm.prank(op);
        token.setRevenuePayer(payer, 3650 days);
    }

    /// @dev Starts the yearly stream, moves ELAPSED into it and returns its accumulator rate and end.
    function _yearlyStream() internal returns (uint256 rate, uint256 end) {
        _deposit(YEARLY, 365 days);
        rate = _accRate(YEARLY, 365 days, SUPPLY);
        end = START + 365 days;
        skip(ELAPSED);
        assertEq(token.stream().end, end);
        assertEq(token.stream().ratePerSecond, _wholeRate(rate, SUPPLY));
    }

    /// @dev The longest duration `amount` may take now: the running rate kept for every second (the token's rule).
    function _maxDuration(uint256 rate, uint256 left, uint256 amount) internal pure returns (uint256) {
        return _keepsRate(rate, left, amount);
    }

    /*//////////////////////////////////////////////////////////////
                        COMPRESSION AND STRETCHING
    //////////////////////////////////////////////////////////////*/

    /// M-1: a dust deposit with a 1 s duration during a 355-day stream can no longer compress the rest into one second.
    function test_RevertWhen_DepositRevenue_DustCompressesStream() public {
        (, uint256 end) = _yearlyStream();
        _expectDepositRevert(
            op, 1, 1, abi.encodeWithSelector(IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + 1, end)
        );
        // Nor with any duration short of the current end.
        _expectDepositRevert(
            op,
            1,
            LEFT - 1,
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + LEFT - 1, end)
        );
    }

    /// M-1: a dust deposit over 3650 days can no longer stretch the rest over ten years; the error names the longest
    /// duration the dust allows (the current end: 1 base unit buys less than one second at the running rate).
    function test_RevertWhen_DepositRevenue_DustStretchesStream() public {
        (uint256 rate,) = _yearlyStream();
        uint256 maxDuration = _maxDuration(rate, LEFT, 1);
        assertEq(maxDuration, LEFT);
        _expectDepositRevert(
            op,
            1,
            MAX_DURATION,
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, MAX_DURATION, maxDuration)
        );
        _expectDepositRevert(
            op,
            1,
            LEFT + 1,
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, LEFT + 1, maxDuration)
        );
        (uint256 minDuration, uint256 maxAllowed) = token.depositLimits(op, 1);
        assertEq(minDuration, LEFT);
        assertEq(maxAllowed, maxDuration);
    }

    /// M-1: a revenue payer the operator named is held to the same rule: it can only add, never compress or stretch.
    function test_RevertWhen_DepositRevenue_NamedPayerReschedules() public {
        (uint256 rate, uint256 end) = _yearlyStream();
        _expectDepositRevert(
            payer,
            1,
            1,
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + 1, end)
        );
        _expectDepositRevert(
            payer,
            1,
            MAX_DURATION,
            abi.encodeWithSelector(
                IShareTokenErrors.StreamWouldSlowDown.selector, MAX_DURATION, _maxDuration(rate, LEFT, 1)
            )
        );
    }

    /// M-1: the review's griefing case. A named payer adds 1,000 USD over ten years to a 30-day stream of 30,000 USD:
    /// refused; within its limits it is accepted, and the holders still receive the whole 30,000 USD in the 30 days
    /// (1,230 USD on 64a4f38).
    function test_DepositRevenue_NamedPayerCannotDelayRunningStream() public {
        _deposit(30_000e6, 30 days);
        uint256 rate = _accRate(30_000e6, 30 days, SUPPLY);
        skip(1 days);
        uint256 maxDuration = _maxDuration(rate, 29 days, 1000e6);
        _expectDepositRevert(
            payer,
            1000e6,
            MAX_DURATION,
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, MAX_DURATION, maxDuration)
        );
        (uint256 minDuration, uint256 maxAllowed) = token.depositLimits(op, 1000e6);
        assertEq(minDuration, 29 days);
        assertEq(maxAllowed, maxDuration);
        vm.prank(payer);
        token.depositRevenue(1000e6, maxDuration); // funded by _expectDepositRevert
        assertEq(token.stream().end, block.timestamp + maxDuration);
        skip(29 days); // the first stream's end
        assertGe(token.streamedTotal() + 1, 30_000e6);
        assertApproxEqAbs(token.claimable(offering), token.streamedTotal(), 1);
        skip(maxDuration);
        assertApproxEqAbs(token.streamedTotal(), 31_000e6, 1);
    }

    /*//////////////////////////////////////////////////////////////
                             DEPOSIT LIMITS
    //////////////////////////////////////////////////////////////*/

    function test_DepositLimits_NoStreamRunning() public {
        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(op, 1);
        assertEq(minDuration, 1);
        assertEq(maxDuration, MAX_DURATION);
        _deposit(1000e6, 100);
        skip(100); // ended exactly now: nothing left to protect
        (minDuration, maxDuration) = token.depositLimits(op, 1);
        assertEq(minDuration, 1);
        assertEq(maxDuration, MAX_DURATION);
        vm.warp(type(uint32).max - 10);
        (minDuration, maxDuration) = token.depositLimits(op, 1);
        assertEq(minDuration, 1);
        assertEq(maxDuration, 10);
    }

    /// M-1: the limits are exact: the shortest and the longest durations are accepted, one second beyond either is
    /// refused with the error naming the limit.
    function test_DepositLimits_BoundariesAreExact() public {
        _deposit(1000e6, 1000);
        uint256 rate = _accRate(1000e6, 1000, SUPPLY);
        skip(400);
        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(op, 100e6);
        assertEq(minDuration, 600);
        assertEq(maxDuration, _maxDuration(rate, 600, 100e6));
        assertEq(maxDuration, 700); // 100 USD at 1 USD/s buys 100 more seconds

        _expectDepositRevert(
            op,
            100e6,
            minDuration - 1,
            abi.encodeWithSelector(
                IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + minDuration - 1, START + 1000
            )
        );
        _expectDepositRevert(
            op,
            100e6,
            maxDuration + 1,
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, maxDuration + 1, maxDuration)
        );

        uint256 snap = vm.snapshotState();
        _deposit(100e6, minDuration); // same end, higher rate
        assertEq(token.stream().end, START + 1000);
        assertEq(token.stream().ratePerSecond, _wholeRate((rate * 600 + _accAdded(100e6, SUPPLY)) / 600, SUPPLY));
        vm.revertToState(snap);
        _deposit(100e6, maxDuration); // later end, rate not below the running one
        assertEq(token.stream().end, block.timestamp + maxDuration);
        assertGe(token.stream().ratePerSecond, _wholeRate(rate, SUPPLY));
    }

    /// A deposit at the current end is a pure top-up: always accepted, even dust, and it only raises the rate.
    function test_DepositRevenue_DustAtCurrentEndAccepted() public {
        (uint256 rate, uint256 end) = _yearlyStream();
        _deposit(1, LEFT);
        assertEq(token.stream().end, end);
        assertEq(token.stream().ratePerSecond, _wholeRate((rate * LEFT + _accAdded(1, SUPPLY)) / LEFT, SUPPLY));
    }

    /// Once the stream has ended nothing is left to protect: any duration is accepted, one second included.
    function test_DepositRevenue_AfterEndAnyDuration() public {
        _deposit(1000e6, 100);
        skip(101);
        _deposit(1, 1);
        assertEq(token.stream().end, block.timestamp + 1);
        skip(1);
        _deposit(1, MAX_DURATION);
        assertEq(token.stream().end, block.timestamp + MAX_DURATION);
        assertEq(token.totalDeposited(), 1000e6 + 2);
    }

    /*//////////////////////////////////////////////////////////////
                           SCHEDULES AND JIT
    //////////////////////////////////////////////////////////////*/

    /// Tranches: after a merge every earlier deposit streams exactly on its own schedule: at the old end the first
    /// tranche is complete and the new one has streamed only its top-up.
    function test_DepositRevenue_EarlierTrancheKeepsSchedule() public {
        _deposit(1000e6, 1000);
        uint256 rate = _accRate(1000e6, 1000, SUPPLY);
        skip(250);
        uint256 merged = (rate * 750 + _accAdded(2000e6, SUPPLY)) / 2000;
        _deposit(2000e6, 2000); // (750 + 2000) / 2000 = 1.375 USD/s until now + 2000
        assertGe(merged, rate);
        // The whole stream is the earlier tranche (rate until its end) plus the new one (merged - rate, then merged).
        uint256 accAtMerge = rate * 250;
        skip(750);
        assertEq(token.streamedTotal(), (accAtMerge + merged * 750) * SUPPLY >> _accShift(SUPPLY));
        assertApproxEqAbs(token.streamedTotal(), 1000e6 + 281.25e6, 1);
        skip(1250);
        assertEq(token.streamedTotal(), (accAtMerge + merged * 2000) * SUPPLY >> _accShift(SUPPLY));
        assertApproxEqAbs(token.streamedTotal(), 3000e6, 1);
    }

    /// M-1, JIT restated: a holder who buys a quarter of the supply one second before a dust deposit and sells one
    /// second after earns two seconds' pro-rata share of the running stream, exactly. The attacker tries to compress
    /// the 355 days left into one second first (accepted on 64a4f38, where the holder earned 88,750 USD), then tops up
    /// at the current end, the only duration dust may take.
    function test_JustInTime_DustDepositEarnsTwoSeconds() public {
        (uint256 rate, uint256 end) = _yearlyStream();
        skip(1);
        _send(offering, bob, SUPPLY / 4);
        skip(1);
        _fund(2);
        vm.prank(op);
        try token.depositRevenue(1, 1) {} catch {}
        uint256 left = end - block.timestamp;
        if (token.stream().end == end) {
            vm.prank(op);
            token.depositRevenue(1, left);
        }
        uint256 topped = (rate * left + _accAdded(1, SUPPLY)) / left;
        skip(1);
        _send(bob, carol, SUPPLY / 4);
        uint256 earned = token.claimable(bob);
        // Two seconds of a quarter of 365,000 USD a year: 5,787.03 base units, plus the dust's share.
        assertLe(earned, YEARLY * 2 / 365 days / 4 + 1);
        assertEq(earned, _earned(SUPPLY / 4, rate + topped, SUPPLY));
        skip(LEFT);
        assertEq(token.claimable(bob), earned);
        assertEq(token.stream().end, end);
    }

    /*//////////////////////////////////////////////////////////////
                        DEPOSIT BY ABSOLUTE END
    //////////////////////////////////////////////////////////////*/

    /// A top-up "until the running stream ends" read as a duration goes stale with every block (the range it must fall
    /// in moves with the clock); by absolute end it lands whenever it is mined, and the stream's end stays put.
    function test_DepositRevenueUntil_TopUpToRunningEndLandsLate() public {
        (uint256 rate, uint256 end) = _yearlyStream();
        uint256 amount = 10e6;
        (uint256 minDuration,) = token.depositLimits(op, amount);
        // Mined a day after it was prepared: the duration read then now ends a day after the running end, which
        // 10 USD cannot pay for at the running rate.
        skip(1 days);
        _expectDepositRevert(
            op,
            amount,
            minDuration,
            abi.encodeWithSelector(
                IShareTokenErrors.StreamWouldSlowDown.selector, minDuration, _keepsRate(rate, LEFT - 1 days, amount)
            )
        );
        vm.prank(op);
        token.depositRevenueUntil(amount, end);
        assertEq(token.stream().end, end);
        assertEq(
            token.stream().ratePerSecond, _wholeRate(_mergedRate(rate, LEFT - 1 days, amount, LEFT - 1 days), SUPPLY)
        );
        assertEq(token.totalDeposited(), YEARLY + amount);
    }

    /// A named payer with a one-hour horizon may still top up to a running end a year away (its horizon bounds how
    /// far it may push the end, not a top-up).
    function test_DepositRevenueUntil_PayerTopsUpBeyondItsHorizon() public {
        (, uint256 end) = _yearlyStream();
        vm.prank(op);
        token.setRevenuePayer(payer, 1 hours);
        usd.mint(payer, 1e6);
        vm.startPrank(payer);
        usd.approve(address(token), 1e6);
        token.depositRevenueUntil(1e6, end);
        vm.stopPrank();
        assertEq(token.stream().end, end);
    }

    /// An end that is not after the block's time names no duration: InvalidDuration(0), nothing pulled.
    function test_RevertWhen_DepositRevenueUntil_EndNotAfterNow() public {
        _fund(1e6);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, 0));
        vm.prank(op);
        token.depositRevenueUntil(1e6, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, 0));
        vm.prank(op);
        token.depositRevenueUntil(1e6, block.timestamp - 1);
        assertEq(token.totalDeposited(), 0);
    }

    /// `depositLimits` shows no range when no deposit could go through: either pause on, a zero amount, or an amount
    /// over what is left of the lifetime cap.
    function test_DepositLimits_ZeroWhenNoDepositPossible() public {
        _yearlyStream();
        (uint256 lo, uint256 hi) = token.depositLimits(op, 0);
        assertEq(lo, 0);
        assertEq(hi, 0);
        (lo, hi) = token.depositLimits(op, type(uint64).max);
        assertEq(lo, 0);
        assertEq(hi, 0);
        vm.prank(op);
        token.pause();
        (lo, hi) = token.depositLimits(op, 1e6);
        assertEq(lo, 0);
        assertEq(hi, 0);
        vm.prank(op);
        token.unpause();
        vm.prank(guardian);
        token.governancePause();
        (lo, hi) = token.depositLimits(payer, 1e6);
        assertEq(lo, 0);
        assertEq(hi, 0);
        vm.prank(gov);
        token.governanceUnpause();
        (lo, hi) = token.depositLimits(op, 1e6);
        assertEq(lo, LEFT);
        assertGt(hi, LEFT);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {IShareTokenEvents} from "../../src/interfaces/IShareTokenEvents.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";

/// @notice Named revenue payers have a horizon (attacker round, "a dust deposit forces all future revenue into a
/// ten-year stream"): a payer's deposit may end the stream at most `maxDuration` seconds after the deposit, or at the
/// running end if that is later; a top-up to the running end is always allowed. The operator has no horizon: it
/// controls its own cash flow. `depositLimits(depositor, amount)` applies the horizon and gives (0, 0) to anyone who may
/// not deposit. Expected figures come from the fixture's `_acc*` helpers (the token's documented units).
contract ShareTokenPayersTest is ShareTokenFixture {
    uint256 internal constant HORIZON = 30 days;
    uint256 internal constant MONTHLY = 30_000e6;
    uint256 internal constant YEARLY = 365_000e6;

    address internal payer = makeAddr("payer");

    function setUp() public override {
        super.setUp();
        vm.prank(op);
        token.setRevenuePayer(payer, HORIZON);
    }

    function _assertLimits(address depositor, uint256 amount, uint256 minDuration, uint256 maxDuration) internal view {
        (uint256 lo, uint256 hi) = token.depositLimits(depositor, amount);
        assertEq(lo, minDuration, "minDuration");
        assertEq(hi, maxDuration, "maxDuration");
    }

    function _horizonError(uint256 duration, uint256 maxDuration) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IShareTokenErrors.PayerHorizonExceeded.selector, duration, maxDuration);
    }

    /*//////////////////////////////////////////////////////////////
                          NAMING AND REVOKING
    //////////////////////////////////////////////////////////////*/

    /// Naming, changing and revoking a payer: the event carries the horizon, the views follow it, 0 revokes.
    function test_SetRevenuePayer_HorizonEventsAndViews() public {
        address billing = makeAddr("billing");
        assertFalse(token.isRevenuePayer(billing));
        assertEq(token.revenuePayerHorizon(billing), 0);

        uint256[3] memory horizons = [uint256(7 days), MAX_DURATION, 1];
        for (uint256 i; i < 3; ++i) {
            vm.expectEmit(address(token));
            emit IShareTokenEvents.RevenuePayerSet(op, billing, horizons[i]);
            vm.prank(op);
            token.setRevenuePayer(billing, horizons[i]);
            assertTrue(token.isRevenuePayer(billing));
            assertEq(token.revenuePayerHorizon(billing), horizons[i]);
            _assertLimits(billing, 1e6, 1, horizons[i]);
        }

        vm.expectEmit(address(token));
        emit IShareTokenEvents.RevenuePayerSet(op, billing, 0);
        vm.prank(op);
        token.setRevenuePayer(billing, 0);
        assertFalse(token.isRevenuePayer(billing));
        assertEq(token.revenuePayerHorizon(billing), 0);
        _assertLimits(billing, 1e6, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotRevenuePayer.selector, billing));
        vm.prank(billing);
        token.depositRevenue(1e6, 1);
        // The other payer is untouched.
        assertEq(token.revenuePayerHorizon(payer), HORIZON);
    }

    /// A horizon beyond MAX_DURATION is refused with the duration asked for; the payer keeps its horizon.
    function test_RevertWhen_SetRevenuePayer_HorizonAboveMaxDuration() public {
        vm.startPrank(op);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, MAX_DURATION + 1));
        token.setRevenuePayer(payer, MAX_DURATION + 1);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, type(uint256).max));
        token.setRevenuePayer(payer, type(uint256).max);
        vm.stopPrank();
        assertEq(token.revenuePayerHorizon(payer), HORIZON);
    }

    function test_RevertWhen_SetRevenuePayer_HorizonByNonOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, payer, op));
        vm.prank(payer);
        token.setRevenuePayer(payer, MAX_DURATION);
        assertEq(token.revenuePayerHorizon(payer), HORIZON);
    }

    /// The horizon is the granting operator's: a new operator's token knows no such payer (and the former operator
    /// becomes a stranger), until the registry names the granting operator again.
    function test_RevenuePayerHorizon_TiedToGrantingOperator() public {
        reg.setOperator(CLUSTER_ID, carol);
        assertEq(token.revenuePayerHorizon(payer), 0);
        assertFalse(token.isRevenuePayer(payer));
        _assertLimits(payer, 1e6, 0, 0);
        _assertLimits(op, 1e6, 0, 0);
        _assertLimits(carol, 1e6, 1, MAX_DURATION);
        _expectDepositRevert(payer, 1e6, 1, abi.encodeWithSelector(IShareTokenErrors.NotRevenuePayer.selector, payer));

        reg.setOperator(CLUSTER_ID, op);
        assertEq(token.revenuePayerHorizon(payer), HORIZON);
        _assertLimits(payer, 1e6, 1, HORIZON);
    }

    /*//////////////////////////////////////////////////////////////
                             DEPOSIT LIMITS
    //////////////////////////////////////////////////////////////*/

    /// With nothing running: a stranger gets (0, 0), a payer (1, horizon), the operator (1, MAX_DURATION); near the
    /// 2**32 time ceiling both are capped by it.
    function test_DepositLimits_EachDepositorNoStream() public {
        _assertLimits(alice, 1e6, 0, 0);
        _assertLimits(address(0), 1e6, 0, 0);
        _assertLimits(offering, 1e6, 0, 0);
        _assertLimits(payer, 1e6, 1, HORIZON);
        _assertLimits(op, 1e6, 1, MAX_DURATION);
        vm.warp(type(uint32).max - 10);
        _assertLimits(payer, 1e6, 1, 10);
        _assertLimits(op, 1e6, 1, 10);
        _assertLimits(alice, 1e6, 0, 0);
    }

    /// PayerHorizonExceeded with nothing running: the error names the horizon, and the horizon itself is accepted.
    function test_RevertWhen_PayerDeposit_NoStreamBeyondHorizon() public {
        _expectDepositRevert(payer, 1e6, HORIZON + 1, _horizonError(HORIZON + 1, HORIZON));
        _expectDepositRevert(payer, 1e6, MAX_DURATION, _horizonError(MAX_DURATION, HORIZON));
        vm.prank(payer);
        token.depositRevenue(1e6, HORIZON); // funded by the refused attempts
        assertEq(token.stream().end, START + HORIZON);
        assertEq(token.stream().ratePerSecond, _wholeRate(_accRate(1e6, HORIZON, SUPPLY), SUPPLY));
    }

    /// A running stream that ends before the horizon: the payer may extend it up to the horizon (not beyond), within
    /// the merge rule, which is checked first (a duration beyond both names the rate's limit).
    function test_RevertWhen_PayerDeposit_RunningStreamShorterThanHorizon() public {
        _deposit(MONTHLY, 10 days);
        uint256 rate = _accRate(MONTHLY, 10 days, SUPPLY);
        skip(1 days);
        uint256 left = 9 days;
        uint256 amount = 100_000e6;
        uint256 keeps = _keepsRate(rate, left, amount);
        assertGt(keeps, HORIZON + 1); // 9 days + 100,000 / 3,000 days = 42.3 days
        _assertLimits(payer, amount, left, HORIZON);
        _assertLimits(op, amount, left, keeps);

        _expectDepositRevert(payer, amount, HORIZON + 1, _horizonError(HORIZON + 1, HORIZON));
        _expectDepositRevert(
            payer,
            amount,
            keeps + 1,
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, keeps + 1, keeps)
        );
        _expectDepositRevert(
            payer,
            amount,
            left - 1,
            abi.encodeWithSelector(
                IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + left - 1, START + 10 days
            )
        );
        vm.prank(payer);
        token.depositRevenue(amount, HORIZON);
        assertEq(token.stream().end, block.timestamp + HORIZON);
        assertEq(token.stream().ratePerSecond, _wholeRate(_mergedRate(rate, left, amount, HORIZON), SUPPLY));
    }

    /// A running stream that ends after the horizon: the payer may only top up to the running end (its horizon is
    /// then the running end), while the operator may go as far as the rate allows.
    function test_RevertWhen_PayerDeposit_RunningStreamLongerThanHorizon() public {
        _deposit(YEARLY, 365 days);
        uint256 rate = _accRate(YEARLY, 365 days, SUPPLY);
        uint256 end = START + 365 days;
        skip(10 days);
        uint256 left = 355 days;
        uint256 keeps = _keepsRate(rate, left, 1000e6);
        assertGt(keeps, left + 1); // 1,000 USD buys one more day at 1,000 USD a day
        _assertLimits(payer, 1000e6, left, left);
        _assertLimits(op, 1000e6, left, keeps);

        _expectDepositRevert(payer, 1000e6, left + 1, _horizonError(left + 1, left));
        _expectDepositRevert(payer, 1000e6, keeps, _horizonError(keeps, left));
        _expectDepositRevert(
            payer,
            1000e6,
            HORIZON,
            abi.encodeWithSelector(IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + HORIZON, end)
        );
        vm.prank(payer);
        token.depositRevenue(1000e6, left);
        assertEq(token.stream().end, end);
        assertEq(token.stream().ratePerSecond, _wholeRate(_mergedRate(rate, left, 1000e6, left), SUPPLY));
    }

    /// A top-up to the running end is always allowed to a payer, whatever its horizon (here one second) and amount.
    function test_PayerDeposit_TopUpToRunningEndAlwaysAllowed() public {
        vm.prank(op);
        token.setRevenuePayer(payer, 1);
        _deposit(YEARLY, 365 days);
        uint256 rate = _accRate(YEARLY, 365 days, SUPPLY);
        skip(10 days);
        uint256 left = 355 days;
        _assertLimits(payer, 1, left, left);
        _depositAs(payer, 1, left);
        uint256 topped = _mergedRate(rate, left, 1, left);
        assertEq(token.stream().ratePerSecond, _wholeRate(topped, SUPPLY));
        skip(5 days);
        left = 350 days;
        _assertLimits(payer, 1_000_000e6, left, left);
        _depositAs(payer, 1_000_000e6, left);
        assertEq(token.stream().end, START + 365 days);
        assertEq(token.stream().ratePerSecond, _wholeRate(_mergedRate(topped, left, 1_000_000e6, left), SUPPLY));
        assertEq(token.totalDeposited(), YEARLY + 1 + 1_000_000e6);
    }

    /*//////////////////////////////////////////////////////////////
                     THE ATTACKER'S SCENARIOS, FIXED
    //////////////////////////////////////////////////////////////*/

    /// Attacker, "a dust deposit forces all future revenue into a ten-year stream": a payer's dust over MAX_DURATION
    /// is refused; the longest dust stream its horizon allows ends within the month, so the operator's 30,000 USD
    /// monthly deposit goes through over 30 days and the sole holder receives all of it in those 30 days (less than
    /// 250 USD on 061bc4f).
    function test_RevertWhen_PayerDustLocksFutureRevenueIntoTenYears() public {
        _send(offering, alice, SUPPLY);
        _expectDepositRevert(payer, 1, MAX_DURATION, _horizonError(MAX_DURATION, HORIZON));
        vm.prank(payer);
        token.depositRevenue(1, HORIZON); // the longest its horizon allows
        uint256 dustRate = _accRate(1, HORIZON, SUPPLY);

        skip(1 hours);
        (uint256 minDuration,) = token.depositLimits(op, MONTHLY);
        assertEq(minDuration, HORIZON - 1 hours);
        _deposit(MONTHLY, 30 days);
        uint256 merged = _mergedRate(dustRate, HORIZON - 1 hours, MONTHLY, 30 days);
        assertEq(token.stream().end, block.timestamp + 30 days);

        skip(30 days);
        uint256 earned = token.claimable(alice);
        assertEq(earned, _earned(SUPPLY, dustRate * 1 hours + merged * 30 days, SUPPLY));
        assertLe(earned, MONTHLY + 1);
        assertGe(earned + 2, MONTHLY + 1);
    }

    /// Attacker, "the dust stream is re-extended cheaply": a payer can push the end at most its horizon ahead of now,
    /// never ten years; the operator's monthly deposit still fits.
    function test_RevertWhen_PayerReExtendsDustStreamBeyondHorizon() public {
        _depositAs(payer, 1e6, HORIZON);
        skip(20 days);
        _assertLimits(payer, 1e6, 10 days, HORIZON);
        // The rate alone would let 1 USD push the end to 40 days from now, and 1,000 USD to ten years: the horizon
        // refuses both.
        uint256 keeps = _keepsRate(_accRate(1e6, HORIZON, SUPPLY), 10 days, 1e6);
        assertGe(keeps, 40 days - 1);
        _expectDepositRevert(payer, 1e6, keeps, _horizonError(keeps, HORIZON));
        _expectDepositRevert(payer, 1000e6, MAX_DURATION, _horizonError(MAX_DURATION, HORIZON));
        vm.prank(payer);
        token.depositRevenue(1e6, HORIZON);
        assertEq(token.stream().end, block.timestamp + HORIZON);
        (uint256 minDuration,) = token.depositLimits(op, MONTHLY);
        assertEq(minDuration, HORIZON);
        _deposit(MONTHLY, 30 days);
        assertEq(token.stream().end, block.timestamp + 30 days);
    }

    /// The operator has no horizon: it controls its own cash flow. Its own dust deposit over ten years is accepted and
    /// holds its later deposits (and its payers') to that end; that is the operator's choice, not an attack on it.
    function test_DepositRevenue_OperatorHasNoHorizon_ControlsItsOwnCashFlow() public {
        _assertLimits(op, 1, 1, MAX_DURATION);
        _deposit(1, MAX_DURATION);
        uint256 lockedEnd = START + MAX_DURATION;
        skip(1 hours);
        uint256 left = lockedEnd - block.timestamp;
        assertGt(_keepsRate(_accRate(1, MAX_DURATION, SUPPLY), left, MONTHLY), MAX_DURATION);
        _assertLimits(op, MONTHLY, left, MAX_DURATION);
        bytes memory err = abi.encodeWithSelector(
            IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + 30 days, lockedEnd
        );
        _expectDepositRevert(op, MONTHLY, 30 days, err);
        _expectDepositRevert(payer, MONTHLY, 30 days, err);
    }

    /// Attacker, "a front-run top-up reverts a planned deposit": still possible for a payer the operator named (it
    /// may only add), documented. The operator's retry with limits read afresh goes through, and revoking the payer
    /// ends it.
    function test_FrontRunTopUp_OperatorRetriesWithFreshLimits() public {
        _deposit(MONTHLY, 30 days); // 1,000 USD a day
        uint256 rate = _accRate(MONTHLY, 30 days, SUPPLY);
        skip(29 days);
        uint256 planned = 29_500e6;
        _assertLimits(op, planned, 1 days, _keepsRate(rate, 1 days, planned));
        assertGe(_keepsRate(rate, 1 days, planned), 30 days);

        _depositAs(payer, 20e6, 1 days); // the front-run: a top-up at the running end
        uint256 raised = _mergedRate(rate, 1 days, 20e6, 1 days);
        uint256 fresh = _keepsRate(raised, 1 days, planned);
        assertLt(fresh, 30 days);
        _expectDepositRevert(
            op, planned, 30 days, abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, 30 days, fresh)
        );

        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(op, planned);
        assertEq(minDuration, 1 days);
        assertEq(maxDuration, fresh);
        vm.prank(op);
        token.depositRevenue(planned, maxDuration); // funded by the refused attempt
        assertEq(token.stream().end, block.timestamp + fresh);
        assertEq(token.stream().ratePerSecond, _wholeRate(_mergedRate(raised, 1 days, planned, fresh), SUPPLY));

        vm.prank(op);
        token.setRevenuePayer(payer, 0);
        _expectDepositRevert(
            payer, 20e6, fresh, abi.encodeWithSelector(IShareTokenErrors.NotRevenuePayer.selector, payer)
        );
    }
}

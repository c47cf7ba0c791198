// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";

/// @notice Fuzz tests of ShareToken: pro-rata accrual, merges and their limits (M-1), just-in-time holders around dust
/// deposits, transfers at random times, `checkTransfer` against real transfers and the packed-width bounds.
contract ShareTokenFuzzTest is ShareTokenFixture {
    uint256 internal constant MAX_DEPOSITS = (1 << 60) - 1;
    uint256 internal constant YEARLY = 365_000e6;

    function testFuzz_Claim_ProRata(uint256 share, uint256 amount, uint256 duration, uint256 elapsed) public {
        share = bound(share, 1, SUPPLY);
        amount = bound(amount, 1, 1e15);
        duration = bound(duration, 1, 3650 days);
        elapsed = bound(elapsed, 0, 2 * duration);
        _send(offering, alice, share);
        _deposit(amount, duration);
        skip(elapsed);
        uint256 t = elapsed < duration ? elapsed : duration;
        uint256 streamed = amount * t / duration;
        assertApproxEqAbs(token.streamedTotal(), streamed, 1);
        uint256 expectedAlice = streamed * share / SUPPLY;
        assertLe(token.claimable(alice), expectedAlice + 1);
        assertGe(token.claimable(alice) + 2, expectedAlice);
        assertLe(token.claimable(alice) + token.claimable(offering), amount);
        vm.prank(alice);
        uint256 paid = token.claim();
        assertEq(usd.balanceOf(alice), paid);
        assertEq(token.claimable(alice), 0);
    }

    function testFuzz_Merge_TotalPaidAfterEnd(uint256 a1, uint256 d1, uint256 gap, uint256 a2, uint256 d2) public {
        a1 = bound(a1, 1, 1e15);
        a2 = bound(a2, 1, 1e15);
        d1 = bound(d1, 1, 3650 days);
        gap = bound(gap, 0, d1 + 10);
        _send(offering, alice, SUPPLY / 3);
        _deposit(a1, d1);
        skip(gap);
        // Any duration the merge rule allows (testFuzz_DepositLimits_InsideAcceptedOutsideRefused checks the limits).
        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(op, a2);
        d2 = bound(d2, minDuration, maxDuration);
        _deposit(a2, d2);
        assertLe(token.streamedTotal(), a1 + a2);
        skip(d2);
        uint256 total = token.claimable(alice) + token.claimable(offering);
        assertLe(total, a1 + a2);
        // rounding: < 1 per holder per checkpoint, < 1 per deposit
        assertGe(total + 6, a1 + a2);
    }

    function testFuzz_Transfers_ConserveRevenue(uint256 seed, uint256 amount, uint256 duration) public {
        amount = bound(amount, 1e6, 1e15);
        duration = bound(duration, 100, 365 days);
        _deposit(amount, duration);
        address[3] memory who = [alice, bob, carol];
        uint256 checkpoints = 1;
        for (uint256 i; i < 12; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            address from = i % 4 == 0 ? offering : who[seed % 3];
            address to = who[(seed >> 8) % 3];
            uint256 bal = token.balanceOf(from);
            _send(from, to, bal == 0 ? 0 : (seed >> 16) % bal);
            checkpoints += 2;
            skip((seed >> 128) % (duration / 6 + 1));
        }
        skip(duration);
        uint256 total =
            token.claimable(alice) + token.claimable(bob) + token.claimable(carol) + token.claimable(offering);
        assertLe(total, amount);
        assertGe(total + checkpoints + 2, amount);
    }

    /// @dev The packed widths cannot overflow at the extremes the entry checks allow: max supply, min supply, all
    /// cumulative deposits in one stream of one second or of MAX_DURATION, a holder of 1 share-wei.
    function testFuzz_PackedBounds_Extremes(uint256 supply, uint256 duration, uint256 holderShare, bool split) public {
        supply = bound(supply, 1, type(uint96).max);
        duration = bound(duration, 1, 3650 days);
        holderShare = bound(holderShare, 0, supply);
        ShareToken t = _newToken(usd, supply, offering);
        vm.prank(offering);
        t.transfer(alice, holderShare);

        usd.mint(op, MAX_DEPOSITS);
        vm.startPrank(op);
        usd.approve(address(t), MAX_DEPOSITS);
        if (split) {
            t.depositRevenue(MAX_DEPOSITS / 2, duration);
            skip(duration / 2);
            t.depositRevenue(MAX_DEPOSITS - MAX_DEPOSITS / 2, duration);
        } else {
            t.depositRevenue(MAX_DEPOSITS, duration);
        }
        vm.stopPrank();
        skip(duration);

        assertEq(t.totalDeposited(), MAX_DEPOSITS);
        assertLe(t.streamedTotal(), MAX_DEPOSITS);
        uint256 a = t.claimable(alice);
        uint256 o = t.claimable(offering);
        assertLe(a + o, MAX_DEPOSITS);
        assertGe(a + o + 6, MAX_DEPOSITS);
        assertApproxEqAbs(a, MAX_DEPOSITS * holderShare / supply, 3);
        // Balances and flags untouched by the accrued revenue.
        assertEq(t.balanceOf(alice), holderShare);
        assertEq(t.balanceOf(offering), supply - holderShare);
        assertFalse(t.isFrozen(alice));

        // A transfer and claims after the extremes still work and pay exactly what was claimable (bob, not the
        // protected offering, receives: the initial holder can never receive shares).
        vm.prank(alice);
        t.transfer(bob, holderShare);
        vm.prank(alice);
        assertEq(t.claim(), a);
        vm.prank(offering);
        assertEq(t.claim(), o);
        assertEq(usd.balanceOf(alice) + usd.balanceOf(offering), a + o);
        assertEq(t.balanceOf(bob), holderShare);
        assertEq(t.balanceOf(offering) + t.balanceOf(bob), supply);
        assertEq(t.claimable(bob), 0);
    }

    function testFuzz_JustInTime_NoLump(uint256 big, uint256 heldBefore, uint256 heldAfter) public {
        big = bound(big, 1e6, 1e15);
        heldBefore = bound(heldBefore, 1, 100);
        heldAfter = bound(heldAfter, 1, 100);
        uint256 duration = 30 days;
        _send(offering, bob, SUPPLY / 2);
        skip(heldBefore);
        _deposit(big, duration);
        skip(heldAfter);
        _send(bob, carol, SUPPLY / 2);
        skip(duration);
        // bob earns half the rate for heldAfter seconds only
        uint256 fair = big * heldAfter / duration / 2;
        assertLe(token.claimable(bob), fair + 1);
        assertGe(token.claimable(bob) + 2, fair);
    }

    /*//////////////////////////////////////////////////////////////
                          M-1: THE MERGE RULE
    //////////////////////////////////////////////////////////////*/

    /// @dev Deposits as the operator or as a payer it named (horizon MAX_DURATION), returning the revert data (empty on
    /// success).
    function _tryDeposit(bool byPayer, uint256 amount, uint256 duration) internal returns (bytes memory err) {
        return _tryDepositAs(byPayer ? _namePayer(MAX_DURATION) : op, amount, duration);
    }

    /// @dev Names the fuzz payer with `horizon` and returns it.
    function _namePayer(uint256 horizon) internal returns (address who) {
        who = makeAddr("payer");
        vm.prank(op);
        token.setRevenuePayer(who, horizon);
    }

    /// @dev Funds `who` and deposits as it, returning the revert data (empty on success).
    function _tryDepositAs(address who, uint256 amount, uint256 duration) internal returns (bytes memory err) {
        usd.mint(who, amount);
        vm.prank(who);
        usd.approve(address(token), amount);
        vm.prank(who);
        try token.depositRevenue(amount, duration) {}
        catch (bytes memory data) {
            err = data;
        }
    }

    /// @dev A duration in 1..MAX_DURATION: a sixth uniform, a sixth within [lo, hi], the rest within 3 s of `lo`, `hi`,
    /// or one of two more anchors (the rate's limit and the payer's horizon, which `hi` may hide).
    function _pickDuration(uint256 seed, uint256 lo, uint256 hi, uint256 anchor1, uint256 anchor2)
        internal
        pure
        returns (uint256 d)
    {
        uint256 mode = seed % 6;
        seed >>= 3;
        if (mode == 0) return seed % MAX_DURATION + 1;
        if (mode == 1) return lo + seed % (hi - lo + 1);
        uint256 anchor = mode == 2 ? lo : mode == 3 ? hi : mode == 4 ? anchor1 : anchor2;
        if (anchor > MAX_DURATION) anchor = MAX_DURATION;
        d = anchor + seed % 7;
        d = d > 4 ? d - 3 : 1;
        if (d > MAX_DURATION) d = MAX_DURATION;
    }

    /// @dev The rule restated for one deposit: the running end and time left, the longest duration that keeps the rate
    /// (unbounded with nothing running), the longest the depositor may reach (horizon or running end), and the limits
    /// the token reports.
    struct Limits {
        uint256 end;
        uint256 left;
        uint256 keeps;
        uint256 reach;
        uint256 lo;
        uint256 hi;
    }

    function _min3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256 m) {
        m = a < b ? a : b;
        if (c < m) m = c;
    }

    /// M-1 and the payer horizon: `depositLimits(depositor, amount)` equals the rule restated from the deposits made,
    /// for the operator (no horizon) and for a named payer with a random horizon; every duration inside the limits is
    /// accepted and every duration outside them refused with the error naming the violated limit (the merge rule is
    /// checked before the horizon, whose error names the later of the horizon and the running end).
    function testFuzz_DepositLimits_InsideAcceptedOutsideRefused(
        uint256 a1,
        uint256 d1,
        uint256 elapsed,
        uint256 amount,
        uint256 duration,
        uint256 horizon
    ) public {
        a1 = bound(a1, 1, 1e15);
        d1 = bound(d1, 1, MAX_DURATION);
        elapsed = bound(elapsed, 0, d1 + 10);
        amount = bound(amount, 1, 1e15);
        // 0: the operator deposits; otherwise a payer with that horizon (half of them up to 60 days).
        horizon = horizon % 3 == 0
            ? 0
            : horizon % 3 == 1 ? bound(horizon >> 2, 1, 60 days) : bound(horizon >> 2, 1, MAX_DURATION);
        _deposit(a1, d1);
        skip(elapsed);
        address who = horizon == 0 ? op : _namePayer(horizon);

        Limits memory x;
        x.end = START + d1;
        x.left = x.end > block.timestamp ? x.end - block.timestamp : 0;
        x.keeps = x.left == 0 ? type(uint256).max : _keepsRate(_accRate(a1, d1, SUPPLY), x.left, amount);
        x.reach = horizon == 0 ? MAX_DURATION : (horizon > x.left ? horizon : x.left);
        (x.lo, x.hi) = token.depositLimits(who, amount);
        assertEq(x.lo, x.left == 0 ? 1 : x.left);
        assertEq(x.hi, _min3(x.keeps, x.reach, MAX_DURATION));

        duration = _pickDuration(duration, x.lo, x.hi, x.keeps, x.reach);
        IShareToken.StreamState memory before = token.stream();
        bytes memory err = _tryDepositAs(who, amount, duration);
        assertEq(err.length == 0, duration >= x.lo && duration <= x.hi);
        if (duration < x.lo) {
            assertEq(
                err,
                abi.encodeWithSelector(
                    IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + duration, x.end
                )
            );
        } else if (duration > x.keeps) {
            assertEq(err, abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, duration, x.keeps));
        } else if (duration > x.reach) {
            assertEq(err, abi.encodeWithSelector(IShareTokenErrors.PayerHorizonExceeded.selector, duration, x.reach));
        } else {
            assertEq(err, "");
            assertEq(token.stream().end, block.timestamp + duration);
            if (x.left != 0) assertGe(token.stream().ratePerSecond, before.ratePerSecond);
            assertEq(token.totalDeposited(), a1 + amount);
        }
    }

    /// M-1: after an accepted merge, every later second streams at least what it streamed before (rate and end never
    /// go down), so the cumulative revenue of holders at any later time is at least what it would have been.
    function testFuzz_Merge_NeverSlowsNorShortens(
        uint256 a1,
        uint256 d1,
        uint256 elapsed,
        uint256 a2,
        uint256 d2,
        uint256 probe
    ) public {
        a1 = bound(a1, 1, 1e15);
        d1 = bound(d1, 2, MAX_DURATION);
        elapsed = bound(elapsed, 0, d1 - 1); // the first stream is still running
        a2 = bound(a2, 1, 1e15);
        _deposit(a1, d1);
        skip(elapsed);
        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(op, a2);
        d2 = bound(d2, minDuration, maxDuration);
        probe = bound(probe, 0, d2 + 10);
        uint256 t0 = block.timestamp;

        IShareToken.StreamState memory before = token.stream();
        uint256 snap = vm.snapshotState();
        vm.warp(t0 + probe);
        uint256 accBefore = token.stream().accumulator;
        uint256 streamedBefore = token.streamedTotal();
        vm.warp(t0 + probe + 1);
        uint256 stepBefore = token.stream().accumulator - accBefore;
        vm.revertToState(snap);

        _deposit(a2, d2);
        IShareToken.StreamState memory afterwards = token.stream();
        assertGe(afterwards.ratePerSecond, before.ratePerSecond);
        assertGe(afterwards.end, before.end);
        vm.warp(t0 + probe);
        uint256 accAfter = token.stream().accumulator;
        assertGe(token.streamedTotal(), streamedBefore);
        vm.warp(t0 + probe + 1);
        // The scaled accumulator view is rounded down once per reading: one scaled unit (1e-18 base units) of slack.
        assertGe(token.stream().accumulator - accAfter + 1, stepBefore);
    }

    /// M-1, JIT restated: a holder who buys a quarter of the supply one second before a dust deposit of ANY duration
    /// and sells one second after earns two seconds' pro-rata share of the running stream plus at most its share of
    /// the dust; exactly `r + r'` accumulator units, where r' is the rate after the deposit (r if it was refused).
    function testFuzz_JustInTime_DustDepositAnyDuration(uint256 dust, uint256 duration, bool byPayer) public {
        dust = bound(dust, 1, 1e6);
        _deposit(YEARLY, 365 days);
        uint256 rate = _accRate(YEARLY, 365 days, SUPPLY);
        skip(10 days - 1);
        _send(offering, bob, SUPPLY / 4);
        skip(1);
        uint256 left = START + 365 days - block.timestamp;
        // Half of the runs within 100 s of the current end (where a dust deposit may be accepted), half anywhere.
        duration = duration % 2 == 0 ? bound(duration >> 1, 1, MAX_DURATION) : left - 3 + (duration >> 1) % 100;
        bytes memory err = _tryDeposit(byPayer, dust, duration);
        uint256 next = rate;
        if (err.length == 0) {
            next = (rate * left + _accAdded(dust, SUPPLY)) / duration;
        } else {
            assertTrue(
                bytes4(err) == IShareTokenErrors.StreamWouldEndEarlier.selector
                    || bytes4(err) == IShareTokenErrors.StreamWouldSlowDown.selector
            );
        }
        skip(1);
        _send(bob, carol, SUPPLY / 4);
        uint256 earned = token.claimable(bob);
        assertEq(earned, _earned(SUPPLY / 4, rate + next, SUPPLY));
        assertLe(earned, YEARLY * 2 / 365 days / 4 + dust / 4 + 1);
        skip(365 days);
        assertEq(token.claimable(bob), earned);
    }

    /*//////////////////////////////////////////////////////////////
                   CHECK TRANSFER AGAINST A REAL TRANSFER
    //////////////////////////////////////////////////////////////*/

    /// @dev Returns the revert data of `call` on the token from `from` (empty on success), state untouched.
    function _outcome(address from, bytes memory call) internal returns (bytes memory err) {
        uint256 snap = vm.snapshotState();
        vm.prank(from);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = address(token).call(call);
        if (!ok) err = ret;
        vm.revertToState(snap);
    }

    /// `checkTransfer` reverts with exactly the error and arguments of the real transfer (run in a snapshot) in any
    /// mix of pauses, freezes, allowlist, verification, protected or invalid parties and amounts; `canTransfer`
    /// returns that error's selector. The operator is a party too (frozen, unverified, expired or verified), a quarter
    /// of the runs send from the protected account to the operator (the settlement exemption: no freeze or allowlist
    /// check, the pauses still apply), and in a quarter the registry names carol operator after the controls are set.
    function testFuzz_CheckTransfer_MatchesTransfer(uint256 seed, uint256 amount) public {
        _send(offering, alice, 100e18);
        _send(offering, bob, 50e18);
        _send(offering, op, 10e18);
        address[5] memory senders = [alice, bob, offering, address(0), op];
        address[7] memory receivers = [alice, bob, carol, offering, address(token), address(0), op];
        address from = senders[seed % 5];
        address to = receivers[(seed >> 8) % 7];
        if ((seed >> 27) & 3 == 0) (from, to) = (offering, (seed >> 29) & 3 == 0 ? carol : op);
        amount = bound(amount, 0, token.balanceOf(from) + 2);
        vm.startPrank(op);
        if ((seed >> 16) & 3 == 0) token.pause();
        if ((seed >> 17) & 1 != 0) token.setFrozen(alice, true);
        if ((seed >> 18) & 1 != 0) token.setFrozen(carol, true);
        if ((seed >> 19) & 1 != 0) token.setAllowlistEnabled(true);
        if ((seed >> 20) & 1 != 0) token.setVerified(bob, block.timestamp + 10);
        if ((seed >> 21) & 1 != 0) token.setVerified(carol, block.timestamp - 1); // expired
        if ((seed >> 22) & 1 != 0) token.setVerified(alice, block.timestamp);
        if ((seed >> 24) & 1 != 0) token.setFrozen(op, true);
        uint256 opVerification = (seed >> 25) & 3; // 0 never, 1 expired, 2 valid, 3 never
        if (opVerification == 1) token.setVerified(op, block.timestamp - 1);
        if (opVerification == 2) token.setVerified(op, block.timestamp + 10);
        vm.stopPrank();
        if ((seed >> 23) & 3 == 0) {
            vm.prank(gov);
            token.governancePause();
        }
        if ((seed >> 29) & 3 == 0) reg.setOperator(CLUSTER_ID, carol);

        bytes memory expected = _outcome(from, abi.encodeCall(token.transfer, (to, amount)));
        bytes memory checked;
        try token.checkTransfer(from, to, amount) {}
        catch (bytes memory data) {
            checked = data;
        }
        assertEq(checked, expected);
        (bool ok, bytes4 reason) = token.canTransfer(from, to, amount);
        assertEq(ok, expected.length == 0);
        assertEq(reason, bytes4(expected));
        // The exemption, restated: from the escrow to the current operator only the pauses (and the amount) refuse.
        if (from == offering && to == token.operator() && !token.paused() && amount <= token.balanceOf(offering)) {
            assertEq(expected, "");
        }
    }

    /*//////////////////////////////////////////////////////////////
                            STREAMED TOTAL AT
    //////////////////////////////////////////////////////////////*/

    /// @dev The restated stream of two deposits `gap` apart: the first rate until the merge, then the merged one (or a
    /// fresh one after the first ended) until the second end; what streamed `probe` seconds after the second deposit.
    function _restatedStreamed(uint256 a1, uint256 d1, uint256 gap, uint256 a2, uint256 d2, uint256 probe)
        internal
        pure
        returns (uint256)
    {
        uint256 rate1 = _accRate(a1, d1, SUPPLY);
        uint256 acc0 = rate1 * (gap < d1 ? gap : d1);
        uint256 merged = gap < d1 ? _mergedRate(rate1, d1 - gap, a2, d2) : _accRate(a2, d2, SUPPLY);
        return _streamedFor(acc0 + merged * (probe < d2 ? probe : d2));
    }

    /// `streamedTotalAt(t)` is known for t in [last deposit, now] and there reads exactly the restated stream (and what
    /// `streamedTotal()` read at t), never decreasing in t; before the last deposit and after now it is (false, 0).
    function testFuzz_StreamedTotalAt_KnownWindowExact(
        uint256 a1,
        uint256 d1,
        uint256 gap,
        uint256 a2,
        uint256 d2,
        uint256 elapsed,
        uint256 probe
    ) public {
        a1 = bound(a1, 1, 1e15);
        d1 = bound(d1, 1, MAX_DURATION);
        gap = bound(gap, 0, d1 + 10);
        a2 = bound(a2, 1, 1e15);
        _deposit(a1, d1);
        skip(gap);
        (uint256 lo, uint256 hi) = token.depositLimits(op, a2);
        d2 = bound(d2, lo, hi);
        _deposit(a2, d2);
        uint256 last = block.timestamp;
        elapsed = bound(elapsed, 0, d2 + 100);
        probe = bound(probe, 0, elapsed);

        uint256 expected = _restatedStreamed(a1, d1, gap, a2, d2, probe);
        vm.warp(last + probe);
        assertEq(token.streamedTotal(), expected);
        vm.warp(last + elapsed);
        (bool known, uint256 total) = token.streamedTotalAt(last + probe);
        assertTrue(known);
        assertEq(total, expected);
        if (probe < elapsed) {
            (, uint256 next) = token.streamedTotalAt(last + probe + 1);
            assertGe(next, total);
        }
        (known, total) = token.streamedTotalAt(block.timestamp);
        assertTrue(known);
        assertEq(total, token.streamedTotal());
        (known, total) = token.streamedTotalAt(last - 1);
        assertFalse(known);
        assertEq(total, 0);
        (known, total) = token.streamedTotalAt(block.timestamp + 1 + (probe % 1000));
        assertFalse(known);
        assertEq(total, 0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
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

    /// @dev Deposits as the operator or as a payer it named, returning the revert data (empty on success).
    function _tryDeposit(bool byPayer, uint256 amount, uint256 duration) internal returns (bytes memory err) {
        address who = op;
        if (byPayer) {
            who = makeAddr("payer");
            vm.prank(op);
            token.setRevenuePayer(who, 3650 days);
        }
        usd.mint(who, amount);
        vm.prank(who);
        usd.approve(address(token), amount);
        vm.prank(who);
        try token.depositRevenue(amount, duration) {}
        catch (bytes memory data) {
            err = data;
        }
    }

    /// @dev A duration in 1..MAX_DURATION: a quarter uniform, a quarter within [lo, hi], half within 3 s of a limit.
    function _pickDuration(uint256 seed, uint256 lo, uint256 hi) internal pure returns (uint256 d) {
        uint256 mode = seed % 4;
        seed >>= 2;
        if (mode == 0) d = seed % MAX_DURATION + 1;
        else if (mode == 1) d = lo + seed % (hi - lo + 1);
        else d = (mode == 2 ? lo : hi) + seed % 7;
        if (mode >= 2) d = d > 4 ? d - 3 : 1;
        if (d > MAX_DURATION) d = MAX_DURATION;
    }

    /// M-1: `depositLimits` equals the rule restated from the deposits made, every duration inside it is accepted (by
    /// the operator or a named payer) and every duration outside it refused with the error naming the violated limit.
    function testFuzz_DepositLimits_InsideAcceptedOutsideRefused(
        uint256 a1,
        uint256 d1,
        uint256 elapsed,
        uint256 amount,
        uint256 duration,
        bool byPayer
    ) public {
        a1 = bound(a1, 1, 1e15);
        d1 = bound(d1, 1, MAX_DURATION);
        elapsed = bound(elapsed, 0, d1 + 10);
        amount = bound(amount, 1, 1e15);
        _deposit(a1, d1);
        skip(elapsed);
        uint256 end = START + d1;

        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(op, amount);
        duration = _pickDuration(duration, minDuration, maxDuration);
        if (elapsed >= d1) {
            assertEq(minDuration, 1);
            assertEq(maxDuration, MAX_DURATION);
        } else {
            uint256 rate = _accRate(a1, d1, SUPPLY);
            uint256 keepsRate = (rate * (end - block.timestamp) + _accAdded(amount, SUPPLY)) / rate;
            assertEq(minDuration, end - block.timestamp);
            assertEq(maxDuration, keepsRate < MAX_DURATION ? keepsRate : MAX_DURATION);
        }

        IShareToken.StreamState memory before = token.stream();
        bytes memory err = _tryDeposit(byPayer, amount, duration);
        if (duration < minDuration) {
            assertEq(
                err, abi.encodeWithSelector(IShareToken.StreamWouldEndEarlier.selector, block.timestamp + duration, end)
            );
        } else if (duration > maxDuration) {
            assertEq(err, abi.encodeWithSelector(IShareToken.StreamWouldSlowDown.selector, duration, maxDuration));
        } else {
            assertEq(err, "");
            assertEq(token.stream().end, block.timestamp + duration);
            if (elapsed < d1) assertGe(token.stream().ratePerSecond, before.ratePerSecond);
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
                bytes4(err) == IShareToken.StreamWouldEndEarlier.selector
                    || bytes4(err) == IShareToken.StreamWouldSlowDown.selector
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
    /// returns that error's selector.
    function testFuzz_CheckTransfer_MatchesTransfer(uint256 seed, uint256 amount) public {
        _send(offering, alice, 100e18);
        _send(offering, bob, 50e18);
        address[4] memory senders = [alice, bob, offering, address(0)];
        address[6] memory receivers = [alice, bob, carol, offering, address(token), address(0)];
        address from = senders[seed % 4];
        address to = receivers[(seed >> 8) % 6];
        amount = bound(amount, 0, token.balanceOf(from) + 2);
        vm.startPrank(op);
        if ((seed >> 16) & 3 == 0) token.pause();
        if ((seed >> 17) & 1 != 0) token.setFrozen(alice, true);
        if ((seed >> 18) & 1 != 0) token.setFrozen(carol, true);
        if ((seed >> 19) & 1 != 0) token.setAllowlistEnabled(true);
        if ((seed >> 20) & 1 != 0) token.setVerified(bob, block.timestamp + 10);
        if ((seed >> 21) & 1 != 0) token.setVerified(carol, block.timestamp - 1); // expired
        if ((seed >> 22) & 1 != 0) token.setVerified(alice, block.timestamp);
        vm.stopPrank();
        if ((seed >> 23) & 3 == 0) {
            vm.prank(gov);
            token.governancePause();
        }

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
    }
}

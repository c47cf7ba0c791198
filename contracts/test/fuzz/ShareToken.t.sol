// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";

/// @notice Fuzz tests of ShareToken: pro-rata accrual, merges, transfers at random times and the packed-width bounds.
contract ShareTokenFuzzTest is ShareTokenFixture {
    uint256 internal constant MAX_DEPOSITS = (1 << 60) - 1;

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
        d2 = bound(d2, 1, 3650 days);
        gap = bound(gap, 0, d1 + 10);
        _send(offering, alice, SUPPLY / 3);
        _deposit(a1, d1);
        skip(gap);
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

        // A transfer and claims after the extremes still work and pay exactly what was claimable.
        vm.prank(alice);
        t.transfer(offering, holderShare);
        vm.prank(alice);
        assertEq(t.claim(), a);
        vm.prank(offering);
        assertEq(t.claim(), o);
        assertEq(usd.balanceOf(alice) + usd.balanceOf(offering), a + o);
        assertEq(t.balanceOf(offering), supply);
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
        _send(bob, offering, SUPPLY / 2);
        skip(duration);
        // bob earns half the rate for heldAfter seconds only
        uint256 fair = big * heldAfter / duration / 2;
        assertLe(token.claimable(bob), fair + 1);
        assertGe(token.claimable(bob) + 2, fair);
    }
}

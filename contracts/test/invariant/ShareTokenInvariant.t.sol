// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {ShareTokenHandler} from "./handlers/ShareTokenHandler.sol";

/// @notice Invariants I1-I5 of ShareToken (see contracts/test/invariant/README.md), the per-holder comparison with the
/// handler's per-tranche ghost model, the tranche schedules (M-1), `streamedTotalAt` against the ghost, the payer's
/// horizon, the protected account (M-4) and the outcome of every handler call as the ghost predicted it.
contract ShareTokenInvariantTest is ShareTokenFixture {
    ShareTokenHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](6);
        actors[0] = offering; // the protected account
        actors[1] = alice;
        actors[2] = bob;
        actors[3] = carol;
        actors[4] = makeAddr("dave");
        actors[5] = op; // receives from the escrow whatever its own freeze and verification (settlement)
        _send(offering, alice, SUPPLY / 5);
        _send(offering, bob, SUPPLY / 7);
        handler = new ShareTokenHandler(token, usd, op, gov, guardian, makeAddr("payer"), actors);
        targetContract(address(handler));
    }

    function _sumClaimable() internal view returns (uint256 sum) {
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += token.claimable(handler.actors(i));
        }
    }

    /// I1: Σclaimed + Σclaimable ≤ Σdeposited (claimed = the handler's total of the claims paid: the token keeps no
    /// claimed total, it is the sum of the `Claimed` events).
    function invariant_ClaimedPlusClaimableLeDeposited() public {
        vm.warp(handler.currentTime());
        assertLe(handler.gClaimed() + _sumClaimable(), token.totalDeposited());
        assertEq(token.totalDeposited(), handler.gDeposited());
    }

    /// I2: the token's stablecoin balance ≥ Σdeposited − Σclaimed.
    function invariant_StablecoinBalanceCoversUnclaimed() public view {
        assertGe(usd.balanceOf(address(token)), token.totalDeposited() - handler.gClaimed());
    }

    /// I3: streamed ≤ deposited at every moment (checked now and at the handler's clock).
    function invariant_StreamedLeDeposited() public {
        assertLe(token.streamedTotal(), token.totalDeposited());
        vm.warp(handler.currentTime());
        assertLe(token.streamedTotal(), token.totalDeposited());
    }

    /// I4: once every stream has ended, Σdeposited − Σclaimed − Σclaimable ≤ holders + checkpoints (base units).
    function invariant_DustAfterStreamsEnd() public {
        vm.warp(handler.currentTime());
        uint256 end = token.stream().end;
        if (block.timestamp < end) vm.warp(end);
        uint256 left = token.totalDeposited() - handler.gClaimed() - _sumClaimable();
        assertLe(left, handler.actorCount() + handler.gCheckpoints());
    }

    /// I5: Σbalances = totalSupply, and every balance is the ghost's.
    function invariant_BalancesSumToSupply() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            sum += token.balanceOf(a);
            assertEq(token.balanceOf(a), handler.gBalance(a));
        }
        assertEq(sum, token.totalSupply());
        assertEq(token.totalSupply(), SUPPLY);
    }

    /// Ghost model: every holder's claimable matches the per-tranche per-second model within its rounding budget
    /// (< 1 base unit per checkpoint of the account, < 1 per deposit).
    function invariant_MatchesGhostModel() public {
        vm.warp(handler.currentTime());
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            int256 owed = handler.gOwed(a) + handler.pendingOf(a, block.timestamp);
            int256 actual = int256(token.claimable(a)) * 1e18;
            uint256 budget = (handler.gAccountCheckpoints(a) + handler.gDeposits() + 2) * 1e18;
            int256 diff = owed - actual;
            assertLe(diff < 0 ? uint256(-diff) : uint256(diff), budget);
        }
    }

    /// M-1: every tranche is streamed on its own schedule: the token's streamedTotal equals the sum of the tranches'
    /// schedules up to now within one base unit per deposit (checked at the handler's clock and once every stream has
    /// ended).
    function invariant_TranchesStreamOnSchedule() public {
        vm.warp(handler.currentTime());
        _assertOnSchedule();
        uint256 end = token.stream().end;
        if (block.timestamp < end) vm.warp(end);
        _assertOnSchedule();
    }

    function _assertOnSchedule() internal view {
        int256 diff = int256(token.streamedTotal()) * 1e18 - handler.scheduledAt(block.timestamp);
        assertLe(diff < 0 ? uint256(-diff) : uint256(diff), (handler.gDeposits() + 1) * 1e18);
    }

    /// M-1: no accepted deposit lowered the rate or moved the end of a running stream earlier, the ghost's end is the
    /// token's, and no tranche takes from the ones before it: what each streams on top of them until their end is at
    /// least zero (one base unit of rounding).
    function invariant_NoDepositReschedules() public view {
        assertEq(handler.rescheduled(), 0);
        assertEq(token.stream().end, handler.gEnd());
        assertGe(handler.minTopUp(), -1e18);
    }

    /// `streamedTotalAt(t)` is known for every t from the last deposit to now and there equals the tranche schedules
    /// up to t within one base unit per deposit (plus one), never decreasing in t (probed at nine evenly spaced times
    /// and around the stream's end); it equals `streamedTotal()` at now and is unknown (false, 0) the second before the
    /// last deposit and the second after now.
    function invariant_StreamedTotalAtMatchesGhost() public {
        vm.warp(handler.currentTime());
        uint256 last = token.stream().lastUpdate;
        assertEq(last, handler.gLastDeposit());
        uint256 previous;
        for (uint256 k; k <= 8; ++k) {
            uint256 total = _assertStreamedAt(last + (block.timestamp - last) * k / 8);
            assertGe(total, previous);
            previous = total;
        }
        uint256 end = token.stream().end;
        for (uint256 t = end > 0 ? end - 1 : 0; t <= end + 1; ++t) {
            if (t >= last && t <= block.timestamp) _assertStreamedAt(t);
        }
        (bool known, uint256 atNow) = token.streamedTotalAt(block.timestamp);
        assertTrue(known);
        assertEq(atNow, token.streamedTotal());
        (known, atNow) = token.streamedTotalAt(block.timestamp + 1);
        assertFalse(known);
        assertEq(atNow, 0);
        if (last > 0) {
            (known, atNow) = token.streamedTotalAt(last - 1);
            assertFalse(known);
            assertEq(atNow, 0);
        }
    }

    function _assertStreamedAt(uint256 t) internal view returns (uint256 total) {
        bool known;
        (known, total) = token.streamedTotalAt(t);
        assertTrue(known);
        int256 diff = int256(total) * 1e18 - handler.scheduledAtAny(t);
        assertLe(diff < 0 ? uint256(-diff) : uint256(diff), (handler.gDeposits() + 1) * 1e18);
    }

    /// The payer's horizon, the allowlist and the freezes are the ghost's (the token's views read them back).
    function invariant_ControlsMatchGhost() public view {
        address payer = handler.payer();
        assertEq(token.revenuePayerHorizon(payer), handler.gHorizon());
        assertEq(token.isRevenuePayer(payer), handler.gHorizon() != 0);
        assertEq(token.allowlistEnabled(), handler.gAllowlist());
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            assertEq(token.isFrozen(a), handler.gFrozen(a));
            assertEq(token.verifiedUntil(a), handler.gVerifiedUntil(a));
        }
    }

    /// M-4: the protected account (the Offering's escrow) is never frozen and never receives shares.
    function invariant_ProtectedAccountOnlyPays() public view {
        address escrow = handler.protectedAccount();
        assertTrue(token.isProtected(escrow));
        assertFalse(token.isFrozen(escrow));
        assertLe(token.balanceOf(escrow), handler.protectedInitial());
    }

    /// Every handler call had exactly the outcome the ghost predicted: success, or the exact custom error with its
    /// arguments (merge rule, payer horizon, `depositLimits`, both pauses, freezes, allowlist and verifications, the
    /// protected account and its settlement with the operator, `checkTransfer` equal to the transfer).
    function invariant_OutcomesAsPredicted() public view {
        assertEq(handler.mismatches(), 0, handler.firstMismatch());
    }
}

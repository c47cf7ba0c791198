// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";

/// @notice `streamedTotalAt(timestamp)`: the revenue streamed to the whole supply up to `timestamp`, known for any
/// second from the last deposit (`stream().lastUpdate`) to now, unknown (false, 0) before it and in the future. The
/// Offering reads it to credit its buyers with what streamed after the sale was decided, however late it is settled.
/// Expected figures are restated from the deposits made (`_accRate`, `_mergedRate`, `_streamedFor`).
contract ShareTokenStreamedAtTest is ShareTokenFixture {
    function _at(uint256 timestamp) internal view returns (uint256 total) {
        bool known;
        (known, total) = token.streamedTotalAt(timestamp);
        assertTrue(known, "known");
    }

    function _assertUnknown(uint256 timestamp) internal view {
        (bool known, uint256 total) = token.streamedTotalAt(timestamp);
        assertFalse(known, "unknown");
        assertEq(total, 0);
    }

    /// Before any deposit nothing has streamed: every second up to now is known (and 0), the future is not.
    function test_StreamedTotalAt_BeforeAnyDeposit() public view {
        assertEq(token.stream().lastUpdate, 0);
        assertEq(_at(0), 0);
        assertEq(_at(START), 0);
        _assertUnknown(START + 1);
        _assertUnknown(type(uint256).max);
    }

    /// At now it is `streamedTotal()`, second by second through a stream and past its end.
    function test_StreamedTotalAt_EqualsStreamedTotalNow() public {
        _deposit(1000e6, 1000);
        uint256 rate = _accRate(1000e6, 1000, SUPPLY);
        for (uint256 i; i < 5; ++i) {
            skip(300);
            uint256 elapsed = block.timestamp - START < 1000 ? block.timestamp - START : 1000;
            assertEq(_at(block.timestamp), token.streamedTotal());
            assertEq(_at(block.timestamp), _streamedFor(rate * elapsed));
        }
    }

    /// Known exactly for [last deposit, now]: the second before the last deposit and the second after now are unknown.
    function test_StreamedTotalAt_KnownFromLastDepositToNow() public {
        _deposit(1000e6, 1000);
        uint256 rate = _accRate(1000e6, 1000, SUPPLY);
        skip(400);
        assertEq(_at(START), 0);
        assertEq(_at(START + 200), _streamedFor(rate * 200));

        uint256 merge = block.timestamp;
        _deposit(600e6, 1000);
        uint256 merged = _mergedRate(rate, 600, 600e6, 1000);
        skip(500);
        assertEq(token.stream().lastUpdate, merge);
        _assertUnknown(merge - 1);
        _assertUnknown(START + 200);
        assertEq(_at(merge), _streamedFor(rate * 400));
        assertEq(_at(merge + 250), _streamedFor(rate * 400 + merged * 250));
        assertEq(_at(block.timestamp), _streamedFor(rate * 400 + merged * 500));
        _assertUnknown(block.timestamp + 1);
    }

    /// Across the ends of two tranches (the first one's inside the merged stream, the merged stream's own): exact
    /// against the tranche schedules, and flat after the last end. At the first end the first tranche (1 USD/s) is
    /// complete and the second has streamed its 0.4 USD/s top-up for 800 s: 1,320 USD; at the last end all 3,000.
    function test_StreamedTotalAt_AcrossStreamEnds() public {
        _deposit(1000e6, 1000);
        uint256 rate = _accRate(1000e6, 1000, SUPPLY);
        skip(200);
        _deposit(2000e6, 2000); // (800 + 2000) / 2000 = 1.4 USD/s until START + 2200
        uint256 merged = _mergedRate(rate, 800, 2000e6, 2000);
        uint256 firstEnd = START + 1000;
        uint256 lastEnd = START + 2200;
        skip(3000);

        uint256[8] memory probes =
            [START + 200, firstEnd - 1, firstEnd, firstEnd + 1, lastEnd - 1, lastEnd, lastEnd + 1, block.timestamp];
        uint256 previous;
        for (uint256 i; i < probes.length; ++i) {
            uint256 t = probes[i] < lastEnd ? probes[i] : lastEnd;
            uint256 expected = _streamedFor(rate * 200 + merged * (t - (START + 200)));
            assertEq(_at(probes[i]), expected);
            assertGe(expected, previous);
            previous = expected;
        }
        assertApproxEqAbs(_at(firstEnd), 1320e6, 1);
        assertApproxEqAbs(_at(lastEnd), 3000e6, 1);
        assertEq(_at(lastEnd + 1), _at(block.timestamp));
    }

    /// Only a deposit closes the past: transfers, claims and both pauses keep every second since the last deposit
    /// known, with the same figures.
    function test_StreamedTotalAt_OtherActionsKeepThePastKnown() public {
        _deposit(1000e6, 1000);
        uint256 rate = _accRate(1000e6, 1000, SUPPLY);
        skip(100);
        _send(offering, alice, 10e18);
        vm.prank(alice);
        token.claim();
        vm.prank(op);
        token.pause();
        vm.prank(gov);
        token.governancePause();
        skip(100);
        assertEq(token.stream().lastUpdate, START);
        assertEq(_at(START), 0);
        assertEq(_at(START + 50), _streamedFor(rate * 50));
        assertEq(_at(block.timestamp), _streamedFor(rate * 200));
    }

    /// A deposit makes the seconds before it unknown but keeps the figure continuous: its own second reads the same
    /// before and after it.
    function test_StreamedTotalAt_ContinuousAcrossDeposit() public {
        _deposit(1000e6, 1000);
        skip(400);
        uint256 before = _at(block.timestamp);
        uint256 earlier = _at(block.timestamp - 1);
        _deposit(1e6, 600);
        assertEq(_at(block.timestamp), before);
        assertEq(token.streamedTotal(), before);
        _assertUnknown(block.timestamp - 1);
        assertLe(earlier, before);
    }

    /// For every second since the last deposit it reads what `streamedTotal()` read at that second.
    function test_StreamedTotalAt_MatchesStreamedTotalThen() public {
        _deposit(500e6, 700);
        skip(50);
        _deposit(900e6, 1300);
        uint256 from = block.timestamp;
        uint256[12] memory then;
        for (uint256 i; i < 12; ++i) {
            then[i] = token.streamedTotal();
            skip(137);
        }
        for (uint256 i; i < 12; ++i) {
            assertEq(_at(from + i * 137), then[i]);
        }
    }
}

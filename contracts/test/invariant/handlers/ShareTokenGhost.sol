// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

/// @title ShareTokenGhost
/// @notice The value ghost of ShareTokenHandler: every accepted deposit kept as its own tranche, exact in base units
/// (scaled by G = 1e18), and the holders' ghost balances and revenue. A deposit of `a` over `d` while the stream runs at
/// R until E streams `R' - R` per second until E, then `R'` until `now + d`, where `R' = (R * (E - now) + a) / d`; after
/// E (or with nothing running) it streams `a / d`. Between two actions the handler streams every tranche on its
/// schedule and shares it pro rata to the ghost balances. Tranches never change once recorded, so what they streamed up
/// to any past time can be told again (`scheduledAtAny`). It also keeps the count of calls whose outcome differed from
/// the handler's prediction.
abstract contract ShareTokenGhost is Test {
    uint256 internal constant G = 1e18;

    struct Tranche {
        uint256 start; // deposit time
        uint256 split; // end of the stream it merged into (= start if none was running)
        uint256 end; // its own end
        int256 preRate; // G-scaled base units per second for the whole supply, on [start, split)
        int256 postRate; // same, on [split, end)
    }

    uint256 public immutable supply;
    address[] public actors;

    Tranche[] internal _tranches;
    uint256 internal _firstLive;
    int256 public gRate; // the running rate, G-scaled (the last tranche's postRate while it runs)
    int256 public gScheduled; // Σ tranche schedules streamed up to gLast, G-scaled
    uint256 public gLast;
    uint256 public gCheckpoints;
    mapping(address => uint256) public gBalance;
    mapping(address => int256) public gOwed; // G-scaled
    mapping(address => uint256) public gAccountCheckpoints;

    // outcome checks: calls whose outcome differed from the prediction
    uint256 public mismatches;
    string public firstMismatch;

    constructor(uint256 supply_, address[] memory actors_) {
        supply = supply_;
        actors = actors_;
        gLast = block.timestamp;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function trancheCount() external view returns (uint256) {
        return _tranches.length;
    }

    /// @notice Σ of every tranche's schedule streamed up to `t` (>= gLast), G-scaled.
    function scheduledAt(uint256 t) public view returns (int256 total) {
        total = gScheduled;
        for (uint256 i = _firstLive; i < _tranches.length; ++i) {
            total += _streamed(_tranches[i], gLast, t);
        }
    }

    /// @notice Σ of every tranche's schedule streamed up to any time `t` (past ones included), G-scaled.
    function scheduledAtAny(uint256 t) public view returns (int256 total) {
        for (uint256 i; i < _tranches.length; ++i) {
            total += _streamed(_tranches[i], 0, t);
        }
    }

    /// @notice The least a tranche streamed on top of the earlier ones before their end (its top-up `preRate` over
    /// that span), G-scaled: negative would mean a deposit took revenue from the tranches before it.
    function minTopUp() external view returns (int256 least) {
        for (uint256 i; i < _tranches.length; ++i) {
            Tranche memory tr = _tranches[i];
            int256 topUp = tr.preRate * int256(tr.split - tr.start);
            if (i == 0 || topUp < least) least = topUp;
        }
    }

    /// @notice What the ghost would add to `a`'s revenue between gLast and `t`, G-scaled.
    function pendingOf(address a, uint256 t) external view returns (int256) {
        if (t <= gLast) return 0;
        return (scheduledAt(t) - gScheduled) * int256(gBalance[a]) / int256(supply);
    }

    /// @dev Streams every live tranche on its schedule from gLast to now, shared pro rata to the ghost balances.
    function _advance() internal {
        uint256 t = block.timestamp;
        if (t <= gLast) return;
        int256 streamed;
        uint256 first = _firstLive;
        for (uint256 i = first; i < _tranches.length; ++i) {
            Tranche storage tr = _tranches[i];
            streamed += _streamed(tr, gLast, t);
            // Ends never decrease (the rule), so the finished tranches form a prefix.
            if (tr.end <= t && i == first) first = i + 1;
        }
        _firstLive = first;
        for (uint256 i; i < actors.length; ++i) {
            gOwed[actors[i]] += streamed * int256(gBalance[actors[i]]) / int256(supply);
        }
        gScheduled += streamed;
        gLast = t;
    }

    /// @dev Records the tranche of a deposit accepted now (the ghost was advanced to now) into the stream running
    /// until `runningEnd`.
    function _recordTranche(uint256 amount, uint256 duration, uint256 runningEnd) internal {
        uint256 end = block.timestamp + duration;
        int256 running = runningEnd > block.timestamp ? gRate : int256(0);
        uint256 split = runningEnd > block.timestamp ? runningEnd : block.timestamp;
        int256 newRate = (running * int256(split - block.timestamp) + int256(amount * G)) / int256(duration);
        _tranches.push(
            Tranche({start: block.timestamp, split: split, end: end, preRate: newRate - running, postRate: newRate})
        );
        gRate = newRate;
    }

    /// @dev What `tr` streams between `t1` and `t2` on its schedule.
    function _streamed(Tranche memory tr, uint256 t1, uint256 t2) internal pure returns (int256) {
        return tr.preRate * int256(_overlap(t1, t2, tr.start, tr.split)) + tr.postRate
            * int256(_overlap(t1, t2, tr.split, tr.end));
    }

    function _overlap(uint256 a1, uint256 a2, uint256 b1, uint256 b2) internal pure returns (uint256) {
        uint256 lo = a1 > b1 ? a1 : b1;
        uint256 hi = a2 < b2 ? a2 : b2;
        return hi > lo ? hi - lo : 0;
    }

    function _moved(address from, address to, uint256 amount) internal {
        gBalance[from] -= amount;
        gBalance[to] += amount;
        _touch(from);
        _touch(to);
    }

    function _touch(address who) internal {
        gAccountCheckpoints[who] += 1;
        gCheckpoints += 1;
    }

    /// @dev Counts a mismatch unless the call succeeded when `expected` is empty, or reverted with exactly `expected`.
    function _check(bool ok, bytes memory ret, bytes memory expected, string memory what) internal {
        if (expected.length == 0 ? ok : !ok && keccak256(ret) == keccak256(expected)) return;
        _mismatch(
            what,
            string.concat(
                "expected ", expected.length == 0 ? "success" : vm.toString(expected), ", got ", vm.toString(ret)
            )
        );
    }

    function _mismatch(string memory what, string memory detail) internal {
        if (mismatches == 0) firstMismatch = string.concat(what, ": ", detail);
        ++mismatches;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../../src/ShareToken.sol";
import {TestStablecoin} from "../../../src/dev/TestStablecoin.sol";
import {IShareToken} from "../../../src/interfaces/IShareToken.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Test} from "forge-std/Test.sol";

/// @title ShareTokenHandler
/// @notice Drives a ShareToken with deposits of any amount (dust included) and any duration (1 s to MAX_DURATION) by
/// the operator, a named payer and a stranger, transfers, transferFrom, claims, warps, freezes, both pauses, forced
/// transfers and wallet recoveries. It predicts the outcome of every call from its own ghost (never from the token)
/// and counts each call whose outcome differs (success, or the exact custom error with its arguments).
/// @dev Two ghosts:
/// - The rule ghost restates the merge rule in the token's documented units (accumulator per share-wei scaled by
///   2**shift, shift = 30 + bitLength(supply)): a deposit while a stream runs must keep the rate,
///   `(rest + added) / duration >= rate`, and the end, `now + duration >= end`. It decides which deposits must revert.
/// - The value ghost keeps every accepted deposit as its own tranche, exact in base units (scaled by G = 1e18): a
///   deposit of `a` over `d` while the stream runs at R until E streams `R' - R` per second until E, then `R'` until
///   `now + d`, where `R' = (R * (E - now) + a) / d`; after E (or with nothing running) it streams `a / d`. Between two
///   actions the handler streams every tranche on its schedule and shares it pro rata to its own ghost balances.
contract ShareTokenHandler is Test {
    uint256 internal constant G = 1e18;
    uint256 internal constant MAX_DURATION = 3650 days;
    uint256 internal constant MAX_TOTAL_DEPOSITED = (1 << 60) - 1;
    uint256 internal constant TIME_CEILING = 4_000_000_000; // below 2**32, so deposits near it get InvalidDuration

    struct Tranche {
        uint256 start; // deposit time
        uint256 split; // end of the stream it merged into (= start if none was running)
        uint256 end; // its own end
        int256 preRate; // G-scaled base units per second for the whole supply, on [start, split)
        int256 postRate; // same, on [split, end)
    }

    ShareToken public immutable token;
    TestStablecoin public immutable usd;
    address public immutable op;
    address public immutable gov;
    address public immutable guardian;
    address public immutable payer;
    address public immutable stranger;
    address public immutable protectedAccount;
    uint256 public immutable supply;
    uint256 public immutable shift;
    uint256 public immutable protectedInitial;
    address[] public actors;

    uint256 public currentTime;

    // rule ghost (token units)
    uint256 public gAccRate;
    uint256 public gEnd;
    bool public gOperatorPaused;
    bool public gGovernancePaused;
    mapping(address => bool) public gFrozen;

    // value ghost
    Tranche[] internal _tranches;
    uint256 internal _firstLive;
    int256 public gRate; // the running rate, G-scaled (the last tranche's postRate while it runs)
    int256 public gScheduled; // Σ tranche schedules streamed up to gLast, G-scaled
    uint256 public gLast;
    uint256 public gDeposited;
    uint256 public gClaimed;
    uint256 public gDeposits;
    uint256 public gCheckpoints;
    mapping(address => uint256) public gBalance;
    mapping(address => int256) public gOwed; // G-scaled
    mapping(address => uint256) public gAccountCheckpoints;

    // outcome checks
    uint256 public mismatches;
    string public firstMismatch;
    uint256 public rescheduled; // accepted deposits that lowered the rate or the end of a running stream
    uint256 public acceptedDeposits;
    uint256 public refusedMerges;

    constructor(
        ShareToken token_,
        TestStablecoin usd_,
        address op_,
        address gov_,
        address guardian_,
        address payer_,
        address[] memory actors_
    ) {
        token = token_;
        usd = usd_;
        op = op_;
        gov = gov_;
        guardian = guardian_;
        payer = payer_;
        stranger = makeAddr("stranger");
        actors = actors_;
        protectedAccount = actors_[0];
        supply = token_.totalSupply();
        uint256 bits;
        for (uint256 s = supply; s != 0; s >>= 1) {
            ++bits;
        }
        shift = 30 + bits;
        for (uint256 i; i < actors_.length; ++i) {
            gBalance[actors_[i]] = token_.balanceOf(actors_[i]);
        }
        protectedInitial = gBalance[protectedAccount];
        currentTime = block.timestamp;
        gLast = block.timestamp;
        address[3] memory payers = [op_, payer_, stranger];
        for (uint256 i; i < 3; ++i) {
            vm.prank(payers[i]);
            usd.approve(address(token_), type(uint256).max);
        }
        vm.prank(op_);
        token_.setRevenuePayer(payer_, 3650 days);
    }

    modifier useTime() {
        vm.warp(currentTime);
        _;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

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

    /*//////////////////////////////////////////////////////////////
                                REVENUE
    //////////////////////////////////////////////////////////////*/

    /// @notice A deposit by the operator, the named payer or (rarely) a stranger, of dust or a real amount, over a
    /// duration drawn anywhere in 1..MAX_DURATION or within a few seconds of the rule's limits.
    function deposit(uint256 amount, uint256 duration, uint256 seed) external useTime {
        address who = seed % 8 == 7 ? stranger : seed % 2 == 0 ? op : payer;
        // A third dust (1 to 100 base units), one in 32 zero, the rest up to 10 million dollars.
        amount = (seed >> 3) % 32 == 0 ? 0 : (seed >> 8) % 3 == 0 ? amount % 100 + 1 : bound(amount, 1, 1e13);
        duration = _pickDuration(duration, amount);
        _advance();

        (bytes memory expected, uint256 newRate) = _predictDeposit(who, amount, duration);
        usd.mint(who, amount);
        IShareToken.StreamState memory before = token.stream();
        (bool ok, bytes memory ret) = _call(who, abi.encodeCall(token.depositRevenue, (amount, duration)));
        _check(ok, ret, expected, "deposit");
        if (!ok) {
            bytes4 sel = bytes4(ret);
            if (sel == IShareToken.StreamWouldEndEarlier.selector || sel == IShareToken.StreamWouldSlowDown.selector) {
                ++refusedMerges;
            }
            return;
        }

        IShareToken.StreamState memory afterwards = token.stream();
        if (before.end > block.timestamp) {
            if (afterwards.ratePerSecond < before.ratePerSecond || afterwards.end < before.end) ++rescheduled;
        }
        if (afterwards.end != block.timestamp + duration) _mismatch("deposit: end", "");
        if (afterwards.ratePerSecond != newRate * supply * 1e18 >> shift) _mismatch("deposit: rate", "");
        _addTranche(amount, duration);
        gAccRate = newRate;
        gEnd = block.timestamp + duration;
        gDeposited += amount;
        gDeposits += 1;
        gCheckpoints += 1;
        ++acceptedDeposits;
    }

    function claim(uint256 seed, uint256 recipientSeed) external useTime {
        address who = _actor(seed);
        _advance();
        bool to = recipientSeed % 3 == 0;
        (bool ok, bytes memory ret) = to
            ? _call(who, abi.encodeCall(token.claimTo, (_actor(recipientSeed >> 2))))
            : _call(who, abi.encodeCall(token.claim, ()));
        // Claims never stop: paused, frozen or protected, they succeed.
        _check(ok, ret, "", "claim");
        if (!ok) return;
        uint256 paid = abi.decode(ret, (uint256));
        gOwed[who] -= int256(paid * G);
        gClaimed += paid;
        _touch(who);
    }

    /*//////////////////////////////////////////////////////////////
                               TRANSFERS
    //////////////////////////////////////////////////////////////*/

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external useTime {
        address from = _actor(fromSeed);
        address to = toSeed % 16 == 15 ? address(token) : _actor(toSeed);
        amount = bound(amount, 0, gBalance[from]);
        _advance();
        bytes memory expected = _predictTransfer(from, to);
        // The view reverts exactly as the transfer does.
        (bool viewOk, bytes memory viewRet) =
            address(token).staticcall(abi.encodeCall(token.checkTransfer, (from, to, amount)));
        _check(viewOk, viewRet, expected, "checkTransfer");
        (bool ok, bytes memory ret) = _call(from, abi.encodeCall(token.transfer, (to, amount)));
        _check(ok, ret, expected, "transfer");
        if (ok) _moved(from, to, amount);
    }

    function transferFrom(uint256 ownerSeed, uint256 spenderSeed, uint256 toSeed, uint256 amount, bool infinite)
        external
        useTime
    {
        address owner = _actor(ownerSeed);
        address spender = _actor(spenderSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, gBalance[owner]);
        _advance();
        uint256 allowance = infinite ? type(uint256).max : amount;
        vm.prank(owner);
        token.approve(spender, allowance);
        bytes memory expected = _predictTransfer(owner, to);
        (bool ok, bytes memory ret) = _call(spender, abi.encodeCall(token.transferFrom, (owner, to, amount)));
        _check(ok, ret, expected, "transferFrom");
        if (!ok) return;
        if (token.allowance(owner, spender) != (infinite ? allowance : 0)) _mismatch("transferFrom: allowance", "");
        _moved(owner, to, amount);
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external useTime {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, gBalance[from]);
        _advance();
        bytes memory expected = _predictForced(from, to);
        (bool ok, bytes memory ret) = _call(op, abi.encodeCall(token.forcedTransfer, (from, to, amount)));
        _check(ok, ret, expected, "forcedTransfer");
        if (ok) _moved(from, to, amount);
    }

    function recoverWallet(uint256 lostSeed, uint256 toSeed) external useTime {
        address lost = _actor(lostSeed);
        address to = _actor(toSeed);
        _advance();
        bytes memory expected;
        // Whether `lost` holds any revenue is a matter of the token's rounding, so that one figure is read from it.
        if (lost == to || (gBalance[lost] == 0 && token.claimable(lost) == 0)) {
            expected = abi.encodeWithSelector(IShareToken.NothingToRecover.selector, lost);
        } else {
            expected = _predictForced(lost, to);
        }
        (bool ok, bytes memory ret) = _call(op, abi.encodeCall(token.recoverWallet, (lost, to)));
        _check(ok, ret, expected, "recoverWallet");
        if (!ok) return;
        _moved(lost, to, gBalance[lost]);
        // The unclaimed revenue moves with the shares, and so does its rounding history.
        gOwed[to] += gOwed[lost];
        gOwed[lost] = 0;
        gAccountCheckpoints[to] += gAccountCheckpoints[lost];
        gAccountCheckpoints[lost] = 0;
    }

    /*//////////////////////////////////////////////////////////////
                           CONTROLS AND TIME
    //////////////////////////////////////////////////////////////*/

    function setFrozen(uint256 seed, bool frozen) external useTime {
        address who = _actor(seed);
        bytes memory expected;
        if (who == protectedAccount) expected = abi.encodeWithSelector(IShareToken.ProtectedAccount.selector, who);
        (bool ok, bytes memory ret) = _call(op, abi.encodeCall(token.setFrozen, (who, frozen)));
        _check(ok, ret, expected, "setFrozen");
        if (ok) gFrozen[who] = frozen;
    }

    /// @notice Sets or lifts a pause: the operator's, governance's (by the owner or the guardian), an attempt of the
    /// operator and of the guardian to lift governance's (always refused), or lifting one or both.
    function togglePause(uint256 seed) external useTime {
        uint256 mode = seed % 8;
        bool ok;
        bytes memory ret;
        if (mode == 0) {
            (ok, ret) = _call(op, abi.encodeCall(token.pause, ()));
            _check(ok, ret, "", "pause");
            gOperatorPaused = true;
        } else if (mode == 1) {
            (ok, ret) = _call((seed >> 3) % 2 == 0 ? gov : guardian, abi.encodeCall(token.governancePause, ()));
            _check(ok, ret, "", "governancePause");
            gGovernancePaused = true;
        } else if (mode == 2) {
            (ok, ret) = _call(op, abi.encodeCall(token.governanceUnpause, ()));
            _check(ok, ret, abi.encodeWithSelector(IShareToken.NotGovernance.selector, op), "governanceUnpause by op");
            (ok, ret) = _call(guardian, abi.encodeCall(token.governanceUnpause, ()));
            _check(
                ok,
                ret,
                abi.encodeWithSelector(IShareToken.NotGovernance.selector, guardian),
                "governanceUnpause by guardian"
            );
        } else {
            if (mode != 4) {
                (ok, ret) = _call(op, abi.encodeCall(token.unpause, ()));
                _check(ok, ret, "", "unpause");
                gOperatorPaused = false;
            }
            if (mode != 3) {
                (ok, ret) = _call(gov, abi.encodeCall(token.governanceUnpause, ()));
                _check(ok, ret, "", "governanceUnpause");
                gGovernancePaused = false;
            }
        }
        if (token.pausedByOperator() != gOperatorPaused || token.pausedByGovernance() != gGovernancePaused) {
            _mismatch("pause flags", "");
        }
    }

    /// @notice Moves time forward: usually up to 20 days, sometimes to the stream's end (give or take a second).
    function warp(uint256 secs) external useTime {
        uint256 target = currentTime + bound(secs, 0, 20 days);
        if (secs % 8 == 0 && gEnd > currentTime) target = gEnd - 1 + (secs >> 3) % 3;
        if (target <= TIME_CEILING) currentTime = target;
    }

    /*//////////////////////////////////////////////////////////////
                              PREDICTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev The rule: what `who` depositing `amount` over `duration` must do now (empty: succeed), and the new rate.
    function _predictDeposit(address who, uint256 amount, uint256 duration)
        internal
        view
        returns (bytes memory err, uint256 newRate)
    {
        if (who == stranger) return (abi.encodeWithSelector(IShareToken.NotRevenuePayer.selector, who), 0);
        if (gOperatorPaused || gGovernancePaused) return (abi.encodeWithSelector(IShareToken.TokenPaused.selector), 0);
        if (amount == 0) return (abi.encodeWithSelector(IShareToken.ZeroAmount.selector), 0);
        if (duration == 0 || duration > MAX_DURATION || block.timestamp + duration > type(uint32).max) {
            return (abi.encodeWithSelector(IShareToken.InvalidDuration.selector, duration), 0);
        }
        if (amount > MAX_TOTAL_DEPOSITED - gDeposited) {
            return (abi.encodeWithSelector(IShareToken.DepositCapExceeded.selector, gDeposited, amount), 0);
        }
        uint256 added = (amount << shift) / supply;
        uint256 newEnd = block.timestamp + duration;
        if (gEnd <= block.timestamp) return ("", added / duration);
        if (newEnd < gEnd) {
            return (abi.encodeWithSelector(IShareToken.StreamWouldEndEarlier.selector, newEnd, gEnd), 0);
        }
        uint256 total = gAccRate * (gEnd - block.timestamp) + added;
        newRate = total / duration;
        if (newRate < gAccRate) {
            return (abi.encodeWithSelector(IShareToken.StreamWouldSlowDown.selector, duration, total / gAccRate), 0);
        }
    }

    /// @dev A transfer's outcome: either pause, then the sender's freeze, then the receiver (frozen, protected or the
    /// token itself). Balances are always sufficient (amounts are bounded by the ghost balance).
    function _predictTransfer(address from, address to) internal view returns (bytes memory) {
        if (gOperatorPaused || gGovernancePaused) return abi.encodeWithSelector(IShareToken.TokenPaused.selector);
        if (to == address(token)) return abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, to);
        if (gFrozen[from]) return abi.encodeWithSelector(IShareToken.AccountFrozen.selector, from);
        return _predictReceiver(to);
    }

    /// @dev A forced move's outcome: governance's pause only, never out of the protected account, then the receiver.
    function _predictForced(address from, address to) internal view returns (bytes memory) {
        if (gGovernancePaused) return abi.encodeWithSelector(IShareToken.TokenPaused.selector);
        if (from == protectedAccount) return abi.encodeWithSelector(IShareToken.ProtectedAccount.selector, from);
        return _predictReceiver(to);
    }

    function _predictReceiver(address to) internal view returns (bytes memory) {
        if (gFrozen[to]) return abi.encodeWithSelector(IShareToken.AccountFrozen.selector, to);
        if (to == protectedAccount) return abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, to);
        return "";
    }

    /// @dev A duration: a quarter uniform in 1..MAX_DURATION, a quarter of ordinary streams (up to 60 days), half
    /// within 3 s of the rule ghost's limits (the running end, or the longest duration that keeps the rate).
    function _pickDuration(uint256 seed, uint256 amount) internal view returns (uint256 d) {
        uint256 mode = seed % 4;
        seed >>= 2;
        if (mode == 0) return seed % MAX_DURATION + 1;
        if (mode == 1) return seed % 60 days + 1;
        uint256 limit = 1;
        if (gEnd > block.timestamp) {
            uint256 left = gEnd - block.timestamp;
            limit = mode == 2 ? left : (gAccRate * left + (amount << shift) / supply) / gAccRate;
        }
        d = limit + seed % 7;
        d = d > 4 ? d - 3 : 1;
        if (d > MAX_DURATION) d = MAX_DURATION;
    }

    /*//////////////////////////////////////////////////////////////
                                 GHOST
    //////////////////////////////////////////////////////////////*/

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

    /// @dev Adds the tranche of a deposit accepted now (the ghost was advanced to now).
    function _addTranche(uint256 amount, uint256 duration) internal {
        uint256 end = block.timestamp + duration;
        int256 running = gEnd > block.timestamp ? gRate : int256(0);
        uint256 split = gEnd > block.timestamp ? gEnd : block.timestamp;
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

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    /*//////////////////////////////////////////////////////////////
                            OUTCOME CHECKS
    //////////////////////////////////////////////////////////////*/

    function _call(address from, bytes memory data) internal returns (bool ok, bytes memory ret) {
        vm.prank(from);
        // solhint-disable-next-line avoid-low-level-calls
        (ok, ret) = address(token).call(data);
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

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../../src/ShareToken.sol";
import {TestStablecoin} from "../../../src/dev/TestStablecoin.sol";
import {IShareToken} from "../../../src/interfaces/IShareToken.sol";
import {IShareTokenErrors} from "../../../src/interfaces/IShareTokenErrors.sol";
import {ShareTokenGhost} from "./ShareTokenGhost.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @title ShareTokenHandler
/// @notice Drives a ShareToken with deposits of any amount (dust included) and any duration (1 s to MAX_DURATION) by
/// the operator, a named payer (whose horizon it sets, changes and revokes) and a stranger, transfers (among them the
/// escrow's settlement with the operator), transferFrom, claims, warps, freezes, the allowlist and verifications, both
/// pauses, forced transfers and wallet recoveries. It predicts the outcome of every call from its own ghost (never from
/// the token) and counts each call whose outcome differs (success, or the exact custom error with its arguments).
/// @dev Two ghosts:
/// - The rule ghost restates the merge rule in the token's documented units (accumulator per share-wei scaled by
///   2**shift, shift = 30 + bitLength(supply)): a deposit while a stream runs must keep the rate,
///   `(rest + added) / duration >= rate`, and the end, `now + duration >= end`; a payer's must also end no later than
///   the later of its horizon and the running end. It decides which deposits must revert, and the limits
///   `depositLimits` must report.
/// - The value ghost (ShareTokenGhost) keeps every accepted deposit as its own tranche, exact in base units.
contract ShareTokenHandler is ShareTokenGhost {
    uint256 internal constant MAX_DURATION = 3650 days;
    uint256 internal constant MAX_TOTAL_DEPOSITED = (1 << 60) - 1;
    uint256 internal constant TIME_CEILING = 4_000_000_000; // below 2**32, so deposits near it get InvalidDuration

    ShareToken public immutable token;
    TestStablecoin public immutable usd;
    address public immutable op;
    address public immutable gov;
    address public immutable guardian;
    address public immutable payer;
    address public immutable stranger;
    address public immutable protectedAccount;
    uint256 public immutable shift;
    uint256 public immutable protectedInitial;

    uint256 public currentTime;

    // rule ghost (token units)
    uint256 public gAccRate;
    uint256 public gEnd;
    uint256 public gHorizon; // the payer's horizon, 0 = not a payer
    bool public gOperatorPaused;
    bool public gGovernancePaused;
    bool public gAllowlist;
    mapping(address => bool) public gFrozen;
    mapping(address => uint256) public gVerifiedUntil;

    // value ghost extras
    uint256 public gDeposited;
    uint256 public gClaimed;
    uint256 public gDeposits;
    uint256 public gLastDeposit; // the token's `stream().lastUpdate`

    // coverage counters (the outcome checks are the ghost's)
    uint256 public rescheduled; // accepted deposits that lowered the rate or the end of a running stream
    uint256 public acceptedDeposits;
    uint256 public refusedMerges;
    uint256 public horizonRefusals;
    uint256 public settlements; // escrow -> operator transfers that only the settlement exemption let through

    constructor(
        ShareToken token_,
        TestStablecoin usd_,
        address op_,
        address gov_,
        address guardian_,
        address payer_,
        address[] memory actors_
    ) ShareTokenGhost(token_.totalSupply(), actors_) {
        token = token_;
        usd = usd_;
        op = op_;
        gov = gov_;
        guardian = guardian_;
        payer = payer_;
        stranger = makeAddr("stranger");
        protectedAccount = actors_[0];
        uint256 bits;
        for (uint256 s = token_.totalSupply(); s != 0; s >>= 1) {
            ++bits;
        }
        shift = 30 + bits;
        uint256[] memory until = new uint256[](actors_.length);
        for (uint256 i; i < actors_.length; ++i) {
            gBalance[actors_[i]] = token_.balanceOf(actors_[i]);
            // Every holder but the operator starts verified for good (the operator receives from the escrow anyway).
            if (actors_[i] != op_) until[i] = type(uint32).max;
            gVerifiedUntil[actors_[i]] = until[i];
        }
        protectedInitial = gBalance[protectedAccount];
        currentTime = block.timestamp;
        address[3] memory payers = [op_, payer_, stranger];
        for (uint256 i; i < 3; ++i) {
            vm.prank(payers[i]);
            usd.approve(address(token_), type(uint256).max);
        }
        vm.startPrank(op_);
        token_.setRevenuePayer(payer_, 30 days);
        token_.setVerifiedBatch(actors_, until);
        vm.stopPrank();
        gHorizon = 30 days;
    }

    modifier useTime() {
        vm.warp(currentTime);
        _;
    }

    /*//////////////////////////////////////////////////////////////
                                REVENUE
    //////////////////////////////////////////////////////////////*/

    /// @notice A deposit by the operator, the named payer or (rarely) a stranger, of dust or a real amount, over a
    /// duration drawn anywhere in 1..MAX_DURATION or within a few seconds of the rule's limits (the running end, the
    /// rate's limit, the payer's reach). `depositLimits(who, amount)` is checked against the rule ghost first.
    function deposit(uint256 amount, uint256 duration, uint256 seed) external useTime {
        address who = seed % 8 == 7 ? stranger : seed % 2 == 0 ? op : payer;
        // A third dust (1 to 100 base units), one in 32 zero, the rest up to 10 million dollars.
        amount = (seed >> 3) % 32 == 0 ? 0 : (seed >> 8) % 3 == 0 ? amount % 100 + 1 : bound(amount, 1, 1e13);
        duration = _pickDuration(duration, amount);
        _advance();

        _checkLimits(who, amount);
        (bytes memory expected, uint256 newRate) = _predictDeposit(who, amount, duration);
        usd.mint(who, amount);
        IShareToken.StreamState memory before = token.stream();
        // One in four by absolute end (`depositRevenueUntil`): the same rules, so the same prediction.
        (bool ok, bytes memory ret) = (seed >> 13) % 4 == 0
            ? _call(who, abi.encodeCall(token.depositRevenueUntil, (amount, block.timestamp + duration)))
            : _call(who, abi.encodeCall(token.depositRevenue, (amount, duration)));
        _check(ok, ret, expected, "deposit");
        if (!ok) {
            bytes4 sel = bytes4(ret);
            if (
                sel == IShareTokenErrors.StreamWouldEndEarlier.selector
                    || sel == IShareTokenErrors.StreamWouldSlowDown.selector
            ) {
                ++refusedMerges;
            }
            if (sel == IShareTokenErrors.PayerHorizonExceeded.selector) ++horizonRefusals;
            return;
        }

        IShareToken.StreamState memory afterwards = token.stream();
        if (before.end > block.timestamp) {
            if (afterwards.ratePerSecond < before.ratePerSecond || afterwards.end < before.end) ++rescheduled;
        }
        if (afterwards.end != block.timestamp + duration) _mismatch("deposit: end", "");
        if (afterwards.ratePerSecond != newRate * supply * 1e18 >> shift) _mismatch("deposit: rate", "");
        _recordTranche(amount, duration, gEnd);
        gAccRate = newRate;
        gEnd = block.timestamp + duration;
        gDeposited += amount;
        gDeposits += 1;
        gCheckpoints += 1;
        gLastDeposit = block.timestamp;
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

    /// @notice A transfer between holders; one in sixteen to the token itself, one in sixteen from the escrow to the
    /// operator (settlement: the operator's freeze and verification do not count, the pauses do).
    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external useTime {
        address from = _actor(fromSeed);
        address to = toSeed % 16 == 15 ? address(token) : _actor(toSeed);
        if (toSeed % 16 == 14) (from, to) = (protectedAccount, op);
        amount = bound(amount, 0, gBalance[from]);
        _advance();
        bytes memory expected = _predictTransfer(from, to);
        if (from == protectedAccount && to == op && expected.length == 0 && _receiverRuleRefuses(to)) ++settlements;
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
            expected = abi.encodeWithSelector(IShareTokenErrors.NothingToRecover.selector, lost);
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
        if (who == protectedAccount) {
            expected = abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, who);
        }
        (bool ok, bytes memory ret) = _call(op, abi.encodeCall(token.setFrozen, (who, frozen)));
        _check(ok, ret, expected, "setFrozen");
        if (ok) gFrozen[who] = frozen;
    }

    /// @notice Names the payer with a new horizon: short (up to 60 days), any (up to MAX_DURATION), the running
    /// stream's time left give or take 3 s, or 0 (revoked); or tries a horizon above MAX_DURATION, or lets a stranger
    /// try (both refused, the horizon unchanged).
    function setPayer(uint256 seed) external useTime {
        uint256 mode = seed % 8;
        seed >>= 3;
        uint256 horizon;
        address caller = op;
        bytes memory expected;
        if (mode == 0) {
            horizon = 0;
        } else if (mode == 1) {
            caller = stranger;
            horizon = seed % MAX_DURATION + 1;
            expected = abi.encodeWithSelector(IShareTokenErrors.NotOperator.selector, stranger, op);
        } else if (mode == 2) {
            horizon = MAX_DURATION + 1 + seed % 1000;
            expected = abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, horizon);
        } else if (mode <= 4) {
            horizon = seed % 60 days + 1;
        } else if (mode == 5) {
            horizon = seed % MAX_DURATION + 1;
        } else {
            uint256 left = gEnd > block.timestamp ? gEnd - block.timestamp : 0;
            horizon = left + seed % 7;
            horizon = horizon > 4 ? horizon - 3 : 1;
            if (horizon > MAX_DURATION) {
                expected = abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, horizon);
            }
        }
        (bool ok, bytes memory ret) = _call(caller, abi.encodeCall(token.setRevenuePayer, (payer, horizon)));
        _check(ok, ret, expected, "setRevenuePayer");
        if (ok) gHorizon = horizon;
        if (token.revenuePayerHorizon(payer) != gHorizon || token.isRevenuePayer(payer) != (gHorizon != 0)) {
            _mismatch("payer horizon", "");
        }
    }

    /// @notice Switches the allowlist on or off, or sets an actor's verification: for good, for up to 20 days, expired
    /// a second ago, or cleared (never verified).
    function setCompliance(uint256 seed) external useTime {
        uint256 mode = seed % 8;
        bool ok;
        bytes memory ret;
        if (mode < 2) {
            bool enabled = (seed >> 3) % 2 == 0;
            (ok, ret) = _call(op, abi.encodeCall(token.setAllowlistEnabled, (enabled)));
            _check(ok, ret, "", "setAllowlistEnabled");
            if (ok) gAllowlist = enabled;
        } else {
            address who = _actor(seed >> 3);
            uint256 until = mode < 5
                ? type(uint32).max
                : mode == 5 ? block.timestamp + (seed >> 8) % 20 days : mode == 6 ? block.timestamp - 1 : 0;
            (ok, ret) = _call(op, abi.encodeCall(token.setVerified, (who, until)));
            _check(ok, ret, "", "setVerified");
            if (ok) gVerifiedUntil[who] = until;
        }
        if (token.allowlistEnabled() != gAllowlist) _mismatch("allowlist flag", "");
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
            _check(
                ok, ret, abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, op), "governanceUnpause by op"
            );
            (ok, ret) = _call(guardian, abi.encodeCall(token.governanceUnpause, ()));
            _check(
                ok,
                ret,
                abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, guardian),
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

    /// @dev The payer's horizon as the deposit rule reads it: none for the operator, 0 for anyone not named.
    function _horizonOf(address who) internal view returns (uint256) {
        if (who == op) return type(uint256).max;
        return who == payer ? gHorizon : 0;
    }

    /// @dev The merge rule's bounds for `amount` now: the running stream's time left and the longest duration that
    /// keeps its rate (unbounded with nothing running).
    function _ruleBounds(uint256 amount) internal view returns (uint256 left, uint256 keepsRate) {
        if (gEnd <= block.timestamp) return (0, type(uint256).max);
        left = gEnd - block.timestamp;
        keepsRate = (gAccRate * left + (amount << shift) / supply) / gAccRate;
    }

    /// @dev `depositLimits(who, amount)` must be what the rule ghost says: (0, 0) whenever no deposit is possible (who
    /// may not deposit, a pause, a zero amount, the cap), else from the running end (or 1) to the least of
    /// MAX_DURATION, the 2**32 ceiling, the rate's limit and, for the payer, the later of its horizon and the running
    /// end.
    function _checkLimits(address who, uint256 amount) internal {
        uint256 horizon = _horizonOf(who);
        uint256 lo;
        uint256 hi;
        bool possible = horizon != 0 && !gOperatorPaused && !gGovernancePaused && amount != 0
            && amount <= MAX_TOTAL_DEPOSITED - gDeposited;
        if (possible) {
            (uint256 left, uint256 keepsRate) = _ruleBounds(amount);
            lo = left == 0 ? 1 : left;
            hi = type(uint32).max - block.timestamp;
            if (MAX_DURATION < hi) hi = MAX_DURATION;
            if (keepsRate < hi) hi = keepsRate;
            uint256 reach = horizon > left ? horizon : left;
            if (reach < hi) hi = reach;
        }
        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(who, amount);
        if (minDuration != lo || maxDuration != hi) {
            _mismatch(
                "depositLimits",
                string.concat(
                    "expected ",
                    vm.toString(lo),
                    "..",
                    vm.toString(hi),
                    ", got ",
                    vm.toString(minDuration),
                    "..",
                    vm.toString(maxDuration)
                )
            );
        }
    }

    /// @dev The rule: what `who` depositing `amount` over `duration` must do now (empty: succeed), and the new rate.
    function _predictDeposit(address who, uint256 amount, uint256 duration)
        internal
        view
        returns (bytes memory err, uint256 newRate)
    {
        uint256 horizon = _horizonOf(who);
        if (horizon == 0) return (abi.encodeWithSelector(IShareTokenErrors.NotRevenuePayer.selector, who), 0);
        if (gOperatorPaused || gGovernancePaused) {
            return (abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector), 0);
        }
        if (amount == 0) return (abi.encodeWithSelector(IShareTokenErrors.ZeroAmount.selector), 0);
        if (duration == 0 || duration > MAX_DURATION || block.timestamp + duration > type(uint32).max) {
            return (abi.encodeWithSelector(IShareTokenErrors.InvalidDuration.selector, duration), 0);
        }
        if (amount > MAX_TOTAL_DEPOSITED - gDeposited) {
            return (abi.encodeWithSelector(IShareTokenErrors.DepositCapExceeded.selector, gDeposited, amount), 0);
        }
        (uint256 left, uint256 keepsRate) = _ruleBounds(amount);
        if (left != 0) {
            if (duration < left) {
                return (
                    abi.encodeWithSelector(
                        IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + duration, gEnd
                    ),
                    0
                );
            }
            if (duration > keepsRate) {
                return (abi.encodeWithSelector(IShareTokenErrors.StreamWouldSlowDown.selector, duration, keepsRate), 0);
            }
        }
        if (duration > horizon && duration > left) {
            uint256 reach = horizon > left ? horizon : left;
            return (abi.encodeWithSelector(IShareTokenErrors.PayerHorizonExceeded.selector, duration, reach), 0);
        }
        newRate = (gAccRate * left + (amount << shift) / supply) / duration;
    }

    /// @dev A transfer's outcome: either pause, the token as receiver, then the sender's freeze, then the receiver.
    /// Balances are always sufficient (amounts are bounded by the ghost balance).
    function _predictTransfer(address from, address to) internal view returns (bytes memory) {
        if (gOperatorPaused || gGovernancePaused) {
            return abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector);
        }
        if (to == address(token)) return abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, to);
        if (gFrozen[from]) return abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, from);
        return _predictReceiver(from, to);
    }

    /// @dev A forced move's outcome: governance's pause only, never out of the protected account, then the receiver.
    function _predictForced(address from, address to) internal view returns (bytes memory) {
        if (gGovernancePaused) return abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector);
        if (from == protectedAccount) return abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, from);
        return _predictReceiver(from, to);
    }

    /// @dev The receiver's checks: never the protected account; from the protected account to the operator nothing
    /// else (settlement); otherwise its freeze, then (allowlist on) its verification.
    function _predictReceiver(address from, address to) internal view returns (bytes memory) {
        if (to == protectedAccount) return abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, to);
        if (from == protectedAccount && to == op) return "";
        if (gFrozen[to]) return abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, to);
        if (gAllowlist) {
            uint256 until = gVerifiedUntil[to];
            if (until == 0) return abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, to);
            if (until < block.timestamp) {
                return abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, to, until);
            }
        }
        return "";
    }

    /// @dev Whether the receiver's freeze or the allowlist would refuse `to` if it were an ordinary recipient.
    function _receiverRuleRefuses(address to) internal view returns (bool) {
        return gFrozen[to] || (gAllowlist && gVerifiedUntil[to] < block.timestamp);
    }

    /// @dev A duration: a sixth uniform in 1..MAX_DURATION, a sixth of ordinary streams (up to 60 days), the rest within
    /// 3 s of a limit the rule ghost knows: the running end, the longest duration that keeps the rate, or the payer's
    /// reach (the later of its horizon and the running end).
    function _pickDuration(uint256 seed, uint256 amount) internal view returns (uint256 d) {
        uint256 mode = seed % 6;
        seed >>= 3;
        if (mode == 0) return seed % MAX_DURATION + 1;
        if (mode == 1) return seed % 60 days + 1;
        (uint256 left, uint256 keepsRate) = _ruleBounds(amount);
        uint256 limit = 1;
        if (mode == 2) limit = left;
        else if (mode == 3) limit = keepsRate;
        else limit = gHorizon > left ? gHorizon : left;
        if (limit > MAX_DURATION) limit = MAX_DURATION;
        d = limit + seed % 7;
        d = d > 4 ? d - 3 : 1;
        if (d > MAX_DURATION) d = MAX_DURATION;
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
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestStablecoin} from "../../../src/dev/TestStablecoin.sol";
import {IOffering} from "../../../src/interfaces/IOffering.sol";
import {IShareToken} from "../../../src/interfaces/IShareToken.sol";
import {IShareTokenErrors} from "../../../src/interfaces/IShareTokenErrors.sol";
import {OfferingGhost} from "./OfferingGhost.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Vm} from "forge-std/Vm.sol";

/// @title OfferingHandler
/// @notice Drives one Offering (allowlist on) through purchases by eligible and ineligible buyers and the operator,
/// settlement, governance's cancellation, refunds (to the buyer or elsewhere), withdrawals (to the buyer, a verified
/// and an unverified address), escrow revenue claims, the operator's recovery of frozen buyers' purchases, the
/// operator's revenue deposits (including too-short dust ones, and deposits between the decision and settlement), the
/// operator's attempts on the escrow (recovery, forced transfers out of and into it, freeze), both pauses, freezes of
/// buyers, the operator freezing or unverifying ITSELF, and time. Every call predicts its outcome from the ghost model
/// (OfferingGhost) and counts any difference (a success that should have reverted, a revert with another error or other
/// arguments, an amount other than the model's) in `ghostUnexpected`.
contract OfferingHandler is OfferingGhost {
    /// @dev Far enough for every verification the handler sets.
    uint256 internal immutable FAR_AWAY;

    constructor(
        IOffering offering_,
        TestStablecoin usd_,
        address[5] memory roles, // operator, governance, guardian, stranger, vault
        address outsider_,
        address[] memory buyers_
    ) OfferingGhost(offering_, usd_, roles, outsider_, buyers_) {
        FAR_AWAY = end + 3650 days;
        vm.prank(operator);
        usd.approve(address(token), type(uint256).max);
    }

    modifier useTime() {
        vm.warp(currentTime);
        _;
    }

    /*//////////////////////////////////////////////////////////////
                                  SALE
    //////////////////////////////////////////////////////////////*/

    /// @notice A purchase by any buyer or by the operator, of 1 share-wei up to what remains. The purchase that sells
    /// out is the sale's decision.
    function buy(uint256 seed, uint256 shares) external useTime {
        address buyer = seed % 11 == 10 ? operator : _pickBuyer(seed);
        uint256 remaining = supply - gSold;
        // One purchase in four takes all that remains (the sell-out decides the sale).
        shares = seed % 4 == 1 && remaining != 0 ? remaining : bound(shares, 1, remaining == 0 ? 1 : remaining);
        uint256 cost = offering.quote(shares);
        usd.mint(buyer, cost);
        vm.prank(buyer);
        usd.approve(address(offering), cost);
        bytes memory expected = _buyError(buyer, shares, remaining);

        vm.prank(buyer);
        try offering.buy(shares, cost) returns (uint256 paid) {
            if (_succeeded("buy", expected) && paid == cost) {
                gBought[buyer] += shares;
                gPaid[buyer] += cost;
                gLiveShares[buyer] += shares;
                gLivePaid[buyer] += cost;
                gSold += shares;
                gRaised += cost;
                if (gSold == supply) _decide(block.timestamp, token.streamedTotal());
            } else if (expected.length == 0) {
                _unexpected("buy: cost", "");
            }
        } catch (bytes memory err) {
            _reverted("buy", err, expected);
        }
    }

    /// @notice Settlement by the operator or a stranger. The split of what the Offering earned is predicted from the
    /// decision (sell-out, end, or this early close) and checked in the `Finalized` event and in the balances.
    function finalize(bool byOperator) external useTime {
        address caller = byOperator ? operator : stranger;
        bytes memory expected;
        bool success;
        IOffering.Phase p = ghostPhase();
        if (gFinalized) {
            expected = abi.encodeWithSelector(IOffering.AlreadyFinalized.selector);
        } else if (_paused()) {
            expected = abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector);
        } else if (p == IOffering.Phase.SoldOut || p == IOffering.Phase.Succeeded) {
            success = true;
        } else if (p == IOffering.Phase.Open) {
            if (caller != operator) {
                expected = abi.encodeWithSelector(IOffering.NotOperator.selector, caller, operator);
            } else if (gSold < softCap) {
                expected = abi.encodeWithSelector(IOffering.SoftCapNotMet.selector, gSold, softCap);
            } else {
                success = true;
            }
        } else if (p == IOffering.Phase.Pending) {
            expected = abi.encodeWithSelector(IOffering.CannotFinalize.selector, p);
        } // Failed or Cancelled: settles as a failure

        uint256 earned = token.claimable(address(offering));
        uint256[3] memory before =
            [usd.balanceOf(operator), token.balanceOf(operator), usd.balanceOf(address(offering))];
        vm.recordLogs();
        vm.prank(caller);
        try offering.finalize() {
            if (!_succeeded("finalize", expected)) return;
            // The operator's early close decides the sale now: nothing has streamed since.
            if (success && !gDecided) _decide(block.timestamp, token.streamedTotal());
            _settled(success, earned, before);
        } catch (bytes memory err) {
            _reverted("finalize", err, expected);
        }
    }

    /// @dev finalize went through: the event's figures, the balances and the escrow's opening are the model's.
    function _settled(bool success, uint256 earned, uint256[3] memory before) internal {
        gFinalized = true;
        gSucceeded = success;
        (uint256 credit, uint256 floor_) = _expectedSplit(success, earned);
        uint256 proceeds = success ? gRaised : 0;
        uint256 returned = success ? supply - gSold : supply;
        // The event's split is kept as the chain reported it (O5 checks it against the floor); any other difference
        // from the model is a surprise here.
        (bool found, bytes memory data) = _finalizedEvent();
        if (!found || data.length != 192) {
            _unexpected("finalize: no event", data);
            return;
        }
        (bool s_, uint256 sold_, uint256 proceeds_, uint256 returned_, uint256 forwarded_, uint256 escrowed_) =
            abi.decode(data, (bool, uint256, uint256, uint256, uint256, uint256));
        if (s_ != success || sold_ != gSold || proceeds_ != proceeds || returned_ != returned) {
            _unexpected("finalize: event", data);
        }
        if (escrowed_ != credit) _unexpected("finalize: split", data);
        (gEarned, gForwarded, gEscrowCredited, gCreditFloor) = (earned, forwarded_, escrowed_, floor_);
        // The operator receives exactly the proceeds, its part of the revenue and the unsold (or all) shares; the
        // Offering keeps exactly the buyers' credit (and the refunds owed after a failure).
        if (usd.balanceOf(operator) != before[0] + proceeds + earned - credit) _unexpected("finalize: usd", "");
        if (token.balanceOf(operator) != before[1] + returned) _unexpected("finalize: shares", "");
        if (usd.balanceOf(address(offering)) != before[2] - proceeds + credit) _unexpected("finalize: escrow usd", "");
        if (!success) return;
        _openEscrow(credit);
        for (uint256 i; i < buyers.length; ++i) {
            (, uint256 owed) = _owedNow(buyers[i], 0);
            if (offering.escrowRevenueOf(buyers[i]) != owed) _unexpected("finalize: buyer's part", "");
        }
    }

    /// @dev The data of the Offering's `Finalized` event among the logs recorded since `vm.recordLogs()`.
    function _finalizedEvent() internal returns (bool found, bytes memory data) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(offering) && logs[i].topics[0] == IOffering.Finalized.selector) {
                return (true, logs[i].data);
            }
        }
    }

    /// @notice Governance's cancellation, or someone else's attempt at it.
    function cancel(uint256 seed) external useTime {
        // Governance cancels in one call of thirty, so that most sales get to settle first (seeds are hashed: the
        // fuzzer favours 0).
        uint256 k = _mix(seed) % 30;
        address caller = k == 0 ? governance : [operator, guardian, stranger][k % 3];
        bytes memory expected;
        if (caller != governance) {
            expected = abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, caller);
        } else if (gFinalized || gCancelled) {
            expected = abi.encodeWithSelector(IOffering.CannotCancel.selector, ghostPhase());
        }
        vm.prank(caller);
        try offering.cancel() {
            if (_succeeded("cancel", expected)) gCancelled = true;
        } catch (bytes memory err) {
            _reverted("cancel", err, expected);
        }
    }

    /// @notice refund, or refundTo the buyer, the vault, the outsider or zero.
    function refund(uint256 seed, uint256 recipientSeed, bool to) external useTime {
        address buyer = _pickBuyer(seed);
        address[4] memory recipients = [buyer, vault, outsider, address(0)];
        address recipient = to ? recipients[recipientSeed % 4] : buyer;
        IOffering.Phase p = ghostPhase();
        bytes memory expected;
        if (to && recipient == address(0)) {
            expected = abi.encodeWithSelector(IOffering.ZeroAddress.selector);
        } else if (p != IOffering.Phase.Failed && p != IOffering.Phase.Cancelled) {
            expected = abi.encodeWithSelector(IOffering.RefundUnavailable.selector, p);
        } else if (gLivePaid[buyer] == 0) {
            expected = abi.encodeWithSelector(IOffering.NothingToRefund.selector, buyer);
        }
        uint256 before = usd.balanceOf(recipient);
        vm.prank(buyer);
        if (to) {
            try offering.refundTo(recipient) returns (uint256 amount) {
                _refunded(buyer, recipient, amount, expected, before);
            } catch (bytes memory err) {
                _reverted("refund", err, expected);
            }
        } else {
            try offering.refund() returns (uint256 amount) {
                _refunded(buyer, recipient, amount, expected, before);
            } catch (bytes memory err) {
                _reverted("refund", err, expected);
            }
        }
    }

    /// @dev A refund went through: exactly the live payment, to `recipient`; the purchase record is gone.
    function _refunded(address buyer, address recipient, uint256 amount, bytes memory expected, uint256 before)
        internal
    {
        if (!_succeeded("refund", expected)) return;
        if (amount != gLivePaid[buyer] || usd.balanceOf(recipient) != before + amount) {
            _unexpected("refund: amount", "");
        }
        gRefunded[buyer] += amount;
        gTotalRefunded += amount;
        gTotalRefundedShares += gLiveShares[buyer];
        (gLiveShares[buyer], gLivePaid[buyer]) = (0, 0);
    }

    /// @notice withdrawShares, or withdrawSharesTo the buyer, the verified vault or an unverified outsider. A frozen
    /// buyer may deliver nowhere else (`AccountFrozen(buyer)`, before anything else is checked).
    function withdraw(uint256 seed, uint256 recipientSeed, bool to) external useTime {
        address buyer = _pickBuyer(seed);
        address[3] memory recipients = [buyer, vault, outsider];
        address recipient = to ? recipients[recipientSeed % 3] : buyer;
        bytes memory expected;
        if (to && recipient != buyer && gFrozen[buyer]) {
            expected = abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, buyer);
        } else if (!gSucceeded) {
            expected = abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, ghostPhase());
        } else if (gLiveShares[buyer] == 0) {
            expected = abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, buyer);
        } else {
            expected = _receiveError(recipient);
        }
        uint256 pending = token.claimable(address(offering));
        uint256[3] memory before = [offering.escrowRevenueOf(buyer), token.balanceOf(recipient), pending];
        vm.prank(buyer);
        if (to) {
            try offering.withdrawSharesTo(recipient) returns (uint256 shares, uint256 revenue) {
                _withdrawn(buyer, recipient, shares, revenue, expected, before);
            } catch (bytes memory err) {
                _reverted("withdraw", err, expected);
            }
        } else {
            try offering.withdrawShares() returns (uint256 shares, uint256 revenue) {
                _withdrawn(buyer, recipient, shares, revenue, expected, before);
            } catch (bytes memory err) {
                _reverted("withdraw", err, expected);
            }
        }
    }

    /// @dev A withdrawal went through: exactly the live shares, the revenue the model's accumulator owes (which
    /// `escrowRevenueOf` announced too), delivered to `recipient`. `before`: preview, recipient's shares, pending.
    function _withdrawn(
        address buyer,
        address recipient,
        uint256 shares,
        uint256 revenue,
        bytes memory expected,
        uint256[3] memory before
    ) internal {
        if (!_succeeded("withdraw", expected)) return;
        (uint256 perShare, uint256 owed) = _owedNow(buyer, before[2]);
        if (shares != gLiveShares[buyer] || revenue != owed || revenue != before[0]) {
            _unexpected("withdraw: amounts", "");
        }
        if (token.balanceOf(recipient) != before[1] + shares) _unexpected("withdraw: delivery", "");
        _collected(perShare, before[2], revenue);
        gEscrowedShares -= shares;
        gMark[buyer] = 0;
        gSharesDelivered[buyer] += shares;
        gTotalDelivered += shares;
        gTotalPaidDelivered += gLivePaid[buyer];
        (gLiveShares[buyer], gLivePaid[buyer]) = (0, 0);
    }

    /// @notice Claims escrow revenue to the buyer, the vault or the outsider (no token rule applies to revenue; a
    /// frozen buyer claims too).
    function claimEscrowRevenue(uint256 seed, uint256 recipientSeed) external useTime {
        address buyer = _pickBuyer(seed);
        address[3] memory recipients = [buyer, vault, outsider];
        address recipient = recipients[recipientSeed % 3];
        bytes memory expected;
        if (!gSucceeded) {
            expected = abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, ghostPhase());
        } else if (gLiveShares[buyer] == 0) {
            expected = abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, buyer);
        }
        uint256 preview = offering.escrowRevenueOf(buyer);
        uint256 pending = token.claimable(address(offering));
        uint256 before = usd.balanceOf(recipient);
        vm.prank(buyer);
        try offering.claimEscrowRevenue(recipient) returns (uint256 amount) {
            if (!_succeeded("claimEscrowRevenue", expected)) return;
            (uint256 perShare, uint256 owed) = _owedNow(buyer, pending);
            if (amount != owed || amount != preview || usd.balanceOf(recipient) != before + amount) {
                _unexpected("claim: amount", "");
            }
            _collected(perShare, pending, amount);
            gMark[buyer] = perShare;
        } catch (bytes memory err) {
            _reverted("claimEscrowRevenue", err, expected);
        }
    }

    /// @notice The operator (one call in eight a stranger) moves a buyer's purchase to another address of the buyer
    /// list, or to zero, the Offering or the token. Only a frozen buyer's, only to an address holding no purchase.
    function recoverPurchase(uint256 seed, uint256 lostSeed, uint256 replacementSeed) external useTime {
        address caller = seed % 8 == 0 ? stranger : operator;
        // Three calls in four aim at a frozen buyer holding a purchase and at an address holding none (when there are
        // such), the others at anyone and anything.
        address lost = lostSeed % 4 == 0 ? _pickBuyer(lostSeed >> 2) : _findBuyer(lostSeed >> 2, true);
        address replacement;
        if (replacementSeed % 4 == 0) {
            uint256 r = (replacementSeed >> 2) % (buyers.length + 3);
            replacement = r < buyers.length
                ? buyers[r]
                : (r == buyers.length ? address(0) : (r == buyers.length + 1 ? address(offering) : address(token)));
        } else {
            replacement = _findBuyer(replacementSeed >> 2, false);
        }
        bytes memory expected = _recoverError(caller, lost, replacement);
        uint256 preview = offering.escrowRevenueOf(lost);
        vm.prank(caller);
        try offering.recoverPurchase(lost, replacement) {
            if (!_succeeded("recoverPurchase", expected)) return;
            (uint256 shares, uint256 paid) = (gLiveShares[lost], gLivePaid[lost]);
            (gLiveShares[replacement], gLivePaid[replacement], gMark[replacement]) = (shares, paid, gMark[lost]);
            (gLiveShares[lost], gLivePaid[lost], gMark[lost]) = (0, 0, 0);
            gHandedShares[replacement] += shares;
            gHandedPaid[replacement] += paid;
            gRecoveries += 1;
            // The unclaimed escrow revenue moved with the purchase, exactly.
            if (offering.escrowRevenueOf(replacement) != preview || offering.escrowRevenueOf(lost) != 0) {
                _unexpected("recoverPurchase: revenue", "");
            }
        } catch (bytes memory err) {
            _reverted("recoverPurchase", err, expected);
        }
    }

    /// @dev A seed spread over its range (the fuzzer favours 0 and other edge values, which would always pick the
    /// first branch).
    function _mix(uint256 seed) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed)));
    }

    /// @dev From a seed-chosen index on, the first address of the buyer list that is frozen and holds a purchase
    /// (`lost`) or holds no purchase (otherwise); the seed's pick if there is none.
    function _findBuyer(uint256 seed, bool lost) internal view returns (address) {
        uint256 n = buyers.length;
        for (uint256 i; i < n; ++i) {
            address b = buyers[(seed + i) % n];
            if (lost ? gFrozen[b] && gLiveShares[b] != 0 : gLiveShares[b] == 0) return b;
        }
        return buyers[seed % n];
    }

    /*//////////////////////////////////////////////////////////////
                        REVENUE, CONTROLS, TIME
    //////////////////////////////////////////////////////////////*/

    /// @notice The operator deposits revenue within the token's limits, or (tooShort) a stream that would end before
    /// the running one, which must be refused. A deposit after the decision and before settlement hides the decision
    /// time from the chain (the split then shares everything the Offering earned).
    function deposit(uint256 amount, uint256 duration, bool tooShort) external useTime {
        amount = bound(amount, 1, 1e11);
        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(operator, amount);
        bytes memory expected;
        if (tooShort && minDuration > 1) {
            duration = bound(duration, 1, minDuration - 1);
            expected = abi.encodeWithSelector(
                IShareTokenErrors.StreamWouldEndEarlier.selector, block.timestamp + duration, token.stream().end
            );
        } else {
            uint256 upper = maxDuration < minDuration + 30 days ? maxDuration : minDuration + 30 days;
            duration = bound(duration, minDuration, upper);
        }
        if (_paused()) expected = abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector);
        usd.mint(operator, amount);
        vm.prank(operator);
        try token.depositRevenue(amount, duration) {
            if (!_succeeded("deposit", expected)) return;
            if (gDecided && !gFinalized && !gCancelled && block.timestamp > gDecidedAt) gDepositAfterDecision = true;
        } catch (bytes memory err) {
            _reverted("deposit", err, expected);
        }
    }

    /// @notice The operator's controls against the escrow: every one of them must revert.
    function attackEscrow(uint256 kind, uint256 amount) external useTime {
        address o = address(offering);
        bytes memory protectedErr = abi.encodeWithSelector(IShareTokenErrors.ProtectedAccount.selector, o);
        bytes memory invalidReceiver = abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, o);
        bytes memory paused = abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector);
        bytes memory call;
        bytes memory expected;
        kind %= 5;
        if (kind == 0) {
            call = abi.encodeCall(IShareToken.recoverWallet, (o, operator));
            expected = token.balanceOf(o) == 0 && token.claimable(o) == 0
                ? abi.encodeWithSelector(IShareTokenErrors.NothingToRecover.selector, o)
                : (gGovernancePaused ? paused : protectedErr);
        } else if (kind == 1) {
            call = abi.encodeCall(IShareToken.forcedTransfer, (o, operator, bound(amount, 0, token.balanceOf(o))));
            expected = gGovernancePaused ? paused : protectedErr;
        } else if (kind == 2) {
            call = abi.encodeCall(IShareToken.setFrozen, (o, true));
            expected = protectedErr;
        } else if (kind == 3) {
            // Pushing shares into the escrow is refused too.
            call =
                abi.encodeCall(IShareToken.forcedTransfer, (operator, o, bound(amount, 0, token.balanceOf(operator))));
            expected = gGovernancePaused ? paused : invalidReceiver;
        } else {
            call = abi.encodeCall(IShareToken.recoverWallet, (operator, o));
            expected = token.balanceOf(operator) == 0 && token.claimable(operator) == 0
                ? abi.encodeWithSelector(IShareTokenErrors.NothingToRecover.selector, operator)
                : (gGovernancePaused ? paused : invalidReceiver);
        }
        vm.prank(operator);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory err) = address(token).call(call);
        if (ok) _unexpected("attackEscrow: went through", "");
        else _reverted("attackEscrow", err, expected);
    }

    /// @notice Either pause on or off (lifting is four times as likely, so that the sale gets somewhere); the
    /// operator also tries to lift governance's pause, which must fail.
    function setPause(uint256 seed) external useTime {
        seed = _mix(seed);
        uint256 k = seed % 11;
        if (k == 0) {
            vm.prank(operator);
            token.pause();
            gOperatorPaused = true;
        } else if (k <= 4) {
            vm.prank(operator);
            token.unpause();
            gOperatorPaused = false;
        } else if (k == 5) {
            vm.prank(seed % 2 == 0 ? governance : guardian);
            token.governancePause();
            gGovernancePaused = true;
        } else if (k <= 9) {
            vm.prank(governance);
            token.governanceUnpause();
            gGovernancePaused = false;
        } else {
            vm.prank(operator);
            try token.governanceUnpause() {
                _unexpected("operator lifted governance's pause", "");
            } catch (bytes memory err) {
                _reverted(
                    "operator governanceUnpause",
                    err,
                    abi.encodeWithSelector(IShareTokenErrors.NotGovernance.selector, operator)
                );
            }
        }
    }

    /// @notice The operator freezes or unfreezes one of the eligible buyers.
    function freeze(uint256 seed) external useTime {
        seed = _mix(seed);
        address buyer = buyers[seed % ELIGIBLE];
        bool frozen = (seed >> 8) % 3 == 0; // unfreezing twice as likely
        vm.prank(operator);
        token.setFrozen(buyer, frozen);
        gFrozen[buyer] = frozen;
    }

    /// @notice The operator freezes, unfreezes, unverifies or verifies ITSELF (the allowlist is on). Settlement must
    /// not care: the escrow always hands the unsold or returned shares to the cluster's operator.
    function operatorSelfCompliance(uint256 seed) external useTime {
        uint256 k = _mix(seed) % 4;
        vm.startPrank(operator);
        if (k < 2) {
            token.setFrozen(operator, k == 0);
            gFrozen[operator] = k == 0;
        } else {
            token.setVerified(operator, k == 2 ? 0 : FAR_AWAY);
        }
        vm.stopPrank();
    }

    /// @notice Time moves a minute to three days. Crossing the end with the soft cap met (not sold out, not settled or
    /// cancelled) decides the sale at `end`: the model records what had streamed by then.
    function warp(uint256 secs) external useTime {
        uint256 from = currentTime;
        currentTime += bound(secs, 1 minutes, 3 days);
        if (gDecided || gFinalized || gCancelled || from >= end || currentTime < end || gSold < softCap) return;
        vm.warp(currentTime);
        (bool known, uint256 atEnd) = token.streamedTotalAt(end);
        // No deposit can have happened since `from` < end, so the token still knows.
        if (!known) _unexpected("warp: streamedTotalAt(end) unknown", "");
        _decide(end, atEnd);
    }
}

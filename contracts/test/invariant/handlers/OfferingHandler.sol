// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestStablecoin} from "../../../src/dev/TestStablecoin.sol";
import {IOffering} from "../../../src/interfaces/IOffering.sol";
import {IShareToken} from "../../../src/interfaces/IShareToken.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Test} from "forge-std/Test.sol";

/// @title OfferingHandler
/// @notice Drives one Offering (allowlist on) through purchases by eligible and ineligible buyers and the operator,
/// settlement, governance's cancellation, refunds, withdrawals (to the buyer, a verified and an unverified address),
/// escrow revenue claims, the operator's revenue deposits (including too-short dust ones), the operator's attempts on
/// the escrow (recovery, forced transfers out of and into it, freeze), both pauses, freezes of buyers and time. Every
/// call predicts its outcome from a ghost model and counts any difference (a success that should have reverted, a
/// revert with another error or other arguments) in `ghostUnexpected`.
contract OfferingHandler is Test {
    IOffering public immutable offering;
    IShareToken public immutable token;
    TestStablecoin public immutable usd;
    address public immutable operator;
    address public immutable governance;
    address public immutable guardian;
    address public immutable stranger;
    /// @dev A verified address of the buyers' (withdrawal target) and an unverified one.
    address public immutable vault;
    address public immutable outsider;
    uint256 public immutable supply;
    uint256 public immutable start;
    uint256 public immutable end;
    uint256 public immutable softCap;

    /// @dev alice, bob, carol (verified, may be frozen by `freeze`), then ineligible ones (never verified, frozen,
    /// verification expired before the sale).
    address[] public buyers;
    uint256 public constant ELIGIBLE = 3;

    uint256 public currentTime;

    // ghost model
    bool public gFinalized;
    bool public gSucceeded;
    bool public gCancelled;
    bool public gGovernancePaused;
    bool public gOperatorPaused;
    uint256 public gSold;
    uint256 public gRaised;
    mapping(address buyer => uint256) public gBought;
    mapping(address buyer => uint256) public gPaid;
    mapping(address buyer => uint256) public gRefunded;
    mapping(address buyer => uint256) public gSharesDelivered;
    mapping(address buyer => uint256) public gEscrowRevenuePaid;
    mapping(address account => bool) public gFrozen;

    uint256 public ghostUnexpected;
    string public lastUnexpectedAction;
    bytes public lastUnexpectedError;
    mapping(bytes32 action => uint256) public successes;
    mapping(bytes32 action => uint256) public attempts;

    constructor(
        IOffering offering_,
        TestStablecoin usd_,
        address[5] memory roles, // operator, governance, guardian, stranger, vault
        address outsider_,
        address[] memory buyers_
    ) {
        offering = offering_;
        token = offering_.token();
        usd = usd_;
        (operator, governance, guardian, stranger, vault) = (roles[0], roles[1], roles[2], roles[3], roles[4]);
        outsider = outsider_;
        buyers = buyers_;
        IOffering.Terms memory t = offering_.terms();
        supply = offering_.supply();
        start = t.start;
        end = t.end;
        softCap = t.softCap;
        for (uint256 i; i < buyers_.length; ++i) {
            gFrozen[buyers_[i]] = token.isFrozen(buyers_[i]);
        }
        currentTime = block.timestamp;
        vm.prank(operator);
        usd.approve(address(token), type(uint256).max);
    }

    modifier useTime() {
        vm.warp(currentTime);
        _;
    }

    function buyerCount() external view returns (uint256) {
        return buyers.length;
    }

    /*//////////////////////////////////////////////////////////////
                                  SALE
    //////////////////////////////////////////////////////////////*/

    /// @notice A purchase by any buyer or by the operator, of 1 share-wei up to what remains.
    function buy(uint256 seed, uint256 shares) external useTime {
        address buyer = seed % 11 == 10 ? operator : _pickBuyer(seed);
        uint256 remaining = supply - gSold;
        shares = bound(shares, 1, remaining == 0 ? 1 : remaining);
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
                gSold += shares;
                gRaised += cost;
            } else if (expected.length == 0) {
                _unexpected("buy: cost", "");
            }
        } catch (bytes memory err) {
            _reverted("buy", err, expected);
        }
    }

    /// @notice Settlement by the operator or a stranger.
    function finalize(bool byOperator) external useTime {
        address caller = byOperator ? operator : stranger;
        bytes memory expected;
        bool success;
        IOffering.Phase p = ghostPhase();
        if (gFinalized) {
            expected = abi.encodeWithSelector(IOffering.AlreadyFinalized.selector);
        } else if (_paused()) {
            expected = abi.encodeWithSelector(IShareToken.TokenPaused.selector);
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

        uint256 revenue = token.claimable(address(offering));
        uint256 operatorUsd = usd.balanceOf(operator);
        uint256 operatorShares = token.balanceOf(operator);
        vm.prank(caller);
        try offering.finalize() {
            if (!_succeeded("finalize", expected)) return;
            gFinalized = true;
            gSucceeded = success;
            // The operator receives exactly the proceeds, the unsold (or all) shares and the Offering's revenue.
            uint256 proceeds = success ? gRaised : 0;
            uint256 returned = success ? supply - gSold : supply;
            if (usd.balanceOf(operator) != operatorUsd + proceeds + revenue) _unexpected("finalize: usd", "");
            if (token.balanceOf(operator) != operatorShares + returned) _unexpected("finalize: shares", "");
        } catch (bytes memory err) {
            _reverted("finalize", err, expected);
        }
    }

    /// @notice Governance's cancellation, or someone else's attempt at it.
    function cancel(uint256 seed) external useTime {
        // Governance cancels in one call of ten, so that most sales get to settle first.
        uint256 k = seed % 10;
        address caller = k == 0 ? governance : (k < 4 ? operator : (k < 7 ? guardian : stranger));
        bytes memory expected;
        if (caller != governance) {
            expected = abi.encodeWithSelector(IShareToken.NotGovernance.selector, caller);
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

    function refund(uint256 seed) external useTime {
        address buyer = _pickBuyer(seed);
        IOffering.Phase p = ghostPhase();
        bytes memory expected;
        if (p != IOffering.Phase.Failed && p != IOffering.Phase.Cancelled) {
            expected = abi.encodeWithSelector(IOffering.RefundUnavailable.selector, p);
        } else if (gPaid[buyer] == 0 || gRefunded[buyer] != 0) {
            expected = abi.encodeWithSelector(IOffering.NothingToRefund.selector, buyer);
        }
        uint256 before = usd.balanceOf(buyer);
        vm.prank(buyer);
        try offering.refund() returns (uint256 amount) {
            if (!_succeeded("refund", expected)) return;
            gRefunded[buyer] = amount;
            if (amount != gPaid[buyer] || usd.balanceOf(buyer) != before + amount) _unexpected("refund: amount", "");
        } catch (bytes memory err) {
            _reverted("refund", err, expected);
        }
    }

    /// @notice withdrawShares, or withdrawSharesTo the buyer, the verified vault or an unverified outsider.
    function withdraw(uint256 seed, uint256 recipientSeed, bool to) external useTime {
        address buyer = _pickBuyer(seed);
        address[3] memory recipients = [buyer, vault, outsider];
        address recipient = to ? recipients[recipientSeed % 3] : buyer;
        bytes memory expected;
        if (to && recipient != buyer && gFrozen[buyer] && token.verifiedUntil(recipient) < block.timestamp) {
            expected = abi.encodeWithSelector(IShareToken.RecipientNotVerified.selector, recipient);
        } else if (!gSucceeded) {
            expected = abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, ghostPhase());
        } else if (gBought[buyer] == 0 || gSharesDelivered[buyer] != 0) {
            expected = abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, buyer);
        } else {
            expected = _receiveError(recipient);
        }
        uint256 preview = offering.escrowRevenueOf(buyer);
        uint256 recipientShares = token.balanceOf(recipient);
        vm.prank(buyer);
        if (to) {
            try offering.withdrawSharesTo(recipient) returns (uint256 shares, uint256 revenue) {
                _withdrawn(buyer, recipient, shares, revenue, expected, preview, recipientShares);
            } catch (bytes memory err) {
                _reverted("withdraw", err, expected);
            }
        } else {
            try offering.withdrawShares() returns (uint256 shares, uint256 revenue) {
                _withdrawn(buyer, recipient, shares, revenue, expected, preview, recipientShares);
            } catch (bytes memory err) {
                _reverted("withdraw", err, expected);
            }
        }
    }

    /// @dev A withdrawal went through: exactly the shares bought, the revenue announced, delivered to `recipient`.
    function _withdrawn(
        address buyer,
        address recipient,
        uint256 shares,
        uint256 revenue,
        bytes memory expected,
        uint256 preview,
        uint256 recipientShares
    ) internal {
        if (!_succeeded("withdraw", expected)) return;
        gSharesDelivered[buyer] = shares;
        gEscrowRevenuePaid[buyer] += revenue;
        if (shares != gBought[buyer] || revenue != preview) _unexpected("withdraw: amounts", "");
        if (token.balanceOf(recipient) != recipientShares + shares) _unexpected("withdraw: delivery", "");
    }

    /// @notice Claims escrow revenue to the buyer, the vault or the outsider (no token rule applies to revenue).
    function claimEscrowRevenue(uint256 seed, uint256 recipientSeed) external useTime {
        address buyer = _pickBuyer(seed);
        address[3] memory recipients = [buyer, vault, outsider];
        address recipient = recipients[recipientSeed % 3];
        bytes memory expected;
        if (!gSucceeded) {
            expected = abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, ghostPhase());
        } else if (gBought[buyer] == 0 || gSharesDelivered[buyer] != 0) {
            expected = abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, buyer);
        }
        uint256 preview = offering.escrowRevenueOf(buyer);
        uint256 before = usd.balanceOf(recipient);
        vm.prank(buyer);
        try offering.claimEscrowRevenue(recipient) returns (uint256 amount) {
            if (!_succeeded("claimEscrowRevenue", expected)) return;
            gEscrowRevenuePaid[buyer] += amount;
            if (amount != preview || usd.balanceOf(recipient) != before + amount) _unexpected("claim: amount", "");
        } catch (bytes memory err) {
            _reverted("claimEscrowRevenue", err, expected);
        }
    }

    /*//////////////////////////////////////////////////////////////
                        REVENUE, CONTROLS, TIME
    //////////////////////////////////////////////////////////////*/

    /// @notice The operator deposits revenue within the token's limits, or (tooShort) a stream that would end before
    /// the running one, which must be refused.
    function deposit(uint256 amount, uint256 duration, bool tooShort) external useTime {
        amount = bound(amount, 1, 1e11);
        (uint256 minDuration, uint256 maxDuration) = token.depositLimits(operator, amount);
        bytes memory expected;
        if (tooShort && minDuration > 1) {
            duration = bound(duration, 1, minDuration - 1);
            expected = abi.encodeWithSelector(
                IShareToken.StreamWouldEndEarlier.selector, block.timestamp + duration, token.stream().end
            );
        } else {
            uint256 upper = maxDuration < minDuration + 30 days ? maxDuration : minDuration + 30 days;
            duration = bound(duration, minDuration, upper);
        }
        if (_paused()) expected = abi.encodeWithSelector(IShareToken.TokenPaused.selector);
        usd.mint(operator, amount);
        vm.prank(operator);
        try token.depositRevenue(amount, duration) {
            _succeeded("deposit", expected);
        } catch (bytes memory err) {
            _reverted("deposit", err, expected);
        }
    }

    /// @notice The operator's controls against the escrow: every one of them must revert.
    function attackEscrow(uint256 kind, uint256 amount) external useTime {
        address o = address(offering);
        bytes memory protectedErr = abi.encodeWithSelector(IShareToken.ProtectedAccount.selector, o);
        bytes memory invalidReceiver = abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, o);
        bytes memory paused = abi.encodeWithSelector(IShareToken.TokenPaused.selector);
        bytes memory call;
        bytes memory expected;
        kind %= 5;
        if (kind == 0) {
            call = abi.encodeCall(IShareToken.recoverWallet, (o, operator));
            expected = token.balanceOf(o) == 0 && token.claimable(o) == 0
                ? abi.encodeWithSelector(IShareToken.NothingToRecover.selector, o)
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
                ? abi.encodeWithSelector(IShareToken.NothingToRecover.selector, operator)
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
                    abi.encodeWithSelector(IShareToken.NotGovernance.selector, operator)
                );
            }
        }
    }

    /// @notice The operator freezes or unfreezes one of the eligible buyers.
    function freeze(uint256 seed) external useTime {
        address buyer = buyers[seed % ELIGIBLE];
        bool frozen = (seed >> 8) % 3 == 0; // unfreezing twice as likely
        vm.prank(operator);
        token.setFrozen(buyer, frozen);
        gFrozen[buyer] = frozen;
    }

    function warp(uint256 secs) external useTime {
        currentTime += bound(secs, 0, 3 days);
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    /// @notice The phase the Offering must report, from the ghost's settlement flags, time and sales.
    function ghostPhase() public view returns (IOffering.Phase) {
        if (gCancelled) return IOffering.Phase.Cancelled;
        if (gFinalized) return gSucceeded ? IOffering.Phase.Finalized : IOffering.Phase.Failed;
        if (block.timestamp < start) return IOffering.Phase.Pending;
        if (gSold == supply) return IOffering.Phase.SoldOut;
        if (block.timestamp < end) return IOffering.Phase.Open;
        return gSold >= softCap ? IOffering.Phase.Succeeded : IOffering.Phase.Failed;
    }

    /// @dev Four in five picks are one of the eligible buyers, one in five one of the others.
    function _pickBuyer(uint256 seed) internal view returns (address) {
        uint256 r = seed % 15;
        return r < 12 ? buyers[r % ELIGIBLE] : buyers[ELIGIBLE + (r - 12) % (buyers.length - ELIGIBLE)];
    }

    function _paused() internal view returns (bool) {
        return gGovernancePaused || gOperatorPaused;
    }

    /// @dev Why `buyer`'s purchase of `shares` must revert now (empty: it must go through), in the contract's order.
    function _buyError(address buyer, uint256 shares, uint256 remaining) internal view returns (bytes memory) {
        if (gFinalized || gCancelled) return abi.encodeWithSelector(IOffering.SaleSettled.selector);
        if (block.timestamp < start) {
            return abi.encodeWithSelector(IOffering.SaleNotStarted.selector, start, block.timestamp);
        }
        if (block.timestamp >= end) return abi.encodeWithSelector(IOffering.SaleEnded.selector, end, block.timestamp);
        if (remaining == 0) return abi.encodeWithSelector(IOffering.SoldOut.selector);
        if (shares > remaining) return abi.encodeWithSelector(IOffering.ExceedsRemaining.selector, shares, remaining);
        if (buyer == operator) return abi.encodeWithSelector(IOffering.OperatorCannotBuy.selector, operator);
        return _receiveError(buyer);
    }

    /// @dev Why `to` cannot receive shares from the escrow now (empty: it can): pause, freeze, allowlist (always on).
    function _receiveError(address to) internal view returns (bytes memory) {
        if (_paused()) return abi.encodeWithSelector(IShareToken.TokenPaused.selector);
        if (gFrozen[to]) return abi.encodeWithSelector(IShareToken.AccountFrozen.selector, to);
        uint256 until = token.verifiedUntil(to);
        if (until == 0) return abi.encodeWithSelector(IShareToken.RecipientNotVerified.selector, to);
        if (until < block.timestamp) {
            return abi.encodeWithSelector(IShareToken.RecipientVerificationExpired.selector, to, until);
        }
        return "";
    }

    /// @dev A call went through: fine if it was expected to; returns whether it was.
    function _succeeded(string memory action, bytes memory expected) internal returns (bool) {
        attempts[keccak256(bytes(action))] += 1;
        if (expected.length != 0) {
            _unexpected(action, expected);
            return false;
        }
        successes[keccak256(bytes(action))] += 1;
        return true;
    }

    /// @dev A call reverted with `err`: fine if exactly `expected` (same selector, same arguments).
    function _reverted(string memory action, bytes memory err, bytes memory expected) internal {
        attempts[keccak256(bytes(action))] += 1;
        if (expected.length == 0 || keccak256(err) != keccak256(expected)) _unexpected(action, err);
    }

    function _unexpected(string memory action, bytes memory err) internal {
        ghostUnexpected += 1;
        lastUnexpectedAction = action;
        lastUnexpectedError = err;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestStablecoin} from "../../../src/dev/TestStablecoin.sol";
import {IOffering} from "../../../src/interfaces/IOffering.sol";
import {IShareToken} from "../../../src/interfaces/IShareToken.sol";
import {IShareTokenErrors} from "../../../src/interfaces/IShareTokenErrors.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Test} from "forge-std/Test.sol";

/// @title OfferingGhost
/// @notice The ghost model behind OfferingHandler: settlement, pauses, freezes, each address's purchase record, the
/// sale's decision (when it was taken and what had streamed by then), the settlement split, and the escrow's revenue
/// accumulator with each buyer's claimed mark, restated in the Offering's documented units. The handler predicts every
/// call's outcome from it; the invariants compare it with the chain.
abstract contract OfferingGhost is Test {
    /// @dev Fixed-point scale of the Offering's revenue-per-escrowed-share accumulator.
    uint256 internal constant REVENUE_SCALE = 1e36;

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

    /// @dev alice, bob, carol (verified, may be frozen by `freeze`), then the others: dave (never verified), erin
    /// (frozen), frank (verification expired before the sale) and heir (verified; above all a replacement).
    address[] public buyers;
    uint256 public constant ELIGIBLE = 3;

    uint256 public currentTime;

    // settlement, pauses, freezes
    bool public gFinalized;
    bool public gSucceeded;
    bool public gCancelled;
    bool public gGovernancePaused;
    bool public gOperatorPaused;
    mapping(address account => bool) public gFrozen;

    // sales: cumulative per buyer (O4) and the live purchase record of each address (what `purchasedOf` must say)
    uint256 public gSold;
    uint256 public gRaised;
    mapping(address buyer => uint256) public gBought;
    mapping(address buyer => uint256) public gPaid;
    mapping(address holder => uint256) public gLiveShares;
    mapping(address holder => uint256) public gLivePaid;

    // exits, per address and in total; what a recovery handed to an address
    mapping(address holder => uint256) public gSharesDelivered;
    mapping(address holder => uint256) public gRefunded;
    mapping(address holder => uint256) public gHandedShares;
    mapping(address holder => uint256) public gHandedPaid;
    uint256 public gTotalDelivered;
    uint256 public gTotalPaidDelivered;
    uint256 public gTotalRefunded;
    uint256 public gTotalRefundedShares;
    uint256 public gRecoveries;

    // the decision: when, what had streamed by then, and whether a deposit followed it before settlement
    bool public gDecided;
    uint256 public gDecidedAt;
    uint256 public gStreamedAtDecision;
    bool public gDepositAfterDecision;

    // settlement split (from the Finalized event, checked against the model when it was emitted)
    uint256 public gEarned;
    uint256 public gForwarded;
    uint256 public gEscrowCredited;
    uint256 public gCreditFloor;

    // escrow revenue after a successful settlement
    uint256 public gEscrowedShares;
    uint256 public gPerShare;
    mapping(address holder => uint256) public gMark;
    uint256 public gEscrowIn;
    uint256 public gEscrowPaid;

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
    }

    function buyerCount() external view returns (uint256) {
        return buyers.length;
    }

    /// @notice The phase the Offering must report, from the ghost's settlement flags, time and sales.
    function ghostPhase() public view returns (IOffering.Phase) {
        if (gCancelled) return IOffering.Phase.Cancelled;
        if (gFinalized) return gSucceeded ? IOffering.Phase.Finalized : IOffering.Phase.Failed;
        if (block.timestamp < start) return IOffering.Phase.Pending;
        if (gSold == supply) return IOffering.Phase.SoldOut;
        if (block.timestamp < end) return IOffering.Phase.Open;
        return gSold >= softCap ? IOffering.Phase.Succeeded : IOffering.Phase.Failed;
    }

    /*//////////////////////////////////////////////////////////////
                               DECISION
    //////////////////////////////////////////////////////////////*/

    /// @dev The sale is decided now (sell-out, early close) or was at `end` (time): record what had streamed by then.
    function _decide(uint256 at, uint256 streamedAt) internal {
        gDecided = true;
        gDecidedAt = at;
        gStreamedAtDecision = streamedAt;
    }

    /// @dev finalize's documented split of `earned` for the model's sale: the escrow's credit and the floor no operator
    /// action after the decision may push it below (sold / supply of what streamed since the decision, which the
    /// ghost always knows). Known on chain unless a deposit followed the decision: then all of `earned` is shared.
    function _expectedSplit(bool succeeded, uint256 earned) internal view returns (uint256 credit, uint256 floor_) {
        if (!succeeded) return (0, 0);
        uint256 since = token.streamedTotal() - gStreamedAtDecision;
        floor_ = Math.mulDiv(since, gSold, supply);
        credit = gDepositAfterDecision ? Math.mulDiv(earned, gSold, supply) : floor_;
    }

    /*//////////////////////////////////////////////////////////////
                           ESCROW ACCUMULATOR
    //////////////////////////////////////////////////////////////*/

    /// @dev Credits the settlement's escrow revenue to the sold shares (the Offering's accumulator starts there).
    function _openEscrow(uint256 credit) internal {
        gEscrowedShares = gSold;
        gEscrowIn = credit;
        if (credit != 0) gPerShare = Math.mulDiv(credit, REVENUE_SCALE, gSold);
    }

    /// @dev What a claim or withdrawal by `holder` must pay now: the escrow's pending revenue folded into the
    /// accumulator first (as `pending` per escrowed share), then the holder's shares times what accrued since its mark.
    function _owedNow(address holder, uint256 pending) internal view returns (uint256 perShare, uint256 owed) {
        perShare = gPerShare;
        if (pending != 0) perShare += Math.mulDiv(pending, REVENUE_SCALE, gEscrowedShares);
        owed = Math.mulDiv(gLiveShares[holder], perShare - gMark[holder], REVENUE_SCALE);
    }

    /// @dev A claim or withdrawal went through: the escrow collected `pending` and paid `paid`.
    function _collected(uint256 perShare, uint256 pending, uint256 paid) internal {
        gPerShare = perShare;
        gEscrowIn += pending;
        gEscrowPaid += paid;
    }

    /*//////////////////////////////////////////////////////////////
                              PREDICTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Four in five picks are one of the eligible buyers, one in five one of the others.
    function _pickBuyer(uint256 seed) internal view returns (address) {
        uint256 r = seed % 16;
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
    /// Never asked for the operator, whose settlement is exempt from its own freeze and allowlist status.
    function _receiveError(address to) internal view returns (bytes memory) {
        if (_paused()) return abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector);
        if (gFrozen[to]) return abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, to);
        uint256 until = token.verifiedUntil(to);
        if (until == 0) return abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, to);
        if (until < block.timestamp) {
            return abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, to, until);
        }
        return "";
    }

    /// @dev Why the operator's recovery of `lost`'s purchase to `replacement` must revert (empty: it must go through).
    function _recoverError(address caller, address lost, address replacement) internal view returns (bytes memory) {
        if (caller != operator) return abi.encodeWithSelector(IOffering.NotOperator.selector, caller, operator);
        if (offering.phase() != IOffering.Phase.Finalized) {
            return abi.encodeWithSelector(IOffering.WithdrawUnavailable.selector, offering.phase());
        }
        if (gGovernancePaused) return abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector);
        if (!gFrozen[lost]) return abi.encodeWithSelector(IOffering.BuyerNotFrozen.selector, lost);
        if (gLiveShares[lost] == 0) return abi.encodeWithSelector(IOffering.NothingToWithdraw.selector, lost);
        if (
            replacement == address(0) || replacement == lost || replacement == address(offering)
                || replacement == address(token) || replacement == operator || gLiveShares[replacement] != 0
        ) return abi.encodeWithSelector(IOffering.InvalidReplacement.selector, replacement);
        return "";
    }

    /*//////////////////////////////////////////////////////////////
                               OUTCOMES
    //////////////////////////////////////////////////////////////*/

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

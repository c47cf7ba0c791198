// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingBase} from "./abstracts/OfferingBase.sol";
import {IClusterRegistry} from "./interfaces/IClusterRegistry.sol";
import {IOffering} from "./interfaces/IOffering.sol";
import {IShareToken} from "./interfaces/IShareToken.sol";
import {IShareTokenErrors} from "./interfaces/IShareTokenErrors.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title Offering
/// @notice Escrowed primary sale of one cluster's ShareToken supply. See {IOffering} for the settlement model.
/// @dev Deployed once as an implementation (registry and stablecoin are immutables of it) and cloned per token by
/// RackshareFactory. Initialization writes two storage slots and nothing else (tokenize gas): the token address
/// doubles as the "initialized" flag (instead of OpenZeppelin's Initializable, whose extra slot would cost ~22k gas),
/// the implementation locks itself by setting it to a non-zero placeholder, and the supply is not stored but read
/// from the token (its supply is fixed). Sale accounting lives in a third slot, written by the first purchase.
/// The storage, its types and the views that read it directly are in `OfferingBase`.
contract Offering is OfferingBase {
    using SafeERC20 for IERC20;
    using SafeERC20 for IShareToken;
    using SafeCast for uint256;

    /// @dev One whole share in base units (shares have 18 decimals).
    uint256 internal constant SHARE_UNIT = 1e18;

    /// @dev Fixed-point scale of `_revenuePerEscrowedShare`.
    uint256 internal constant REVENUE_SCALE = 1e36;

    /// @dev Token placeholder that locks the implementation against initialization.
    IShareToken internal constant LOCKED = IShareToken(address(1));

    IClusterRegistry internal immutable REGISTRY;
    IERC20 internal immutable STABLECOIN;

    /// @param registry_ The cluster registry every clone checks attestation against.
    /// @param stablecoin_ The stablecoin every clone sells for (EIP-2612 for `buyWithPermit`).
    constructor(IClusterRegistry registry_, IERC20 stablecoin_) {
        if (address(registry_) == address(0) || address(stablecoin_) == address(0)) revert ZeroAddress();
        REGISTRY = registry_;
        STABLECOIN = stablecoin_;
        _token = LOCKED;
    }

    /*//////////////////////////////////////////////////////////////
                              INITIALIZER
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IOffering
    function initialize(IShareToken token_, uint256 supply_, Terms calldata terms_) external {
        if (address(_token) != address(0)) revert AlreadyInitialized();
        if (address(token_) == address(0)) revert ZeroAddress();
        if (supply_ == 0 || supply_ > type(uint96).max) revert InvalidSupply(supply_);
        if (
            terms_.pricePerShare == 0 || terms_.start >= terms_.end || terms_.end <= block.timestamp
                || terms_.softCap > supply_ || terms_.perBuyerCap > supply_
        ) revert InvalidTerms();

        _token = token_;
        _softCap = terms_.softCap;
        _perBuyerCap = terms_.perBuyerCap;
        _pricePerShare = terms_.pricePerShare;
        _start = terms_.start;
        _end = terms_.end;
    }

    /*//////////////////////////////////////////////////////////////
                                 SALE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IOffering
    function buy(uint256 shares, uint256 maxCost) external nonReentrant returns (uint256 cost) {
        cost = _buy(shares, maxCost);
    }

    /// @inheritdoc IOffering
    function buyWithPermit(uint256 shares, uint256 maxCost, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 cost)
    {
        // A permit copied from the mempool and submitted first makes ours revert; the allowance is then already in
        // place, so ignore the failure and let the transfer decide (OpenZeppelin's recommended pattern).
        try IERC20Permit(address(STABLECOIN)).permit(msg.sender, address(this), maxCost, deadline, v, r, s) {} catch {}
        cost = _buy(shares, maxCost);
    }

    /*//////////////////////////////////////////////////////////////
                              SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IOffering
    function finalize() external nonReentrant {
        Outcome outcome = _outcome;
        if (outcome != Outcome.None && outcome != Outcome.Cancelled) revert AlreadyFinalized();
        IShareToken token_ = _token;
        if (token_.paused()) revert IShareTokenErrors.TokenPaused();
        address operator_ = REGISTRY.operatorOf(token_.clusterId());
        uint256 sold_ = _sold;

        bool succeeded;
        if (outcome == Outcome.Cancelled) {
            _outcome = Outcome.CancelledSettled;
        } else {
            Phase phase_ = _phase();
            if (phase_ == Phase.SoldOut || phase_ == Phase.Succeeded) {
                succeeded = true;
            } else if (phase_ == Phase.Failed) {
                succeeded = false;
            } else if (phase_ == Phase.Open) {
                if (msg.sender != operator_) revert NotOperator(msg.sender, operator_);
                if (sold_ < _softCap) revert SoftCapNotMet(sold_, _softCap);
                succeeded = true;
            } else {
                revert CannotFinalize(phase_);
            }
            _outcome = succeeded ? Outcome.Succeeded : Outcome.Failed;
        }

        uint256 supply_ = token_.totalSupply();
        uint256 proceeds;
        uint256 sharesReturned = supply_;
        // Everything the Offering earned so far; from the decision on, the sold shares' part belongs to their buyers.
        uint256 earned = token_.claim();
        uint256 escrowRevenue;
        if (succeeded) {
            _escrowed = uint96(sold_);
            proceeds = _raised;
            sharesReturned = supply_ - sold_;
            escrowRevenue = Math.mulDiv(_revenueSince(token_, _decidedAt(), earned), sold_, supply_);
            if (escrowRevenue != 0) _revenuePerEscrowedShare = Math.mulDiv(escrowRevenue, REVENUE_SCALE, sold_);
        }
        uint256 revenue = earned - escrowRevenue;

        if (sharesReturned != 0) token_.safeTransfer(operator_, sharesReturned);
        if (proceeds + revenue != 0) STABLECOIN.safeTransfer(operator_, proceeds + revenue);

        emit Finalized(operator_, succeeded, sold_, proceeds, sharesReturned, revenue, escrowRevenue);
    }

    /// @inheritdoc IOffering
    function cancel() external nonReentrant {
        if (msg.sender != REGISTRY.owner()) revert IShareTokenErrors.NotGovernance(msg.sender);
        if (_outcome != Outcome.None) revert CannotCancel(_phase());
        _outcome = Outcome.Cancelled;
        emit Cancelled(msg.sender, _sold, _raised);
    }

    /// @inheritdoc IOffering
    function refund() external nonReentrant returns (uint256 amount) {
        return _refund(msg.sender);
    }

    /// @inheritdoc IOffering
    function refundTo(address recipient) external nonReentrant returns (uint256 amount) {
        if (recipient == address(0)) revert ZeroAddress();
        return _refund(recipient);
    }

    /// @inheritdoc IOffering
    function recoverPurchase(address lost, address replacement) external nonReentrant {
        IShareToken token_ = _token;
        address operator_ = REGISTRY.operatorOf(token_.clusterId());
        if (msg.sender != operator_) revert NotOperator(msg.sender, operator_);
        // Only shares: in a failed or cancelled sale a purchase is a claim on escrowed money, which a frozen buyer can
        // take back itself (`refund`, `refundTo`); moving it would let the operator take the refunds.
        if (_outcome != Outcome.Succeeded) revert WithdrawUnavailable(_phase());
        // Governance's pause stops the operator's recoveries, on the token and here alike.
        if (token_.pausedByGovernance()) revert IShareTokenErrors.TokenPaused();
        // Only what a freeze holds: a buyer who can act keeps their purchase out of the operator's reach.
        if (!token_.isFrozen(lost)) revert BuyerNotFrozen(lost);
        Purchase memory purchase = _purchases[lost];
        if (purchase.shares == 0) revert NothingToWithdraw(lost);
        if (
            replacement == address(0) || replacement == lost || replacement == address(this)
                || replacement == address(token_) || replacement == operator_ || _purchases[replacement].shares != 0
        ) revert InvalidReplacement(replacement);

        // The unclaimed escrow revenue moves with the shares (the claimed mark moves too).
        _purchases[replacement] = purchase;
        _revenueClaimedPerShare[replacement] = _revenueClaimedPerShare[lost];
        delete _purchases[lost];
        delete _revenueClaimedPerShare[lost];

        emit PurchaseRecovered(operator_, lost, replacement, purchase.shares, purchase.paid);
    }

    /// @inheritdoc IOffering
    function withdrawShares() external nonReentrant returns (uint256 shares, uint256 revenue) {
        return _withdraw(msg.sender);
    }

    /// @inheritdoc IOffering
    function withdrawSharesTo(address recipient) external nonReentrant returns (uint256 shares, uint256 revenue) {
        if (recipient == address(0)) revert ZeroAddress();
        // Delivery elsewhere is a send by the buyer: a frozen buyer's shares stay where they are (the operator may
        // move the purchase to a replacement, `recoverPurchase`), as a frozen holder's would.
        if (recipient != msg.sender && _token.isFrozen(msg.sender)) revert IShareTokenErrors.AccountFrozen(msg.sender);
        return _withdraw(recipient);
    }

    /// @inheritdoc IOffering
    function claimEscrowRevenue(address recipient) external nonReentrant returns (uint256 amount) {
        if (recipient == address(0)) revert ZeroAddress();
        if (_outcome != Outcome.Succeeded) revert WithdrawUnavailable(_phase());
        uint256 shares = _purchases[msg.sender].shares;
        if (shares == 0) revert NothingToWithdraw(msg.sender);

        uint256 perShare = _collectEscrowRevenue();
        amount = Math.mulDiv(shares, perShare - _revenueClaimedPerShare[msg.sender], REVENUE_SCALE);
        _revenueClaimedPerShare[msg.sender] = perShare;

        if (amount != 0) STABLECOIN.safeTransfer(recipient, amount);
        emit EscrowRevenueClaimed(msg.sender, recipient, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IOffering
    function registry() external view returns (IClusterRegistry) {
        return REGISTRY;
    }

    /// @inheritdoc IOffering
    function stablecoin() external view returns (IERC20) {
        return STABLECOIN;
    }

    /// @inheritdoc IOffering
    function operator() external view returns (address) {
        return REGISTRY.operatorOf(_token.clusterId());
    }

    /// @inheritdoc IOffering
    function escrowRevenueOf(address buyer) external view returns (uint256) {
        if (_outcome != Outcome.Succeeded) return 0;
        uint256 shares = _purchases[buyer].shares;
        if (shares == 0) return 0;
        uint256 perShare =
            _revenuePerEscrowedShare + Math.mulDiv(_token.claimable(address(this)), REVENUE_SCALE, _escrowed);
        return Math.mulDiv(shares, perShare - _revenueClaimedPerShare[buyer], REVENUE_SCALE);
    }

    /// @inheritdoc IOffering
    function quote(uint256 shares) external view returns (uint256 cost) {
        return _quote(shares);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Pays back everything the caller paid, to `recipient`, once the sale failed or was cancelled.
    function _refund(address recipient) private returns (uint256 amount) {
        Phase phase_ = _phase();
        if (phase_ != Phase.Failed && phase_ != Phase.Cancelled) revert RefundUnavailable(phase_);
        Purchase memory purchase = _purchases[msg.sender];
        if (purchase.paid == 0) revert NothingToRefund(msg.sender);

        delete _purchases[msg.sender];
        amount = purchase.paid;
        STABLECOIN.safeTransfer(recipient, amount);

        emit Refunded(msg.sender, recipient, purchase.shares, amount);
    }

    /// @dev When a successful sale was decided: when it sold out, when it ended, or now (the operator's early close).
    function _decidedAt() private view returns (uint256) {
        uint256 soldOutAt = _soldOutAt;
        if (soldOutAt != 0) return soldOutAt;
        return block.timestamp < _end ? block.timestamp : _end;
    }

    /// @dev Revenue streamed to the Offering (which held the whole supply until settlement) since `since`, at most
    /// `earned`. When the stream changed after `since` (a deposit before settlement), the split can no longer be told
    /// on chain, and all of `earned` counts as after: the doubt goes to the buyers, never to the operator who chose to
    /// deposit before settling.
    function _revenueSince(IShareToken token_, uint256 since, uint256 earned) private view returns (uint256) {
        (bool known, uint256 before) = token_.streamedTotalAt(since);
        if (!known) return earned;
        uint256 after_ = token_.streamedTotal() - before;
        return after_ < earned ? after_ : earned;
    }

    /// @dev Sends the caller's escrowed shares and unclaimed escrow revenue to `recipient`.
    function _withdraw(address recipient) private returns (uint256 shares, uint256 revenue) {
        if (_outcome != Outcome.Succeeded) revert WithdrawUnavailable(_phase());
        shares = _purchases[msg.sender].shares;
        if (shares == 0) revert NothingToWithdraw(msg.sender);

        uint256 perShare = _collectEscrowRevenue();
        revenue = Math.mulDiv(shares, perShare - _revenueClaimedPerShare[msg.sender], REVENUE_SCALE);

        delete _purchases[msg.sender];
        delete _revenueClaimedPerShare[msg.sender];
        _escrowed -= uint96(shares);

        // The token applies its rules to `recipient` (pause, freeze, allowlist) and reverts with its own errors.
        _token.safeTransfer(recipient, shares);
        if (revenue != 0) STABLECOIN.safeTransfer(recipient, revenue);

        emit SharesWithdrawn(msg.sender, recipient, shares, revenue);
    }

    /// @dev Claims what the escrowed shares earned since the last collection and folds it into the per-share
    /// accumulator; returns the accumulator. Every escrowed share has been escrowed since settlement, so one
    /// accumulator with a per-buyer claimed mark is exact. Only called while the caller has escrowed shares, so
    /// `_escrowed > 0`.
    function _collectEscrowRevenue() private returns (uint256 perShare) {
        perShare = _revenuePerEscrowedShare;
        // Claims never stop (pause, freeze), so neither does this.
        uint256 pending = _token.claim();
        if (pending != 0) {
            perShare += Math.mulDiv(pending, REVENUE_SCALE, _escrowed);
            _revenuePerEscrowedShare = perShare;
        }
    }

    /// @dev Checks, records and collects one purchase by `msg.sender`.
    function _buy(uint256 shares, uint256 maxCost) private returns (uint256 cost) {
        if (shares == 0) revert ZeroShares();
        if (_outcome != Outcome.None) revert SaleSettled();
        if (block.timestamp < _start) revert SaleNotStarted(_start, block.timestamp);
        if (block.timestamp >= _end) revert SaleEnded(_end, block.timestamp);

        IShareToken token_ = _token;
        uint256 sold_ = _sold;
        uint256 remaining = token_.totalSupply() - sold_;
        if (remaining == 0) revert SoldOut();
        if (shares > remaining) revert ExceedsRemaining(shares, remaining);

        Purchase memory purchase = _purchases[msg.sender];
        uint256 boughtAfter = purchase.shares + shares;
        uint256 cap = _perBuyerCap;
        if (cap != 0 && boughtAfter > cap) revert ExceedsBuyerCap(msg.sender, boughtAfter, cap);

        cost = _quote(shares);
        if (cost > maxCost) revert CostExceedsMax(cost, maxCost);

        _checkBuyer(token_, shares);

        // Effects. `shares <= remaining` bounds every share amount by the 96-bit supply; costs are range-checked
        // (`paid <= raised`, so checking `raised` covers both).
        uint256 soldAfter = sold_ + shares;
        uint256 raisedAfter = _raised + cost;
        // The decision time of a sale that sells out: from here on, the revenue of the sold shares is their buyers'.
        // Written by every purchase, with the rest of the slot, so that the one that sells out costs the same gas (a
        // buyer's estimate must not depend on whether another buyer's purchase lands first).
        uint256 soldOutAt;
        assembly ("memory-safe") {
            soldOutAt := mul(eq(shares, remaining), timestamp())
        }
        _sold = uint96(soldAfter);
        _raised = raisedAfter.toUint120();
        _soldOutAt = uint32(soldOutAt);
        _purchases[msg.sender] = Purchase({shares: uint96(boughtAfter), paid: uint160(purchase.paid + cost)});

        _collect(cost);

        emit Purchased(msg.sender, shares, cost, soldAfter, raisedAfter);
    }

    /// @dev The cluster must be Attested, the buyer not its operator, and able to receive `shares` now: compliance at
    /// the point of sale, exactly as a transfer from the escrow would check it (both pauses, freeze, allowlist with
    /// expiry), reverting with the token's own errors.
    function _checkBuyer(IShareToken token_, uint256 shares) private view {
        uint256 clusterId_ = token_.clusterId();
        IClusterRegistry.ClusterStatus status = REGISTRY.statusOf(clusterId_);
        if (status != IClusterRegistry.ClusterStatus.Attested) revert ClusterNotAttested(clusterId_, status);
        address operator_ = REGISTRY.operatorOf(clusterId_);
        if (msg.sender == operator_) revert OperatorCannotBuy(operator_);
        token_.checkTransfer(address(this), msg.sender, shares);
    }

    /// @dev Pulls `cost` from the buyer. What was recorded must be what arrived, or refunds and settlement would be
    /// insolvent.
    function _collect(uint256 cost) private {
        uint256 balanceBefore = STABLECOIN.balanceOf(address(this));
        STABLECOIN.safeTransferFrom(msg.sender, address(this), cost);
        uint256 received = STABLECOIN.balanceOf(address(this)) - balanceBefore;
        if (received < cost) revert IShareTokenErrors.FeeOnTransferNotSupported(cost, received);
    }

    /// @dev `ceil(shares * pricePerShare / 1e18)`: the buyer never pays less than the exact cost.
    function _quote(uint256 shares) private view returns (uint256) {
        return Math.mulDiv(shares, _pricePerShare, SHARE_UNIT, Math.Rounding.Ceil);
    }
}

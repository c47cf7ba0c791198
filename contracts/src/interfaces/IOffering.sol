// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IClusterRegistry} from "./IClusterRegistry.sol";
import {IShareToken} from "./IShareToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IOffering
/// @notice Primary sale of one cluster's ShareToken supply for a stablecoin, with a soft cap and escrowed settlement.
/// @dev One Offering per ShareToken, deployed by RackshareFactory as an EIP-1167 clone. The token's initializer mints
/// the whole fixed supply to the Offering.
///
/// Sale: shares can be bought while `start <= block.timestamp < end`, shares remain, the sale is not settled, the
/// token is not paused and the registry reports the cluster as `Attested`. The buyer must be able to receive the
/// shares under the token's rules (allowlist with expiry, freeze): a purchase reverts with the token's own error, as
/// the transfer would. The operator cannot buy its own shares (it would fill the soft cap with money it gets back).
/// Cost of `shares` is `ceil(shares * pricePerShare / 1e18)`: the buyer never pays less than the exact cost (at most 1
/// stablecoin base unit more per purchase). Fee-on-transfer stablecoins are refused (`FeeOnTransferNotSupported`, the
/// token's error).
///
/// Escrow: bought shares and the stablecoin paid stay in the Offering until settlement; the token protects the
/// Offering from the operator's controls (no freeze, forced transfer or recovery can reach the escrow).
/// - Success (soft cap met and the sale ended, sold out, or the operator closed early): `finalize()` sends the proceeds
///   and the unsold shares to the cluster's current operator; each buyer then pulls their shares with
///   `withdrawShares()` or `withdrawSharesTo(recipient)` (no push: the set of buyers is unbounded).
/// - Failure (sale ended below the soft cap): each buyer pulls back exactly what they paid with `refund()`;
///   `finalize()` (anyone) returns the whole supply to the operator.
/// - Cancellation: governance (the registry owner) can cancel a sale that is not settled yet (running, sold out or
///   ended), for instance when the cluster was suspended or lost its attestation; it then behaves as a failed sale:
///   refunds open at once and `finalize()` returns the supply to the operator.
/// While either of the token's pauses is on, no purchase and no `finalize()` goes through; refunds and escrow revenue
/// claims always do.
///
/// Revenue: while the Offering holds shares it earns the token's streamed revenue like any holder. Until the sale is
/// decided (it sells out, it ends with the soft cap met, or the operator closes it early) all of it is the operator's.
/// From the decision on, the sold shares' part belongs to their buyers, however late the sale is settled: a pause, or
/// any wait before `finalize()`, cannot hand it to the operator. `finalize()` pays the operator the rest (revenue of the
/// unsold shares, and everything before the decision) and credits the buyers' part to the escrow. If the stream was
/// changed after the decision and before settlement (a deposit, also one by a revenue payer the operator named), the
/// decision time can no longer be told apart on chain and everything the Offering earned is shared pro rata (the sold
/// shares' part to the buyers): operators settle before depositing, and such a deposit can only move revenue from the
/// operator to the buyers, never the other way. A failed or cancelled sale's revenue is all the operator's. After a successful settlement,
/// `claimEscrowRevenue` pays a buyer's part at any time (also while paused or frozen), and the withdrawal pays what is
/// left with the shares.
///
/// A buyer who cannot receive shares after a successful sale has a way out: a stablecoin-blocklisted buyer or one
/// whose verification expired withdraws to another address of theirs (`withdrawSharesTo`, which must pass the token's
/// rules). A frozen buyer moves no shares itself (its escrow revenue stays claimable); after a successful sale the
/// operator may move the frozen purchase to a replacement address (`recoverPurchase`), as `recoverWallet` does for a
/// holder. Refunds are never moved by anyone but the buyer: a frozen buyer of a failed sale refunds itself, a
/// blocklisted one to another address of its (`refundTo`).
interface IOffering {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Where the sale stands, derived from time, sales and settlement.
    /// @dev Pending: before `start`. Open: buying possible (modulo cluster status). SoldOut: every share sold, awaiting
    /// `finalize()`. Succeeded: ended with the soft cap met, awaiting `finalize()`. Failed: ended below the soft cap;
    /// refunds open (before and after `finalize()`). Finalized: settled successfully; shares withdrawable. Cancelled:
    /// cancelled by governance; refunds open, `finalize()` returns the supply once.
    enum Phase {
        Pending,
        Open,
        SoldOut,
        Succeeded,
        Failed,
        Finalized,
        Cancelled
    }

    /// @notice The sale terms, fixed at initialization. Field widths are the storage widths (two slots with the token):
    /// share amounts fit 96 bits because the ShareToken caps its supply at 2**96 - 1, timestamps 32 bits (year 2106)
    /// like the ShareToken's.
    /// @param pricePerShare Stablecoin base units per 1e18 share base units (one whole share). Non-zero.
    /// @param softCap Minimum shares (18-decimal base units) that must be sold for the sale to succeed; <= supply.
    /// @param perBuyerCap Maximum shares one address may buy in total; 0 means no cap; <= supply.
    /// @param start First second of the sale (inclusive).
    /// @param end End of the sale (exclusive); greater than `start` and than the initialization time.
    struct Terms {
        uint96 pricePerShare;
        uint96 softCap;
        uint96 perBuyerCap;
        uint32 start;
        uint32 end;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted on each purchase.
    /// @param buyer The buyer (and payer).
    /// @param shares Shares bought in this purchase.
    /// @param cost Stablecoin paid for them.
    /// @param totalSold Shares sold by the Offering after this purchase.
    /// @param totalRaised Stablecoin raised by the Offering after this purchase.
    event Purchased(address indexed buyer, uint256 shares, uint256 cost, uint256 totalSold, uint256 totalRaised);

    /// @notice Emitted once, when the sale is settled.
    /// @param operator The cluster operator who received proceeds, returned shares and revenue.
    /// @param succeeded True when the sale succeeded (proceeds paid out), false when it failed or was cancelled.
    /// @param sold Shares sold (escrowed for buyers on success, refundable otherwise).
    /// @param proceeds Stablecoin sent to the operator (0 on failure).
    /// @param sharesReturned Shares sent back to the operator (unsold on success, the whole supply otherwise).
    /// @param revenueForwarded Token revenue the Offering had earned that was the operator's, sent to it.
    /// @param revenueEscrowed Token revenue the sold shares earned since the decision, credited to their buyers.
    event Finalized(
        address indexed operator,
        bool succeeded,
        uint256 sold,
        uint256 proceeds,
        uint256 sharesReturned,
        uint256 revenueForwarded,
        uint256 revenueEscrowed
    );

    /// @notice Emitted when a buyer of a failed or cancelled sale takes their money back.
    /// @param buyer The buyer.
    /// @param recipient Who received the money (the buyer, or another address with `refundTo`).
    /// @param shares The shares they had bought (now void).
    /// @param amount Stablecoin refunded (exactly what they paid).
    event Refunded(address indexed buyer, address indexed recipient, uint256 shares, uint256 amount);

    /// @notice Emitted when a buyer of a successful sale pulls their shares.
    /// @param buyer The buyer.
    /// @param recipient Who received the shares and the revenue (the buyer, or another address of theirs).
    /// @param shares Shares transferred.
    /// @param revenue Stablecoin revenue the shares earned in escrow (since the sale's decision, see the contract
    /// notes) and not claimed before.
    event SharesWithdrawn(address indexed buyer, address indexed recipient, uint256 shares, uint256 revenue);

    /// @notice Emitted when a buyer claims the revenue their escrowed shares earned, without withdrawing them.
    /// @param buyer The buyer.
    /// @param recipient Who received the stablecoin.
    /// @param amount Stablecoin paid.
    event EscrowRevenueClaimed(address indexed buyer, address indexed recipient, uint256 amount);

    /// @notice Emitted when the operator moves a frozen buyer's purchase to a replacement address.
    /// @param operator The cluster operator.
    /// @param lost The frozen buyer.
    /// @param replacement Who holds the purchase (shares, payment, unclaimed escrow revenue) now.
    /// @param shares Share base units moved.
    /// @param paid Stablecoin paid for them (what a refund would pay back).
    event PurchaseRecovered(
        address indexed operator, address indexed lost, address indexed replacement, uint256 shares, uint256 paid
    );

    /// @notice Emitted when governance cancels the sale: it now settles as a failed one (refunds).
    /// @param by The registry owner.
    /// @param sold Shares sold before the cancellation.
    /// @param raised Stablecoin raised before the cancellation; what buyers have not yet taken back (a sale that ended
    /// below its soft cap may have paid some refunds already) is refundable.
    event Cancelled(address indexed by, uint256 sold, uint256 raised);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice `initialize` was called on an initialized clone or on the implementation.
    error AlreadyInitialized();

    /// @notice A zero address was given where a contract is required.
    error ZeroAddress();

    /// @notice The supply is zero or does not fit in 96 bits.
    error InvalidSupply(uint256 supply);

    /// @notice The terms are inconsistent (zero price, start >= end, end not in the future, soft or buyer cap over
    /// the supply).
    error InvalidTerms();

    /// @notice `buy` was called with zero shares.
    error ZeroShares();

    /// @notice The sale has not started yet.
    error SaleNotStarted(uint256 start, uint256 timestamp);

    /// @notice The sale has ended.
    error SaleEnded(uint256 end, uint256 timestamp);

    /// @notice The sale was already settled (for instance closed early by the operator).
    error SaleSettled();

    /// @notice Every share has been sold.
    error SoldOut();

    /// @notice The purchase asks for more shares than remain.
    error ExceedsRemaining(uint256 shares, uint256 remaining);

    /// @notice The purchase would take `buyer` over the per-buyer cap.
    error ExceedsBuyerCap(address buyer, uint256 totalAfter, uint256 cap);

    /// @notice The cost exceeds the buyer's `maxCost` (slippage guard).
    error CostExceedsMax(uint256 cost, uint256 maxCost);

    /// @notice The registry does not report the cluster as Attested.
    error ClusterNotAttested(uint256 clusterId, IClusterRegistry.ClusterStatus status);

    /// @notice The cluster's operator may not buy in its own sale.
    error OperatorCannotBuy(address operator);

    /// @notice `recoverPurchase` only moves the purchase of a buyer the token freezes.
    error BuyerNotFrozen(address buyer);

    /// @notice The replacement is zero, the lost buyer itself, a protocol contract, the operator, or already holds a
    /// purchase.
    error InvalidReplacement(address replacement);

    /// @notice The sale is already settled (or cancelled) and can no longer be cancelled.
    error CannotCancel(Phase phase);

    /// @notice `finalize` was called a second time.
    error AlreadyFinalized();

    /// @notice `finalize` is not possible in this phase (before start, or while open for anyone but the operator).
    error CannotFinalize(Phase phase);

    /// @notice The caller is not the cluster's operator.
    error NotOperator(address caller, address operator);

    /// @notice The operator tried to close early before the soft cap was met.
    error SoftCapNotMet(uint256 sold, uint256 softCap);

    /// @notice `refund` is only possible once the sale has failed or was cancelled.
    error RefundUnavailable(Phase phase);

    /// @notice Withdrawals and escrow revenue claims are only possible once the sale has been finalized successfully.
    error WithdrawUnavailable(Phase phase);

    /// @notice The caller has nothing to refund.
    error NothingToRefund(address buyer);

    /// @notice The caller has no shares to withdraw.
    error NothingToWithdraw(address buyer);

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice One-time initializer of a clone (called by the factory in the same transaction that deploys it).
    /// @dev The implementation itself cannot be initialized. The token must mint `supply` to this Offering.
    /// @param token The share token sold here.
    /// @param supply The token's whole supply, minted to this Offering right after (fits in 96 bits); only used to
    /// check the caps against, the supply is read from the token afterwards.
    /// @param terms The sale terms.
    function initialize(IShareToken token, uint256 supply, Terms calldata terms) external;

    /// @notice Buys `shares` (18-decimal base units) for at most `maxCost` stablecoin, pulled from the caller.
    /// @dev Requires a stablecoin allowance of at least the cost. Shares stay escrowed until settlement. Reverts with
    /// the token's error (`TokenPaused`, `AccountFrozen`, `RecipientNotVerified`, `RecipientVerificationExpired`) when
    /// the caller could not receive the shares now.
    /// @param shares Share base units to buy.
    /// @param maxCost Most stablecoin the caller accepts to pay.
    /// @return cost Stablecoin paid: `ceil(shares * pricePerShare / 1e18)`.
    function buy(uint256 shares, uint256 maxCost) external returns (uint256 cost);

    /// @notice `buy` preceded by an EIP-2612 permit of `maxCost` stablecoin from the caller to this Offering.
    /// @dev The permit is tried and its failure ignored (someone may have front-run it from the mempool); the purchase
    /// then goes ahead if the allowance suffices and reverts in the stablecoin otherwise.
    /// @param shares Share base units to buy.
    /// @param maxCost Most stablecoin the caller accepts to pay; also the permit's value.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's v.
    /// @param r The permit signature's r.
    /// @param s The permit signature's s.
    /// @return cost Stablecoin paid.
    function buyWithPermit(uint256 shares, uint256 maxCost, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (uint256 cost);

    /// @notice Settles the sale once. Anyone may call it when sold out or after the end, and once after a
    /// cancellation; the operator may also call it while the sale is open once the soft cap is met (early close). Not
    /// while the token is paused.
    /// @dev On success: proceeds and unsold shares to the operator, and the Offering's token revenue so far is claimed:
    /// the sold shares' part since the decision stays in escrow for their buyers (`revenueEscrowed`), the rest goes to
    /// the operator. On failure or cancellation: the whole supply and all the Offering's revenue to the operator.
    function finalize() external;

    /// @notice Cancels a sale that is not settled yet; it then settles as a failed sale (refunds for every buyer). Only
    /// governance (the registry owner; `NotGovernance`, the token's error). Works while the token is paused.
    function cancel() external;

    /// @notice Refunds everything the caller paid, once the sale has failed or was cancelled.
    /// @return amount Stablecoin refunded.
    function refund() external returns (uint256 amount);

    /// @notice `refund` to another address (a buyer the stablecoin blocklists).
    /// @param recipient Who receives the stablecoin.
    /// @return amount Stablecoin refunded.
    function refundTo(address recipient) external returns (uint256 amount);

    /// @notice Moves the purchase of a buyer the token freezes (its escrowed shares and unclaimed escrow revenue) to a
    /// replacement address holding no purchase (never the operator itself), once the sale has been settled successfully
    /// (`WithdrawUnavailable` otherwise: in a failed or cancelled sale the buyer takes its money back itself); the
    /// token's rules still apply when the replacement withdraws. Only the cluster's operator (its compliance role, as
    /// `recoverWallet` for holders), and not while governance's pause is on (`TokenPaused`), as for `recoverWallet`.
    /// @param lost The frozen buyer.
    /// @param replacement The new holder of the purchase.
    function recoverPurchase(address lost, address replacement) external;

    /// @notice Sends the caller the shares they bought, with the escrow revenue not yet claimed, once the sale has been
    /// finalized successfully.
    /// @return shares Shares transferred.
    /// @return revenue Stablecoin revenue transferred.
    function withdrawShares() external returns (uint256 shares, uint256 revenue);

    /// @notice `withdrawShares` to another address of the caller's: `recipient` must be able to receive shares under the
    /// token's rules; a frozen caller may not (`AccountFrozen`). The revenue goes to `recipient` too (a
    /// stablecoin-blocklisted buyer's way out).
    /// @param recipient Who receives the shares and the revenue.
    /// @return shares Shares transferred.
    /// @return revenue Stablecoin revenue transferred.
    function withdrawSharesTo(address recipient) external returns (uint256 shares, uint256 revenue);

    /// @notice Pays the revenue the caller's escrowed shares earned (since the sale's decision, credited at settlement,
    /// and everything after) and not yet claimed, without moving the shares. Works while the token is paused and while the caller is frozen (claims never stop).
    /// @param recipient Who receives the stablecoin.
    /// @return amount Stablecoin paid.
    function claimEscrowRevenue(address recipient) external returns (uint256 amount);

    /// @notice The cluster registry (an immutable of the implementation).
    /// @return The registry.
    function registry() external view returns (IClusterRegistry);

    /// @notice The stablecoin buyers pay in (an immutable of the implementation).
    /// @return The stablecoin.
    function stablecoin() external view returns (IERC20);

    /// @notice The share token sold here.
    /// @return The token (address(0) before initialization).
    function token() external view returns (IShareToken);

    /// @notice The cluster whose shares are sold, read from the token.
    /// @return The cluster id.
    function clusterId() external view returns (uint256);

    /// @notice The cluster's current operator, read from the registry; settlement pays this address.
    /// @return The operator.
    function operator() external view returns (address);

    /// @notice The share supply put on sale (the token's whole, fixed supply, read from the token).
    /// @return Share base units.
    function supply() external view returns (uint256);

    /// @notice The sale terms.
    /// @return The terms.
    function terms() external view returns (Terms memory);

    /// @notice Shares sold so far (not reduced by refunds or withdrawals).
    /// @return Share base units.
    function sold() external view returns (uint256);

    /// @notice Stablecoin raised so far (not reduced by refunds or settlement).
    /// @return Stablecoin base units.
    function raised() external view returns (uint256);

    /// @notice What `buyer` has bought and paid and not yet withdrawn or been refunded.
    /// @param buyer The buyer.
    /// @return shares Share base units bought.
    /// @return paid Stablecoin paid for them.
    function purchasedOf(address buyer) external view returns (uint256 shares, uint256 paid);

    /// @notice Revenue `buyer`'s escrowed shares have earned and not yet claimed (paid by `claimEscrowRevenue` or with
    /// the withdrawal): their part of what streamed since the sale's decision, credited at settlement, and everything
    /// they earned after. 0 until the sale is settled successfully.
    /// @param buyer The buyer.
    /// @return Stablecoin base units.
    function escrowRevenueOf(address buyer) external view returns (uint256);

    /// @notice The current phase.
    /// @return The phase.
    function phase() external view returns (Phase);

    /// @notice The cost of `shares`: `ceil(shares * pricePerShare / 1e18)`.
    /// @param shares Share base units.
    /// @return cost Stablecoin base units.
    function quote(uint256 shares) external view returns (uint256 cost);
}

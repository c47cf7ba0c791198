// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {OfferingHandler} from "./handlers/OfferingHandler.sol";

/// @notice Invariants of the Offering's escrow and settlement (O1-O6 in contracts/test/invariant/README.md), plus:
/// every handler call behaved exactly as the ghost model predicted, and the phase, pauses and freezes match the model.
contract OfferingInvariantTest is OfferingFixture {
    OfferingHandler internal handler;
    address internal vault = makeAddr("vault");
    address internal dave = makeAddr("dave"); // never verified
    address internal erin = makeAddr("erin"); // verified, frozen
    address internal frank = makeAddr("frank"); // verification expired before the sale
    address internal heir = makeAddr("heir"); // verified: a replacement for a frozen buyer's purchase

    function setUp() public override {
        super.setUp();
        _tokenize();
        uint256 longAgo = START - 1;
        uint256 farAway = END + 3650 days;
        vm.startPrank(operator);
        token.setAllowlistEnabled(true);
        address[7] memory verified = [operator, alice, bob, carol, erin, vault, heir];
        for (uint256 i; i < verified.length; ++i) {
            token.setVerified(verified[i], farAway);
        }
        token.setVerified(frank, longAgo);
        token.setFrozen(erin, true);
        vm.stopPrank();

        // Start an hour before the sale opens.
        vm.warp(START - 1 hours);
        address[] memory buyers = new address[](7);
        (buyers[0], buyers[1], buyers[2], buyers[3], buyers[4], buyers[5], buyers[6]) =
        (alice, bob, carol, dave, erin, frank, heir);
        handler =
            new OfferingHandler(offering, usd, [operator, governance, guardian, stranger, vault], stranger, buyers);
        targetContract(address(handler));
    }

    /// O1: the Offering's share balance is at least the unsold plus the escrowed shares at all times: the whole supply
    /// before settlement, exactly the shares of the live purchases after a successful one, 0 after a failed or
    /// cancelled one has been finalized.
    function invariant_O1_ShareBalanceCoversUnsoldAndEscrowed() public view {
        uint256 expected;
        if (!handler.gFinalized()) {
            expected = SUPPLY;
        } else if (handler.gSucceeded()) {
            expected = _live();
            assertEq(handler.gEscrowedShares(), expected, "the escrow's share count");
        }
        assertEq(token.balanceOf(address(offering)), expected);
        uint256 unsold = handler.gFinalized() ? 0 : SUPPLY - offering.sold();
        uint256 escrowed = !handler.gFinalized() || handler.gSucceeded() ? _live() : 0;
        assertGe(token.balanceOf(address(offering)), unsold + escrowed);
        assertTrue(token.isProtected(address(offering)));
        assertFalse(token.isFrozen(address(offering)));
    }

    /// O2: the Offering's stablecoin covers every refund still owed (exactly the live payments until a successful
    /// settlement) and, after one, exactly the escrow revenue credited and collected but not yet paid out, which with
    /// what it can still claim from the token covers all escrow revenue owed to buyers.
    function invariant_O2_StablecoinCoversRefundsAndEscrowRevenue() public {
        vm.warp(handler.currentTime());
        uint256 refundsOwed;
        uint256 escrowOwed;
        for (uint256 i; i < handler.buyerCount(); ++i) {
            address b = handler.buyers(i);
            if (!handler.gSucceeded()) refundsOwed += handler.gLivePaid(b);
            escrowOwed += offering.escrowRevenueOf(b);
        }
        uint256 held = usd.balanceOf(address(offering));
        if (handler.gSucceeded()) {
            assertEq(held, handler.gEscrowIn() - handler.gEscrowPaid(), "credited + collected - paid");
            assertGe(held + token.claimable(address(offering)), escrowOwed);
        } else {
            assertEq(escrowOwed, 0);
            assertEq(held, refundsOwed, "nothing else is ever held before a successful settlement");
        }
    }

    /// O3: no share or payment is created or lost: every purchase record is live, delivered or refunded (recoveries
    /// only move records); `purchasedOf` is each address's live record; no address receives more shares or money back
    /// than it bought or paid or was handed by a recovery; a sale pays out shares or refunds, never both; the shares
    /// that left the escrow are exactly those delivered to buyers or to the addresses they named.
    function invariant_O3_NoBuyerGetsMoreThanBought() public view {
        uint256 liveShares;
        uint256 livePaid;
        uint256 received = token.balanceOf(vault) + token.balanceOf(stranger);
        for (uint256 i; i < handler.buyerCount(); ++i) {
            address b = handler.buyers(i);
            (uint256 shares, uint256 paid) = offering.purchasedOf(b);
            assertEq(shares, handler.gLiveShares(b));
            assertEq(paid, handler.gLivePaid(b));
            assertLe(handler.gSharesDelivered(b), handler.gBought(b) + handler.gHandedShares(b));
            assertLe(handler.gRefunded(b), handler.gPaid(b) + handler.gHandedPaid(b));
            liveShares += shares;
            livePaid += paid;
            received += token.balanceOf(b);
        }
        assertEq(liveShares + handler.gTotalDelivered() + handler.gTotalRefundedShares(), handler.gSold());
        assertEq(livePaid + handler.gTotalPaidDelivered() + handler.gTotalRefunded(), handler.gRaised());
        assertTrue(handler.gTotalDelivered() == 0 || handler.gTotalRefunded() == 0, "shares and refunds");
        assertEq(received, handler.gTotalDelivered());
    }

    /// O4: sold never exceeds the supply, and the Offering's totals are the sums of the purchases.
    function invariant_O4_SoldLeSupply() public view {
        assertLe(offering.sold(), SUPPLY);
        assertEq(offering.sold(), handler.gSold());
        assertEq(offering.raised(), handler.gRaised());
        uint256 bought;
        uint256 paid;
        for (uint256 i; i < handler.buyerCount(); ++i) {
            bought += handler.gBought(handler.buyers(i));
            paid += handler.gPaid(handler.buyers(i));
        }
        assertEq(bought, handler.gSold());
        assertEq(paid, handler.gRaised());
    }

    /// O5: no operator action after the decision (its pause, freezes, its own freeze or allowlist status, deposits)
    /// credits the buyers less than sold/supply of what streamed since the decision: exactly that when the chain still
    /// knows the decision time, more when a deposit hid it. What finalize forwarded plus what it credited is what the
    /// Offering earned; a failed or cancelled sale credits nothing.
    function invariant_O5_BuyersCreditedFromTheDecision() public view {
        if (!handler.gFinalized()) return;
        assertEq(handler.gForwarded() + handler.gEscrowCredited(), handler.gEarned());
        if (!handler.gSucceeded()) {
            assertEq(handler.gEscrowCredited(), 0);
            return;
        }
        assertTrue(handler.gDecided());
        assertGe(handler.gEscrowCredited(), handler.gCreditFloor());
        if (!handler.gDepositAfterDecision()) assertEq(handler.gEscrowCredited(), handler.gCreditFloor());
    }

    /// O6: the buyers are never paid more escrow revenue than the escrow was credited at settlement plus what it
    /// collected since; once every escrowed share is withdrawn, what stays is rounding dust, less than one base unit per
    /// payment (claim or withdrawal) plus one.
    function invariant_O6_EscrowRevenuePaidLeCredited() public view {
        assertLe(handler.gEscrowPaid(), handler.gEscrowIn());
        if (handler.gSucceeded() && handler.gEscrowedShares() == 0) {
            uint256 payments =
                handler.successes(keccak256("withdraw")) + handler.successes(keccak256("claimEscrowRevenue"));
            assertLe(handler.gEscrowIn() - handler.gEscrowPaid(), payments + 1);
        }
    }

    /// Every call behaved as predicted: ineligible buyers and the operator were refused with the exact error, every
    /// attempt on the escrow reverted, settlement paid and credited exactly, no withdrawal or claim paid other than the
    /// model's accumulator owed, recoveries moved exactly the purchase and its unclaimed revenue.
    function invariant_EveryCallAsPredicted() public view {
        assertEq(handler.ghostUnexpected(), 0, handler.lastUnexpectedAction());
    }

    /// The phase, both pauses and the freezes are what the model says (the operator never lifted governance's pause).
    function invariant_PhaseAndPausesMatchModel() public {
        vm.warp(handler.currentTime());
        assertEq(uint256(offering.phase()), uint256(handler.ghostPhase()));
        assertEq(token.pausedByGovernance(), handler.gGovernancePaused());
        assertEq(token.pausedByOperator(), handler.gOperatorPaused());
        assertEq(token.paused(), handler.gGovernancePaused() || handler.gOperatorPaused());
        assertEq(token.isFrozen(operator), handler.gFrozen(operator));
        for (uint256 i; i < handler.buyerCount(); ++i) {
            assertEq(token.isFrozen(handler.buyers(i)), handler.gFrozen(handler.buyers(i)));
        }
    }

    /// @dev Shares of the live purchase records (the escrowed ones after a successful settlement).
    function _live() internal view returns (uint256 live) {
        for (uint256 i; i < handler.buyerCount(); ++i) {
            live += handler.gLiveShares(handler.buyers(i));
        }
    }
}

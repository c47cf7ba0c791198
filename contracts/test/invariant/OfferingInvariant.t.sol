// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {OfferingHandler} from "./handlers/OfferingHandler.sol";

/// @notice Invariants of the Offering's escrow and settlement (O1-O4 in contracts/test/invariant/README.md), plus:
/// every handler call behaved exactly as the ghost model predicted, and the phase and pauses match the model.
contract OfferingInvariantTest is OfferingFixture {
    OfferingHandler internal handler;
    address internal vault = makeAddr("vault");
    address internal dave = makeAddr("dave"); // never verified
    address internal erin = makeAddr("erin"); // verified, frozen
    address internal frank = makeAddr("frank"); // verification expired before the sale

    function setUp() public override {
        super.setUp();
        _tokenize();
        uint256 longAgo = START - 1;
        uint256 farAway = END + 3650 days;
        vm.startPrank(operator);
        token.setAllowlistEnabled(true);
        address[6] memory verified = [operator, alice, bob, carol, erin, vault];
        for (uint256 i; i < verified.length; ++i) {
            token.setVerified(verified[i], farAway);
        }
        token.setVerified(frank, longAgo);
        token.setFrozen(erin, true);
        vm.stopPrank();

        // Start an hour before the sale opens.
        vm.warp(START - 1 hours);
        address[] memory buyers = new address[](6);
        (buyers[0], buyers[1], buyers[2], buyers[3], buyers[4], buyers[5]) = (alice, bob, carol, dave, erin, frank);
        handler =
            new OfferingHandler(offering, usd, [operator, governance, guardian, stranger, vault], stranger, buyers);
        targetContract(address(handler));
    }

    /// O1: the Offering's share balance is at least the unsold plus the escrowed shares at all times: the whole supply
    /// before settlement, exactly the shares not yet withdrawn after a successful one, 0 after a failed or cancelled
    /// one has been finalized.
    function invariant_O1_ShareBalanceCoversUnsoldAndEscrowed() public view {
        uint256 expected;
        if (!handler.gFinalized()) {
            expected = SUPPLY;
        } else if (handler.gSucceeded()) {
            for (uint256 i; i < handler.buyerCount(); ++i) {
                address b = handler.buyers(i);
                if (handler.gSharesDelivered(b) == 0) expected += handler.gBought(b);
            }
        }
        assertEq(token.balanceOf(address(offering)), expected);
        assertGe(token.balanceOf(address(offering)), _unsold() + _escrowed());
        assertTrue(token.isProtected(address(offering)));
        assertFalse(token.isFrozen(address(offering)));
    }

    /// O2: the Offering's stablecoin covers every refund still owed (all payments until a successful settlement) and,
    /// with what it can still claim from the token, all escrow revenue owed to buyers.
    function invariant_O2_StablecoinCoversRefundsAndEscrowRevenue() public {
        vm.warp(handler.currentTime());
        uint256 refundsOwed;
        uint256 escrowOwed;
        for (uint256 i; i < handler.buyerCount(); ++i) {
            address b = handler.buyers(i);
            if (!handler.gSucceeded() && handler.gRefunded(b) == 0) refundsOwed += handler.gPaid(b);
            escrowOwed += offering.escrowRevenueOf(b);
        }
        uint256 held = usd.balanceOf(address(offering));
        if (handler.gSucceeded()) {
            assertGe(held + token.claimable(address(offering)), escrowOwed);
        } else {
            assertEq(escrowOwed, 0);
            assertGe(held, refundsOwed);
            assertEq(held, refundsOwed, "nothing else is ever held before a successful settlement");
        }
    }

    /// O3: no buyer receives more shares than they bought nor more money back than they paid, and never both; what
    /// the Offering still records for them is exactly what they have not taken.
    function invariant_O3_NoBuyerGetsMoreThanBought() public view {
        uint256 delivered;
        for (uint256 i; i < handler.buyerCount(); ++i) {
            address b = handler.buyers(i);
            assertLe(handler.gSharesDelivered(b), handler.gBought(b));
            assertLe(handler.gRefunded(b), handler.gPaid(b));
            assertTrue(handler.gSharesDelivered(b) == 0 || handler.gRefunded(b) == 0, "shares and refund");
            delivered += handler.gSharesDelivered(b);
            (uint256 shares, uint256 paid) = offering.purchasedOf(b);
            bool taken = handler.gSharesDelivered(b) != 0 || handler.gRefunded(b) != 0;
            assertEq(shares, taken ? 0 : handler.gBought(b));
            assertEq(paid, taken ? 0 : handler.gPaid(b));
        }
        // Shares left the escrow only to buyers or the addresses they named.
        uint256 received = token.balanceOf(vault) + token.balanceOf(stranger);
        for (uint256 i; i < handler.buyerCount(); ++i) {
            received += token.balanceOf(handler.buyers(i));
        }
        assertEq(received, delivered);
    }

    /// O4: sold never exceeds the supply, and the Offering's totals are the sums of the purchases.
    function invariant_O4_SoldLeSupply() public view {
        assertLe(offering.sold(), SUPPLY);
        assertEq(offering.sold(), handler.gSold());
        assertEq(offering.raised(), handler.gRaised());
        uint256 bought;
        for (uint256 i; i < handler.buyerCount(); ++i) {
            bought += handler.gBought(handler.buyers(i));
        }
        assertEq(bought, handler.gSold());
    }

    /// Every call behaved as predicted: ineligible buyers and the operator were refused with the exact error, every
    /// attempt on the escrow reverted, settlement paid exactly, no withdrawal or claim paid other than announced.
    function invariant_EveryCallAsPredicted() public view {
        assertEq(handler.ghostUnexpected(), 0, handler.lastUnexpectedAction());
    }

    /// The phase and both pauses are what the model says (the operator never lifted governance's pause).
    function invariant_PhaseAndPausesMatchModel() public {
        vm.warp(handler.currentTime());
        assertEq(uint256(offering.phase()), uint256(handler.ghostPhase()));
        assertEq(token.pausedByGovernance(), handler.gGovernancePaused());
        assertEq(token.pausedByOperator(), handler.gOperatorPaused());
        assertEq(token.paused(), handler.gGovernancePaused() || handler.gOperatorPaused());
    }

    /// @dev Shares not sold and not yet returned to the operator.
    function _unsold() internal view returns (uint256) {
        return handler.gFinalized() ? 0 : SUPPLY - offering.sold();
    }

    /// @dev Shares bought and not yet delivered or returned: all sold ones before settlement, the undelivered ones
    /// after a successful one.
    function _escrowed() internal view returns (uint256 e) {
        if (!handler.gFinalized()) return offering.sold();
        if (!handler.gSucceeded()) return 0;
        for (uint256 i; i < handler.buyerCount(); ++i) {
            address b = handler.buyers(i);
            if (handler.gSharesDelivered(b) == 0) e += handler.gBought(b);
        }
    }
}

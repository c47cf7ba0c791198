// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

contract OfferingFuzzTest is OfferingFixture {
    uint256 internal constant MAX_TOKEN_SUPPLY = 2 ** 96 - 1;
    uint256 internal constant MAX_PRICE = 1e12 * USD; // a trillion dollars per whole share

    function _terms(uint256 price, uint256 softCap, uint256 cap, uint256 start, uint256 end)
        internal
        pure
        returns (IOffering.Terms memory)
    {
        return IOffering.Terms({
            pricePerShare: uint96(price),
            softCap: uint96(softCap),
            perBuyerCap: uint96(cap),
            start: uint32(start),
            end: uint32(end)
        });
    }

    /// @dev Mints the exact cost to `buyer` and buys.
    function _fundAndBuy(address buyer, uint256 shares) internal returns (uint256 cost) {
        usd.mint(buyer, offering.quote(shares));
        cost = _buy(buyer, shares);
    }

    /// @notice The buyer never pays less than the exact cost, and less than one base unit more.
    function testFuzz_Quote_RoundsUpByLessThanOneUnit(uint256 price, uint256 shares) public {
        price = bound(price, 1, MAX_PRICE);
        shares = bound(shares, 1, SUPPLY);
        _retokenize(_terms(price, 0, 0, START, END));
        uint256 cost = offering.quote(shares);
        assertGe(cost * SHARE, shares * price, "never below the exact cost");
        assertLt(cost * SHARE, shares * price + SHARE, "less than one base unit above it");
    }

    /// @notice Buying works exactly on [start, end).
    function testFuzz_Buy_OnlyInsideWindow(uint256 startOffset, uint256 duration, uint256 at) public {
        startOffset = bound(startOffset, 0, 20 days);
        duration = bound(duration, 1, 20 days);
        uint256 start = block.timestamp + startOffset;
        uint256 end = start + duration;
        _retokenize(_terms(PRICE, 0, 0, start, end));
        // Stay within the attestation heartbeat so only the window decides.
        at = bound(at, block.timestamp, block.timestamp + HEARTBEAT);
        vm.warp(at);
        usd.mint(alice, 50 * USD);
        vm.prank(alice);
        usd.approve(address(offering), 50 * USD);
        if (at < start) {
            vm.expectRevert(abi.encodeWithSelector(IOffering.SaleNotStarted.selector, start, at));
        } else if (at >= end) {
            vm.expectRevert(abi.encodeWithSelector(IOffering.SaleEnded.selector, end, at));
        }
        vm.prank(alice);
        offering.buy(SHARE, 50 * USD);
        if (at >= start && at < end) assertEq(offering.sold(), SHARE);
    }

    /// @notice Two purchases by one buyer pass exactly when their sum is within the per-buyer cap.
    function testFuzz_Buy_PerBuyerCap(uint256 cap, uint256 first, uint256 second) public {
        cap = bound(cap, 1, SUPPLY);
        first = bound(first, 1, cap < SUPPLY ? cap : SUPPLY - 1);
        second = bound(second, 1, SUPPLY - first);
        _retokenize(_terms(PRICE, 0, cap, START, END));
        vm.warp(START);
        _fundAndBuy(alice, first);
        usd.mint(alice, offering.quote(second));
        vm.prank(alice);
        usd.approve(address(offering), type(uint256).max);
        if (first + second > cap) {
            vm.expectRevert(abi.encodeWithSelector(IOffering.ExceedsBuyerCap.selector, alice, first + second, cap));
        }
        vm.prank(alice);
        offering.buy(second, type(uint256).max);
        (uint256 bought,) = offering.purchasedOf(alice);
        assertEq(bought, first + second > cap ? first : first + second);
        assertLe(bought, cap);
    }

    /// @notice Whatever the terms and purchases, settlement conserves shares and money: on success the operator gets
    /// exactly the raised amount and the unsold shares and each buyer exactly their shares; on failure each buyer gets
    /// exactly what they paid back and the operator the whole supply.
    function testFuzz_Settlement_ConservesSharesAndMoney(
        uint256 supply_,
        uint256 price,
        uint256 softCap,
        uint256[3] memory amounts,
        bool earlyClose
    ) public {
        supply_ = bound(supply_, 1, MAX_TOKEN_SUPPLY);
        price = bound(price, 1, MAX_PRICE);
        softCap = bound(softCap, 0, supply_);
        _retokenize(supply_, _terms(price, softCap, 0, START, END));

        vm.warp(START);
        address[3] memory buyers = [alice, bob, carol];
        uint256[3] memory bought;
        uint256[3] memory paid;
        uint256 sold_;
        for (uint256 i = 0; i < 3; ++i) {
            uint256 remaining = supply_ - sold_;
            if (remaining == 0) break;
            uint256 shares = bound(amounts[i], 0, remaining);
            if (shares == 0) continue;
            bought[i] = shares;
            paid[i] = _fundAndBuy(buyers[i], shares);
            sold_ += shares;
        }
        uint256 raised_ = paid[0] + paid[1] + paid[2];
        assertEq(offering.sold(), sold_);
        assertEq(offering.raised(), raised_);
        assertEq(usd.balanceOf(address(offering)), raised_);

        if (earlyClose && sold_ >= softCap && sold_ < supply_) {
            vm.prank(operator);
        } else {
            vm.warp(END);
        }
        offering.finalize();
        if (sold_ >= softCap) {
            assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Finalized));
            assertEq(usd.balanceOf(operator), raised_, "operator gets exactly the proceeds");
            assertEq(token.balanceOf(operator), supply_ - sold_, "and the unsold shares");
            _withdrawAll(buyers, bought);
        } else {
            assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Failed));
            assertEq(usd.balanceOf(operator), 0);
            assertEq(token.balanceOf(operator), supply_, "operator gets the whole supply back");
            _refundAll(buyers, bought, paid);
        }
        assertEq(token.balanceOf(address(offering)), 0, "no share left behind");
        assertEq(usd.balanceOf(address(offering)), 0, "no money left behind");
    }

    function _withdrawAll(address[3] memory buyers, uint256[3] memory bought) internal {
        for (uint256 i = 0; i < 3; ++i) {
            if (bought[i] == 0) continue;
            vm.prank(buyers[i]);
            (uint256 shares,) = offering.withdrawShares();
            assertEq(shares, bought[i]);
            assertEq(token.balanceOf(buyers[i]), bought[i]);
        }
    }

    function _refundAll(address[3] memory buyers, uint256[3] memory bought, uint256[3] memory paid) internal {
        for (uint256 i = 0; i < 3; ++i) {
            if (bought[i] == 0) continue;
            uint256 before = usd.balanceOf(buyers[i]);
            vm.prank(buyers[i]);
            assertEq(offering.refund(), paid[i]);
            assertEq(usd.balanceOf(buyers[i]), before + paid[i], "refund is exactly what was paid");
        }
    }

    /// @notice Revenue earned by escrowed shares after settlement goes to their buyers pro rata, never more than
    /// the escrow earned, whenever each withdraws.
    function testFuzz_WithdrawShares_EscrowRevenueProRata(
        uint256 aliceShares,
        uint256 bobShares,
        uint256 revenue,
        uint256 duration,
        uint256 aliceAt,
        uint256 bobAt
    ) public {
        aliceShares = bound(aliceShares, 1, SUPPLY - 1);
        bobShares = bound(bobShares, 1, SUPPLY - aliceShares);
        revenue = bound(revenue, 1, 1e9 * USD);
        duration = bound(duration, 1, 365 days);
        aliceAt = bound(aliceAt, 0, 2 * duration);
        bobAt = bound(bobAt, 0, 2 * duration);

        _retokenize(_terms(PRICE, 0, 0, START, END));
        vm.warp(START);
        _fundAndBuy(alice, aliceShares);
        _fundAndBuy(bob, bobShares);
        vm.warp(END);
        offering.finalize();
        uint256 operatorUsd = usd.balanceOf(operator);
        uint256 t0 = block.timestamp;
        _depositRevenue(revenue, duration);

        // Whoever leaves the escrow first has earned at exactly the pro-rata rate until then.
        EscrowCase memory c = aliceAt <= bobAt
            ? EscrowCase(alice, aliceShares, aliceAt, bob, bobShares, bobAt, revenue, duration, t0)
            : EscrowCase(bob, bobShares, bobAt, alice, aliceShares, aliceAt, revenue, duration, t0);
        _checkEscrowRevenue(c);
        assertEq(usd.balanceOf(operator), operatorUsd, "post-settlement escrow revenue is not the operator's");
        assertEq(token.balanceOf(address(offering)), 0);
        // Everything the escrow claimed was paid out but rounding dust.
        assertLe(usd.balanceOf(address(offering)), 2);
    }

    struct EscrowCase {
        address first;
        uint256 firstShares;
        uint256 firstAt;
        address second;
        uint256 secondShares;
        uint256 secondAt;
        uint256 revenue;
        uint256 duration;
        uint256 t0;
    }

    function _checkEscrowRevenue(EscrowCase memory c) internal {
        vm.warp(c.t0 + c.firstAt);
        uint256 firstRevenue = _withdraw(c.first, c.firstShares);
        vm.warp(c.t0 + c.secondAt);
        uint256 secondRevenue = _withdraw(c.second, c.secondShares);

        uint256 streamedAtFirst = c.revenue * (c.firstAt < c.duration ? c.firstAt : c.duration) / c.duration;
        assertApproxEqAbs(firstRevenue, streamedAtFirst * c.firstShares / SUPPLY, 2 + c.revenue / 1e12);
        // Each gets at most their pro-rata part of the whole stream; together never more than the escrow earned.
        assertLe(firstRevenue, c.revenue * c.firstShares / SUPPLY + 1);
        assertLe(secondRevenue, c.revenue * c.secondShares / SUPPLY + 1);
        assertLe(firstRevenue + secondRevenue, c.revenue * (c.firstShares + c.secondShares) / SUPPLY + 1);
    }

    function _withdraw(address buyer, uint256 expectedShares) internal returns (uint256 revenue) {
        uint256 before = usd.balanceOf(buyer);
        uint256 preview = offering.escrowRevenueOf(buyer);
        vm.prank(buyer);
        uint256 shares;
        (shares, revenue) = offering.withdrawShares();
        assertEq(shares, expectedShares);
        assertEq(revenue, preview, "escrowRevenueOf previews withdrawShares");
        assertEq(usd.balanceOf(buyer), before + revenue);
    }

    /// @notice L-1 / M-2: whatever the token's state (either pause, allowlist, verification expiry, freeze), a purchase
    /// goes through exactly when a transfer from the Offering to the buyer would, and otherwise reverts with the very
    /// error `checkTransfer` gives (same selector, same arguments); nothing is recorded then.
    function testFuzz_Buy_RevertsExactlyLikeCheckTransfer(
        bool operatorPaused,
        bool governancePaused,
        bool allowlist,
        uint256 verifiedUntil,
        bool frozen,
        uint256 shares
    ) public {
        _tokenize();
        vm.warp(START + 1 days);
        shares = bound(shares, 1, SUPPLY);
        verifiedUntil = bound(verifiedUntil, 0, END);
        vm.startPrank(operator);
        if (operatorPaused) token.pause();
        if (allowlist) token.setAllowlistEnabled(true);
        if (verifiedUntil != 0) token.setVerified(alice, verifiedUntil);
        if (frozen) token.setFrozen(alice, true);
        vm.stopPrank();
        if (governancePaused) _governancePause();

        bytes memory expected;
        try token.checkTransfer(address(offering), alice, shares) {}
        catch (bytes memory err) {
            expected = err;
        }
        (bool ok,) = token.canTransfer(address(offering), alice, shares);
        assertEq(ok, expected.length == 0, "canTransfer agrees with checkTransfer");

        uint256 cost = _mintCost(alice, shares);
        if (!ok) vm.expectRevert(expected);
        vm.prank(alice);
        offering.buy(shares, cost);
        (uint256 bought, uint256 paid) = offering.purchasedOf(alice);
        assertEq(bought, ok ? shares : 0);
        assertEq(paid, ok ? cost : 0);
        assertEq(usd.balanceOf(address(offering)), ok ? cost : 0);
        // The reasons that can stop a buyer here, and nothing else.
        if (operatorPaused || governancePaused) {
            assertEq(expected, abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector));
        } else if (frozen) {
            assertEq(expected, abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, alice));
        } else if (allowlist && verifiedUntil == 0) {
            assertEq(expected, abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, alice));
        } else if (allowlist && verifiedUntil < block.timestamp) {
            assertEq(
                expected,
                abi.encodeWithSelector(IShareTokenErrors.RecipientVerificationExpired.selector, alice, verifiedUntil)
            );
        } else {
            assertTrue(ok);
        }
    }

    /// @notice M-2: governance cancels at any time before settlement (pending, open, sold out, ended either way):
    /// every buyer gets back exactly what they paid, the operator gets the whole supply and no proceeds, and
    /// nothing is left in the Offering.
    function testFuzz_Cancel_RefundsEveryoneExactly(uint256[3] memory amounts, uint256 cancelAt, uint256 refundFirst)
        public
    {
        _tokenize();
        vm.warp(START);
        address[3] memory buyers = [alice, bob, carol];
        uint256[3] memory paid;
        uint256 sold_;
        for (uint256 i = 0; i < 3; ++i) {
            uint256 shares = bound(amounts[i], 0, SUPPLY - sold_);
            if (shares == 0) continue;
            _mintCost(buyers[i], shares);
            paid[i] = _buy(buyers[i], shares);
            sold_ += shares;
        }
        vm.warp(bound(cancelAt, START, END + 30 days));
        IOffering.Phase before = offering.phase();
        assertTrue(before != IOffering.Phase.Finalized && before != IOffering.Phase.Cancelled);
        vm.prank(governance);
        offering.cancel();
        assertEq(uint256(offering.phase()), uint256(IOffering.Phase.Cancelled));

        // Some buyers refund before the supply goes back, the others after.
        refundFirst = bound(refundFirst, 0, 3);
        for (uint256 i = 0; i < refundFirst; ++i) {
            _refundExactly(buyers[i], paid[i]);
        }
        offering.finalize();
        for (uint256 i = refundFirst; i < 3; ++i) {
            _refundExactly(buyers[i], paid[i]);
        }
        assertEq(token.balanceOf(operator), SUPPLY);
        assertEq(usd.balanceOf(operator), 0);
        assertEq(token.balanceOf(address(offering)), 0);
        assertEq(usd.balanceOf(address(offering)), 0);
    }

    /// @notice L-1 (separate claim): however a buyer splits claims and the withdrawal over time, the escrow pays
    /// each part once: the buyer's total equals what `escrowRevenueOf` announced at each step, follows the pro-rata
    /// share of the escrow's revenue within rounding, and buyers together never get more than the escrow earned.
    function testFuzz_ClaimEscrowRevenueThenWithdraw_PaysOnce(
        uint256 aliceShares,
        uint256 bobShares,
        uint256 revenue,
        uint256 claimAt,
        uint256 withdrawAt
    ) public {
        aliceShares = bound(aliceShares, 1, SUPPLY - 1);
        bobShares = bound(bobShares, 1, SUPPLY - aliceShares);
        revenue = bound(revenue, 1, 1e9 * USD);
        claimAt = bound(claimAt, 0, 20 days);
        withdrawAt = bound(withdrawAt, claimAt, 40 days);
        _retokenize(_terms(PRICE, 0, 0, START, END));
        vm.warp(START);
        _fundAndBuy(alice, aliceShares);
        _fundAndBuy(bob, bobShares);
        vm.warp(END);
        offering.finalize();
        uint256 t0 = block.timestamp;
        _depositRevenue(revenue, 30 days);
        uint256 aliceStart = usd.balanceOf(alice);

        vm.warp(t0 + claimAt);
        uint256 preview = offering.escrowRevenueOf(alice);
        vm.prank(alice);
        uint256 claimed = offering.claimEscrowRevenue(alice);
        assertEq(claimed, preview);
        assertEq(offering.escrowRevenueOf(alice), 0);

        vm.warp(t0 + withdrawAt);
        preview = offering.escrowRevenueOf(alice);
        vm.prank(alice);
        (, uint256 rest) = offering.withdrawShares();
        assertEq(rest, preview);
        assertEq(usd.balanceOf(alice), aliceStart + claimed + rest, "each part paid once");
        vm.prank(bob);
        (, uint256 bobRevenue) = offering.withdrawShares();

        // Both held their escrowed shares from t0 to t0 + withdrawAt: the same revenue per share, up to rounding. The
        // budget: one base unit for each floor on the way (the token's at each of the Offering's two claims, the
        // escrow's at each of Alice's two payouts, the two of the expected figure), plus the rate's relative rounding.
        uint256 streamed = revenue * (withdrawAt < 30 days ? withdrawAt : 30 days) / 30 days;
        assertApproxEqAbs(claimed + rest, streamed * aliceShares / SUPPLY, 6 + revenue / 1e12);
        assertApproxEqAbs(bobRevenue, streamed * bobShares / SUPPLY, 6 + revenue / 1e12);
        assertLe(usd.balanceOf(address(offering)), 3, "the escrow paid out all it claimed but dust");
    }

    /// @notice Attacker "pause delays finalize and takes the stream": whatever the decision (a sell-out at any second,
    /// the end with the soft cap met, the operator's early close), however late `finalize()` comes, and whether or not
    /// the operator deposited between the decision and settlement, finalize splits exactly as documented: forwarded +
    /// escrowed == everything the Offering earned; escrowed == sold/supply of what streamed since the decision when
    /// `streamedTotalAt(decision)` is known, of everything when a later deposit hid it; never below sold/supply of what
    /// streamed since the decision (recorded by the test at the decision). Each buyer's escrowRevenueOf right after is
    /// its exact part; together at most the credit, dust at most one unit per buyer.
    function testFuzz_Decision_SplitsFromTheDecision(
        uint256 aliceShares,
        uint256 amount,
        uint256 duration,
        uint256 kind,
        uint256 decideAt,
        uint256 delay,
        uint256 lateDepositAt
    ) public {
        _tokenize();
        kind = bound(kind, 0, 2); // 0: sells out, 1: ends with the soft cap met, 2: the operator closes early
        aliceShares = bound(aliceShares, SOFT_CAP, SUPPLY - 1);
        decideAt = kind == 1 ? END : bound(decideAt, START, END - 1);
        delay = kind == 2 ? 0 : bound(delay, 0, 60 days);
        vm.warp(START);
        _depositRevenue(bound(amount, 1, 1e9 * USD), bound(duration, 1, 60 days));
        _fundAndBuy(alice, aliceShares);
        uint256 sold_ = aliceShares;
        vm.warp(decideAt);
        if (kind == 0) {
            _fundAndBuy(bob, SUPPLY - aliceShares);
            sold_ = SUPPLY;
        }
        uint256 atDecision = token.streamedTotal();

        // Half the runs with a delay deposit again, strictly after the decision and before settling.
        bool late = delay != 0 && lateDepositAt % 2 == 1;
        if (late) {
            vm.warp(decideAt + bound(lateDepositAt, 1, delay));
            (uint256 minDuration,) = token.depositLimits(operator, 1000 * USD);
            _depositRevenue(1000 * USD, minDuration);
        }
        vm.warp(decideAt + delay);
        (bool known, uint256 at) = token.streamedTotalAt(decideAt);
        assertEq(known, !late, "only a later deposit hides the decision time");
        if (known) assertEq(at, atDecision);

        _checkDecisionSplit(kind == 2, late, aliceShares, sold_, atDecision);
    }

    /// @dev finalize's split (early: the operator's close, late: a deposit after the decision) and the buyers' parts.
    function _checkDecisionSplit(bool early, bool late, uint256 aliceShares, uint256 sold_, uint256 atDecision)
        internal
    {
        uint256 earned = token.claimable(address(offering));
        assertEq(earned, token.streamedTotal(), "the Offering held every share");
        uint256 floor_ = Math.mulDiv(earned - atDecision, sold_, SUPPLY);
        uint256 escrowed = early ? 0 : (late ? Math.mulDiv(earned, sold_, SUPPLY) : floor_);
        if (!early) assertGe(escrowed, floor_, "never below the sold part of what streamed since the decision");

        uint256 raised_ = offering.raised();
        vm.expectEmit(address(offering));
        emit IOffering.Finalized(operator, true, sold_, raised_, SUPPLY - sold_, earned - escrowed, escrowed);
        if (early) vm.prank(operator);
        offering.finalize();
        assertEq(usd.balanceOf(operator), raised_ + earned - escrowed);
        assertEq(usd.balanceOf(address(offering)), escrowed);

        uint256 perShare = escrowed == 0 ? 0 : Math.mulDiv(escrowed, 1e36, sold_);
        uint256 alicePart = Math.mulDiv(aliceShares, perShare, 1e36);
        uint256 bobPart = Math.mulDiv(sold_ - aliceShares, perShare, 1e36);
        assertEq(offering.escrowRevenueOf(alice), alicePart);
        assertEq(offering.escrowRevenueOf(bob), bobPart);
        assertLe(alicePart + bobPart, escrowed);
        assertLe(escrowed - alicePart - bobPart, 2, "dust: at most one unit per buyer");
    }

    function _mintCost(address buyer, uint256 shares) internal returns (uint256 cost) {
        cost = offering.quote(shares);
        usd.mint(buyer, cost);
        vm.prank(buyer);
        usd.approve(address(offering), cost);
    }

    function _refundExactly(address buyer, uint256 paid) internal {
        if (paid == 0) return;
        uint256 before = usd.balanceOf(buyer);
        vm.prank(buyer);
        assertEq(offering.refund(), paid);
        assertEq(usd.balanceOf(buyer), before + paid);
    }
}

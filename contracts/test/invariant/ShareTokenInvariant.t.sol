// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {ShareTokenHandler} from "./handlers/ShareTokenHandler.sol";

/// @notice Invariants I1-I5 of ShareToken (see contracts/test/invariant/README.md) plus a per-holder comparison with
/// the handler's naive per-second ghost model.
contract ShareTokenInvariantTest is ShareTokenFixture {
    ShareTokenHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](5);
        actors[0] = offering;
        actors[1] = alice;
        actors[2] = bob;
        actors[3] = carol;
        actors[4] = makeAddr("dave");
        _send(offering, alice, SUPPLY / 5);
        _send(offering, bob, SUPPLY / 7);
        handler = new ShareTokenHandler(token, usd, op, actors);
        targetContract(address(handler));
    }

    function _sumClaimable() internal view returns (uint256 sum) {
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += token.claimable(handler.actors(i));
        }
    }

    /// I1: Σclaimed + Σclaimable ≤ Σdeposited.
    function invariant_ClaimedPlusClaimableLeDeposited() public {
        vm.warp(handler.currentTime());
        assertLe(handler.gClaimed() + _sumClaimable(), token.totalDeposited());
        assertEq(token.totalDeposited(), handler.gDeposited());
    }

    /// I2: the token's stablecoin balance ≥ Σdeposited − Σclaimed.
    function invariant_StablecoinBalanceCoversUnclaimed() public view {
        assertGe(usd.balanceOf(address(token)), token.totalDeposited() - handler.gClaimed());
    }

    /// I3: streamed ≤ deposited at every moment (checked now and at the handler's clock).
    function invariant_StreamedLeDeposited() public {
        assertLe(token.streamedTotal(), token.totalDeposited());
        vm.warp(handler.currentTime());
        assertLe(token.streamedTotal(), token.totalDeposited());
    }

    /// I4: once every stream has ended, Σdeposited − Σclaimed − Σclaimable ≤ holders + checkpoints (base units).
    function invariant_DustAfterStreamsEnd() public {
        vm.warp(handler.currentTime());
        uint256 end = token.stream().end;
        if (block.timestamp < end) vm.warp(end);
        uint256 left = token.totalDeposited() - handler.gClaimed() - _sumClaimable();
        assertLe(left, handler.actorCount() + handler.gCheckpoints());
    }

    /// I5: Σbalances = totalSupply.
    function invariant_BalancesSumToSupply() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += token.balanceOf(handler.actors(i));
        }
        assertEq(sum, token.totalSupply());
        assertEq(token.totalSupply(), SUPPLY);
    }

    /// Ghost model: every holder's claimable matches the naive per-second model within its rounding budget
    /// (< 1 base unit per checkpoint of the account, < 1 per deposit).
    function invariant_MatchesGhostModel() public {
        vm.warp(handler.currentTime());
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            int256 owed = handler.gOwed(a) + _ghostPending(a);
            int256 actual = int256(token.claimable(a)) * 1e18;
            uint256 budget = (handler.gAccountCheckpoints(a) + handler.gDeposits() + 2) * 1e18;
            int256 diff = owed - actual;
            assertLe(diff < 0 ? uint256(-diff) : uint256(diff), budget);
        }
    }

    /// @dev What the ghost would add for `a` between its last action and now (same formula as the handler).
    function _ghostPending(address a) internal view returns (int256) {
        uint256 gEnd = handler.gEnd();
        uint256 gLast = handler.gLast();
        uint256 t = block.timestamp < gEnd ? block.timestamp : gEnd;
        if (t <= gLast || handler.gRemaining() == 0) return 0;
        uint256 streamed = handler.gRemaining() * (t - gLast) / (gEnd - gLast);
        return int256(streamed * token.balanceOf(a) / token.totalSupply());
    }
}

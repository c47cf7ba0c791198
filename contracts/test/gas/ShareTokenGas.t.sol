// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OZToken} from "../utils/OZToken.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";

/*//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
                                         GAS BENCH CONVENTION (read me)
////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

`npm run bench:gas` (bench/gas.ts) runs ONE forge command over this folder:

    forge test --match-path 'contracts/test/gas/*' --isolate

`--isolate` makes every top-level call of a test a real transaction, so `vm.snapshotGasLastCall` /
`vm.lastCallGas().gasTotalUsed` return TX GAS as a user pays it: 21,000 + calldata + execution, with cold storage
and account access priced as on chain (setUp's calls are earlier transactions, so nothing is pre-warmed).

To add a figure, in a `contracts/test/gas/<Something>Gas.t.sol` file:
1. Put the state in place in `setUp` (or earlier calls of the test: each is its own transaction).
2. Make exactly the call to measure (use `vm.prank`, not `vm.startPrank`, for the sender), then right after it:
       vm.snapshotGasLastCall("<Group>", "<label as it must be printed>");
   e.g. vm.snapshotGasLastCall("ShareToken", "transfer (allowlist off)"). <Group> is your contract name; forge writes
   contracts/gas/<Group>.json (foundry.toml: snapshots = "contracts/gas"), which is committed.
   For derived figures (e.g. per-item gas of a batch) compute the number from `vm.lastCallGas().gasTotalUsed` and
   record it with vm.snapshotValue("<Group>", "<label>", value) — it must still be TX gas of a real transaction.
3. Optionally declare a target next to it; the bench prints a verdict per line and a summary of misses:
       vm.snapshotValue("<Group>", "<label> :: max", 60_000);              // absolute, in gas
       vm.snapshotValue("<Group>", "<label> :: max_ratio_bps", 12_500);    // 1.25x the OZ ERC-20 transfer
4. Test names: test_Gas_<What>. Keep each test to one measured call so the figures stay independent.

The baseline "OZ ERC-20 transfer" is measured here (test_Gas_OZTransfer): a plain OpenZeppelin ERC-20 transfer between
two accounts that both already hold a balance. Every printed line carries its ratio to it.
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////*/

/// @title ShareTokenGasTest
/// @notice Gas figures of ShareToken and the OZ ERC-20 baseline (see the convention above).
contract ShareTokenGasTest is ShareTokenFixture {
    string internal constant GROUP = "ShareToken";
    uint256 internal constant HOLDERS = 10_000;

    OZToken internal oz;

    function setUp() public override {
        super.setUp();
        oz = new OZToken(alice, 1000e18);
        vm.prank(alice);
        oz.transfer(bob, 1e18);

        // Both parties hold shares and have claimed once, and a stream is running.
        _send(offering, alice, 1000e18);
        _send(offering, bob, 1000e18);
        usd.mint(op, 1e15);
        vm.prank(op);
        usd.approve(address(token), type(uint256).max);
        vm.prank(op);
        token.depositRevenue(10_000e6, 30 days);
        skip(1 hours);
        vm.prank(alice);
        token.claim();
        vm.prank(bob);
        token.claim();
        skip(1 hours);
    }

    function test_Gas_OZTransfer() public {
        vm.prank(alice);
        oz.transfer(bob, 1e18);
        vm.snapshotGasLastCall(GROUP, "OZ ERC-20 transfer (baseline)");
    }

    function test_Gas_TransferAllowlistOff() public {
        vm.prank(alice);
        token.transfer(bob, 1e18);
        vm.snapshotGasLastCall(GROUP, "transfer (allowlist off)");
        vm.snapshotValue(GROUP, "transfer (allowlist off) :: max_ratio_bps", 12_500);
    }

    function test_Gas_TransferAllowlistOn() public {
        vm.prank(op);
        token.setVerified(bob, block.timestamp + 365 days);
        vm.prank(op);
        token.setAllowlistEnabled(true);
        vm.prank(alice);
        token.transfer(bob, 1e18);
        vm.snapshotGasLastCall(GROUP, "transfer (allowlist on)");
        vm.snapshotValue(GROUP, "transfer (allowlist on) :: max_ratio_bps", 16_000);
    }

    function test_Gas_TransferFrom() public {
        vm.prank(alice);
        token.approve(carol, type(uint256).max);
        vm.prank(carol);
        token.transferFrom(alice, bob, 1e18);
        vm.snapshotGasLastCall(GROUP, "transferFrom (infinite allowance, allowlist off)");
    }

    function test_Gas_Claim() public {
        skip(1 hours);
        vm.prank(alice);
        token.claim();
        vm.snapshotGasLastCall(GROUP, "claim");
        vm.snapshotValue(GROUP, "claim :: max", 52_000);
    }

    function test_Gas_DepositRevenue_1Holder() public {
        // Only the Offering holds shares.
        token = _newToken(usd, SUPPLY, offering);
        _depositMeasured("depositRevenue (1 holder)");
    }

    function test_Gas_DepositRevenue_10kHolders() public {
        token = _newToken(usd, SUPPLY, offering);
        for (uint256 i = 1; i < HOLDERS; ++i) {
            _send(offering, address(uint160(0x10000 + i)), 1e18);
        }
        _depositMeasured("depositRevenue (10,000 holders)");
    }

    /// @dev M-1: deposits stay O(1) in the number of earlier deposits still streaming (no schedule is stored).
    function test_Gas_DepositRevenue_1TrancheRunning() public {
        token = _newToken(usd, SUPPLY, offering);
        _depositAfterTranches(1, "depositRevenue (1 tranche running)");
    }

    function test_Gas_DepositRevenue_8TranchesRunning() public {
        token = _newToken(usd, SUPPLY, offering);
        _depositAfterTranches(8, "depositRevenue (8 tranches running)");
    }

    /// @dev `tranches` deposits an hour apart, all still streaming (each ends later and streams faster than the one
    /// before, as the merge rule requires), then the measured deposit a day later.
    function _depositAfterTranches(uint256 tranches, string memory label) internal {
        vm.prank(op);
        usd.approve(address(token), type(uint256).max);
        for (uint256 i; i < tranches; ++i) {
            vm.prank(op);
            token.depositRevenue(10_000e6, 30 days);
            skip(1 hours);
        }
        skip(1 days);
        assertGt(token.stream().end, block.timestamp + 28 days);
        vm.prank(op);
        token.depositRevenue(10_000e6, 30 days);
        vm.snapshotGasLastCall(GROUP, label);
        assertEq(token.totalDeposited(), (tranches + 1) * 10_000e6);
    }

    /// @dev Same state for both holder counts: a first stream running, the operator re-deposits (merge path).
    function _depositMeasured(string memory label) internal {
        vm.prank(op);
        usd.approve(address(token), type(uint256).max);
        vm.prank(op);
        token.depositRevenue(10_000e6, 30 days);
        skip(1 days);
        vm.prank(op);
        token.depositRevenue(10_000e6, 30 days);
        vm.snapshotGasLastCall(GROUP, label);
    }
}

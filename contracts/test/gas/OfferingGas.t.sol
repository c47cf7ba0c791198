// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingFixture} from "../utils/OfferingFixture.sol";

/// @title OfferingGasTest
/// @notice TX gas of an Offering purchase, following the bench convention at the top of ShareTokenGas.t.sol: run with
/// `--isolate`.
contract OfferingGasTest is OfferingFixture {
    string internal constant GROUP = "Offering";

    function setUp() public override {
        super.setUp();
        _tokenize();
        vm.warp(START);
        // A sale under way: an earlier buyer has written the sale totals; alice has approved and buys for the first
        // time (her purchase slot is new), with the compliance check, the cluster check and the fee-on-transfer check.
        _buy(bob, 10 * SHARE);
        _approve(alice, 500 * USD);
    }

    function test_Gas_Buy() public {
        vm.prank(alice);
        offering.buy(10 * SHARE, 500 * USD);
        vm.snapshotGasLastCall(GROUP, "buy (first purchase of a buyer, sale under way)");
        assertEq(offering.sold(), 20 * SHARE);
    }
}

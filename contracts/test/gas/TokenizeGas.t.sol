// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OfferingFixture} from "../utils/OfferingFixture.sol";

/// @title TokenizeGasTest
/// @notice TX gas of `RackshareFactory.tokenize` (two CREATE2 clones, both initializers, the whole supply minted to the
/// Offering, one event), following the bench convention at the top of ShareTokenGas.t.sol: run with `--isolate`.
contract TokenizeGasTest is OfferingFixture {
    string internal constant GROUP = "RackshareFactory";
    string internal constant LABEL = "tokenize (token + offering)";

    function test_Gas_Tokenize() public {
        vm.prank(operator);
        factory.tokenize(clusterId, _params());
        vm.snapshotGasLastCall(GROUP, LABEL);
        vm.snapshotValue(GROUP, string.concat(LABEL, " :: max"), 400_000);
        // Also a hard check (TX gas under --isolate, execution gas otherwise: lower, so it holds in both modes).
        assertLe(vm.lastCallGas().gasTotalUsed, 400_000);
        assertEq(factory.tokenOf(clusterId).balanceOf(address(factory.offeringOf(clusterId))), SUPPLY);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {ClaimAllFixture} from "../utils/ClaimAllFixture.sol";

/// @title ClaimAllGasTest
/// @notice TX gas of `RackshareFactory.claimAll` over 1 and 4 tokens against a plain `claim` (bench convention at the
/// top of ShareTokenGas.t.sol: run with `--isolate`). Each token costs its genuineness check (one call and a CREATE2
/// prediction), `claimFor`'s check of the caller (the same prediction) and the claim itself.
contract ClaimAllGasTest is ClaimAllFixture {
    string internal constant GROUP = "RackshareFactory";

    function setUp() public override {
        super.setUp();
        _setUpTokens(4);
    }

    function test_Gas_ClaimOneToken() public {
        vm.prank(alice);
        tokens[0].claim();
        vm.snapshotGasLastCall(GROUP, "claim (1 token, for comparison)");
    }

    function test_Gas_ClaimAllOneToken() public {
        IShareToken[] memory list = new IShareToken[](1);
        list[0] = tokens[0];
        vm.prank(alice);
        factory.claimAll(list);
        vm.snapshotGasLastCall(GROUP, "claimAll (1 token)");
    }

    function test_Gas_ClaimAllFourTokens() public {
        vm.prank(alice);
        factory.claimAll(tokens);
        vm.snapshotGasLastCall(GROUP, "claimAll (4 tokens)");
        uint256 perToken = vm.lastCallGas().gasTotalUsed / 4;
        vm.snapshotValue(GROUP, "claimAll per token (4 tokens)", perToken);
        vm.snapshotValue(GROUP, "claimAll per token (4 tokens) :: max", 40_000);
        assertEq(_claimableSum(alice), 0);
    }
}

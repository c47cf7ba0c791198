// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {ClaimAllFixture} from "../utils/ClaimAllFixture.sol";

/// @notice Fuzz of `RackshareFactory.claimAll`: at any time, with any extra deposits and any order and repetition of
/// the list, one transaction pays exactly the sum of the holder's claimables of the distinct tokens listed, and
/// leaves nothing of them claimable.
contract ClaimAllFuzzTest is ClaimAllFixture {
    function setUp() public override {
        super.setUp();
        _setUpTokens(3);
    }

    function testFuzz_ClaimAll_EqualsSumOfClaimables(uint256 elapsed, uint256 extra, uint8 picks, uint8 length) public {
        elapsed = bound(elapsed, 0, 2 * STREAM);
        extra = bound(extra, 0, 1e12);
        length = uint8(bound(length, 0, 12));
        // A top-up to the running stream's end (the only duration every amount may take).
        if (extra != 0) _depositTo(tokens[1], extra, tokens[1].stream().end - block.timestamp);
        skip(elapsed);

        IShareToken[] memory list = new IShareToken[](length);
        bool[3] memory listed;
        for (uint256 i = 0; i < length; ++i) {
            uint256 k = uint256(keccak256(abi.encode(picks, i))) % 3;
            list[i] = tokens[k];
            listed[k] = true;
        }
        uint256 expected;
        for (uint256 k = 0; k < 3; ++k) {
            if (listed[k]) expected += tokens[k].claimable(alice);
        }
        uint256 before = usd.balanceOf(alice);
        vm.prank(alice);
        uint256 total = factory.claimAll(list);
        assertEq(total, expected);
        assertEq(usd.balanceOf(alice) - before, expected);
        for (uint256 k = 0; k < 3; ++k) {
            if (listed[k]) assertEq(tokens[k].claimable(alice), 0);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {OfferingFixture} from "./OfferingFixture.sol";

/// @title ClaimAllFixture
/// @notice `count` clusters tokenized through the fixture's factory, each sold out to alice (and, for the first, to
/// bob too), settled, withdrawn and streaming revenue: the ground `RackshareFactory.claimAll` is tested and measured
/// on.
abstract contract ClaimAllFixture is OfferingFixture {
    uint256 internal constant REVENUE = 10_000 * USD;
    uint256 internal constant STREAM = 30 days;

    IShareToken[] internal tokens;
    IOffering[] internal offerings;

    /// @dev Tokenizes `count` clusters (the fixture's cluster 1 first), sells them, streams `REVENUE` on each over
    /// `STREAM` and moves 10 days into the streams.
    function _setUpTokens(uint256 count) internal {
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = clusterId;
            if (i != 0) {
                vm.prank(operator);
                id = registry.registerCluster(
                    "NVIDIA H100 SXM5 80GB", 8, "KR-SEL-02", keccak256(abi.encode("hw", i)), "ipfs://m", keccak256("m")
                );
                _attest(id, uint64(block.timestamp) + ATTESTED_FOR);
            }
            vm.prank(operator);
            (IShareToken t, IOffering o) = factory.tokenize(id, _params());
            tokens.push(t);
            offerings.push(o);
        }
        vm.warp(START);
        for (uint256 i = 0; i < count; ++i) {
            _buyFrom(offerings[i], alice, i == 0 ? 600 * SHARE : SUPPLY);
        }
        _buyFrom(offerings[0], bob, 400 * SHARE);
        vm.warp(END);
        for (uint256 i = 0; i < count; ++i) {
            offerings[i].finalize();
            vm.prank(alice);
            offerings[i].withdrawShares();
            _depositTo(tokens[i], REVENUE, STREAM);
        }
        vm.prank(bob);
        offerings[0].withdrawShares();
        vm.warp(block.timestamp + 10 days);
    }

    function _buyFrom(IOffering o, address buyer, uint256 shares) internal {
        uint256 cost = o.quote(shares);
        vm.startPrank(buyer);
        usd.approve(address(o), cost);
        o.buy(shares, cost);
        vm.stopPrank();
    }

    function _depositTo(IShareToken t, uint256 amount, uint256 duration) internal {
        usd.mint(operator, amount);
        vm.startPrank(operator);
        usd.approve(address(t), amount);
        t.depositRevenue(amount, duration);
        vm.stopPrank();
    }

    function _claimableSum(address holder) internal view returns (uint256 sum) {
        for (uint256 i = 0; i < tokens.length; ++i) {
            sum += tokens[i].claimable(holder);
        }
    }
}

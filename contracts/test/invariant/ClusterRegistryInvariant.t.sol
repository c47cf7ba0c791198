// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {RegistrySigning} from "../utils/RegistrySigning.sol";
import {ClusterRegistryHandler} from "./handlers/ClusterRegistryHandler.sol";

/// @notice I6: the epochs accepted for a cluster strictly increase, and `lastEpochOf` is the last accepted one.
contract ClusterRegistryInvariantTest is RegistrySigning {
    ClusterRegistry internal registry;
    ClusterRegistryHandler internal handler;
    address internal governance = makeAddr("governance");
    address internal operator = makeAddr("operator");

    function setUp() public {
        vm.warp(1_750_000_000);
        (address[] memory pool,) = _makeCommittee(6, 42);
        // Start with the first three pool members, 2 of 3.
        address[] memory initial = new address[](3);
        for (uint256 i = 0; i < 3; ++i) {
            initial[i] = pool[i];
        }
        registry = new ClusterRegistry(governance, initial, 2, 1 days, address(0));
        handler = new ClusterRegistryHandler(registry, governance, operator, 42);

        for (uint256 id = 1; id <= handler.CLUSTERS(); ++id) {
            vm.prank(operator);
            registry.registerCluster("H100", 8, "KR-SEL-01", keccak256(abi.encode(id)), "ipfs://m", bytes32(0));
            handler.attest(id - 1, 30 days);
        }

        targetContract(address(handler));
    }

    /// @dev I6 — epochs per cluster strictly increase.
    function invariant_I6_EpochsPerClusterStrictlyIncrease() public view {
        for (uint256 id = 1; id <= handler.CLUSTERS(); ++id) {
            uint64[] memory epochs = handler.acceptedEpochs(id);
            for (uint256 i = 1; i < epochs.length; ++i) {
                assertGt(epochs[i], epochs[i - 1], "I6: accepted epochs strictly increase");
            }
            uint64 last = epochs.length == 0 ? 0 : epochs[epochs.length - 1];
            assertEq(registry.lastEpochOf(id), last, "I6: lastEpochOf is the last accepted epoch");
        }
        assertEq(handler.ghostMismatches(), 0, "I6: lastEpochOf moves only with an accepted report");
    }

    /// @dev The committee always keeps a strict-majority threshold.
    function invariant_ThresholdIsMajority() public view {
        uint256 n = registry.signers().length;
        uint256 k = registry.threshold();
        assertTrue(k >= 1 && k <= n && 2 * k > n);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {RegistrySigning} from "../utils/RegistrySigning.sol";
import {ClusterRegistryHandler} from "./handlers/ClusterRegistryHandler.sol";

/// @notice ClusterRegistry invariants: I6 (epochs per cluster strictly increase), I7 (liveness comes only from signed
/// time, L-5), I8 (a skipped item never moves `lastEpochOf`, L-6), I9 (the committee version counts committee changes,
/// I-3), and the majority threshold. See contracts/test/invariant/README.md.
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
            handler.attest(id - 1, 30 days, 0);
        }

        targetContract(address(handler));
    }

    /// @dev I6 — epochs per cluster strictly increase, and `lastEpochOf` is the last accepted one.
    function invariant_I6_EpochsPerClusterStrictlyIncrease() public view {
        for (uint256 id = 1; id <= handler.CLUSTERS(); ++id) {
            uint64[] memory epochs = handler.acceptedEpochs(id);
            for (uint256 i = 1; i < epochs.length; ++i) {
                assertGt(epochs[i], epochs[i - 1], "I6: accepted epochs strictly increase");
            }
            assertEq(registry.lastEpochOf(id), handler.lastAccepted(id), "I6: lastEpochOf is the last accepted epoch");
        }
        assertEq(handler.ghostMismatches(), 0, "I6: lastEpochOf moves only with an accepted report");
    }

    /// @dev I7 — liveness comes only from signed time (L-5): whenever a cluster is Attested, now is at most a heartbeat
    /// after the later of its last epoch end and its attestation's issuedAt (both as the registry stores them and as
    /// the committee signed them), and no accepted epoch lies in the future.
    function invariant_I7_LivenessOnlyFromSignedTime() public {
        vm.warp(handler.currentTime());
        uint256 hb = registry.heartbeat();
        for (uint256 id = 1; id <= handler.CLUSTERS(); ++id) {
            IClusterRegistry.ClusterInfo memory info = registry.clusterOf(id);
            assertLe(info.lastEpoch, block.timestamp, "I7: no epoch after now");
            assertEq(info.lastReportAt, info.lastEpoch, "I7: the last report time is the signed epoch end");
            if (info.status != IClusterRegistry.ClusterStatus.Attested) continue;
            uint256 stored = info.lastEpoch > info.attestedAt ? info.lastEpoch : info.attestedAt;
            assertLe(block.timestamp, stored + hb, "I7: Attested only within a heartbeat of a signed time");
            uint256 signedEpoch = handler.lastAccepted(id);
            uint256 signedIssue = handler.ghostIssuedAt(id);
            uint256 signed = signedEpoch > signedIssue ? signedEpoch : signedIssue;
            assertLe(block.timestamp, signed + hb, "I7: Attested only within a heartbeat of what the committee signed");
            assertLe(block.timestamp, info.attestedUntil, "I7: Attested only until the attestation expires");
        }
    }

    /// @dev I8 — a skipped item never moves `lastEpochOf` (L-6): every item of a batch that landed emitted exactly one
    /// event, the one the rule predicts (skip with its reason, or accept), a batch reverts exactly when the rule says
    /// so, and `lastEpochOf` always equals the last accepted epoch.
    function invariant_I8_SkippedItemsNeverMoveLastEpoch() public view {
        assertEq(handler.ghostFateMismatches(), 0, "I8: every item's fate is the rule's");
        assertEq(handler.ghostEventCountMismatches(), 0, "I8: one event per item of a batch that landed");
        assertEq(handler.ghostMismatches(), 0, "I8: lastEpochOf moves only with an accepted item");
        for (uint256 id = 1; id <= handler.CLUSTERS(); ++id) {
            assertEq(registry.lastEpochOf(id), handler.lastAccepted(id), "I8: skipped epochs are not recorded");
        }
    }

    /// @dev I9 — `committeeVersion` only increases and equals the number of committee changes + 1 (I-3); nothing
    /// signed for another version is ever accepted.
    function invariant_I9_CommitteeVersionCountsChanges() public view {
        assertEq(registry.committeeVersion(), handler.ghostCommitteeChanges() + 1, "I9: version = changes + 1");
        assertEq(handler.ghostVersionDecreased(), 0, "I9: the version never decreases");
        assertEq(handler.ghostStaleAttestationsAccepted(), 0, "I9: no attestation for another version accepted");
    }

    /// @dev The committee always keeps a strict-majority threshold.
    function invariant_ThresholdIsMajority() public view {
        uint256 n = registry.signers().length;
        uint256 k = registry.threshold();
        assertTrue(k >= 1 && k <= n && 2 * k > n);
    }
}

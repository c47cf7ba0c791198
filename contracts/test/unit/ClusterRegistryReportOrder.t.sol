// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Unit tests of the out-of-order rule (L-6). Per cluster, epochs only increase: an item whose epoch is not
/// above the cluster's last epoch (it already landed, or a later epoch landed first) is SKIPPED with
/// `ReportSkipped(clusterId, epoch, EpochNotAfterLast)`. It never reverts the batch and is never recorded, so an
/// earlier epoch superseded by a later one is lost for good (its revenue is not in any `ReportSubmitted`); the other
/// items of the batch land as usual.
contract ClusterRegistryReportOrderTest is ClusterRegistryFixture {
    uint64 internal t0;
    uint256 internal second;
    uint256 internal third;
    address internal frontRunner = makeAddr("frontRunner");

    function setUp() public override {
        super.setUp();
        t0 = uint64(block.timestamp);
        second = _register(stranger);
        third = _register(stranger);
        for (uint256 id = 1; id <= 3; ++id) {
            _attest(id, t0 + 30 days);
        }
        skip(1 hours);
    }

    /// @dev L-6: a front-runner lands a later epoch of cluster 1 first; the relayer's batch (cluster 1's earlier epoch
    /// plus reports of clusters 2 and 3) still succeeds: the superseded item is skipped, the others land. At 64a4f38
    /// the whole batch reverted with EpochNotIncreasing.
    function test_FrontRunLaterEpoch_RelayerBatchStillLands() public {
        uint64 earlier = t0 + 30 minutes;
        uint64 later = t0 + 1 hours;
        IClusterRegistry.SignedReport[] memory relayerBatch =
            _three(_signed(clusterId, earlier), _signed(second, earlier), _signed(third, earlier));

        Vm.Log[] memory fr = _submitRecorded(_one(_signed(clusterId, later)), frontRunner);
        assertEq(fr.length, 1);
        assertEq(fr[0].topics[0], IClusterRegistryEvents.ReportSubmitted.selector);

        Vm.Log[] memory logs = _submitRecorded(relayerBatch, relayer);
        assertEq(logs.length, 3, "one event per item");
        _assertSkippedLog(logs[0], clusterId, earlier, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSubmittedLog(logs[1], relayerBatch[1].report, relayer);
        _assertSubmittedLog(logs[2], relayerBatch[2].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), later, "the superseded epoch did not move lastEpochOf");
        assertEq(registry.clusterOf(clusterId).lastReportAt, later);
        assertEq(registry.lastEpochOf(second), earlier);
        assertEq(registry.lastEpochOf(third), earlier);
    }

    /// @dev L-6: a front-runner copies one item out of the relayer's pending batch and lands it first; the batch does
    /// not revert, the copied item is skipped and the rest lands (at 64a4f38 the whole batch reverted).
    function test_FrontRunCopiedItem_DoesNotRevertBatch() public {
        uint64 epoch = t0 + 1 hours;
        IClusterRegistry.SignedReport[] memory relayerBatch =
            _three(_signed(clusterId, epoch), _signed(second, epoch), _signed(third, epoch));

        _submitRecorded(_one(relayerBatch[1]), frontRunner);
        assertEq(registry.lastEpochOf(second), epoch);

        Vm.Log[] memory logs = _submitRecorded(relayerBatch, relayer);
        assertEq(logs.length, 3, "one event per item");
        _assertSubmittedLog(logs[0], relayerBatch[0].report, relayer);
        _assertSkippedLog(logs[1], second, epoch, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSubmittedLog(logs[2], relayerBatch[2].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), epoch);
        assertEq(registry.lastEpochOf(second), epoch);
        assertEq(registry.lastEpochOf(third), epoch);
    }

    /// @dev L-6, the rule: once a later epoch landed, an earlier one is skipped every time it is sent and never
    /// recorded; epochs above the last one still land, gaps allowed.
    function test_OutOfOrder_EarlierEpochIsNeverRecordedAfterLaterOne() public {
        uint64 e1 = t0 + 10 minutes;
        uint64 e2 = t0 + 20 minutes;
        uint64 e3 = t0 + 30 minutes;
        _report(clusterId, e2);
        for (uint256 i = 0; i < 3; ++i) {
            Vm.Log[] memory logs = _submitRecorded(_one(_signed(clusterId, e1)), relayer);
            assertEq(logs.length, 1);
            _assertSkippedLog(logs[0], clusterId, e1, IClusterRegistry.SkipReason.EpochNotAfterLast);
            assertEq(registry.lastEpochOf(clusterId), e2);
            skip(1 days);
        }
        _report(clusterId, e3);
        assertEq(registry.lastEpochOf(clusterId), e3);
    }

    /// @dev L-6: in one batch, a later epoch followed by an earlier one of the same cluster: the earlier is skipped.
    function test_OutOfOrder_WithinOneBatch() public {
        uint64 early = t0 + 10 minutes;
        uint64 late = t0 + 50 minutes;
        IClusterRegistry.SignedReport[] memory batch =
            _three(_signed(clusterId, late), _signed(clusterId, early), _signed(second, early));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 3);
        _assertSubmittedLog(logs[0], batch[0].report, relayer);
        _assertSkippedLog(logs[1], clusterId, early, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSubmittedLog(logs[2], batch[2].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), late);
        assertEq(registry.lastEpochOf(second), early);
    }

    /// @dev L-6: in order, the same items all land (the rule only drops what a later epoch superseded).
    function test_InOrder_AllLand() public {
        uint64 early = t0 + 10 minutes;
        uint64 late = t0 + 50 minutes;
        IClusterRegistry.SignedReport[] memory batch = _two(_signed(clusterId, early), _signed(clusterId, late));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 2);
        _assertSubmittedLog(logs[0], batch[0].report, relayer);
        _assertSubmittedLog(logs[1], batch[1].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), late);
    }

    /// @dev L-6: a batch made only of items that already landed is a no-op (events only), not a revert, and a relayer
    /// retrying after its own transaction was included loses nothing.
    function test_RelayerRetry_IsANoOp() public {
        uint64 epoch = t0 + 1 hours;
        IClusterRegistry.SignedReport[] memory batch = _two(_signed(clusterId, epoch), _signed(second, epoch));
        registry.submitReports(batch);
        IClusterRegistry.ClusterInfo memory before1 = registry.clusterOf(clusterId);
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 2);
        _assertSkippedLog(logs[0], clusterId, epoch, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSkippedLog(logs[1], second, epoch, IClusterRegistry.SkipReason.EpochNotAfterLast);
        IClusterRegistry.ClusterInfo memory after1 = registry.clusterOf(clusterId);
        assertEq(after1.lastEpoch, before1.lastEpoch);
        assertEq(after1.lastReportAt, before1.lastReportAt);
        assertEq(registry.lastEpochOf(second), epoch);
    }
}

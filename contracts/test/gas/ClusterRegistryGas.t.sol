// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";

/// @title ClusterRegistryGasTest
/// @notice Gas figures of ClusterRegistry, following the convention in ShareTokenGas.t.sol (run with `--isolate`, so
/// every top-level call is a real transaction and `lastCallGas().gasTotalUsed` is TX gas: 21,000 + calldata +
/// execution). Committee: 3 of 5 signers.
contract ClusterRegistryGasTest is ClusterRegistryFixture {
    string internal constant GROUP = "ClusterRegistry";
    uint256 internal constant BATCH = 50;

    /// @dev End of the epoch reported in setUp (the previous one); the measured epoch ends an hour later, at "now".
    uint64 internal previousEpoch;

    function setUp() public override {
        super.setUp();
        // 50 attested clusters (ids 1..50), each with one earlier report: the steady state the oracle runs in. Epochs
        // are the Unix seconds at which they ended, so at most now.
        for (uint256 id = 2; id <= BATCH; ++id) {
            _register(operator);
        }
        uint64 validUntil = uint64(block.timestamp + 30 days);
        for (uint256 id = 1; id <= BATCH; ++id) {
            _attest(id, validUntil);
        }
        previousEpoch = uint64(block.timestamp);
        registry.submitReports(_batch(previousEpoch));
        skip(1 hours);
    }

    /// @dev One report per cluster for `epoch`, each signed by the first K = 3 members (ascending addresses). Digests
    /// are computed locally so building the batch makes no call to the registry.
    function _batch(uint64 epoch) internal view returns (IClusterRegistry.SignedReport[] memory batch) {
        batch = new IClusterRegistry.SignedReport[](BATCH);
        for (uint256 i = 0; i < BATCH; ++i) {
            IClusterRegistry.EpochReport memory r = IClusterRegistry.EpochReport({
                clusterId: i + 1,
                epoch: epoch,
                gpuHoursMilli: uint64(46_080_000 + i), // 64 GPUs x 720 h, in milli-GPU-hours
                utilizationBps: uint16(9000 + i),
                gpusOnline: GPU_COUNT - uint32(i % 3),
                revenue: 98_765_432_100 + i, // ~98.7k USD in 6-decimal base units
                telemetryRoot: keccak256(abi.encode("telemetry", i, epoch)),
                committeeVersion: registry.committeeVersion()
            });
            batch[i] = _signReport(r, K);
        }
    }

    function test_Gas_SubmitReports_50Clusters_K3() public {
        uint64 epoch = previousEpoch + 1 hours;
        assertEq(epoch, block.timestamp, "the epoch that just ended");
        IClusterRegistry.SignedReport[] memory batch = _batch(epoch);
        vm.prank(relayer);
        registry.submitReports(batch);
        vm.snapshotGasLastCall(GROUP, "submitReports (batch of 50, k = 3)");
        vm.snapshotValue(GROUP, "submitReports per cluster (batch of 50, k = 3)", vm.lastCallGas().gasTotalUsed / BATCH);
        vm.snapshotValue(GROUP, "submitReports per cluster (batch of 50, k = 3) :: max", 60_000);
        assertEq(registry.lastEpochOf(1), epoch);
        assertEq(registry.lastEpochOf(BATCH), epoch, "every item landed, none skipped");
    }

    function test_Gas_SubmitAttestation_K3() public {
        IClusterRegistry.Attestation memory a = _attestation(1, uint64(block.timestamp + 60 days));
        bytes[] memory sigs = _signAttestation(a, K);
        vm.prank(relayer);
        registry.submitAttestation(a, sigs);
        vm.snapshotGasLastCall(GROUP, "submitAttestation (k = 3)");
    }

    function test_Gas_RegisterCluster() public {
        vm.prank(operator);
        registry.registerCluster(GPU_MODEL, GPU_COUNT, LOCATION, HW_ROOT, META_URI, META_HASH);
        vm.snapshotGasLastCall(GROUP, "registerCluster");
    }
}

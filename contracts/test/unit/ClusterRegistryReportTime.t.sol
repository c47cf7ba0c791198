// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryErrors} from "../../src/interfaces/IClusterRegistryErrors.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Unit tests of the time rule (L-5, I-2): freshness comes from signed times only. A report's epoch is the Unix
/// second its epoch ended and becomes the last report time; an attestation's heartbeat counts from its signed
/// `issuedAt`; neither may be in the future. So signatures held back cannot revive a Stale cluster (and reopen sales,
/// which need `Attested`).
contract ClusterRegistryReportTimeTest is ClusterRegistryFixture {
    uint64 internal validUntil;
    uint64 internal t0;

    function setUp() public override {
        super.setUp();
        t0 = uint64(block.timestamp);
        validUntil = t0 + 30 days;
    }

    /*//////////////////////////////////////////////////////////////
                         WITHHELD SIGNATURES (L-5)
    //////////////////////////////////////////////////////////////*/

    /// @dev L-5: four reports signed at t0 and held back, submitted one per heartbeat, all land but never bring the
    /// cluster from Stale back to Attested (at 64a4f38 each one revived it for another heartbeat).
    function test_WithheldReports_NeverReviveStaleCluster() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[4] memory held;
        for (uint256 i = 0; i < 4; ++i) {
            held[i] = _signed(clusterId, t0 - uint64(3 - i) * 1 hours); // epochs t0-3h .. t0, all signed at t0
        }
        vm.warp(t0 + HEARTBEAT + 1);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "stale before the first held report");

        for (uint256 i = 0; i < 4; ++i) {
            Vm.Log[] memory logs = _submitRecorded(_one(held[i]), relayer);
            assertEq(logs.length, 1);
            _assertSubmittedLog(logs[0], held[i].report, relayer);
            assertEq(registry.lastEpochOf(clusterId), held[i].report.epoch, "the held report landed");
            assertEq(registry.clusterOf(clusterId).lastReportAt, held[i].report.epoch, "last report time = epoch");
            _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "L-5: a held report does not revive");
            skip(HEARTBEAT);
            _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "L-5: still stale a heartbeat later");
        }

        // Only a report for an epoch that ended within the heartbeat revives it.
        _report(clusterId, uint64(block.timestamp - HEARTBEAT));
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "a fresh signed epoch revives");
    }

    /// @dev L-5: an attestation signed at t0 (issuedAt) and submitted a heartbeat later lands but leaves the cluster
    /// Stale: its heartbeat counts from t0.
    function test_WithheldAttestation_LeavesClusterStale() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.warp(t0 + HEARTBEAT + 1);

        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ClusterAttested(
            clusterId, HW_ROOT, GPU_COUNT, validUntil, 0, uint40(t0), _firstAddresses(K), relayer
        );
        vm.prank(relayer);
        registry.submitAttestation(a, sigs);

        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(info.attestedAt, t0, "attestedAt = issuedAt");
        assertEq(info.attestedUntil, validUntil);
        assertEq(info.attestationNonce, 1);
        assertEq(uint8(info.status), uint8(IClusterRegistry.ClusterStatus.Stale), "L-5: held attestation is stale");
    }

    /// @dev L-5: the heartbeat of a held attestation runs exactly until issuedAt + heartbeat.
    function test_WithheldAttestation_FreshUntilIssuedAtPlusHeartbeat() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.warp(t0 + HEARTBEAT);
        registry.submitAttestation(a, sigs);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "last fresh second");
        skip(1);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "one second later");
    }

    /// @dev L-5: a re-attestation signed at t0 and held back extends validity but does not revive a Stale cluster.
    function test_WithheldReattestation_DoesNotReviveStaleCluster() public {
        _attest(clusterId, t0 + 10 days);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil); // nonce 1, issued at t0
        bytes[] memory sigs = _signAttestation(a, K);
        vm.warp(t0 + 2 * HEARTBEAT);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "stale before");
        registry.submitAttestation(a, sigs);
        assertEq(registry.clusterOf(clusterId).attestedUntil, validUntil, "validity extended");
        assertEq(registry.clusterOf(clusterId).attestedAt, t0);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "L-5: still stale");
    }

    /*//////////////////////////////////////////////////////////////
                         FRESHNESS FROM SIGNED TIME
    //////////////////////////////////////////////////////////////*/

    /// @dev L-5: a report submitted now for an epoch that ended 6 hours ago is fresh until epoch + heartbeat, not
    /// until now + heartbeat.
    function test_Status_FreshnessCountsFromEpochNotSubmission() public {
        _attest(clusterId, validUntil);
        vm.warp(t0 + 2 days);
        uint64 epoch = uint64(block.timestamp - 6 hours);
        _report(clusterId, epoch);
        assertEq(registry.clusterOf(clusterId).lastReportAt, epoch);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "fresh");
        vm.warp(uint256(epoch) + HEARTBEAT);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "epoch + heartbeat");
        vm.warp(uint256(epoch) + HEARTBEAT + 1);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "one second after epoch + heartbeat");
    }

    /// @dev L-5: an attestation issued 6 hours before its submission is fresh until issuedAt + heartbeat.
    function test_Status_FreshnessCountsFromIssuedAtNotSubmission() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.issuedAt = t0 - 6 hours;
        registry.submitAttestation(a, _signAttestation(a, K));
        assertEq(registry.clusterOf(clusterId).attestedAt, t0 - 6 hours);
        vm.warp(t0 - 6 hours + HEARTBEAT);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "issuedAt + heartbeat");
        skip(1);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "one second later");
    }

    /// @dev Freshness counts from the later of the last epoch and the attestation's issuedAt.
    function test_Status_LaterOfEpochAndIssuedAt() public {
        _attest(clusterId, validUntil); // issued at t0
        _report(clusterId, t0 - 1 hours); // an older epoch does not shorten the attestation's heartbeat
        vm.warp(t0 + HEARTBEAT);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "issuedAt counts");
        _report(clusterId, t0 + 2 hours); // a later epoch extends it
        vm.warp(t0 + 2 hours + HEARTBEAT);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "epoch counts");
        skip(1);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Stale, "after the later of both");
    }

    /*//////////////////////////////////////////////////////////////
                           NOTHING IN THE FUTURE
    //////////////////////////////////////////////////////////////*/

    /// @dev L-5: an epoch may end at the latest now; one second later reverts the batch with EpochInFuture.
    function test_RevertWhen_SubmitReports_EpochInFuture() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signed(clusterId, t0 + 1));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.EpochInFuture.selector, clusterId, t0 + 1, t0));
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), 0);

        // The same signed report lands once its epoch has ended.
        skip(1);
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), t0 + 1);
        skip(10);
        _report(clusterId, uint64(block.timestamp)); // an epoch that ends exactly now is fine
        assertEq(registry.lastEpochOf(clusterId), block.timestamp);
    }

    /// @dev L-5: an attestation may be issued at the latest now; one second later reverts AttestationIssuedInFuture.
    function test_RevertWhen_SubmitAttestation_IssuedInFuture() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.issuedAt = t0 + 1;
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.AttestationIssuedInFuture.selector, clusterId, t0 + 1, t0)
        );
        registry.submitAttestation(a, sigs);
        assertEq(registry.clusterOf(clusterId).attestedUntil, 0);

        skip(1);
        registry.submitAttestation(a, sigs);
        assertEq(registry.clusterOf(clusterId).attestedAt, t0 + 1);
    }

    /// @dev I-2: epoch type(uint64).max is in the future, so it cannot end reporting for the cluster; reporting goes on
    /// normally afterwards (at 64a4f38 it was accepted and every later epoch reverted).
    function test_RevertWhen_SubmitReports_MaxEpoch_ThenReportingContinues() public {
        _attest(clusterId, validUntil);
        _report(clusterId, t0 - 1 hours);
        IClusterRegistry.SignedReport[] memory batch = _one(_signed(clusterId, type(uint64).max));
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.EpochInFuture.selector, clusterId, type(uint64).max, t0)
        );
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), t0 - 1 hours, "lastEpochOf untouched");

        for (uint256 i = 1; i <= 3; ++i) {
            skip(1 hours);
            Vm.Log[] memory logs = _submitRecorded(_one(_signed(clusterId, uint64(block.timestamp))), relayer);
            assertEq(logs.length, 1);
            assertEq(logs[0].topics[0], IClusterRegistryEvents.ReportSubmitted.selector);
            assertEq(registry.lastEpochOf(clusterId), block.timestamp);
        }
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "alive");
    }

    /// @dev I-2: a far-future item reverts its whole batch (it is not skipped), so the other items can be resent.
    function test_RevertWhen_SubmitReports_FutureItemInBatch_Atomic() public {
        uint256 second = _register(stranger);
        _attest(clusterId, validUntil);
        _attest(second, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _two(_signed(second, t0), _signed(clusterId, t0 + 1 days));
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.EpochInFuture.selector, clusterId, t0 + 1 days, t0)
        );
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(second), 0, "whole batch reverted");
        registry.submitReports(_one(batch[0]));
        assertEq(registry.lastEpochOf(second), t0);
    }

    function _firstAddresses(uint256 k) internal view returns (address[] memory out) {
        out = new address[](k);
        for (uint256 i = 0; i < k; ++i) {
            out[i] = committee[i];
        }
    }
}

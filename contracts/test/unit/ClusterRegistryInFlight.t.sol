// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryErrors} from "../../src/interfaces/IClusterRegistryErrors.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Unit tests of signatures in flight (I-3): every message carries the committee version, which every committee
/// change moves on, so a removed signer loses its outstanding signatures even if it is added back; a hardware update
/// moves the attestation nonce on, so an attestation signed for the old hardware never lands.
contract ClusterRegistryInFlightTest is ClusterRegistryFixture {
    uint64 internal validUntil;
    uint64 internal t0;
    uint256 internal second;

    function setUp() public override {
        super.setUp();
        t0 = uint64(block.timestamp);
        validUntil = t0 + 30 days;
        second = _register(stranger);
    }

    /// @dev Removes committee[2] and adds it back (versions 2 and 3): same members, new version.
    function _removeAndReadd() internal {
        vm.startPrank(governance);
        registry.removeSigner(committee[2], 3);
        registry.addSigner(committee[2], 3);
        vm.stopPrank();
        assertEq(registry.committeeVersion(), 3);
        assertEq(registry.signers().length, N_SIGNERS);
        assertTrue(registry.isSigner(committee[2]));
    }

    /// @dev I-3: an attestation signed by committee[0..2] (committee[2] included) before committee[2] was removed and
    /// re-added reverts CommitteeVersionMismatch(1, 3); the same signers signing for version 3 succeed. At 64a4f38
    /// the old signatures counted again.
    function test_RevertWhen_SubmitAttestation_SignerRemovedThenReadded() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        assertEq(a.committeeVersion, 1);
        _removeAndReadd();

        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.CommitteeVersionMismatch.selector, 1, 3));
        registry.submitAttestation(a, sigs);
        assertEq(registry.clusterOf(clusterId).attestedUntil, 0);

        a.committeeVersion = 3;
        registry.submitAttestation(a, _signAttestation(a, K));
        assertEq(registry.clusterOf(clusterId).attestedUntil, validUntil);
        assertEq(registry.clusterOf(clusterId).attestationNonce, 1);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Attested, "the new version works");
    }

    /// @dev I-3: reports signed before the committee changed are skipped with StaleCommittee (never reverting the batch,
    /// never recorded); reports signed for the new version land.
    function test_SubmitReports_SignedBeforeCommitteeChange_SkippedAsStale() public {
        _attest(clusterId, validUntil);
        _attest(second, validUntil);
        skip(1 hours);
        uint64 epoch = t0 + 30 minutes;
        IClusterRegistry.SignedReport memory old1 = _signed(clusterId, epoch);
        IClusterRegistry.SignedReport memory old2 = _signed(second, epoch);
        _removeAndReadd();

        IClusterRegistry.SignedReport memory fresh2 = _signed(second, epoch);
        assertEq(fresh2.report.committeeVersion, 3);
        IClusterRegistry.SignedReport[] memory batch = _three(old1, old2, fresh2);
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 3, "one event per item");
        _assertSkippedLog(logs[0], clusterId, epoch, IClusterRegistry.SkipReason.StaleCommittee);
        _assertSkippedLog(logs[1], second, epoch, IClusterRegistry.SkipReason.StaleCommittee);
        _assertSubmittedLog(logs[2], fresh2.report, relayer);
        assertEq(registry.lastEpochOf(clusterId), 0, "stale item not recorded");
        assertEq(registry.lastEpochOf(second), epoch);

        // Re-signed for version 3, cluster 1's report lands.
        registry.submitReports(_one(_signed(clusterId, epoch)));
        assertEq(registry.lastEpochOf(clusterId), epoch);
    }

    /// @dev I-3: a report for a version that does not exist yet is skipped the same way.
    function test_SubmitReports_FutureCommitteeVersion_Skipped() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, t0);
        r.committeeVersion = 2;
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(r, K));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 1);
        _assertSkippedLog(logs[0], clusterId, t0, IClusterRegistry.SkipReason.StaleCommittee);
        assertEq(registry.lastEpochOf(clusterId), 0);
    }

    /// @dev I-3: the committee check comes first, so an item both stale and behind the last epoch reports
    /// StaleCommittee.
    function test_SubmitReports_StaleCommitteeBeforeEpochOrder() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory old = _signed(clusterId, t0 - 1 hours);
        _report(clusterId, t0);
        vm.prank(governance);
        registry.setThreshold(K);
        Vm.Log[] memory logs = _submitRecorded(_one(old), relayer);
        assertEq(logs.length, 1);
        _assertSkippedLog(logs[0], clusterId, t0 - 1 hours, IClusterRegistry.SkipReason.StaleCommittee);
        assertEq(registry.lastEpochOf(clusterId), t0);
    }

    /// @dev I-3: any committee change (add, remove, threshold) voids what was signed for the previous version.
    function test_RevertWhen_SubmitAttestation_SignedBeforeAnyCommitteeChange() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.startPrank(governance);
        registry.setThreshold(K); // same threshold, still a change
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.CommitteeVersionMismatch.selector, 1, 2));
        registry.submitAttestation(a, sigs);

        vm.prank(governance);
        registry.addSigner(makeAddr("newSigner"), 4);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.CommitteeVersionMismatch.selector, 1, 3));
        registry.submitAttestation(a, sigs);
    }

    /// @dev I-3: an attestation for a future version is refused as well.
    function test_RevertWhen_SubmitAttestation_FutureCommitteeVersion() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.committeeVersion = 2;
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.CommitteeVersionMismatch.selector, 2, 1));
        registry.submitAttestation(a, sigs);
    }

    /// @dev I-3: an attestation signed but not yet submitted when the operator changes the hardware and changes it back
    /// reverts InvalidAttestationNonce (the update moved the nonce from 0 to 2). At 64a4f38 it landed.
    function test_RevertWhen_SubmitAttestation_UnsubmittedAfterHardwareRoundTrip() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.startPrank(operator);
        registry.updateHardware(clusterId, keccak256("v2"), GPU_COUNT);
        registry.updateHardware(clusterId, HW_ROOT, GPU_COUNT);
        vm.stopPrank();
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(info.hardwareRoot, HW_ROOT, "same hardware as signed");
        assertEq(info.attestationNonce, 2);

        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.InvalidAttestationNonce.selector, clusterId, 0, 2)
        );
        registry.submitAttestation(a, sigs);
        _assertStatus(clusterId, IClusterRegistry.ClusterStatus.Registered, "still not attested");

        // A fresh attestation for the current nonce works.
        _attest(clusterId, validUntil);
        assertEq(registry.clusterOf(clusterId).attestationNonce, 3);
    }

    /// @dev I-3: every hardware update moves the nonce on by one, and only for its cluster.
    function test_UpdateHardware_BumpsNonceEachTime() public {
        _attest(clusterId, validUntil);
        vm.startPrank(operator);
        for (uint32 i = 1; i <= 3; ++i) {
            vm.expectEmit(true, true, true, true, address(registry));
            emit IClusterRegistryEvents.HardwareUpdated(clusterId, bytes32(uint256(i)), GPU_COUNT + i);
            registry.updateHardware(clusterId, bytes32(uint256(i)), GPU_COUNT + i);
            assertEq(registry.clusterOf(clusterId).attestationNonce, 1 + i);
        }
        vm.stopPrank();
        assertEq(registry.clusterOf(second).attestationNonce, 0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryErrors} from "../../src/interfaces/IClusterRegistryErrors.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Unit tests of ClusterRegistry epoch reports: recording, batches, skipped items, field checks, reportable
/// states and every signature rejection path. Time rules (L-5, I-2) are in ClusterRegistryReportTime.t.sol, the
/// out-of-order rule (L-6) in ClusterRegistryReportOrder.t.sol, committee versions (I-3) in
/// ClusterRegistryInFlight.t.sol.
contract ClusterRegistryReportsTest is ClusterRegistryFixture {
    uint64 internal validUntil;

    function setUp() public override {
        super.setUp();
        validUntil = uint64(block.timestamp + 30 days);
    }

    /*//////////////////////////////////////////////////////////////
                                REPORTS
    //////////////////////////////////////////////////////////////*/

    /// @dev L-5: the last report time is the signed epoch end, not the block time of the submission.
    function test_SubmitReports_RecordsAndEmits() public {
        _attest(clusterId, validUntil);
        skip(1 hours);
        uint64 epoch = uint64(block.timestamp - 10 minutes);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, epoch);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(r, K));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ReportSubmitted(
            clusterId, epoch, r.gpuHoursMilli, r.utilizationBps, r.gpusOnline, r.revenue, r.telemetryRoot, relayer
        );
        vm.prank(relayer);
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), epoch);
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(info.lastEpoch, epoch);
        assertEq(info.lastReportAt, epoch, "L-5: the signed epoch end, not the submission time");
        assertEq(info.attestedAt, block.timestamp - 1 hours, "attestation untouched");
        assertEq(info.attestationNonce, 1);
    }

    function test_SubmitReports_BatchOfClustersAndEpochs() public {
        uint256 second = _register(stranger);
        _attest(clusterId, validUntil);
        _attest(second, validUntil);
        IClusterRegistry.SignedReport[] memory batch = new IClusterRegistry.SignedReport[](3);
        batch[0] = _signReport(_defaultReport(clusterId, 10), K);
        batch[1] = _signReport(_defaultReport(second, 3), N_SIGNERS);
        batch[2] = _signReport(_defaultReport(clusterId, 12), K); // same cluster again, higher epoch, gaps allowed
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 3);
        _assertSubmittedLog(logs[0], batch[0].report, relayer);
        _assertSubmittedLog(logs[1], batch[1].report, relayer);
        _assertSubmittedLog(logs[2], batch[2].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), 12);
        assertEq(registry.lastEpochOf(second), 3);
    }

    /// @dev I-2: the largest epoch is in the future and refused; the largest one accepted is now, with every other
    /// field at its maximum.
    function test_SubmitReports_BoundaryValues() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, type(uint64).max);
        r.utilizationBps = 10_000;
        r.gpusOnline = GPU_COUNT;
        r.gpuHoursMilli = type(uint64).max;
        r.revenue = type(uint256).max;
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(r, K));
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistryErrors.EpochInFuture.selector, clusterId, type(uint64).max, block.timestamp
            )
        );
        registry.submitReports(batch);

        r.epoch = uint64(block.timestamp);
        batch = _one(_signReport(r, K));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 1);
        _assertSubmittedLog(logs[0], r, relayer);
        assertEq(registry.lastEpochOf(clusterId), block.timestamp);
    }

    /// @dev A report whose epoch ended now revives a cluster that went Stale by heartbeat.
    function test_SubmitReports_WhileStaleByHeartbeat() public {
        _attest(clusterId, validUntil);
        skip(HEARTBEAT + 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));
        _report(clusterId, uint64(block.timestamp));
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    function test_SubmitReports_AtAttestationExpiry() public {
        _attest(clusterId, validUntil);
        vm.warp(validUntil);
        _report(clusterId, validUntil);
        assertEq(registry.lastEpochOf(clusterId), validUntil);
    }

    function test_RevertWhen_SubmitReports_EmptyBatch() public {
        vm.expectRevert(IClusterRegistryErrors.EmptyBatch.selector);
        registry.submitReports(new IClusterRegistry.SignedReport[](0));
    }

    /*//////////////////////////////////////////////////////////////
                            SKIPPED ITEMS
    //////////////////////////////////////////////////////////////*/

    /// @dev A second attested cluster, for batches where one item is skipped and another lands.
    function _attestedSecond() internal returns (uint256 second) {
        second = _register(stranger);
        _attest(clusterId, validUntil);
        _attest(second, validUntil);
    }

    /// @dev L-6: an epoch below the last one is skipped, not reverted; the rest of the batch lands.
    function test_SubmitReports_OldEpoch_Skipped() public {
        uint256 second = _attestedSecond();
        _report(clusterId, 5);
        IClusterRegistry.SignedReport[] memory batch = _two(_signed(clusterId, 4), _signed(second, 9));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 2);
        _assertSkippedLog(logs[0], clusterId, 4, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSubmittedLog(logs[1], batch[1].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), 5, "skipped: lastEpochOf did not move");
        assertEq(registry.lastEpochOf(second), 9);
    }

    /// @dev L-6: resubmitting a batch that already landed skips every item and reverts nothing.
    function test_SubmitReports_Replayed_Skipped() public {
        uint256 second = _attestedSecond();
        IClusterRegistry.SignedReport[] memory first = _one(_signed(clusterId, 1));
        registry.submitReports(first);
        IClusterRegistry.SignedReport[] memory batch = _two(first[0], _signed(second, 1));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 2);
        _assertSkippedLog(logs[0], clusterId, 1, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSubmittedLog(logs[1], batch[1].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), 1, "skipped: lastEpochOf did not move");
        assertEq(registry.lastEpochOf(second), 1);

        // The same batch once more: both items are behind now, nothing lands and nothing reverts.
        logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 2);
        _assertSkippedLog(logs[0], clusterId, 1, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSkippedLog(logs[1], second, 1, IClusterRegistry.SkipReason.EpochNotAfterLast);
    }

    /// @dev The first report needs epoch >= 1: epoch 0 is never after the (initial) last epoch 0.
    function test_SubmitReports_EpochZero_Skipped() public {
        uint256 second = _attestedSecond();
        IClusterRegistry.SignedReport[] memory batch = _two(_signed(clusterId, 0), _signed(second, 1));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 2);
        _assertSkippedLog(logs[0], clusterId, 0, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSubmittedLog(logs[1], batch[1].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), 0, "skipped: lastEpochOf did not move");
        assertEq(registry.clusterOf(clusterId).lastReportAt, 0);
        assertEq(registry.lastEpochOf(second), 1);
    }

    /// @dev The same item twice in one batch: the first lands, the copy is skipped, the batch does not revert.
    function test_SubmitReports_SameEpochTwiceInBatch_SecondSkipped() public {
        uint256 second = _attestedSecond();
        IClusterRegistry.SignedReport memory item = _signed(clusterId, 7);
        IClusterRegistry.SignedReport[] memory batch = _three(item, item, _signed(second, 8));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 3);
        _assertSubmittedLog(logs[0], item.report, relayer);
        _assertSkippedLog(logs[1], clusterId, 7, IClusterRegistry.SkipReason.EpochNotAfterLast);
        _assertSubmittedLog(logs[2], batch[2].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), 7, "the copy did not move lastEpochOf");
        assertEq(registry.lastEpochOf(second), 8);
    }

    /// @dev A skipped item is ignored before any check of its content: `ReportSkipped` is no evidence of a signature.
    function test_SubmitReports_SkippedItemIsNotChecked() public {
        _attest(clusterId, validUntil);
        _report(clusterId, 5);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, 5);
        r.utilizationBps = 10_001;
        r.gpusOnline = GPU_COUNT + 1;
        IClusterRegistry.SignedReport[] memory batch = _one(IClusterRegistry.SignedReport(r, new bytes[](0)));
        Vm.Log[] memory logs = _submitRecorded(batch, stranger);
        assertEq(logs.length, 1);
        _assertSkippedLog(logs[0], clusterId, 5, IClusterRegistry.SkipReason.EpochNotAfterLast);
        assertEq(registry.lastEpochOf(clusterId), 5);
    }

    /// @dev Skipping is per item; an invalid later item still reverts the whole batch, the skipped one included.
    function test_RevertWhen_SubmitReports_SkippedThenInvalid_Atomic() public {
        uint256 second = _attestedSecond();
        _report(clusterId, 5);
        IClusterRegistry.SignedReport[] memory batch =
            _three(_signed(second, 2), _signed(clusterId, 5), _signReport(_defaultReport(second, 3), K - 1));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InsufficientSignatures.selector, K - 1, K));
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(second), 0, "whole batch reverted");
        assertEq(registry.lastEpochOf(clusterId), 5);
    }

    /*//////////////////////////////////////////////////////////////
                             FIELD CHECKS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_SubmitReports_UtilizationTooHigh() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, 1);
        r.utilizationBps = 10_001;
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(r, K));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.UtilizationTooHigh.selector, clusterId, 10_001));
        registry.submitReports(batch);
    }

    /// @dev More GPUs online than attested is skipped, not reverted: the operator can shrink the attested hardware
    /// (updateHardware, then a smaller re-attestation) between the signing and the mining of a relayer's batch, and
    /// that must not sink the other clusters' reports (attack review: one operator stalling every cluster).
    function test_SubmitReports_GpusOnlineAboveAttested_Skipped() public {
        _attest(clusterId, validUntil);
        uint256 other = _register(operator);
        _attest(other, validUntil);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, 1);
        r.gpusOnline = GPU_COUNT + 1;
        IClusterRegistry.SignedReport[] memory batch = _two(_signReport(r, K), _signReport(_defaultReport(other, 1), K));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 2, "one event per item");
        _assertSkippedLog(logs[0], clusterId, 1, IClusterRegistry.SkipReason.GpusOnlineAboveAttested);
        _assertSubmittedLog(logs[1], batch[1].report, relayer);
        assertEq(registry.lastEpochOf(clusterId), 0, "the skipped item recorded nothing");
        assertEq(registry.lastEpochOf(other), 1, "the rest of the batch landed");
    }

    /// @dev The attack it closes: a report signed for 64 GPUs, the operator shrinks its cluster to 32 and gets it
    /// re-attested before the relayer's batch lands; the batch still lands for everyone else.
    function test_SubmitReports_HardwareShrunkBeforeMining_OthersLand() public {
        _attest(clusterId, validUntil);
        uint256 other = _register(operator);
        _attest(other, validUntil);
        IClusterRegistry.SignedReport memory victim = _signReport(_defaultReport(other, 1), K);
        IClusterRegistry.EpochReport memory before = _defaultReport(clusterId, 1); // 60 of 64 GPUs online
        IClusterRegistry.SignedReport memory signedBefore = _signReport(before, K);
        vm.startPrank(operator);
        registry.updateHardware(clusterId, keccak256("32 GPUs"), 32);
        vm.stopPrank();
        _attest(clusterId, validUntil);
        Vm.Log[] memory logs = _submitRecorded(_two(signedBefore, victim), relayer);
        _assertSkippedLog(logs[0], clusterId, 1, IClusterRegistry.SkipReason.GpusOnlineAboveAttested);
        _assertSubmittedLog(logs[1], victim.report, relayer);
        assertEq(registry.lastEpochOf(other), 1);
    }

    /*//////////////////////////////////////////////////////////////
                           REPORTABLE STATES
    //////////////////////////////////////////////////////////////*/

    /// @dev An item of a cluster that cannot be reported on (in `status`) is skipped, not reverted: the operator's
    /// hardware update or a suspension between signing and mining must not sink a relayer's batch (L-6). Another
    /// cluster's report in the same batch still lands, and the cluster's last epoch does not move.
    function _expectNotReportable(uint256 id, IClusterRegistry.ClusterStatus status, uint64 epoch) internal {
        assertEq(uint8(registry.statusOf(id)), uint8(status), "status before");
        uint256 other = _register(operator);
        _attest(other, uint64(block.timestamp + 30 days));
        uint64 lastBefore = registry.lastEpochOf(id);
        IClusterRegistry.SignedReport[] memory batch =
            _two(_signReport(_defaultReport(id, epoch), K), _signReport(_defaultReport(other, epoch), K));
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 2, "one event per item");
        _assertSkippedLog(logs[0], id, epoch, IClusterRegistry.SkipReason.ClusterNotReportable);
        _assertSubmittedLog(logs[1], batch[1].report, relayer);
        assertEq(registry.lastEpochOf(id), lastBefore, "a skipped item never moves the last epoch");
        assertEq(registry.lastEpochOf(other), epoch, "the rest of the batch landed");
    }

    function test_SubmitReports_NeverAttested_Skipped() public {
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Registered, 1);
    }

    function test_SubmitReports_UnknownCluster_Skipped() public {
        _expectNotReportable(77, IClusterRegistry.ClusterStatus.None, 1);
    }

    function test_SubmitReports_AttestationExpired_Skipped() public {
        _attest(clusterId, validUntil);
        vm.warp(validUntil + 1);
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Stale, 1);
    }

    function test_SubmitReports_AttestationCleared_Skipped() public {
        _attest(clusterId, validUntil);
        vm.prank(operator);
        registry.updateHardware(clusterId, keccak256("v2"), GPU_COUNT);
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Registered, 1);
    }

    function test_SubmitReports_Suspended_Skipped() public {
        _attest(clusterId, validUntil);
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Suspended, 1);
        vm.prank(governance);
        registry.unsuspendCluster(clusterId);
        _report(clusterId, 1);
    }

    function test_SubmitReports_Retired_Skipped() public {
        _attest(clusterId, validUntil);
        vm.prank(governance);
        registry.retireCluster(clusterId);
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Retired, 1);
    }

    /*//////////////////////////////////////////////////////////////
                              SIGNATURES
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_SubmitReports_KMinusOneSignatures() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K - 1));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InsufficientSignatures.selector, K - 1, K));
        registry.submitReports(batch);
    }

    /// @dev I-3: raising the threshold is a committee change: what was signed before is skipped as StaleCommittee;
    /// what is signed for the new version needs the new threshold.
    function test_RevertWhen_SubmitReports_KMinusOneAfterThresholdRaised() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory before = _one(_signReport(_defaultReport(clusterId, 1), K));
        vm.prank(governance);
        registry.setThreshold(K + 1);
        Vm.Log[] memory logs = _submitRecorded(before, relayer);
        assertEq(logs.length, 1);
        _assertSkippedLog(logs[0], clusterId, 1, IClusterRegistry.SkipReason.StaleCommittee);
        assertEq(registry.lastEpochOf(clusterId), 0);

        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        assertEq(batch[0].report.committeeVersion, 2);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InsufficientSignatures.selector, K, K + 1));
        registry.submitReports(batch);
        registry.submitReports(_one(_signReport(_defaultReport(clusterId, 1), K + 1)));
        assertEq(registry.lastEpochOf(clusterId), 1);
    }

    function test_RevertWhen_SubmitReports_DuplicatedSigner() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory sr = _signReport(_defaultReport(clusterId, 1), K);
        sr.signatures[1] = sr.signatures[0];
        IClusterRegistry.SignedReport[] memory batch = _one(sr);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.DuplicateSigner.selector, 1, committee[0]));
        registry.submitReports(batch);
    }

    /// @dev I-3: a report signed before a signer's removal fails first on the committee version (skipped); the removed
    /// signer's signature over the new version is refused as an outsider's.
    function test_RevertWhen_SubmitReports_RemovedSigner() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        vm.prank(governance);
        registry.removeSigner(committee[2], 3);
        Vm.Log[] memory logs = _submitRecorded(batch, relayer);
        assertEq(logs.length, 1);
        _assertSkippedLog(logs[0], clusterId, 1, IClusterRegistry.SkipReason.StaleCommittee);

        batch = _one(_signReport(_defaultReport(clusterId, 1), K)); // version 2, committee[0..2]
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotCommitteeSigner.selector, 2, committee[2]));
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), 0);
    }

    function test_RevertWhen_SubmitReports_MalleableSignature() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory sr = _signReport(_defaultReport(clusterId, 1), K);
        sr.signatures[0] = _malleate(sr.signatures[0]);
        IClusterRegistry.SignedReport[] memory batch = _one(sr);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.MalleableSignature.selector, 0, _word(sr.signatures[0], 1))
        );
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_AnotherChain() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        vm.chainId(10);
        address recovered = ECDSA.recover(registry.hashReport(batch[0].report), batch[0].signatures[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotCommitteeSigner.selector, 0, recovered));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_AnotherRegistry() public {
        ClusterRegistry other = new ClusterRegistry(governance, committee, K, HEARTBEAT, address(0));
        vm.prank(operator);
        other.registerCluster(GPU_MODEL, GPU_COUNT, LOCATION, HW_ROOT, META_URI, META_HASH);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        other.submitAttestation(a, _signAll(_firstKeys(committeeKeys, K), other.hashAttestation(a)));
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        address recovered = ECDSA.recover(other.hashReport(batch[0].report), batch[0].signatures[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotCommitteeSigner.selector, 0, recovered));
        other.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_TamperedField() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory sr = _signReport(_defaultReport(clusterId, 1), K);
        sr.report.revenue += 1;
        IClusterRegistry.SignedReport[] memory batch = _one(sr);
        address recovered = ECDSA.recover(registry.hashReport(sr.report), sr.signatures[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotCommitteeSigner.selector, 0, recovered));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_SignersNotAscending() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory sr = _signReport(_defaultReport(clusterId, 1), K);
        (sr.signatures[1], sr.signatures[2]) = (sr.signatures[2], sr.signatures[1]);
        IClusterRegistry.SignedReport[] memory batch = _one(sr);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.SignersNotAscending.selector, 2, committee[1], committee[2])
        );
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_BadSecondReport_Atomic() public {
        uint256 second = _register(stranger);
        _attest(clusterId, validUntil);
        _attest(second, validUntil);
        IClusterRegistry.SignedReport[] memory batch = new IClusterRegistry.SignedReport[](2);
        batch[0] = _signReport(_defaultReport(clusterId, 1), K);
        batch[1] = _signReport(_defaultReport(second, 1), K - 1);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InsufficientSignatures.selector, K - 1, K));
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), 0);
    }
}

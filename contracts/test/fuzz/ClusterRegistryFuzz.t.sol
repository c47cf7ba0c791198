// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryErrors} from "../../src/interfaces/IClusterRegistryErrors.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";

/// @notice Fuzz tests of ClusterRegistry: report fields, status timing against heartbeat and expiry, committee sizes.
contract ClusterRegistryFuzzTest is ClusterRegistryFixture {
    /*//////////////////////////////////////////////////////////////
                             REPORT FIELDS
    //////////////////////////////////////////////////////////////*/

    /// @dev Every field of an accepted report is emitted as signed. Epoch 0 is skipped (never after the initial last
    /// epoch 0), an epoch after now reverts EpochInFuture (L-5, I-2); otherwise the field checks decide.
    function testFuzz_SubmitReports_Fields(
        uint64 epoch,
        bool inFuture,
        uint64 gpuHoursMilli,
        uint16 utilizationBps,
        uint32 gpusOnline,
        uint256 revenue,
        bytes32 telemetryRoot
    ) public {
        _attest(clusterId, uint64(block.timestamp + 30 days));
        epoch = inFuture
            ? uint64(bound(epoch, block.timestamp + 1, type(uint64).max))
            : uint64(bound(epoch, 0, block.timestamp));
        IClusterRegistry.EpochReport memory r = IClusterRegistry.EpochReport({
            clusterId: clusterId,
            epoch: epoch,
            gpuHoursMilli: gpuHoursMilli,
            utilizationBps: utilizationBps,
            gpusOnline: gpusOnline,
            revenue: revenue,
            telemetryRoot: telemetryRoot,
            committeeVersion: registry.committeeVersion()
        });
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(r, K));
        if (epoch == 0) {
            vm.expectEmit(true, true, true, true, address(registry));
            emit IClusterRegistry.ReportSkipped(clusterId, 0, IClusterRegistry.SkipReason.EpochNotAfterLast);
        } else if (epoch > block.timestamp) {
            vm.expectRevert(
                abi.encodeWithSelector(IClusterRegistryErrors.EpochInFuture.selector, clusterId, epoch, block.timestamp)
            );
        } else if (utilizationBps > 10_000) {
            vm.expectRevert(
                abi.encodeWithSelector(IClusterRegistryErrors.UtilizationTooHigh.selector, clusterId, utilizationBps)
            );
        } else if (gpusOnline > GPU_COUNT) {
            // More GPUs than attested: the hardware may have shrunk since signing; skipped, the batch survives.
            vm.expectEmit(true, true, true, true, address(registry));
            emit IClusterRegistry.ReportSkipped(clusterId, epoch, IClusterRegistry.SkipReason.GpusOnlineAboveAttested);
        } else {
            vm.expectEmit(true, true, true, true, address(registry));
            emit IClusterRegistryEvents.ReportSubmitted(
                clusterId, epoch, gpuHoursMilli, utilizationBps, gpusOnline, revenue, telemetryRoot, relayer
            );
        }
        vm.prank(relayer);
        registry.submitReports(batch);

        bool accepted = epoch != 0 && epoch <= block.timestamp && utilizationBps <= 10_000 && gpusOnline <= GPU_COUNT;
        assertEq(registry.lastEpochOf(clusterId), accepted ? epoch : 0);
        assertEq(registry.clusterOf(clusterId).lastReportAt, accepted ? epoch : 0, "L-5: last report time = epoch");
    }

    /// @dev L-6: a second epoch not above the first is skipped (event, no revert, lastEpochOf unchanged); a later one
    /// lands.
    function testFuzz_SubmitReports_EpochOrder(uint64 first, uint64 second) public {
        first = uint64(bound(first, 1, block.timestamp));
        second = uint64(bound(second, 0, block.timestamp));
        _attest(clusterId, uint64(block.timestamp + 30 days));
        _report(clusterId, first);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, second), K));
        vm.expectEmit(true, true, true, true, address(registry));
        if (second <= first) {
            emit IClusterRegistry.ReportSkipped(clusterId, second, IClusterRegistry.SkipReason.EpochNotAfterLast);
        } else {
            IClusterRegistry.EpochReport memory r = batch[0].report;
            emit IClusterRegistryEvents.ReportSubmitted(
                clusterId, second, r.gpuHoursMilli, r.utilizationBps, r.gpusOnline, r.revenue, r.telemetryRoot, relayer
            );
        }
        vm.prank(relayer);
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), second > first ? second : first);
        assertEq(registry.clusterOf(clusterId).lastReportAt, second > first ? second : first);
    }

    /*//////////////////////////////////////////////////////////////
                                TIMING
    //////////////////////////////////////////////////////////////*/

    /// @dev Naive model of `statusOf` for an active cluster: stale after the attestation's expiry, or a heartbeat after
    /// the later of the two signed times (the attestation's issuedAt and the last epoch end).
    function _expectedStatus(uint256 nowTime, uint256 issuedAt, uint256 until, uint256 lastEpoch, uint256 hb)
        internal
        pure
        returns (IClusterRegistry.ClusterStatus)
    {
        if (nowTime > until) return IClusterRegistry.ClusterStatus.Stale;
        uint256 last = lastEpoch > issuedAt ? lastEpoch : issuedAt;
        if (nowTime - last > hb) return IClusterRegistry.ClusterStatus.Stale;
        return IClusterRegistry.ClusterStatus.Attested;
    }

    /// @dev Signed times and settings of one timing scenario.
    struct Timing {
        uint256 hb;
        uint256 issuedAt;
        uint256 until;
        uint256 lastEpoch;
    }

    function _assertModel(Timing memory t) internal view {
        assertEq(
            uint8(registry.statusOf(clusterId)),
            uint8(_expectedStatus(block.timestamp, t.issuedAt, t.until, t.lastEpoch, t.hb)),
            "status = model"
        );
    }

    /// @dev L-5: status against the model with lastActivity = max(epoch, issuedAt), both signed times, for any heartbeat,
    /// validity, issue and epoch age, submission and check time.
    function testFuzz_Status_Timing(
        uint256 hb,
        uint256 validFor,
        uint256 issuedAgo,
        uint256 reportAfter,
        uint256 epochAgo,
        uint256 checkAfter
    ) public {
        Timing memory t;
        t.hb = bound(hb, 1, 365 days);
        vm.prank(governance);
        registry.setHeartbeat(t.hb);

        uint256 submittedAt = block.timestamp;
        t.issuedAt = submittedAt - bound(issuedAgo, 0, 400 days);
        t.until = submittedAt + bound(validFor, 1, 730 days);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, uint64(t.until));
        a.issuedAt = uint64(t.issuedAt);
        registry.submitAttestation(a, _signAttestation(a, K));
        assertEq(registry.clusterOf(clusterId).attestedAt, t.issuedAt);
        _assertModel(t);

        // A report is possible while the attestation is valid (inclusive of validUntil), whatever the heartbeat says.
        vm.warp(submittedAt + bound(reportAfter, 0, 800 days));
        epochAgo = bound(epochAgo, 0, 800 days);
        uint64 epoch = uint64(block.timestamp > epochAgo + 1 ? block.timestamp - epochAgo : 1);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, epoch), K));
        if (block.timestamp <= t.until) {
            registry.submitReports(batch);
            t.lastEpoch = epoch;
            assertEq(registry.clusterOf(clusterId).lastReportAt, epoch);
        } else {
            // The attestation expired: the item is skipped (the batch does not revert) and changes nothing.
            vm.expectEmit(true, true, true, true, address(registry));
            emit IClusterRegistry.ReportSkipped(clusterId, epoch, IClusterRegistry.SkipReason.ClusterNotReportable);
            registry.submitReports(batch);
        }
        _assertModel(t);

        skip(bound(checkAfter, 0, 800 days));
        _assertModel(t);
    }

    /// @dev L-5: whatever its epoch and however late it is submitted, a report never makes the cluster fresher than
    /// epoch + heartbeat: Attested right after it exactly when now <= epoch + heartbeat, and Stale at epoch +
    /// heartbeat + 1 (the attestation itself was issued long before, so only the report could keep it fresh).
    function testFuzz_SubmitReports_NeverFresherThanEpochPlusHeartbeat(uint64 epoch, uint256 delay) public {
        uint256 validUntil = block.timestamp + 3650 days;
        IClusterRegistry.Attestation memory a = _attestation(clusterId, uint64(validUntil));
        a.issuedAt = uint64(block.timestamp - 2 * HEARTBEAT);
        registry.submitAttestation(a, _signAttestation(a, K));
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));

        delay = bound(delay, 0, 3000 days);
        skip(delay);
        // Three in four runs near the freshness edge (within 3 heartbeats before now); the rest any uint64.
        if (epoch % 4 != 0) epoch = uint64(bound(epoch, block.timestamp - 3 * HEARTBEAT, block.timestamp));
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, epoch), K));
        if (epoch > block.timestamp) {
            vm.expectRevert(
                abi.encodeWithSelector(IClusterRegistryErrors.EpochInFuture.selector, clusterId, epoch, block.timestamp)
            );
            registry.submitReports(batch);
            assertEq(registry.lastEpochOf(clusterId), 0);
            assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));
            return;
        }
        registry.submitReports(batch);
        uint256 freshUntil = uint256(epoch) + HEARTBEAT;
        assertEq(registry.lastEpochOf(clusterId), epoch, "landed, or skipped when 0");
        assertEq(
            uint8(registry.statusOf(clusterId)),
            uint8(
                block.timestamp <= freshUntil && epoch != 0
                    ? IClusterRegistry.ClusterStatus.Attested
                    : IClusterRegistry.ClusterStatus.Stale
            )
        );
        if (block.timestamp <= freshUntil) vm.warp(freshUntil + 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale), "L-5: never fresher");
    }

    /// @dev L-5: likewise an attestation is never fresher than issuedAt + heartbeat, however late it is submitted.
    function testFuzz_SubmitAttestation_NeverFresherThanIssuedAtPlusHeartbeat(uint64 issuedAt, uint256 delay) public {
        delay = bound(delay, 0, 3000 days);
        skip(delay);
        // Three in four runs near the freshness edge (within 3 heartbeats before now); the rest any uint64.
        if (issuedAt % 4 != 0) issuedAt = uint64(bound(issuedAt, block.timestamp - 3 * HEARTBEAT, block.timestamp));
        IClusterRegistry.Attestation memory a = _attestation(clusterId, uint64(block.timestamp + 3650 days));
        a.issuedAt = issuedAt;
        bytes[] memory sigs = _signAttestation(a, K);
        if (issuedAt > block.timestamp) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IClusterRegistryErrors.AttestationIssuedInFuture.selector, clusterId, issuedAt, block.timestamp
                )
            );
            registry.submitAttestation(a, sigs);
            assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Registered));
            return;
        }
        registry.submitAttestation(a, sigs);
        uint256 freshUntil = uint256(issuedAt) + HEARTBEAT;
        assertEq(
            uint8(registry.statusOf(clusterId)),
            uint8(
                block.timestamp <= freshUntil
                    ? IClusterRegistry.ClusterStatus.Attested
                    : IClusterRegistry.ClusterStatus.Stale
            )
        );
        if (block.timestamp <= freshUntil) vm.warp(freshUntil + 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale), "L-5: never fresher");
    }

    function testFuzz_Status_ReattestationRestores(uint256 validFor, uint256 gap, uint256 extension) public {
        validFor = bound(validFor, 1, 365 days);
        gap = bound(gap, 0, 365 days);
        extension = bound(extension, 1, 365 days);
        uint64 until = uint64(block.timestamp + validFor);
        _attest(clusterId, until);
        vm.warp(uint256(until) + gap);
        uint64 next = uint64(block.timestamp + extension);
        _attest(clusterId, next);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        assertEq(registry.clusterOf(clusterId).attestedUntil, next);
        assertEq(registry.clusterOf(clusterId).attestationNonce, 2);
    }

    function testFuzz_SubmitAttestation_ValidUntil(uint64 validUntil, uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 10 * 365 days);
        skip(elapsed);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        if (validUntil <= block.timestamp) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IClusterRegistryErrors.AttestationExpired.selector, clusterId, validUntil, block.timestamp
                )
            );
        } else if (validUntil > type(uint40).max) {
            vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.ValidUntilTooLarge.selector, validUntil));
        }
        registry.submitAttestation(a, sigs);
        bool accepted = validUntil > block.timestamp && validUntil <= type(uint40).max;
        assertEq(registry.clusterOf(clusterId).attestedUntil, accepted ? validUntil : 0);
    }

    /*//////////////////////////////////////////////////////////////
                              COMMITTEE
    //////////////////////////////////////////////////////////////*/

    function testFuzz_Constructor_Threshold(uint256 n, uint256 k) public {
        n = bound(n, 1, 16);
        k = bound(k, 0, n + 2);
        (address[] memory addrs, uint256[] memory keys) = _makeCommittee(n, 7);
        bool valid = k >= 1 && k <= n && 2 * k > n;
        if (!valid) {
            vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, k, n));
            new ClusterRegistry(governance, addrs, k, HEARTBEAT, address(0));
            return;
        }
        ClusterRegistry r = new ClusterRegistry(governance, addrs, k, HEARTBEAT, address(0));
        vm.prank(operator);
        uint256 id = r.registerCluster(GPU_MODEL, GPU_COUNT, LOCATION, HW_ROOT, META_URI, META_HASH);
        IClusterRegistry.Attestation memory a =
            IClusterRegistry.Attestation(id, HW_ROOT, GPU_COUNT, uint64(block.timestamp), 2e9, 0, r.committeeVersion());
        bytes32 digest = _attestationDigest(address(r), block.chainid, a);

        // k - 1 signatures fail, k pass.
        bytes[] memory short = _signAll(_firstKeys(keys, k - 1), digest);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InsufficientSignatures.selector, k - 1, k));
        r.submitAttestation(a, short);
        r.submitAttestation(a, _signAll(_firstKeys(keys, k), digest));
        assertEq(uint8(r.statusOf(id)), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    /// @dev Any subset of the 5 members, in ascending order, passes iff it has at least K members.
    function testFuzz_SignatureSubsets(uint8 mask) public {
        mask = uint8(bound(mask, 0, 31));
        _attest(clusterId, uint64(block.timestamp + 30 days));
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, 1);
        bytes32 digest = _reportDigest(address(registry), block.chainid, r);
        uint256 count = 0;
        for (uint256 i = 0; i < N_SIGNERS; ++i) {
            if (mask & (1 << i) != 0) ++count;
        }
        bytes[] memory sigs = new bytes[](count);
        uint256 j = 0;
        for (uint256 i = 0; i < N_SIGNERS; ++i) {
            if (mask & (1 << i) != 0) sigs[j++] = _sign(committeeKeys[i], digest);
        }
        IClusterRegistry.SignedReport[] memory batch = _one(IClusterRegistry.SignedReport(r, sigs));
        if (count < K) {
            vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InsufficientSignatures.selector, count, K));
        }
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), count >= K ? 1 : 0);
    }

    /// @dev A sequence of committee changes keeps `2k > n`, `1 <= k <= n`, and `signers()` matches `isSigner`; the
    /// committee version (I-3) moves on by one per accepted change and stays put on a rejected one.
    function testFuzz_CommitteeChanges(uint256[8] memory ops) public {
        (address[] memory pool,) = _makeCommittee(8, 99);
        uint32 expectedVersion = 1;
        vm.startPrank(governance);
        for (uint256 step = 0; step < ops.length; ++step) {
            uint256 n = registry.signers().length;
            address who = pool[ops[step] % pool.length];
            uint256 k = bound(ops[step] >> 8, 0, 10);
            uint256 action = (ops[step] >> 16) % 3;
            bool ok;
            if (action == 0) {
                ok = !registry.isSigner(who) && k >= 1 && k <= n + 1 && 2 * k > n + 1;
                if (!ok) vm.expectRevert();
                registry.addSigner(who, k);
            } else if (action == 1) {
                ok = registry.isSigner(who) && k >= 1 && k <= n - 1 && 2 * k > n - 1;
                if (!ok) vm.expectRevert();
                registry.removeSigner(who, k);
            } else {
                ok = k >= 1 && k <= n && 2 * k > n;
                if (!ok) {
                    vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, k, n));
                }
                registry.setThreshold(k);
            }
            address[] memory s = registry.signers();
            uint256 t = registry.threshold();
            if (ok) assertEq(t, k);
            if (ok) ++expectedVersion;
            assertEq(registry.committeeVersion(), expectedVersion, "I-3: one version per committee change");
            assertTrue(t >= 1 && t <= s.length && 2 * t > s.length, "majority threshold");
            for (uint256 i = 0; i < s.length; ++i) {
                assertTrue(registry.isSigner(s[i]));
                for (uint256 j = i + 1; j < s.length; ++j) {
                    assertTrue(s[i] != s[j], "distinct");
                }
            }
        }
        vm.stopPrank();
    }
}

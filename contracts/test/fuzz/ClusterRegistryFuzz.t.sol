// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";

/// @notice Fuzz tests of ClusterRegistry: report fields, status timing against heartbeat and expiry, committee sizes.
contract ClusterRegistryFuzzTest is ClusterRegistryFixture {
    /*//////////////////////////////////////////////////////////////
                             REPORT FIELDS
    //////////////////////////////////////////////////////////////*/

    function testFuzz_SubmitReports_Fields(
        uint64 epoch,
        uint64 gpuHoursMilli,
        uint16 utilizationBps,
        uint32 gpusOnline,
        uint256 revenue,
        bytes32 telemetryRoot
    ) public {
        _attest(clusterId, uint64(block.timestamp + 30 days));
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
            vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.EpochInFuture.selector /* TODO(issue10): epochs not above the last are skipped now */, clusterId, 0, 0));
        } else if (utilizationBps > 10_000) {
            vm.expectRevert(
                abi.encodeWithSelector(IClusterRegistry.UtilizationTooHigh.selector, clusterId, utilizationBps)
            );
        } else if (gpusOnline > GPU_COUNT) {
            vm.expectRevert(
                abi.encodeWithSelector(IClusterRegistry.GpusOnlineTooHigh.selector, clusterId, gpusOnline, GPU_COUNT)
            );
        } else {
            vm.expectEmit(true, true, true, true, address(registry));
            emit IClusterRegistry.ReportSubmitted(
                clusterId, epoch, gpuHoursMilli, utilizationBps, gpusOnline, revenue, telemetryRoot, relayer
            );
        }
        vm.prank(relayer);
        registry.submitReports(batch);

        bool accepted = epoch != 0 && utilizationBps <= 10_000 && gpusOnline <= GPU_COUNT;
        assertEq(registry.lastEpochOf(clusterId), accepted ? epoch : 0);
        assertEq(registry.clusterOf(clusterId).lastReportAt, accepted ? block.timestamp : 0);
    }

    function testFuzz_SubmitReports_EpochOrder(uint64 first, uint64 second) public {
        first = uint64(bound(first, 1, type(uint64).max));
        _attest(clusterId, uint64(block.timestamp + 30 days));
        _report(clusterId, first);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, second), K));
        if (second <= first) {
            vm.expectRevert(
                abi.encodeWithSelector(IClusterRegistry.EpochInFuture.selector /* TODO(issue10): epochs not above the last are skipped now */, clusterId, second, first)
            );
        }
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), second > first ? second : first);
    }

    /*//////////////////////////////////////////////////////////////
                                TIMING
    //////////////////////////////////////////////////////////////*/

    /// @dev Naive model of `statusOf` for an active cluster.
    function _expectedStatus(uint256 nowTime, uint256 attestedAt, uint256 until, uint256 lastReportAt, uint256 hb)
        internal
        pure
        returns (IClusterRegistry.ClusterStatus)
    {
        if (nowTime > until) return IClusterRegistry.ClusterStatus.Stale;
        uint256 last = lastReportAt > attestedAt ? lastReportAt : attestedAt;
        if (nowTime - last > hb) return IClusterRegistry.ClusterStatus.Stale;
        return IClusterRegistry.ClusterStatus.Attested;
    }

    function testFuzz_Status_Timing(uint256 hb, uint256 validFor, uint256 reportAfter, uint256 checkAfter) public {
        hb = bound(hb, 1, 365 days);
        validFor = bound(validFor, 1, 730 days);
        reportAfter = bound(reportAfter, 0, 800 days);
        checkAfter = bound(checkAfter, 0, 800 days);
        vm.prank(governance);
        registry.setHeartbeat(hb);

        uint256 attestedAt = block.timestamp;
        uint256 until = attestedAt + validFor;
        _attest(clusterId, uint64(until));
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));

        // A report is possible while the attestation is valid (inclusive of validUntil), whatever the heartbeat says.
        vm.warp(attestedAt + reportAfter);
        uint256 lastReportAt = 0;
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        if (block.timestamp <= until) {
            registry.submitReports(batch);
            lastReportAt = block.timestamp;
            assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IClusterRegistry.ClusterNotReportable.selector, clusterId, IClusterRegistry.ClusterStatus.Stale
                )
            );
            registry.submitReports(batch);
        }

        skip(checkAfter);
        assertEq(
            uint8(registry.statusOf(clusterId)),
            uint8(_expectedStatus(block.timestamp, attestedAt, until, lastReportAt, hb))
        );
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
                    IClusterRegistry.AttestationExpired.selector, clusterId, validUntil, block.timestamp
                )
            );
        } else if (validUntil > type(uint40).max) {
            vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.ValidUntilTooLarge.selector, validUntil));
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
            vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InvalidThreshold.selector, k, n));
            new ClusterRegistry(governance, addrs, k, HEARTBEAT, address(0));
            return;
        }
        ClusterRegistry r = new ClusterRegistry(governance, addrs, k, HEARTBEAT, address(0));
        vm.prank(operator);
        uint256 id = r.registerCluster(GPU_MODEL, GPU_COUNT, LOCATION, HW_ROOT, META_URI, META_HASH);
        IClusterRegistry.Attestation memory a = IClusterRegistry.Attestation(id, HW_ROOT, GPU_COUNT, uint64(block.timestamp), 2e9, 0, r.committeeVersion());
        bytes32 digest = _attestationDigest(address(r), block.chainid, a);

        // k - 1 signatures fail, k pass.
        bytes[] memory short = _signAll(_firstKeys(keys, k - 1), digest);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InsufficientSignatures.selector, k - 1, k));
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
            vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InsufficientSignatures.selector, count, K));
        }
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), count >= K ? 1 : 0);
    }

    /// @dev A sequence of committee changes keeps `2k > n`, `1 <= k <= n`, and `signers()` matches `isSigner`.
    function testFuzz_CommitteeChanges(uint256[8] memory ops) public {
        (address[] memory pool,) = _makeCommittee(8, 99);
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
                if (!ok) vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InvalidThreshold.selector, k, n));
                registry.setThreshold(k);
            }
            address[] memory s = registry.signers();
            uint256 t = registry.threshold();
            if (ok) assertEq(t, k);
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

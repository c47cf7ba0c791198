// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice Unit tests of ClusterRegistry's oracle side: EIP-712 hashing, attestations, epoch reports and every
/// signature rejection path.
contract ClusterRegistrySignaturesTest is ClusterRegistryFixture {
    uint64 internal validUntil;

    function setUp() public override {
        super.setUp();
        validUntil = uint64(block.timestamp + 30 days);
    }

    /*//////////////////////////////////////////////////////////////
                                EIP-712
    //////////////////////////////////////////////////////////////*/

    function test_TypeHashes() public view {
        assertEq(registry.ATTESTATION_TYPEHASH(), keccak256(bytes(ATTESTATION_TYPE)));
        assertEq(registry.EPOCH_REPORT_TYPEHASH(), keccak256(bytes(EPOCH_REPORT_TYPE)));
    }

    function test_DomainSeparator_AndERC5267() public view {
        assertEq(registry.domainSeparator(), _domainSeparator(address(registry), block.chainid));
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying,,) =
            registry.eip712Domain();
        assertEq(fields, hex"0f");
        assertEq(name, "Rackshare ClusterRegistry");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(registry));
    }

    function test_DomainSeparator_FollowsChainId() public {
        vm.chainId(1);
        assertEq(registry.domainSeparator(), _domainSeparator(address(registry), 1));
    }

    function test_HashAttestation_MatchesStandardEncoding() public view {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        assertEq(registry.hashAttestation(a), _attestationDigest(address(registry), block.chainid, a));
    }

    function test_HashReport_MatchesStandardEncoding() public view {
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, 9);
        assertEq(registry.hashReport(r), _reportDigest(address(registry), block.chainid, r));
    }

    /// @dev Vectors computed with viem 2.57 `hashTypedData` (what the TypeScript oracle signs) for the domain
    /// {name: "Rackshare ClusterRegistry", version: "1", chainId: 31337,
    ///  verifyingContract: 0x00000000000000000000000000000000C0FFEE01}.
    function test_Hashes_MatchViemVectors() public {
        address at = 0x00000000000000000000000000000000C0FFEE01;
        vm.etch(at, address(registry).code);
        ClusterRegistry r = ClusterRegistry(at);
        assertEq(r.domainSeparator(), 0xbe1ad842261bb93775d525465cbd2873afafe4bab90701691914c0fe9b69ff2c);
        IClusterRegistry.Attestation memory a = IClusterRegistry.Attestation({
            clusterId: 7,
            hardwareRoot: bytes32(0xabababababababababababababababababababababababababababababababab),
            gpuCount: 64,
            issuedAt: uint64(block.timestamp),
            validUntil: 1_760_000_000,
            nonce: 3,
            committeeVersion: registry.committeeVersion()
        });
        assertEq(r.hashAttestation(a), 0x49e46b0c368510a1fac0e3b8e78324c1c7e14dcb0133087daa86a34645d8b4a9);
        IClusterRegistry.EpochReport memory rep = IClusterRegistry.EpochReport({
            clusterId: 7,
            epoch: 42,
            gpuHoursMilli: 1_536_000,
            utilizationBps: 8750,
            gpusOnline: 62,
            revenue: 123_456_789,
            telemetryRoot: bytes32(0xcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd),
            committeeVersion: registry.committeeVersion()
        });
        assertEq(r.hashReport(rep), 0xd150561aec83379d5ff4169561ab1cf86f6441618c327e4283a04424257602af);
    }

    /*//////////////////////////////////////////////////////////////
                              ATTESTATION
    //////////////////////////////////////////////////////////////*/

    function test_SubmitAttestation_RecordsAndEmits() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        address[] memory expectedSigners = new address[](K);
        for (uint256 i = 0; i < K; ++i) {
            expectedSigners[i] = committee[i];
        }
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistry.ClusterAttested(
            clusterId, HW_ROOT, GPU_COUNT, validUntil, 0, uint40(block.timestamp), expectedSigners, relayer
        );
        vm.prank(relayer);
        registry.submitAttestation(a, sigs);

        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(info.attestedAt, block.timestamp);
        assertEq(info.attestedUntil, validUntil);
        assertEq(info.attestationNonce, 1);
        assertEq(uint8(info.status), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    function test_SubmitAttestation_AllSignersAndAnySubset() public {
        // All five sign.
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        registry.submitAttestation(a, _signAttestation(a, N_SIGNERS));
        // A non-prefix subset (members 1, 3, 4) in ascending order.
        a = _attestation(clusterId, validUntil + 1);
        bytes32 digest = _attestationDigest(address(registry), block.chainid, a);
        bytes[] memory sigs = new bytes[](3);
        sigs[0] = _sign(committeeKeys[1], digest);
        sigs[1] = _sign(committeeKeys[3], digest);
        sigs[2] = _sign(committeeKeys[4], digest);
        registry.submitAttestation(a, sigs);
        assertEq(registry.clusterOf(clusterId).attestationNonce, 2);
        assertEq(registry.clusterOf(clusterId).attestedUntil, validUntil + 1);
    }

    function test_SubmitAttestation_ReattestationExtends() public {
        _attest(clusterId, validUntil);
        skip(1 days);
        _attest(clusterId, validUntil + 30 days);
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(info.attestedUntil, validUntil + 30 days);
        assertEq(info.attestedAt, block.timestamp);
        assertEq(info.attestationNonce, 2);
    }

    function test_SubmitAttestation_AfterExpiry() public {
        _attest(clusterId, validUntil);
        vm.warp(validUntil + 5 days);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));
        _attest(clusterId, uint64(block.timestamp + 1));
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    function test_RevertWhen_SubmitAttestation_HardwareRootMismatch() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.hardwareRoot = keccak256("other");
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.HardwareRootMismatch.selector, clusterId, a.hardwareRoot, HW_ROOT)
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_GpuCountMismatch() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.gpuCount = GPU_COUNT - 1;
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.GpuCountMismatch.selector, clusterId, GPU_COUNT - 1, GPU_COUNT)
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_OldAttestationReplayed() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        registry.submitAttestation(a, sigs);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InvalidAttestationNonce.selector, clusterId, 0, 1));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_OldAttestationReplayedAfterHardwareRoundTrip() public {
        // Attestation of hardware v1, then hardware v2, then back to v1: the v1 attestation must not come back.
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        registry.submitAttestation(a, sigs);
        vm.startPrank(operator);
        registry.updateHardware(clusterId, keccak256("v2"), GPU_COUNT);
        registry.updateHardware(clusterId, HW_ROOT, GPU_COUNT);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InvalidAttestationNonce.selector, clusterId, 0, 1));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_FutureNonce() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.nonce = 1;
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InvalidAttestationNonce.selector, clusterId, 1, 0));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_Expired() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        // Signed in time, submitted once its validity has passed.
        vm.warp(validUntil);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.AttestationExpired.selector, clusterId, validUntil, validUntil)
        );
        registry.submitAttestation(a, sigs);
        vm.warp(validUntil + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.AttestationExpired.selector, clusterId, validUntil, validUntil + 1)
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_NotExtending() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.AttestationNotExtending.selector, clusterId, validUntil, validUntil)
        );
        registry.submitAttestation(a, sigs);
        a.validUntil = validUntil - 1;
        sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.AttestationNotExtending.selector, clusterId, validUntil - 1, validUntil
            )
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_ValidUntilTooLarge() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, uint64(type(uint40).max) + 1);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.ValidUntilTooLarge.selector, a.validUntil));
        registry.submitAttestation(a, sigs);
        // The largest representable expiry is fine.
        a.validUntil = type(uint40).max;
        registry.submitAttestation(a, _signAttestation(a, K));
        assertEq(registry.clusterOf(clusterId).attestedUntil, type(uint40).max);
    }

    function test_RevertWhen_SubmitAttestation_UnknownCluster() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.clusterId = 2;
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.ClusterNotAttestable.selector, 2, IClusterRegistry.ClusterStatus.None
            )
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_Suspended() public {
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.ClusterNotAttestable.selector, clusterId, IClusterRegistry.ClusterStatus.Suspended
            )
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_Retired() public {
        vm.prank(governance);
        registry.retireCluster(clusterId);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.ClusterNotAttestable.selector, clusterId, IClusterRegistry.ClusterStatus.Retired
            )
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_KMinusOneSignatures() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K - 1);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InsufficientSignatures.selector, K - 1, K));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_DuplicatedSigner() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        sigs[2] = sigs[1];
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.DuplicateSigner.selector, 2, committee[1]));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_RemovedSigner() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.prank(governance);
        registry.removeSigner(committee[1], 3);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.NotCommitteeSigner.selector, 1, committee[1]));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_AnotherChain() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K); // signed for chain 31337
        vm.chainId(1);
        address recovered = ECDSA.recover(registry.hashAttestation(a), sigs[0]);
        assertTrue(recovered != committee[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.NotCommitteeSigner.selector, 0, recovered));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_AnotherRegistry() public {
        ClusterRegistry other = new ClusterRegistry(governance, committee, K, HEARTBEAT, address(0));
        vm.prank(operator);
        other.registerCluster(GPU_MODEL, GPU_COUNT, LOCATION, HW_ROOT, META_URI, META_HASH);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K); // signed for `registry`
        address recovered = ECDSA.recover(other.hashAttestation(a), sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.NotCommitteeSigner.selector, 0, recovered));
        other.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_MalleableSignature() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        bytes memory high = _malleate(sigs[1]);
        // The malleated signature is a valid secp256k1 signature by the same key...
        (address raw,,) = ECDSA.tryRecover(registry.hashAttestation(a), uint8(high[64]), _word(high, 0), _word(high, 1));
        assertEq(raw, address(0), "OZ rejects high s before ecrecover");
        assertEq(ecrecover(registry.hashAttestation(a), uint8(high[64]), _word(high, 0), _word(high, 1)), committee[1]);
        // ...that the registry refuses.
        sigs[1] = high;
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.MalleableSignature.selector, 1, _word(high, 1)));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_SignersNotAscending() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.SignersNotAscending.selector, 1, committee[0], committee[1])
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_Outsider() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        uint256 outsiderKey = 0xBAD;
        sigs[2] = _sign(outsiderKey, registry.hashAttestation(a));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.NotCommitteeSigner.selector, 2, vm.addr(outsiderKey)));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_BadSignatureLength() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        // ERC-2098 64-byte compact signatures are not accepted.
        sigs[0] = abi.encodePacked(_word(sigs[0], 0), _word(sigs[0], 1));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InvalidSignatureLength.selector, 0, 64));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_UnrecoverableSignature() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        sigs[0] = abi.encodePacked(_word(sigs[0], 0), _word(sigs[0], 1), uint8(29)); // v must be 27 or 28
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InvalidSignature.selector, 0));
        registry.submitAttestation(a, sigs);
    }

    /*//////////////////////////////////////////////////////////////
                                REPORTS
    //////////////////////////////////////////////////////////////*/

    function test_SubmitReports_RecordsAndEmits() public {
        _attest(clusterId, validUntil);
        skip(1 hours);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, 1);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(r, K));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistry.ReportSubmitted(
            clusterId, 1, r.gpuHoursMilli, r.utilizationBps, r.gpusOnline, r.revenue, r.telemetryRoot, relayer
        );
        vm.prank(relayer);
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), 1);
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(info.lastEpoch, 1);
        assertEq(info.lastReportAt, block.timestamp);
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
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), 12);
        assertEq(registry.lastEpochOf(second), 3);
    }

    function test_SubmitReports_BoundaryValues() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, type(uint64).max);
        r.utilizationBps = 10_000;
        r.gpusOnline = GPU_COUNT;
        r.gpuHoursMilli = type(uint64).max;
        r.revenue = type(uint256).max;
        registry.submitReports(_one(_signReport(r, K)));
        assertEq(registry.lastEpochOf(clusterId), type(uint64).max);
    }

    function test_SubmitReports_WhileStaleByHeartbeat() public {
        _attest(clusterId, validUntil);
        skip(HEARTBEAT + 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));
        _report(clusterId, 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    function test_SubmitReports_AtAttestationExpiry() public {
        _attest(clusterId, validUntil);
        vm.warp(validUntil);
        _report(clusterId, 1);
        assertEq(registry.lastEpochOf(clusterId), 1);
    }

    function test_RevertWhen_SubmitReports_EmptyBatch() public {
        vm.expectRevert(IClusterRegistry.EmptyBatch.selector);
        registry.submitReports(new IClusterRegistry.SignedReport[](0));
    }

    function test_RevertWhen_SubmitReports_OldEpoch() public {
        _attest(clusterId, validUntil);
        _report(clusterId, 5);
        IClusterRegistry.SignedReport[] memory older = _one(_signReport(_defaultReport(clusterId, 4), K));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.EpochInFuture.selector /* TODO(issue10): epochs not above the last are skipped now */, clusterId, 4, 5));
        registry.submitReports(older);
    }

    function test_RevertWhen_SubmitReports_Replayed() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        registry.submitReports(batch);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.EpochInFuture.selector /* TODO(issue10): epochs not above the last are skipped now */, clusterId, 1, 1));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_EpochZero() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 0), K));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.EpochInFuture.selector /* TODO(issue10): epochs not above the last are skipped now */, clusterId, 0, 0));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_SameEpochTwiceInBatch_Atomic() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = new IClusterRegistry.SignedReport[](2);
        batch[0] = _signReport(_defaultReport(clusterId, 7), K);
        batch[1] = batch[0];
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.EpochInFuture.selector /* TODO(issue10): epochs not above the last are skipped now */, clusterId, 7, 7));
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), 0, "whole batch reverted");
    }

    function test_RevertWhen_SubmitReports_UtilizationTooHigh() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, 1);
        r.utilizationBps = 10_001;
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(r, K));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.UtilizationTooHigh.selector, clusterId, 10_001));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_GpusOnlineTooHigh() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.EpochReport memory r = _defaultReport(clusterId, 1);
        r.gpusOnline = GPU_COUNT + 1;
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(r, K));
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.GpusOnlineTooHigh.selector, clusterId, GPU_COUNT + 1, GPU_COUNT)
        );
        registry.submitReports(batch);
    }

    function _expectNotReportable(uint256 id, IClusterRegistry.ClusterStatus status, uint64 epoch) internal {
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(id, epoch), K));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.ClusterNotReportable.selector, id, status));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_NeverAttested() public {
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Registered, 1);
    }

    function test_RevertWhen_SubmitReports_UnknownCluster() public {
        _expectNotReportable(77, IClusterRegistry.ClusterStatus.None, 1);
    }

    function test_RevertWhen_SubmitReports_AttestationExpired() public {
        _attest(clusterId, validUntil);
        vm.warp(validUntil + 1);
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Stale, 1);
    }

    function test_RevertWhen_SubmitReports_AttestationCleared() public {
        _attest(clusterId, validUntil);
        vm.prank(operator);
        registry.updateHardware(clusterId, keccak256("v2"), GPU_COUNT);
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Registered, 1);
    }

    function test_RevertWhen_SubmitReports_Suspended() public {
        _attest(clusterId, validUntil);
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Suspended, 1);
        vm.prank(governance);
        registry.unsuspendCluster(clusterId);
        _report(clusterId, 1);
    }

    function test_RevertWhen_SubmitReports_Retired() public {
        _attest(clusterId, validUntil);
        vm.prank(governance);
        registry.retireCluster(clusterId);
        _expectNotReportable(clusterId, IClusterRegistry.ClusterStatus.Retired, 1);
    }

    function test_RevertWhen_SubmitReports_KMinusOneSignatures() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K - 1));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InsufficientSignatures.selector, K - 1, K));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_KMinusOneAfterThresholdRaised() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        vm.prank(governance);
        registry.setThreshold(K + 1);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InsufficientSignatures.selector, K, K + 1));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_DuplicatedSigner() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory sr = _signReport(_defaultReport(clusterId, 1), K);
        sr.signatures[1] = sr.signatures[0];
        IClusterRegistry.SignedReport[] memory batch = _one(sr);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.DuplicateSigner.selector, 1, committee[0]));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_RemovedSigner() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        vm.prank(governance);
        registry.removeSigner(committee[2], 3);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.NotCommitteeSigner.selector, 2, committee[2]));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_MalleableSignature() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory sr = _signReport(_defaultReport(clusterId, 1), K);
        sr.signatures[0] = _malleate(sr.signatures[0]);
        IClusterRegistry.SignedReport[] memory batch = _one(sr);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.MalleableSignature.selector, 0, _word(sr.signatures[0], 1))
        );
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_AnotherChain() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport[] memory batch = _one(_signReport(_defaultReport(clusterId, 1), K));
        vm.chainId(10);
        address recovered = ECDSA.recover(registry.hashReport(batch[0].report), batch[0].signatures[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.NotCommitteeSigner.selector, 0, recovered));
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
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.NotCommitteeSigner.selector, 0, recovered));
        other.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_TamperedField() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory sr = _signReport(_defaultReport(clusterId, 1), K);
        sr.report.revenue += 1;
        IClusterRegistry.SignedReport[] memory batch = _one(sr);
        address recovered = ECDSA.recover(registry.hashReport(sr.report), sr.signatures[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.NotCommitteeSigner.selector, 0, recovered));
        registry.submitReports(batch);
    }

    function test_RevertWhen_SubmitReports_SignersNotAscending() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.SignedReport memory sr = _signReport(_defaultReport(clusterId, 1), K);
        (sr.signatures[1], sr.signatures[2]) = (sr.signatures[2], sr.signatures[1]);
        IClusterRegistry.SignedReport[] memory batch = _one(sr);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistry.SignersNotAscending.selector, 2, committee[1], committee[2])
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
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistry.InsufficientSignatures.selector, K - 1, K));
        registry.submitReports(batch);
        assertEq(registry.lastEpochOf(clusterId), 0);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _word(bytes memory b, uint256 index) internal pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := mload(add(add(b, 0x20), mul(index, 0x20)))
        }
    }
}

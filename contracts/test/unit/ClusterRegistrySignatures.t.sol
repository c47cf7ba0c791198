// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryErrors} from "../../src/interfaces/IClusterRegistryErrors.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice Unit tests of ClusterRegistry's oracle side: EIP-712 hashing, attestations and every attestation signature
/// rejection path. Epoch reports are in ClusterRegistryReports.t.sol.
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

    /// @dev Vectors computed with viem 2.57.20 `hashTypedData` (what the TypeScript oracle signs) for the domain
    /// {name: "Rackshare ClusterRegistry", version: "1", chainId: 31337,
    ///  verifyingContract: 0x00000000000000000000000000000000C0FFEE01} and the values below (issuedAt 1,750,000,000,
    /// committeeVersion 1), in a throwaway node script independent of RegistrySigning and of the registry.
    function test_Hashes_MatchViemVectors() public {
        assertEq(block.timestamp, 1_750_000_000);
        assertEq(registry.committeeVersion(), 1);
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
        assertEq(r.hashAttestation(a), 0x66d5e31eb057e131d96471db2898aafdeef3aff6178f1b25338be85613e427dc);
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
        assertEq(r.hashReport(rep), 0xd4c8f2cfa7be91c74c8af5a3ff05eb1ef9da354a25700d7c7f7088334467d5e0);
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
        emit IClusterRegistryEvents.ClusterAttested(
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
            abi.encodeWithSelector(
                IClusterRegistryErrors.HardwareRootMismatch.selector, clusterId, a.hardwareRoot, HW_ROOT
            )
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_GpuCountMismatch() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.gpuCount = GPU_COUNT - 1;
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistryErrors.GpuCountMismatch.selector, clusterId, GPU_COUNT - 1, GPU_COUNT
            )
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_OldAttestationReplayed() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        registry.submitAttestation(a, sigs);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.InvalidAttestationNonce.selector, clusterId, 0, 1)
        );
        registry.submitAttestation(a, sigs);
    }

    /// @dev I-3: each hardware update moves the nonce on, so after one attestation and two updates it is 3.
    function test_RevertWhen_SubmitAttestation_OldAttestationReplayedAfterHardwareRoundTrip() public {
        // Attestation of hardware v1, then hardware v2, then back to v1: the v1 attestation must not come back.
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        registry.submitAttestation(a, sigs);
        vm.startPrank(operator);
        registry.updateHardware(clusterId, keccak256("v2"), GPU_COUNT);
        registry.updateHardware(clusterId, HW_ROOT, GPU_COUNT);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.InvalidAttestationNonce.selector, clusterId, 0, 3)
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_FutureNonce() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        a.nonce = 1;
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.InvalidAttestationNonce.selector, clusterId, 1, 0)
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_Expired() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        // Signed in time, submitted once its validity has passed.
        vm.warp(validUntil);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistryErrors.AttestationExpired.selector, clusterId, validUntil, validUntil
            )
        );
        registry.submitAttestation(a, sigs);
        vm.warp(validUntil + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistryErrors.AttestationExpired.selector, clusterId, validUntil, validUntil + 1
            )
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_NotExtending() public {
        _attest(clusterId, validUntil);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistryErrors.AttestationNotExtending.selector, clusterId, validUntil, validUntil
            )
        );
        registry.submitAttestation(a, sigs);
        a.validUntil = validUntil - 1;
        sigs = _signAttestation(a, K);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistryErrors.AttestationNotExtending.selector, clusterId, validUntil - 1, validUntil
            )
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_ValidUntilTooLarge() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, uint64(type(uint40).max) + 1);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.ValidUntilTooLarge.selector, a.validUntil));
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
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InsufficientSignatures.selector, K - 1, K));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_DuplicatedSigner() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        sigs[2] = sigs[1];
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.DuplicateSigner.selector, 2, committee[1]));
        registry.submitAttestation(a, sigs);
    }

    /// @dev I-3: what the committee signed before the removal fails first on the committee version; a removed signer's
    /// signature over the new version is refused as an outsider's.
    function test_RevertWhen_SubmitAttestation_RemovedSigner() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        vm.prank(governance);
        registry.removeSigner(committee[1], 3);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.CommitteeVersionMismatch.selector, 1, 2));
        registry.submitAttestation(a, sigs);

        a.committeeVersion = 2;
        sigs = _signAttestation(a, K); // committee[0..2], committee[1] no longer a member
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotCommitteeSigner.selector, 1, committee[1]));
        registry.submitAttestation(a, sigs);
        assertEq(registry.clusterOf(clusterId).attestedUntil, 0);
    }

    function test_RevertWhen_SubmitAttestation_AnotherChain() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K); // signed for chain 31337
        vm.chainId(1);
        address recovered = ECDSA.recover(registry.hashAttestation(a), sigs[0]);
        assertTrue(recovered != committee[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotCommitteeSigner.selector, 0, recovered));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_AnotherRegistry() public {
        ClusterRegistry other = new ClusterRegistry(governance, committee, K, HEARTBEAT, address(0));
        vm.prank(operator);
        other.registerCluster(GPU_MODEL, GPU_COUNT, LOCATION, HW_ROOT, META_URI, META_HASH);
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K); // signed for `registry`
        address recovered = ECDSA.recover(other.hashAttestation(a), sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotCommitteeSigner.selector, 0, recovered));
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
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.MalleableSignature.selector, 1, _word(high, 1)));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_SignersNotAscending() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.SignersNotAscending.selector, 1, committee[0], committee[1])
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_Outsider() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        uint256 outsiderKey = 0xBAD;
        sigs[2] = _sign(outsiderKey, registry.hashAttestation(a));
        vm.expectRevert(
            abi.encodeWithSelector(IClusterRegistryErrors.NotCommitteeSigner.selector, 2, vm.addr(outsiderKey))
        );
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_BadSignatureLength() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        // ERC-2098 64-byte compact signatures are not accepted.
        sigs[0] = abi.encodePacked(_word(sigs[0], 0), _word(sigs[0], 1));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidSignatureLength.selector, 0, 64));
        registry.submitAttestation(a, sigs);
    }

    function test_RevertWhen_SubmitAttestation_UnrecoverableSignature() public {
        IClusterRegistry.Attestation memory a = _attestation(clusterId, validUntil);
        bytes[] memory sigs = _signAttestation(a, K);
        sigs[0] = abi.encodePacked(_word(sigs[0], 0), _word(sigs[0], 1), uint8(29)); // v must be 27 or 28
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidSignature.selector, 0));
        registry.submitAttestation(a, sigs);
    }
}

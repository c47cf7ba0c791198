// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {RegistrySigning} from "./RegistrySigning.sol";
import {Vm} from "forge-std/Vm.sol";

/// @title ClusterRegistryFixture
/// @notice Shared setUp for ClusterRegistry tests: a 3-of-5 committee, a one-day heartbeat, a guardian and one
/// registered cluster, at Unix time 1,750,000,000 (epochs are Unix seconds, so every past epoch up to now is valid).
abstract contract ClusterRegistryFixture is RegistrySigning {
    uint256 internal constant N_SIGNERS = 5;
    uint256 internal constant K = 3;
    uint256 internal constant HEARTBEAT = 1 days;
    uint32 internal constant GPU_COUNT = 64;
    bytes32 internal constant HW_ROOT = keccak256("hardware-root-v1");
    bytes32 internal constant META_HASH = keccak256("metadata-v1");
    string internal constant GPU_MODEL = "NVIDIA H100 SXM5 80GB";
    string internal constant LOCATION = "KR-SEL-01";
    string internal constant META_URI = "ipfs://bafy-metadata-v1";

    ClusterRegistry internal registry;
    address internal governance = makeAddr("governance");
    address internal operator = makeAddr("operator");
    address internal relayer = makeAddr("relayer");
    address internal guardian = makeAddr("guardian");
    address internal stranger = makeAddr("stranger");

    address[] internal committee;
    uint256[] internal committeeKeys;
    uint256 internal clusterId;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        (committee, committeeKeys) = _makeCommittee(N_SIGNERS, 1);
        registry = new ClusterRegistry(governance, committee, K, HEARTBEAT, guardian);
        clusterId = _register(operator);
    }

    function _register(address who) internal returns (uint256 id) {
        vm.prank(who);
        id = registry.registerCluster(GPU_MODEL, GPU_COUNT, LOCATION, HW_ROOT, META_URI, META_HASH);
    }

    function _attestation(uint256 id, uint64 validUntil) internal view returns (IClusterRegistry.Attestation memory a) {
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(id);
        a = IClusterRegistry.Attestation({
            clusterId: id,
            hardwareRoot: info.hardwareRoot,
            gpuCount: info.gpuCount,
            issuedAt: uint64(block.timestamp),
            validUntil: validUntil,
            nonce: info.attestationNonce,
            committeeVersion: registry.committeeVersion()
        });
    }

    function _signAttestation(IClusterRegistry.Attestation memory a, uint256 k) internal view returns (bytes[] memory) {
        return _signAll(_firstKeys(committeeKeys, k), _attestationDigest(address(registry), block.chainid, a));
    }

    /// @dev Attests `id` until `validUntil` with the first K committee members.
    function _attest(uint256 id, uint64 validUntil) internal {
        IClusterRegistry.Attestation memory a = _attestation(id, validUntil);
        registry.submitAttestation(a, _signAttestation(a, K));
    }

    /// @dev A report for `epoch` (its end time, so at most now) signed for the current committee version.
    function _defaultReport(uint256 id, uint64 epoch) internal view returns (IClusterRegistry.EpochReport memory) {
        return IClusterRegistry.EpochReport({
            clusterId: id,
            epoch: epoch,
            gpuHoursMilli: 1_234_567,
            utilizationBps: 8750,
            gpusOnline: 60,
            revenue: 12_345_678_901,
            telemetryRoot: keccak256(abi.encode("telemetry", id, epoch)),
            committeeVersion: registry.committeeVersion()
        });
    }

    function _signReport(IClusterRegistry.EpochReport memory r, uint256 k)
        internal
        view
        returns (IClusterRegistry.SignedReport memory)
    {
        return IClusterRegistry.SignedReport({
            report: r,
            signatures: _signAll(_firstKeys(committeeKeys, k), _reportDigest(address(registry), block.chainid, r))
        });
    }

    function _one(IClusterRegistry.SignedReport memory sr)
        internal
        pure
        returns (IClusterRegistry.SignedReport[] memory batch)
    {
        batch = new IClusterRegistry.SignedReport[](1);
        batch[0] = sr;
    }

    /// @dev Submits one default report for `id` at `epoch`, signed by the first K members.
    function _report(uint256 id, uint64 epoch) internal {
        registry.submitReports(_one(_signReport(_defaultReport(id, epoch), K)));
    }

    /// @dev A default report for `id` at `epoch`, signed by the first K members.
    function _signed(uint256 id, uint64 epoch) internal view returns (IClusterRegistry.SignedReport memory) {
        return _signReport(_defaultReport(id, epoch), K);
    }

    function _two(IClusterRegistry.SignedReport memory a, IClusterRegistry.SignedReport memory b)
        internal
        pure
        returns (IClusterRegistry.SignedReport[] memory batch)
    {
        batch = new IClusterRegistry.SignedReport[](2);
        batch[0] = a;
        batch[1] = b;
    }

    function _three(
        IClusterRegistry.SignedReport memory a,
        IClusterRegistry.SignedReport memory b,
        IClusterRegistry.SignedReport memory c
    ) internal pure returns (IClusterRegistry.SignedReport[] memory batch) {
        batch = new IClusterRegistry.SignedReport[](3);
        batch[0] = a;
        batch[1] = b;
        batch[2] = c;
    }

    /*//////////////////////////////////////////////////////////////
                              ASSERTIONS
    //////////////////////////////////////////////////////////////*/

    function _assertStatus(uint256 id, IClusterRegistry.ClusterStatus expected, string memory why) internal view {
        assertEq(uint8(registry.statusOf(id)), uint8(expected), why);
    }

    /// @dev Submits `batch` as `submitter` and returns the registry's logs, in order.
    function _submitRecorded(IClusterRegistry.SignedReport[] memory batch, address submitter)
        internal
        returns (Vm.Log[] memory logs)
    {
        vm.recordLogs();
        vm.prank(submitter);
        registry.submitReports(batch);
        Vm.Log[] memory all = vm.getRecordedLogs();
        uint256 n = 0;
        for (uint256 i = 0; i < all.length; ++i) {
            if (all[i].emitter == address(registry)) ++n;
        }
        logs = new Vm.Log[](n);
        n = 0;
        for (uint256 i = 0; i < all.length; ++i) {
            if (all[i].emitter == address(registry)) logs[n++] = all[i];
        }
    }

    /// @dev `log` is `ReportSubmitted` with every field of `r` and `submitter`.
    function _assertSubmittedLog(Vm.Log memory log, IClusterRegistry.EpochReport memory r, address submitter)
        internal
        pure
    {
        assertEq(log.topics.length, 3, "ReportSubmitted topics");
        assertEq(log.topics[0], IClusterRegistryEvents.ReportSubmitted.selector, "ReportSubmitted expected");
        assertEq(uint256(log.topics[1]), r.clusterId, "ReportSubmitted clusterId");
        assertEq(uint256(log.topics[2]), r.epoch, "ReportSubmitted epoch");
        assertEq(
            log.data,
            abi.encode(r.gpuHoursMilli, r.utilizationBps, r.gpusOnline, r.revenue, r.telemetryRoot, submitter),
            "ReportSubmitted data"
        );
    }

    /// @dev `log` is `ReportSkipped(id, epoch, reason)`.
    function _assertSkippedLog(Vm.Log memory log, uint256 id, uint64 epoch, IClusterRegistry.SkipReason reason)
        internal
        pure
    {
        assertEq(log.topics.length, 3, "ReportSkipped topics");
        assertEq(log.topics[0], IClusterRegistry.ReportSkipped.selector, "ReportSkipped expected");
        assertEq(uint256(log.topics[1]), id, "ReportSkipped clusterId");
        assertEq(uint256(log.topics[2]), epoch, "ReportSkipped epoch");
        assertEq(log.data, abi.encode(reason), "ReportSkipped reason");
    }

    /// @dev The 32-byte word `index` of `b`.
    function _word(bytes memory b, uint256 index) internal pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := mload(add(add(b, 0x20), mul(index, 0x20)))
        }
    }
}

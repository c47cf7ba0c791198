// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../../src/interfaces/IClusterRegistry.sol";
import {RegistrySigning} from "../../utils/RegistrySigning.sol";
import {Vm} from "forge-std/Vm.sol";

/// @title ClusterRegistryHandler
/// @notice Drives a ClusterRegistry through random report batches (old, equal, new and far-future epochs, short
/// signature sets), attestations, hardware changes, suspensions, committee and heartbeat changes and time. It records
/// every epoch the registry ACCEPTED, read from the emitted `ReportSubmitted` events, so the invariant test can check
/// I6 against what an indexer would see.
contract ClusterRegistryHandler is RegistrySigning {
    uint256 public constant CLUSTERS = 3;
    uint256 public constant POOL = 6;

    ClusterRegistry public registry;
    address public governance;
    address public operator;
    address[] internal _pool;
    uint256[] internal _poolKeys;

    /// @dev Accepted epochs per cluster, in event order.
    mapping(uint256 clusterId => uint64[]) internal _accepted;
    /// @dev Calls where `lastEpochOf` moved without an event, or did not move to the event's epoch.
    uint256 public ghostMismatches;

    constructor(ClusterRegistry registry_, address governance_, address operator_, uint256 seed) {
        registry = registry_;
        governance = governance_;
        operator = operator_;
        (_pool, _poolKeys) = _makeCommittee(POOL, seed);
    }

    function acceptedEpochs(uint256 clusterId) external view returns (uint64[] memory) {
        return _accepted[clusterId];
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice A batch of 1-3 reports on random clusters with epochs around (and sometimes below) the last one.
    function submitReports(uint256 seed, uint8 size) external {
        uint256 n = bound(size, 1, 3);
        IClusterRegistry.SignedReport[] memory batch = new IClusterRegistry.SignedReport[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 id = 1 + (r % CLUSTERS);
            uint64 last = registry.lastEpochOf(id);
            // -1 .. +6 around the last epoch (a quarter of them old or replayed), sometimes a big jump.
            int256 delta = int256((r >> 8) % 8) - 1;
            uint64 epoch = (r >> 16) % 16 == 0
                ? last + uint64((r >> 24) % 1_000_000) + 1
                : (int256(uint256(last)) + delta < 0 ? 0 : uint64(uint256(int256(uint256(last)) + delta)));
            IClusterRegistry.EpochReport memory rep = IClusterRegistry.EpochReport({
                clusterId: id,
                epoch: epoch,
                gpuHoursMilli: uint64(r >> 40),
                utilizationBps: uint16((r >> 104) % 10_050), // sometimes above 100 %
                gpusOnline: uint32((r >> 120) % 9), // 8 GPUs attested
                revenue: r >> 160,
                telemetryRoot: bytes32(r),
                committeeVersion: registry.committeeVersion()
            });
            // Mostly exactly the threshold, sometimes one short.
            uint256 k = registry.threshold();
            if ((r >> 200) % 25 == 0) --k;
            batch[i] = IClusterRegistry.SignedReport({report: rep, signatures: _signCurrent(_reportDigest(rep), k)});
        }

        vm.recordLogs();
        try registry.submitReports(batch) {
            _collect(vm.getRecordedLogs());
        } catch {
            // A rejected batch reverts whole (nothing of it can stick); only the recorded logs need clearing.
            vm.getRecordedLogs();
        }
    }

    /// @notice Re-attests a cluster for `duration` (accepted only when it extends and the cluster is active).
    function attest(uint256 clusterSeed, uint256 duration) external {
        uint256 id = 1 + (clusterSeed % CLUSTERS);
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(id);
        IClusterRegistry.Attestation memory a = IClusterRegistry.Attestation({
            clusterId: id,
            hardwareRoot: info.hardwareRoot,
            gpuCount: info.gpuCount,
            issuedAt: uint64(block.timestamp),
            validUntil: uint64(block.timestamp + bound(duration, 1, 60 days)),
            nonce: info.attestationNonce,
            committeeVersion: registry.committeeVersion()
        });
        bytes[] memory sigs =
            _signCurrent(_attestationDigest(address(registry), block.chainid, a), registry.threshold());
        try registry.submitAttestation(a, sigs) {} catch {}
    }

    /// @notice Now and then the operator swaps hardware (clears the attestation).
    function updateHardware(uint256 clusterSeed, bytes32 root) external {
        if (uint256(keccak256(abi.encode(clusterSeed, root))) % 4 != 0) return;
        if (root == bytes32(0)) root = bytes32(uint256(1));
        vm.prank(operator);
        registry.updateHardware(1 + (clusterSeed % CLUSTERS), root, 8);
    }

    /// @notice Now and then governance toggles a suspension.
    function toggleSuspension(uint256 clusterSeed) external {
        if (uint256(keccak256(abi.encode(clusterSeed, "suspend"))) % 4 != 0) return;
        uint256 id = 1 + (clusterSeed % CLUSTERS);
        bool suspended = registry.clusterOf(id).suspended;
        vm.prank(governance);
        if (suspended) registry.unsuspendCluster(id);
        else registry.suspendCluster(id);
    }

    /// @notice Governance rotates one pool member in or out of the committee, keeping a majority threshold.
    function rotateSigner(uint256 memberSeed) external {
        address who = _pool[memberSeed % POOL];
        uint256 n = registry.signers().length;
        vm.startPrank(governance);
        if (registry.isSigner(who)) {
            if (n > 1) registry.removeSigner(who, (n - 1) / 2 + 1);
        } else {
            registry.addSigner(who, (n + 1) / 2 + 1);
        }
        vm.stopPrank();
    }

    /// @notice Time passes.
    function warp(uint256 seconds_) external {
        skip(bound(seconds_, 1, 3 days));
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _reportDigest(IClusterRegistry.EpochReport memory rep) internal view returns (bytes32) {
        return _reportDigest(address(registry), block.chainid, rep);
    }

    /// @dev Signatures of the first `k` current signers among the pool, ascending by address (the pool is sorted).
    function _signCurrent(bytes32 digest, uint256 k) internal view returns (bytes[] memory sigs) {
        sigs = new bytes[](k);
        uint256 j = 0;
        for (uint256 i = 0; i < POOL && j < k; ++i) {
            if (registry.isSigner(_pool[i])) sigs[j++] = _sign(_poolKeys[i], digest);
        }
    }

    function _collect(Vm.Log[] memory logs) internal {
        bytes32 topic = IClusterRegistry.ReportSubmitted.selector;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(registry) || logs[i].topics[0] != topic) continue;
            uint256 id = uint256(logs[i].topics[1]);
            _accepted[id].push(uint64(uint256(logs[i].topics[2])));
        }
        for (uint256 id = 1; id <= CLUSTERS; ++id) {
            uint256 len = _accepted[id].length;
            uint64 expected = len == 0 ? 0 : _accepted[id][len - 1];
            if (registry.lastEpochOf(id) != expected) ++ghostMismatches;
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryEvents} from "../../../src/interfaces/IClusterRegistryEvents.sol";
import {RegistrySigning} from "../../utils/RegistrySigning.sol";
import {Vm} from "forge-std/Vm.sol";

/// @title ClusterRegistryHandler
/// @notice Drives a ClusterRegistry through random report batches and keeps a ghost of what an indexer would see.
/// Report items are fresh (an epoch that ended within the last two hours), behind the cluster's last epoch, far in the
/// past, in the future (up to `type(uint64).max`), or replayed from a store of reports signed earlier and held back
/// (often for a committee version that a rotation has since replaced); now and then one signature short, with an
/// utilization above 100 % or too many GPUs online. Attestations may be held back (signed up to two days before they
/// are submitted) or signed for the previous committee version. The handler also swaps hardware, suspends, rotates
/// signers, sets the threshold and the heartbeat, and warps time.
///
/// For every batch it predicts each item's fate from the documented rule (revert the batch, skip with a reason, or
/// accept) and compares it with the events the registry emitted (`ReportSubmitted` / `ReportSkipped`, one per item, in
/// order); it records the accepted and the skipped epochs from those events.
contract ClusterRegistryHandler is RegistrySigning {
    uint256 public constant CLUSTERS = 3;
    uint256 public constant POOL = 6;
    uint256 internal constant HELD_MAX = 16;

    /// @dev What the rule says about one item.
    enum Fate {
        Accept,
        SkipNotAfterLast,
        SkipStaleCommittee,
        SkipNotReportable,
        SkipGpusOnline,
        Revert
    }

    ClusterRegistry public registry;
    address public governance;
    address public operator;
    address[] internal _pool;
    uint256[] internal _poolKeys;

    /// @dev The handler's clock (the invariant test warps to it before checking).
    uint256 public currentTime;

    /// @dev Accepted and skipped epochs per cluster, in event order.
    mapping(uint256 clusterId => uint64[]) internal _accepted;
    mapping(uint256 clusterId => uint64[]) internal _skipped;
    /// @dev Signed `issuedAt` of the attestation each cluster accepted last.
    mapping(uint256 clusterId => uint64) public ghostIssuedAt;
    /// @dev Reports signed earlier and held back (a ring of `HELD_MAX`).
    IClusterRegistry.EpochReport[] internal _held;
    uint256 internal _heldNext;

    /// @dev Accepted committee changes (addSigner, removeSigner, setThreshold).
    uint256 public ghostCommitteeChanges;
    /// @dev Calls after which `committeeVersion()` was lower than before.
    uint256 public ghostVersionDecreased;
    /// @dev Calls where `lastEpochOf` of some cluster differs from the last accepted epoch in the events.
    uint256 public ghostMismatches;
    /// @dev Batches where the registry's outcome (revert, or the event of an item) differs from the rule's prediction.
    uint256 public ghostFateMismatches;
    /// @dev Batches that landed without exactly one event per item.
    uint256 public ghostEventCountMismatches;
    /// @dev Attestations signed for another committee version that were accepted.
    uint256 public ghostStaleAttestationsAccepted;

    uint256 public ghostAcceptedCount;
    uint256 public ghostSkippedNotAfterLastCount;
    uint256 public ghostSkippedStaleCommitteeCount;
    uint256 public ghostSkippedNotReportableCount;
    uint256 public ghostSkippedGpusOnlineCount;
    uint256 public ghostRevertedBatches;

    constructor(ClusterRegistry registry_, address governance_, address operator_, uint256 seed) {
        registry = registry_;
        governance = governance_;
        operator = operator_;
        (_pool, _poolKeys) = _makeCommittee(POOL, seed);
        currentTime = block.timestamp;
    }

    modifier useTime() {
        vm.warp(currentTime);
        uint32 versionBefore = registry.committeeVersion();
        _;
        if (registry.committeeVersion() < versionBefore) ++ghostVersionDecreased;
    }

    function acceptedEpochs(uint256 clusterId) external view returns (uint64[] memory) {
        return _accepted[clusterId];
    }

    function skippedEpochs(uint256 clusterId) external view returns (uint64[] memory) {
        return _skipped[clusterId];
    }

    function lastAccepted(uint256 clusterId) public view returns (uint64) {
        uint256 len = _accepted[clusterId].length;
        return len == 0 ? 0 : _accepted[clusterId][len - 1];
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice A batch of 1-3 report items on random clusters (see the contract notice for the kinds of item).
    function submitReports(uint256 seed, uint8 size) external useTime {
        uint256 n = bound(size, 1, 3);
        IClusterRegistry.SignedReport[] memory batch = new IClusterRegistry.SignedReport[](n);
        for (uint256 i = 0; i < n; ++i) {
            batch[i] = _item(uint256(keccak256(abi.encode(seed, i))));
        }
        (bool expectRevert, Fate[] memory fates) = _predict(batch);

        uint64[CLUSTERS + 1] memory before;
        for (uint256 id = 1; id <= CLUSTERS; ++id) {
            before[id] = registry.lastEpochOf(id);
        }
        vm.recordLogs();
        try registry.submitReports(batch) {
            if (expectRevert) ++ghostFateMismatches;
            _collect(batch, fates, vm.getRecordedLogs());
        } catch {
            // A rejected batch reverts whole: nothing of it may stick.
            vm.getRecordedLogs();
            ++ghostRevertedBatches;
            if (!expectRevert) ++ghostFateMismatches;
            for (uint256 id = 1; id <= CLUSTERS; ++id) {
                if (registry.lastEpochOf(id) != before[id]) ++ghostMismatches;
            }
        }
        _checkLastEpochs();
    }

    /// @notice (Re-)attests a cluster for `duration`, signed up to two days before submission; one in eight is signed
    /// for the previous committee version (must be refused).
    function attest(uint256 clusterSeed, uint256 duration, uint256 issuedAgo) external useTime {
        uint256 id = 1 + (clusterSeed % CLUSTERS);
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(id);
        uint32 version = registry.committeeVersion();
        bool stale = (clusterSeed >> 8) % 8 == 0 && version > 1;
        IClusterRegistry.Attestation memory a = IClusterRegistry.Attestation({
            clusterId: id,
            hardwareRoot: info.hardwareRoot,
            gpuCount: info.gpuCount,
            issuedAt: uint64(block.timestamp - bound(issuedAgo, 0, 2 days)),
            validUntil: uint64(block.timestamp + bound(duration, 1, 60 days)),
            nonce: info.attestationNonce,
            committeeVersion: stale ? version - 1 : version
        });
        bytes[] memory sigs =
            _signCurrent(_attestationDigest(address(registry), block.chainid, a), registry.threshold());
        try registry.submitAttestation(a, sigs) {
            if (stale) ++ghostStaleAttestationsAccepted;
            ghostIssuedAt[id] = a.issuedAt;
        } catch {}
    }

    /// @notice Now and then the operator swaps hardware (clears the attestation, moves the nonce on).
    function updateHardware(uint256 clusterSeed, bytes32 root) external useTime {
        if (uint256(keccak256(abi.encode(clusterSeed, root))) % 4 != 0) return;
        if (root == bytes32(0)) root = bytes32(uint256(1));
        vm.prank(operator);
        registry.updateHardware(1 + (clusterSeed % CLUSTERS), root, 8);
    }

    /// @notice Now and then governance toggles a suspension.
    function toggleSuspension(uint256 clusterSeed) external useTime {
        if (uint256(keccak256(abi.encode(clusterSeed, "suspend"))) % 4 != 0) return;
        uint256 id = 1 + (clusterSeed % CLUSTERS);
        bool suspended = registry.clusterOf(id).suspended;
        vm.prank(governance);
        if (suspended) registry.unsuspendCluster(id);
        else registry.suspendCluster(id);
    }

    /// @notice Governance rotates one pool member in or out of the committee, keeping a majority threshold.
    function rotateSigner(uint256 memberSeed) external useTime {
        address who = _pool[memberSeed % POOL];
        uint256 n = registry.signers().length;
        vm.startPrank(governance);
        if (registry.isSigner(who)) {
            if (n > 1) {
                registry.removeSigner(who, (n - 1) / 2 + 1);
                ++ghostCommitteeChanges;
            }
        } else {
            registry.addSigner(who, (n + 1) / 2 + 1);
            ++ghostCommitteeChanges;
        }
        vm.stopPrank();
    }

    /// @notice Governance sets a threshold (any majority, possibly the current one: still a committee change).
    function setThreshold(uint256 seed) external useTime {
        uint256 n = registry.signers().length;
        uint256 k = n / 2 + 1 + seed % (n - n / 2);
        vm.prank(governance);
        registry.setThreshold(k);
        ++ghostCommitteeChanges;
    }

    /// @notice Governance sets the heartbeat (one hour to three days).
    function setHeartbeat(uint256 seconds_) external useTime {
        vm.prank(governance);
        registry.setHeartbeat(bound(seconds_, 1 hours, 3 days));
    }

    /// @notice Time passes: mostly up to six hours, one call in four up to three days.
    function warp(uint256 seconds_) external useTime {
        currentTime += seconds_ % 4 == 0 ? bound(seconds_, 1, 3 days) : bound(seconds_, 1, 6 hours);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Whether `id` can be reported on now (else its item reverts the batch).
    function _reportable(uint256 id) internal view returns (bool) {
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(id);
        return !info.suspended && !info.retired && info.attestedUntil >= block.timestamp;
    }

    /// @dev One report item, of kind `r % 32`: 14 fresh, 6 at or behind the last epoch, 7 replayed from the held store,
    /// 1 in the future, 1 at `type(uint64).max`, 3 anywhere in the past. Three in four items go to a reportable
    /// cluster when there is one. Every freshly signed item is also kept in the held store.
    function _item(uint256 r) internal returns (IClusterRegistry.SignedReport memory) {
        uint256 kind = r % 32;
        if (kind >= 20 && kind <= 26 && _held.length != 0) {
            IClusterRegistry.EpochReport memory old = _held[(r >> 16) % _held.length];
            return IClusterRegistry.SignedReport({report: old, signatures: _signReport(old, registry.threshold())});
        }
        uint256 id = 1 + ((r >> 8) % CLUSTERS);
        if ((r >> 12) % 4 != 0) {
            for (uint256 i = 0; i < CLUSTERS && !_reportable(id); ++i) {
                id = id % CLUSTERS + 1;
            }
        }
        uint256 nowTime = block.timestamp;
        uint64 last = registry.lastEpochOf(id);
        uint64 epoch;
        if (kind <= 13 || (kind >= 20 && kind <= 26)) {
            epoch = uint64(nowTime - (r >> 16) % 2 hours); // fresh (may still be at or behind the last)
        } else if (kind <= 19) {
            uint64 back = uint64((r >> 16) % 3);
            epoch = last > back ? last - back : 0; // at or behind the last
        } else if (kind == 27) {
            epoch = uint64(nowTime + 1 + (r >> 16) % 1 days); // in the future
        } else if (kind == 28) {
            epoch = type(uint64).max;
        } else {
            epoch = uint64((r >> 16) % nowTime); // anywhere in the past
        }
        IClusterRegistry.EpochReport memory rep = IClusterRegistry.EpochReport({
            clusterId: id,
            epoch: epoch,
            gpuHoursMilli: uint64(r >> 40),
            utilizationBps: uint16((r >> 104) % 10_050), // sometimes above 100 %
            gpusOnline: (r >> 120) % 64 == 0 ? 9 : uint32((r >> 128) % 9), // 8 GPUs attested, sometimes 9 online
            revenue: r >> 160,
            telemetryRoot: bytes32(r),
            committeeVersion: registry.committeeVersion()
        });
        // Mostly exactly the threshold, sometimes one short.
        uint256 k = registry.threshold();
        if ((r >> 200) % 40 == 0) --k;
        if (_held.length < HELD_MAX) {
            _held.push(rep);
        } else {
            _held[_heldNext] = rep;
            _heldNext = (_heldNext + 1) % HELD_MAX;
        }
        return IClusterRegistry.SignedReport({report: rep, signatures: _signReport(rep, k)});
    }

    /// @dev The documented rule, item by item: an unreportable cluster skips (ClusterNotReportable); then another
    /// committee version skips (StaleCommittee), an epoch not above the cluster's last (as the batch has moved it so
    /// far) skips (EpochNotAfterLast); a future epoch or a utilization above 100 % reverts the batch; more GPUs online
    /// than attested skips (GpusOnlineAboveAttested); too few signatures revert the batch.
    function _predict(IClusterRegistry.SignedReport[] memory batch)
        internal
        view
        returns (bool reverts, Fate[] memory fates)
    {
        fates = new Fate[](batch.length);
        uint64[CLUSTERS + 1] memory last;
        for (uint256 id = 1; id <= CLUSTERS; ++id) {
            last[id] = registry.lastEpochOf(id);
        }
        uint32 version = registry.committeeVersion();
        for (uint256 i = 0; i < batch.length; ++i) {
            IClusterRegistry.EpochReport memory rep = batch[i].report;
            IClusterRegistry.ClusterInfo memory info = registry.clusterOf(rep.clusterId);
            if (info.suspended || info.retired || info.attestedUntil < block.timestamp) {
                fates[i] = Fate.SkipNotReportable;
            } else if (rep.committeeVersion != version) {
                fates[i] = Fate.SkipStaleCommittee;
            } else if (rep.epoch <= last[rep.clusterId]) {
                fates[i] = Fate.SkipNotAfterLast;
            } else if (rep.epoch > block.timestamp || rep.utilizationBps > 10_000) {
                fates[i] = Fate.Revert;
            } else if (rep.gpusOnline > info.gpuCount) {
                fates[i] = Fate.SkipGpusOnline;
            } else if (batch[i].signatures.length < registry.threshold()) {
                fates[i] = Fate.Revert;
            } else {
                fates[i] = Fate.Accept;
                last[rep.clusterId] = rep.epoch;
            }
            if (fates[i] == Fate.Revert) return (true, fates);
        }
    }

    function _skipFate(IClusterRegistry.SkipReason reason) internal pure returns (Fate) {
        if (reason == IClusterRegistry.SkipReason.StaleCommittee) return Fate.SkipStaleCommittee;
        if (reason == IClusterRegistry.SkipReason.ClusterNotReportable) return Fate.SkipNotReportable;
        if (reason == IClusterRegistry.SkipReason.GpusOnlineAboveAttested) return Fate.SkipGpusOnline;
        return Fate.SkipNotAfterLast;
    }

    /// @dev Reads the events of a batch that landed: one per item, in order, each the predicted one.
    function _collect(IClusterRegistry.SignedReport[] memory batch, Fate[] memory fates, Vm.Log[] memory logs)
        internal
    {
        uint256 j = 0;
        bool mismatch = false;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(registry)) continue;
            bytes32 topic = logs[i].topics[0];
            bool submitted = topic == IClusterRegistryEvents.ReportSubmitted.selector;
            if (!submitted && topic != IClusterRegistry.ReportSkipped.selector) continue;
            uint256 id = uint256(logs[i].topics[1]);
            uint64 epoch = uint64(uint256(logs[i].topics[2]));
            if (j >= batch.length || batch[j].report.clusterId != id || batch[j].report.epoch != epoch) {
                mismatch = true;
            } else if (submitted) {
                if (fates[j] != Fate.Accept) mismatch = true;
            } else {
                if (fates[j] != _skipFate(abi.decode(logs[i].data, (IClusterRegistry.SkipReason)))) mismatch = true;
            }
            if (submitted) {
                _accepted[id].push(epoch);
                ++ghostAcceptedCount;
            } else {
                _skipped[id].push(epoch);
                Fate skipped = _skipFate(abi.decode(logs[i].data, (IClusterRegistry.SkipReason)));
                if (skipped == Fate.SkipStaleCommittee) ++ghostSkippedStaleCommitteeCount;
                else if (skipped == Fate.SkipNotReportable) ++ghostSkippedNotReportableCount;
                else if (skipped == Fate.SkipGpusOnline) ++ghostSkippedGpusOnlineCount;
                else ++ghostSkippedNotAfterLastCount;
            }
            ++j;
        }
        if (j != batch.length) ++ghostEventCountMismatches;
        if (mismatch) ++ghostFateMismatches;
    }

    /// @dev `lastEpochOf` of every cluster is the last epoch accepted in the events: skipped items never moved it.
    function _checkLastEpochs() internal {
        for (uint256 id = 1; id <= CLUSTERS; ++id) {
            if (registry.lastEpochOf(id) != lastAccepted(id)) ++ghostMismatches;
        }
    }

    function _signReport(IClusterRegistry.EpochReport memory rep, uint256 k) internal view returns (bytes[] memory) {
        return _signCurrent(_reportDigest(address(registry), block.chainid, rep), k);
    }

    /// @dev Signatures of the first `k` current signers among the pool, ascending by address (the pool is sorted).
    function _signCurrent(bytes32 digest, uint256 k) internal view returns (bytes[] memory sigs) {
        sigs = new bytes[](k);
        uint256 j = 0;
        for (uint256 i = 0; i < POOL && j < k; ++i) {
            if (registry.isSigner(_pool[i])) sigs[j++] = _sign(_poolKeys[i], digest);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryErrors} from "../../src/interfaces/IClusterRegistryErrors.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Unit tests of ClusterRegistry: construction, clusters, operators, heartbeat, views and status. Governance
/// (committee, suspension, guardian, ownership) is in ClusterRegistryGovernance.t.sol.
contract ClusterRegistryTest is ClusterRegistryFixture {
    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    function test_Constructor_SetsCommitteeAndParameters() public view {
        assertEq(registry.owner(), governance);
        assertEq(registry.threshold(), K);
        assertEq(registry.heartbeat(), HEARTBEAT);
        address[] memory s = registry.signers();
        assertEq(s.length, N_SIGNERS);
        for (uint256 i = 0; i < N_SIGNERS; ++i) {
            assertEq(s[i], committee[i]);
            assertTrue(registry.isSigner(committee[i]));
        }
        assertFalse(registry.isSigner(stranger));
        assertFalse(registry.isSigner(address(0)));
        assertEq(registry.committeeVersion(), 1, "I-3: the first committee is version 1");
        assertEq(registry.guardian(), guardian);
    }

    function test_Constructor_EmitsCommitteeEvents() public {
        // Predict the address so the events can be matched by emitter.
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        for (uint256 i = 0; i < N_SIGNERS; ++i) {
            vm.expectEmit(true, true, true, true, predicted);
            emit IClusterRegistryEvents.SignerAdded(committee[i]);
        }
        vm.expectEmit(true, true, true, true, predicted);
        emit IClusterRegistryEvents.ThresholdChanged(0, K);
        vm.expectEmit(true, true, true, true, predicted);
        emit IClusterRegistryEvents.CommitteeChanged(1, committee, K);
        vm.expectEmit(true, true, true, true, predicted);
        emit IClusterRegistryEvents.HeartbeatChanged(0, HEARTBEAT);
        vm.expectEmit(true, true, true, true, predicted);
        emit IClusterRegistryEvents.GuardianSet(address(0), guardian);
        new ClusterRegistry(governance, committee, K, HEARTBEAT, guardian);
    }

    function test_Constructor_WithoutGuardian() public {
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.expectEmit(true, true, true, true, predicted);
        emit IClusterRegistryEvents.GuardianSet(address(0), address(0));
        ClusterRegistry r = new ClusterRegistry(governance, committee, K, HEARTBEAT, address(0));
        assertEq(r.guardian(), address(0));
        assertEq(r.committeeVersion(), 1);
    }

    function test_RevertWhen_Constructor_ZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new ClusterRegistry(address(0), committee, K, HEARTBEAT, address(0));
    }

    function test_RevertWhen_Constructor_ZeroSigner() public {
        address[] memory s = new address[](3);
        s[0] = committee[0];
        s[1] = address(0);
        s[2] = committee[1];
        vm.expectRevert(IClusterRegistryErrors.ZeroSigner.selector);
        new ClusterRegistry(governance, s, 2, HEARTBEAT, address(0));
    }

    function test_RevertWhen_Constructor_DuplicateSigner() public {
        address[] memory s = new address[](3);
        s[0] = committee[0];
        s[1] = committee[1];
        s[2] = committee[0];
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.SignerAlreadyAdded.selector, committee[0]));
        new ClusterRegistry(governance, s, 2, HEARTBEAT, address(0));
    }

    function test_RevertWhen_Constructor_NoSigners() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 1, 0));
        new ClusterRegistry(governance, new address[](0), 1, HEARTBEAT, address(0));
    }

    function test_RevertWhen_Constructor_ThresholdZero() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 0, N_SIGNERS));
        new ClusterRegistry(governance, committee, 0, HEARTBEAT, address(0));
    }

    function test_RevertWhen_Constructor_ThresholdNotMajority() public {
        // 2 of 5 is not a majority; 3 of 6 is exactly half and not enough either.
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 2, N_SIGNERS));
        new ClusterRegistry(governance, committee, 2, HEARTBEAT, address(0));

        (address[] memory six,) = _makeCommittee(6, 2);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 3, 6));
        new ClusterRegistry(governance, six, 3, HEARTBEAT, address(0));
    }

    function test_RevertWhen_Constructor_ThresholdAboveSigners() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 6, N_SIGNERS));
        new ClusterRegistry(governance, committee, 6, HEARTBEAT, address(0));
    }

    function test_RevertWhen_Constructor_ZeroHeartbeat() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidHeartbeat.selector, 0));
        new ClusterRegistry(governance, committee, K, 0, address(0));
    }

    function test_RevertWhen_Constructor_HeartbeatTooLarge() public {
        uint256 tooLarge = uint256(type(uint32).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidHeartbeat.selector, tooLarge));
        new ClusterRegistry(governance, committee, K, tooLarge, address(0));
    }

    function test_Constructor_OneOfOne() public {
        address[] memory one = new address[](1);
        one[0] = committee[0];
        ClusterRegistry r = new ClusterRegistry(governance, one, 1, HEARTBEAT, address(0));
        assertEq(r.threshold(), 1);
        assertEq(r.signers().length, 1);
        assertEq(r.committeeVersion(), 1);
    }

    /*//////////////////////////////////////////////////////////////
                             REGISTRATION
    //////////////////////////////////////////////////////////////*/

    function test_RegisterCluster_StoresEverything() public view {
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(clusterId, 1);
        assertEq(registry.clusterCount(), 1);
        assertEq(info.operator, operator);
        assertEq(info.pendingOperator, address(0));
        assertEq(uint8(info.status), uint8(IClusterRegistry.ClusterStatus.Registered));
        assertEq(info.gpuModel, GPU_MODEL);
        assertEq(info.location, LOCATION);
        assertEq(info.hardwareRoot, HW_ROOT);
        assertEq(info.gpuCount, GPU_COUNT);
        assertEq(info.metadataURI, META_URI);
        assertEq(info.metadataHash, META_HASH);
        assertEq(info.registeredAt, block.timestamp);
        assertEq(info.attestedAt, 0);
        assertEq(info.attestedUntil, 0);
        assertEq(info.attestationNonce, 0);
        assertEq(info.lastEpoch, 0);
        assertEq(info.lastReportAt, 0);
        assertFalse(info.suspended);
        assertFalse(info.retired);
        assertEq(registry.operatorOf(clusterId), operator);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Registered));
    }

    function test_RegisterCluster_SequentialIdsAndEvent() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ClusterRegistered(
            2, stranger, "B200", 8, "US-NYC-2", bytes32(uint256(1)), "u", bytes32(0)
        );
        vm.prank(stranger);
        uint256 id = registry.registerCluster("B200", 8, "US-NYC-2", bytes32(uint256(1)), "u", bytes32(0));
        assertEq(id, 2);
        assertEq(registry.clusterCount(), 2);
        assertEq(registry.operatorOf(2), stranger);
        assertEq(_register(operator), 3);
    }

    function test_RevertWhen_RegisterCluster_ZeroGpuCount() public {
        vm.expectRevert(IClusterRegistryErrors.ZeroGpuCount.selector);
        registry.registerCluster(GPU_MODEL, 0, LOCATION, HW_ROOT, META_URI, META_HASH);
    }

    function test_RevertWhen_RegisterCluster_ZeroHardwareRoot() public {
        vm.expectRevert(IClusterRegistryErrors.ZeroHardwareRoot.selector);
        registry.registerCluster(GPU_MODEL, GPU_COUNT, LOCATION, bytes32(0), META_URI, META_HASH);
    }

    /*//////////////////////////////////////////////////////////////
                               METADATA
    //////////////////////////////////////////////////////////////*/

    function test_UpdateMetadata() public {
        _attest(clusterId, uint64(block.timestamp + 30 days));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.MetadataUpdated(clusterId, "ipfs://v2", keccak256("v2"));
        vm.prank(operator);
        registry.updateMetadata(clusterId, "ipfs://v2", keccak256("v2"));
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(info.metadataURI, "ipfs://v2");
        assertEq(info.metadataHash, keccak256("v2"));
        // Metadata does not touch the attestation.
        assertEq(uint8(info.status), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    function test_RevertWhen_UpdateMetadata_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOperator.selector, clusterId, stranger));
        vm.prank(stranger);
        registry.updateMetadata(clusterId, "x", bytes32(0));
    }

    function test_RevertWhen_UpdateMetadata_UnknownCluster() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOperator.selector, 99, operator));
        vm.prank(operator);
        registry.updateMetadata(99, "x", bytes32(0));
    }

    function test_RevertWhen_UpdateMetadata_Retired() public {
        vm.prank(governance);
        registry.retireCluster(clusterId);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.ClusterIsRetired.selector, clusterId));
        vm.prank(operator);
        registry.updateMetadata(clusterId, "x", bytes32(0));
    }

    /*//////////////////////////////////////////////////////////////
                               HARDWARE
    //////////////////////////////////////////////////////////////*/

    /// @dev I-3: the hardware update also moves the attestation nonce on (an attestation signed for the old hardware
    /// cannot land any more).
    function test_UpdateHardware_ClearsAttestation() public {
        _attest(clusterId, uint64(block.timestamp + 30 days));
        uint64 epoch = uint64(block.timestamp - 1 hours);
        _report(clusterId, epoch);
        bytes32 newRoot = keccak256("hardware-root-v2");

        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.HardwareUpdated(clusterId, newRoot, 72);
        vm.prank(operator);
        registry.updateHardware(clusterId, newRoot, 72);

        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(clusterId);
        assertEq(info.hardwareRoot, newRoot);
        assertEq(info.gpuCount, 72);
        assertEq(info.attestedAt, 0);
        assertEq(info.attestedUntil, 0);
        assertEq(info.attestationNonce, 2, "I-3: nonce 1 after the attestation, 2 after the hardware update");
        assertEq(info.lastEpoch, epoch, "epochs survive");
        assertEq(info.lastReportAt, epoch, "the last report time survives");
        assertEq(uint8(info.status), uint8(IClusterRegistry.ClusterStatus.Registered));

        // Re-attesting the new hardware brings it back.
        _attest(clusterId, uint64(block.timestamp + 1 days));
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    function test_UpdateHardware_WhileSuspended_StaysSuspendedThenRegistered() public {
        _attest(clusterId, uint64(block.timestamp + 30 days));
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        vm.prank(operator);
        registry.updateHardware(clusterId, keccak256("v2"), GPU_COUNT);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Suspended));
        vm.prank(governance);
        registry.unsuspendCluster(clusterId);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Registered));
    }

    function test_RevertWhen_UpdateHardware_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOperator.selector, clusterId, stranger));
        vm.prank(stranger);
        registry.updateHardware(clusterId, HW_ROOT, 1);
    }

    function test_RevertWhen_UpdateHardware_Retired() public {
        vm.prank(governance);
        registry.retireCluster(clusterId);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.ClusterIsRetired.selector, clusterId));
        vm.prank(operator);
        registry.updateHardware(clusterId, HW_ROOT, 1);
    }

    function test_RevertWhen_UpdateHardware_ZeroGpuCount() public {
        vm.expectRevert(IClusterRegistryErrors.ZeroGpuCount.selector);
        vm.prank(operator);
        registry.updateHardware(clusterId, HW_ROOT, 0);
    }

    function test_RevertWhen_UpdateHardware_ZeroHardwareRoot() public {
        vm.expectRevert(IClusterRegistryErrors.ZeroHardwareRoot.selector);
        vm.prank(operator);
        registry.updateHardware(clusterId, bytes32(0), 1);
    }

    /*//////////////////////////////////////////////////////////////
                          OPERATOR HAND-OVER
    //////////////////////////////////////////////////////////////*/

    function test_TransferOperator_TwoStep() public {
        address next = makeAddr("next");
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.OperatorTransferStarted(clusterId, operator, next);
        vm.prank(operator);
        registry.transferOperator(clusterId, next);
        assertEq(registry.operatorOf(clusterId), operator, "not yet");
        assertEq(registry.clusterOf(clusterId).pendingOperator, next);

        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.OperatorTransferred(clusterId, operator, next);
        vm.prank(next);
        registry.acceptOperator(clusterId);
        assertEq(registry.operatorOf(clusterId), next);
        assertEq(registry.clusterOf(clusterId).pendingOperator, address(0));

        // The old operator lost its rights, the new one has them.
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOperator.selector, clusterId, operator));
        vm.prank(operator);
        registry.updateMetadata(clusterId, "x", bytes32(0));
        vm.prank(next);
        registry.updateMetadata(clusterId, "x", bytes32(0));
    }

    function test_TransferOperator_CancelWithZero() public {
        address next = makeAddr("next");
        vm.startPrank(operator);
        registry.transferOperator(clusterId, next);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.OperatorTransferStarted(clusterId, operator, address(0));
        registry.transferOperator(clusterId, address(0));
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotPendingOperator.selector, clusterId, next));
        vm.prank(next);
        registry.acceptOperator(clusterId);
    }

    function test_TransferOperator_AllowedWhenRetired() public {
        vm.prank(governance);
        registry.retireCluster(clusterId);
        address next = makeAddr("next");
        vm.prank(operator);
        registry.transferOperator(clusterId, next);
        vm.prank(next);
        registry.acceptOperator(clusterId);
        assertEq(registry.operatorOf(clusterId), next);
    }

    function test_RevertWhen_TransferOperator_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOperator.selector, clusterId, stranger));
        vm.prank(stranger);
        registry.transferOperator(clusterId, stranger);
    }

    function test_RevertWhen_AcceptOperator_NotPending() public {
        vm.prank(operator);
        registry.transferOperator(clusterId, makeAddr("next"));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotPendingOperator.selector, clusterId, stranger));
        vm.prank(stranger);
        registry.acceptOperator(clusterId);
    }

    function test_RevertWhen_AcceptOperator_UnknownCluster() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotPendingOperator.selector, 42, stranger));
        vm.prank(stranger);
        registry.acceptOperator(42);
    }

    /*//////////////////////////////////////////////////////////////
                               HEARTBEAT
    //////////////////////////////////////////////////////////////*/

    function test_SetHeartbeat() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.HeartbeatChanged(HEARTBEAT, 6 hours);
        vm.prank(governance);
        registry.setHeartbeat(6 hours);
        assertEq(registry.heartbeat(), 6 hours);
    }

    function test_SetHeartbeat_AppliesToStatusImmediately() public {
        _attest(clusterId, uint64(block.timestamp + 30 days));
        skip(2 hours);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        vm.prank(governance);
        registry.setHeartbeat(1 hours);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));
    }

    function test_RevertWhen_SetHeartbeat_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.setHeartbeat(1);
    }

    function test_RevertWhen_SetHeartbeat_Invalid() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidHeartbeat.selector, 0));
        registry.setHeartbeat(0);
        uint256 tooLarge = uint256(type(uint32).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidHeartbeat.selector, tooLarge));
        registry.setHeartbeat(tooLarge);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                             VIEWS / STATUS
    //////////////////////////////////////////////////////////////*/

    function test_Views_UnknownCluster() public view {
        assertEq(uint8(registry.statusOf(0)), uint8(IClusterRegistry.ClusterStatus.None));
        assertEq(uint8(registry.statusOf(2)), uint8(IClusterRegistry.ClusterStatus.None));
        assertEq(registry.operatorOf(2), address(0));
        assertEq(registry.lastEpochOf(2), 0);
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(2);
        assertEq(info.operator, address(0));
        assertEq(uint8(info.status), uint8(IClusterRegistry.ClusterStatus.None));
        assertEq(info.gpuCount, 0);
        assertEq(bytes(info.gpuModel).length, 0);
    }

    /// @dev L-5: freshness counts from signed times (attestation `issuedAt`, report epoch end), never from submission.
    function test_Status_Lifecycle() public {
        uint64 validUntil = uint64(block.timestamp + 10 days);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Registered));

        _attest(clusterId, validUntil);
        uint256 attestedAt = block.timestamp;
        assertEq(registry.clusterOf(clusterId).attestedAt, attestedAt);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));

        // Heartbeat counts from the attestation's issuedAt: stale one second after it runs out.
        vm.warp(attestedAt + HEARTBEAT);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        vm.warp(attestedAt + HEARTBEAT + 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));

        // A report for an epoch that ended now brings it back; the heartbeat then counts from that epoch end.
        uint64 epoch1 = uint64(block.timestamp);
        _report(clusterId, epoch1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        assertEq(registry.lastEpochOf(clusterId), epoch1);
        assertEq(registry.clusterOf(clusterId).lastReportAt, epoch1);
        vm.warp(uint256(epoch1) + HEARTBEAT);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        vm.warp(uint256(epoch1) + HEARTBEAT + 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));

        // Keep reporting until the attestation expires: valid through validUntil, stale after.
        vm.warp(validUntil - 1);
        _report(clusterId, validUntil - 1);
        vm.warp(validUntil);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        _report(clusterId, validUntil);
        assertEq(registry.clusterOf(clusterId).lastReportAt, validUntil);
        vm.warp(validUntil + 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));

        // A re-attestation brings it back.
        _attest(clusterId, uint64(block.timestamp + 10 days));
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    function test_Status_ReportBeforeReattestationDoesNotShortenHeartbeat() public {
        _attest(clusterId, uint64(block.timestamp + 10 days));
        _report(clusterId, uint64(block.timestamp));
        skip(HEARTBEAT / 2);
        _attest(clusterId, uint64(block.timestamp + 20 days));
        // HEARTBEAT after the report, but only HEARTBEAT/2 after the attestation.
        skip(HEARTBEAT / 2 + 1);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        skip(HEARTBEAT / 2);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Stale));
    }
}

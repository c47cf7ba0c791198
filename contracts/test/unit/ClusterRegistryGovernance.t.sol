// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IClusterRegistryErrors} from "../../src/interfaces/IClusterRegistryErrors.sol";
import {IClusterRegistryEvents} from "../../src/interfaces/IClusterRegistryEvents.sol";
import {ClusterRegistryFixture} from "../utils/ClusterRegistryFixture.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Unit tests of ClusterRegistry governance: the committee and its version, suspension and retirement, the
/// guardian, ownership.
contract ClusterRegistryGovernanceTest is ClusterRegistryFixture {
    /*//////////////////////////////////////////////////////////////
                               COMMITTEE
    //////////////////////////////////////////////////////////////*/

    function test_AddSigner() public {
        address newSigner = makeAddr("newSigner");
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.SignerAdded(newSigner);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ThresholdChanged(K, 4);
        address[] memory expected = new address[](N_SIGNERS + 1);
        for (uint256 i = 0; i < N_SIGNERS; ++i) {
            expected[i] = committee[i];
        }
        expected[N_SIGNERS] = newSigner;
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.CommitteeChanged(2, expected, 4);
        vm.prank(governance);
        registry.addSigner(newSigner, 4);
        assertEq(registry.committeeVersion(), 2);
        assertTrue(registry.isSigner(newSigner));
        assertEq(registry.signers().length, N_SIGNERS + 1);
        assertEq(registry.signers()[N_SIGNERS], newSigner);
        assertEq(registry.threshold(), 4);
    }

    function test_RevertWhen_AddSigner_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.addSigner(stranger, 4);
    }

    function test_RevertWhen_AddSigner_Zero() public {
        vm.expectRevert(IClusterRegistryErrors.ZeroSigner.selector);
        vm.prank(governance);
        registry.addSigner(address(0), 4);
    }

    function test_RevertWhen_AddSigner_AlreadyAdded() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.SignerAlreadyAdded.selector, committee[2]));
        vm.prank(governance);
        registry.addSigner(committee[2], 3);
    }

    function test_RevertWhen_AddSigner_BreaksMajority() public {
        // 3 of 6 is not > n/2.
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 3, 6));
        vm.prank(governance);
        registry.addSigner(stranger, 3);
    }

    function test_RemoveSigner_SwapsAndPops() public {
        address removed = committee[1];
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.SignerRemoved(removed);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ThresholdChanged(K, K);
        address[] memory expected = new address[](N_SIGNERS - 1);
        (expected[0], expected[1], expected[2], expected[3]) = (committee[0], committee[4], committee[2], committee[3]);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.CommitteeChanged(2, expected, K);
        vm.prank(governance);
        registry.removeSigner(removed, K);
        assertEq(registry.committeeVersion(), 2);

        assertFalse(registry.isSigner(removed));
        address[] memory s = registry.signers();
        assertEq(s.length, N_SIGNERS - 1);
        assertEq(s[0], committee[0]);
        assertEq(s[1], committee[4], "last moved into the hole");
        assertEq(s[2], committee[2]);
        assertEq(s[3], committee[3]);
        // The moved signer can still be removed (its position was updated).
        vm.prank(governance);
        registry.removeSigner(committee[4], 2);
        assertFalse(registry.isSigner(committee[4]));
        assertEq(registry.signers().length, 3);
        assertEq(registry.threshold(), 2);
    }

    function test_RemoveSigner_Last() public {
        vm.prank(governance);
        registry.removeSigner(committee[4], 3);
        address[] memory s = registry.signers();
        assertEq(s.length, 4);
        for (uint256 i = 0; i < 4; ++i) {
            assertEq(s[i], committee[i]);
        }
        // Re-adding works.
        vm.prank(governance);
        registry.addSigner(committee[4], 3);
        assertTrue(registry.isSigner(committee[4]));
    }

    function test_RevertWhen_RemoveSigner_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.removeSigner(committee[0], 3);
    }

    function test_RevertWhen_RemoveSigner_NotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.SignerNotFound.selector, stranger));
        vm.prank(governance);
        registry.removeSigner(stranger, 3);
    }

    function test_RevertWhen_RemoveSigner_ThresholdAboveSigners() public {
        vm.prank(governance);
        registry.setThreshold(5);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 5, 4));
        vm.prank(governance);
        registry.removeSigner(committee[0], 5);
    }

    function test_RevertWhen_RemoveSigner_LastSigner() public {
        address[] memory one = new address[](1);
        one[0] = committee[0];
        ClusterRegistry r = new ClusterRegistry(governance, one, 1, HEARTBEAT, address(0));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 1, 0));
        vm.prank(governance);
        r.removeSigner(committee[0], 1);
    }

    function test_SetThreshold() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ThresholdChanged(K, 5);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.CommitteeChanged(2, committee, 5);
        vm.prank(governance);
        registry.setThreshold(5);
        assertEq(registry.threshold(), 5);
        assertEq(registry.committeeVersion(), 2);
    }

    function test_RevertWhen_SetThreshold_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.setThreshold(4);
    }

    function test_RevertWhen_SetThreshold_Invalid() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 0, 5));
        registry.setThreshold(0);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 2, 5));
        registry.setThreshold(2);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 6, 5));
        registry.setThreshold(6);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                         SUSPEND / RETIRE
    //////////////////////////////////////////////////////////////*/

    function test_SuspendAndUnsuspend() public {
        _attest(clusterId, uint64(block.timestamp + 30 days));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ClusterSuspended(clusterId);
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Suspended));
        assertTrue(registry.clusterOf(clusterId).suspended);

        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ClusterUnsuspended(clusterId);
        vm.prank(governance);
        registry.unsuspendCluster(clusterId);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
        assertFalse(registry.clusterOf(clusterId).suspended);
    }

    function test_Retire_FromSuspended() public {
        vm.startPrank(governance);
        registry.suspendCluster(clusterId);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ClusterRetired(clusterId);
        registry.retireCluster(clusterId);
        vm.stopPrank();
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Retired));
        assertTrue(registry.clusterOf(clusterId).retired);
        assertFalse(registry.clusterOf(clusterId).suspended);
    }

    /// @dev Since the guardian may suspend too, a caller that is neither gets `NotOwnerOrGuardian`.
    function test_RevertWhen_Suspend_NotOwnerOrGuardian() public {
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOwnerOrGuardian.selector, operator));
        vm.prank(operator);
        registry.suspendCluster(clusterId);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOwnerOrGuardian.selector, stranger));
        vm.prank(stranger);
        registry.suspendCluster(clusterId);
        assertFalse(registry.clusterOf(clusterId).suspended);
    }

    function test_RevertWhen_Unsuspend_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        vm.prank(operator);
        registry.unsuspendCluster(clusterId);
    }

    function test_RevertWhen_Retire_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        vm.prank(operator);
        registry.retireCluster(clusterId);
    }

    function test_RevertWhen_Lifecycle_UnknownCluster() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.UnknownCluster.selector, 0));
        registry.suspendCluster(0);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.UnknownCluster.selector, 2));
        registry.unsuspendCluster(2);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.UnknownCluster.selector, 2));
        registry.retireCluster(2);
        vm.stopPrank();
    }

    function test_RevertWhen_Suspend_AlreadySuspendedOrRetired() public {
        vm.startPrank(governance);
        registry.suspendCluster(clusterId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.InvalidLifecycleChange.selector, clusterId, IClusterRegistry.ClusterStatus.Suspended
            )
        );
        registry.suspendCluster(clusterId);
        registry.retireCluster(clusterId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.InvalidLifecycleChange.selector, clusterId, IClusterRegistry.ClusterStatus.Retired
            )
        );
        registry.suspendCluster(clusterId);
        vm.stopPrank();
    }

    function test_RevertWhen_Unsuspend_NotSuspended() public {
        vm.startPrank(governance);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.InvalidLifecycleChange.selector, clusterId, IClusterRegistry.ClusterStatus.Registered
            )
        );
        registry.unsuspendCluster(clusterId);
        registry.retireCluster(clusterId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.InvalidLifecycleChange.selector, clusterId, IClusterRegistry.ClusterStatus.Retired
            )
        );
        registry.unsuspendCluster(clusterId);
        vm.stopPrank();
    }

    function test_RevertWhen_Retire_AlreadyRetired() public {
        vm.startPrank(governance);
        registry.retireCluster(clusterId);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.ClusterIsRetired.selector, clusterId));
        registry.retireCluster(clusterId);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                           COMMITTEE VERSION
    //////////////////////////////////////////////////////////////*/

    /// @dev I-3: every committee change (add, remove, threshold) moves the version on by exactly one and announces the
    /// whole committee; nothing else does.
    function test_CommitteeVersion_CountsEveryCommitteeChange() public {
        address newSigner = makeAddr("newSigner");
        vm.startPrank(governance);
        assertEq(registry.committeeVersion(), 1);
        registry.addSigner(newSigner, 4); // 6 signers
        assertEq(registry.committeeVersion(), 2);
        registry.setThreshold(4); // the same threshold again still counts as a change
        assertEq(registry.committeeVersion(), 3);
        registry.removeSigner(newSigner, 3); // back to the original five, 3 of 5
        assertEq(registry.committeeVersion(), 4, "back to the same committee, but a new version");
        registry.setHeartbeat(2 hours);
        registry.setGuardian(stranger);
        registry.suspendCluster(clusterId);
        vm.stopPrank();
        vm.prank(operator);
        registry.updateHardware(clusterId, keccak256("v2"), GPU_COUNT);
        assertEq(registry.committeeVersion(), 4, "heartbeat, guardian, lifecycle and hardware are not the committee");
    }

    /// @dev I-3: a change that reverts leaves the version where it was.
    function test_CommitteeVersion_FailedChangeKeepsVersion() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 2, N_SIGNERS));
        registry.setThreshold(2);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.InvalidThreshold.selector, 3, N_SIGNERS + 1));
        registry.addSigner(stranger, 3);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.SignerNotFound.selector, stranger));
        registry.removeSigner(stranger, 3);
        vm.stopPrank();
        assertEq(registry.committeeVersion(), 1);
    }

    /// @dev I-3: removing a signer and adding it back ends at the same members but two versions later.
    function test_CommitteeVersion_RemoveAndReaddSigner() public {
        address[] memory afterRemove = new address[](N_SIGNERS - 1);
        (afterRemove[0], afterRemove[1], afterRemove[2], afterRemove[3]) =
        (committee[0], committee[1], committee[4], committee[3]);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.CommitteeChanged(2, afterRemove, 3);
        vm.prank(governance);
        registry.removeSigner(committee[2], 3);

        address[] memory afterReadd = new address[](N_SIGNERS);
        (afterReadd[0], afterReadd[1], afterReadd[2], afterReadd[3], afterReadd[4]) =
        (committee[0], committee[1], committee[4], committee[3], committee[2]);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.CommitteeChanged(3, afterReadd, 3);
        vm.prank(governance);
        registry.addSigner(committee[2], 3);
        assertEq(registry.committeeVersion(), 3);
        assertTrue(registry.isSigner(committee[2]));
    }

    /*//////////////////////////////////////////////////////////////
                                GUARDIAN
    //////////////////////////////////////////////////////////////*/

    function test_SetGuardian() public {
        address next = makeAddr("nextGuardian");
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.GuardianSet(guardian, next);
        vm.prank(governance);
        registry.setGuardian(next);
        assertEq(registry.guardian(), next);

        // The former guardian lost its power, the new one has it.
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOwnerOrGuardian.selector, guardian));
        vm.prank(guardian);
        registry.suspendCluster(clusterId);
        vm.prank(next);
        registry.suspendCluster(clusterId);
        assertTrue(registry.clusterOf(clusterId).suspended);
    }

    function test_SetGuardian_ZeroRemovesIt() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.GuardianSet(guardian, address(0));
        vm.prank(governance);
        registry.setGuardian(address(0));
        assertEq(registry.guardian(), address(0));
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.NotOwnerOrGuardian.selector, guardian));
        vm.prank(guardian);
        registry.suspendCluster(clusterId);
    }

    function test_RevertWhen_SetGuardian_NotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.setGuardian(stranger);
        // Not even the guardian can name its successor.
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
        vm.prank(guardian);
        registry.setGuardian(stranger);
        assertEq(registry.guardian(), guardian);
    }

    function test_Guardian_CanSuspend() public {
        _attest(clusterId, uint64(block.timestamp + 30 days));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ClusterSuspended(clusterId);
        vm.prank(guardian);
        registry.suspendCluster(clusterId);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Suspended));
        assertTrue(registry.clusterOf(clusterId).suspended);

        // Only the owner lifts it.
        vm.prank(governance);
        registry.unsuspendCluster(clusterId);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Attested));
    }

    function test_Guardian_SuspendFollowsLifecycleRules() public {
        vm.startPrank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IClusterRegistryErrors.UnknownCluster.selector, 2));
        registry.suspendCluster(2);
        registry.suspendCluster(clusterId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClusterRegistry.InvalidLifecycleChange.selector, clusterId, IClusterRegistry.ClusterStatus.Suspended
            )
        );
        registry.suspendCluster(clusterId);
        vm.stopPrank();
    }

    function test_Owner_CanStillSuspend() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IClusterRegistryEvents.ClusterSuspended(clusterId);
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        assertEq(uint8(registry.statusOf(clusterId)), uint8(IClusterRegistry.ClusterStatus.Suspended));
    }

    /// @dev The guardian can stop, never lift, retire or touch the committee.
    function test_RevertWhen_Guardian_CallsOwnerOnlyFunctions() public {
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        bytes memory unauthorized = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian);
        vm.startPrank(guardian);
        vm.expectRevert(unauthorized);
        registry.unsuspendCluster(clusterId);
        vm.expectRevert(unauthorized);
        registry.retireCluster(clusterId);
        vm.expectRevert(unauthorized);
        registry.setThreshold(4);
        vm.expectRevert(unauthorized);
        registry.addSigner(stranger, 4);
        vm.expectRevert(unauthorized);
        registry.removeSigner(committee[0], 3);
        vm.expectRevert(unauthorized);
        registry.setHeartbeat(1 hours);
        vm.stopPrank();
        assertTrue(registry.clusterOf(clusterId).suspended);
        assertFalse(registry.clusterOf(clusterId).retired);
        assertEq(registry.threshold(), K);
        assertEq(registry.signers().length, N_SIGNERS);
        assertEq(registry.heartbeat(), HEARTBEAT);
        assertEq(registry.committeeVersion(), 1);
    }

    /*//////////////////////////////////////////////////////////////
                               OWNERSHIP
    //////////////////////////////////////////////////////////////*/

    function test_TransferOwnership_TwoStep() public {
        address next = makeAddr("nextGovernance");
        vm.prank(governance);
        registry.transferOwnership(next);
        assertEq(registry.owner(), governance);
        vm.prank(next);
        registry.acceptOwnership();
        assertEq(registry.owner(), next);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, governance));
        vm.prank(governance);
        registry.setThreshold(4);
    }

    function test_RevertWhen_RenounceOwnership() public {
        vm.expectRevert(IClusterRegistryErrors.RenounceOwnershipDisabled.selector);
        vm.prank(governance);
        registry.renounceOwnership();
        assertEq(registry.owner(), governance);
    }
}

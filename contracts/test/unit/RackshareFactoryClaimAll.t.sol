// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RackshareFactory} from "../../src/RackshareFactory.sol";
import {IRackshareFactory} from "../../src/interfaces/IRackshareFactory.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {IShareTokenEvents} from "../../src/interfaces/IShareTokenEvents.sol";
import {ClaimAllFixture} from "../utils/ClaimAllFixture.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @title RackshareFactoryClaimAllTest
/// @notice `RackshareFactory.claimAll` and `ShareToken.claimFor`: one transaction pays a holder the sum of its
/// claimable revenue over several tokens, only to the holder, only through the factory that deployed the tokens.
contract RackshareFactoryClaimAllTest is ClaimAllFixture {
    function setUp() public override {
        super.setUp();
        _setUpTokens(3);
    }

    function test_ClaimAll_PaysTheSumOfClaimablesToTheCaller() public {
        uint256[] memory each = new uint256[](3);
        for (uint256 i = 0; i < 3; ++i) {
            each[i] = tokens[i].claimable(alice);
            assertGt(each[i], 0);
        }
        uint256 before = usd.balanceOf(alice);
        for (uint256 i = 0; i < 3; ++i) {
            vm.expectEmit(address(tokens[i]));
            emit IShareTokenEvents.Claimed(alice, alice, each[i]);
        }
        vm.prank(alice);
        uint256 total = factory.claimAll(tokens);
        assertEq(total, each[0] + each[1] + each[2]);
        assertEq(usd.balanceOf(alice) - before, total);
        assertEq(_claimableSum(alice), 0);
    }

    function test_ClaimAll_LeavesOtherHoldersAlone() public {
        uint256 bobs = tokens[0].claimable(bob);
        vm.prank(alice);
        factory.claimAll(tokens);
        assertEq(tokens[0].claimable(bob), bobs);
    }

    function test_ClaimAll_DuplicatePaysOnce() public {
        IShareToken[] memory twice = new IShareToken[](2);
        twice[0] = tokens[1];
        twice[1] = tokens[1];
        uint256 expected = tokens[1].claimable(alice);
        vm.prank(alice);
        assertEq(factory.claimAll(twice), expected);
    }

    function test_ClaimAll_EmptyListOrNothingToClaimPaysNothing() public {
        vm.prank(alice);
        assertEq(factory.claimAll(new IShareToken[](0)), 0);
        vm.recordLogs();
        vm.prank(carol);
        assertEq(factory.claimAll(tokens), 0);
        assertEq(vm.getRecordedLogs().length, 0);
    }

    /// Claims never stop: not while the token is paused (both pauses), not while the holder is frozen.
    function test_ClaimAll_WorksWhilePausedAndFrozen() public {
        vm.startPrank(operator);
        tokens[0].pause();
        tokens[1].setFrozen(alice, true);
        vm.stopPrank();
        vm.prank(governance);
        tokens[2].governancePause();
        uint256 expected = _claimableSum(alice);
        vm.prank(alice);
        assertEq(factory.claimAll(tokens), expected);
    }

    function test_RevertWhen_ClaimAllTooManyTokens() public {
        uint256 max = factory.MAX_CLAIM_TOKENS();
        IShareToken[] memory many = new IShareToken[](max + 1);
        for (uint256 i = 0; i <= max; ++i) {
            many[i] = tokens[0];
        }
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.TooManyTokens.selector, max + 1, max));
        vm.prank(alice);
        factory.claimAll(many);
    }

    function test_ClaimAll_TakesTheMaximumList() public {
        uint256 max = factory.MAX_CLAIM_TOKENS();
        IShareToken[] memory many = new IShareToken[](max);
        for (uint256 i = 0; i < max; ++i) {
            many[i] = tokens[i % 3];
        }
        uint256 expected = _claimableSum(alice);
        vm.prank(alice);
        assertEq(factory.claimAll(many), expected);
    }

    function test_RevertWhen_ClaimAllGetsAnAddressWithoutCode() public {
        _expectUnknown(stranger);
    }

    function test_RevertWhen_ClaimAllGetsAContractThatIsNoToken() public {
        _expectUnknown(address(usd));
    }

    /// A clone of the real implementation, initialized for a real cluster, but not deployed by this factory.
    function test_RevertWhen_ClaimAllGetsACloneOfAnotherDeployer() public {
        IShareToken fake = IShareToken(Clones.clone(address(tokenImpl)));
        fake.initialize(registry, clusterId, usd, "Fake", "FAKE", SUPPLY, alice);
        _expectUnknown(address(fake));
    }

    /// The same implementation behind another factory: its tokens are not this factory's to batch.
    function test_RevertWhen_ClaimAllGetsAnotherFactorysToken() public {
        RackshareFactory other = new RackshareFactory(registry, usd, address(tokenImpl), address(offeringImpl));
        IShareToken[] memory list = new IShareToken[](1);
        list[0] = tokens[0];
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.UnknownToken.selector, address(tokens[0])));
        vm.prank(alice);
        other.claimAll(list);
    }

    /// Nobody but the deploying factory may claim for a holder: not a stranger (who could push a lost wallet's revenue
    /// out of a recovery's reach), not the holder itself, not another factory over the same implementation.
    function test_RevertWhen_ClaimForNotFactory() public {
        RackshareFactory other = new RackshareFactory(registry, usd, address(tokenImpl), address(offeringImpl));
        address[3] memory callers = [stranger, alice, address(other)];
        for (uint256 i = 0; i < 3; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotFactory.selector, callers[i]));
            vm.prank(callers[i]);
            tokens[0].claimFor(alice);
        }
    }

    /// A lost wallet's revenue stays where the operator's recovery can move it: only the holder's own claim pays it.
    function test_ClaimFor_CannotPreemptARecovery() public {
        uint256 owed = tokens[0].claimable(bob);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.NotFactory.selector, stranger));
        vm.prank(stranger);
        tokens[0].claimFor(bob);
        vm.prank(operator);
        tokens[0].recoverWallet(bob, carol);
        assertEq(tokens[0].claimable(carol), owed);
    }

    function _expectUnknown(address notAToken) internal {
        IShareToken[] memory list = new IShareToken[](2);
        list[0] = tokens[0];
        list[1] = IShareToken(notAToken);
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.UnknownToken.selector, notAToken));
        vm.prank(alice);
        factory.claimAll(list);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The review's catalogue gaps on the token side: transferFrom checkpoints, receipt in a deposit's block,
/// zero-amount transfers (I-6), a 1-wei supply (permit replay and high-s permits: ShareTokenPermit.t.sol).
contract ShareTokenCatalogueTest is ShareTokenFixture {
    /*//////////////////////////////////////////////////////////////
                         CHECKPOINTS AND TIMING
    //////////////////////////////////////////////////////////////*/

    /// Catalogue: `transferFrom` checkpoints both sides: the sender keeps what it earned, the receiver earns from the
    /// move on, the spender earns nothing.
    function test_TransferFrom_CheckpointsBothSides() public {
        _send(offering, alice, SUPPLY / 2);
        _deposit(1000e6, 1000);
        uint256 rate = _accRate(1000e6, 1000, SUPPLY);
        skip(500);
        vm.prank(alice);
        token.approve(bob, SUPPLY / 2);
        vm.prank(bob);
        token.transferFrom(alice, carol, SUPPLY / 2);
        assertEq(token.claimable(alice), _earned(SUPPLY / 2, rate * 500, SUPPLY));
        assertEq(token.claimable(carol), 0);
        skip(500);
        assertEq(token.claimable(alice), _earned(SUPPLY / 2, rate * 500, SUPPLY));
        assertEq(token.claimable(carol), _earned(SUPPLY / 2, rate * 500, SUPPLY));
        assertEq(token.claimable(bob), 0);
        assertApproxEqAbs(token.claimable(alice), 250e6, 1);
    }

    /// Catalogue: shares received in the block of a deposit earn nothing for that block (the deposit streams from the
    /// next second), whether they arrive before or after the deposit in the block.
    function test_SharesReceivedInDepositBlock_EarnNothingForThatBlock() public {
        _send(offering, bob, SUPPLY / 4); // before the deposit, same block
        _deposit(1000e6, 1000);
        _send(offering, carol, SUPPLY / 4); // after the deposit, same block
        assertEq(token.claimable(bob), 0);
        assertEq(token.claimable(carol), 0);
        // In and out within the block: nothing, ever.
        _send(carol, alice, SUPPLY / 4);
        skip(1);
        uint256 oneSecond = _earned(SUPPLY / 4, _accRate(1000e6, 1000, SUPPLY), SUPPLY);
        assertEq(token.claimable(bob), oneSecond);
        assertEq(token.claimable(alice), oneSecond);
        assertEq(token.claimable(carol), 0);
        assertApproxEqAbs(oneSecond, 0.25e6, 1);
    }

    /// I-6: a zero-amount transfer from anyone forces a checkpoint on the receiver: it changes no balance and costs the
    /// receiver less than one base unit per forced checkpoint (each floors its earnings once).
    function test_ZeroAmountTransfer_ChangesNoBalanceAndDriftsBelowOnePerCheckpoint() public {
        _send(offering, alice, SUPPLY / 3);
        _deposit(1000e6, 1000);
        uint256 rate = _accRate(1000e6, 1000, SUPPLY);
        uint256 snap = vm.snapshotState();
        skip(1000);
        uint256 undisturbed = token.claimable(alice);
        assertEq(undisturbed, _earned(SUPPLY / 3, rate * 1000, SUPPLY));
        vm.revertToState(snap);

        uint256 expected;
        uint256[4] memory gaps = [uint256(7), 333, 1, 259];
        for (uint256 i; i < gaps.length; ++i) {
            skip(gaps[i]);
            vm.expectEmit(address(token));
            emit IERC20.Transfer(carol, alice, 0);
            _send(carol, alice, 0); // carol holds nothing
            expected += _earned(SUPPLY / 3, rate * gaps[i], SUPPLY);
            assertEq(token.balanceOf(alice), SUPPLY / 3);
            assertEq(token.balanceOf(carol), 0);
        }
        skip(400);
        expected += _earned(SUPPLY / 3, rate * 400, SUPPLY);
        assertEq(token.claimable(alice), expected);
        assertLe(token.claimable(alice), undisturbed);
        assertLt(undisturbed - token.claimable(alice), gaps.length);
        assertEq(token.claimable(carol), 0);
    }

    /// Catalogue: a 1-wei supply streams and claims exactly (shift = 31: one base unit is 2**31 accumulator units).
    function test_OneWeiSupply_StreamsAndClaims() public {
        token = _newToken(usd, 1, offering);
        _deposit(1000e6, 1000);
        skip(500);
        assertEq(token.claimable(offering), 500e6);
        assertEq(token.streamedTotal(), 500e6);
        _send(offering, alice, 1);
        skip(250);
        assertEq(token.claimable(offering), 500e6);
        assertEq(token.claimable(alice), 250e6);
        vm.prank(offering);
        assertEq(token.claim(), 500e6);
        vm.prank(alice);
        assertEq(token.claim(), 250e6);
        skip(250);
        // A deposit that does not divide evenly: 1 base unit over 3 s floors the rate; less than one unit is lost.
        _deposit(1, 3);
        skip(3);
        assertEq(token.claimable(alice), 250e6 + _earned(1, (uint256(1) << 31) / 3 * 3, 1));
        assertEq(token.claimable(alice), 250e6);
        assertEq(token.totalDeposited(), 1000e6 + 1);
        assertEq(token.streamedTotal(), 1000e6);
    }
}

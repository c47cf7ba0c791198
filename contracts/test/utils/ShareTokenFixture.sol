// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {TestStablecoin} from "../../src/dev/TestStablecoin.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {RegistryStandIn} from "./RegistryStandIn.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @title ShareTokenFixture
/// @notice Deploys a ShareToken implementation, one clone for cluster 1 initialized with the whole supply held by
/// `offering` (the protected account: it can send shares but never receive them), a TestStablecoin and a
/// RegistryStandIn naming `op` operator, `gov` governance and `guardian` its guardian.
/// @dev The `_acc*` helpers restate the token's documented stream units (ShareToken's contract notes): the accumulator
/// counts base units per share-wei scaled by 2**shift, shift = 30 + bitLength(totalSupply). Tests use them to derive
/// exact expected figures (rates, maxDuration) from the deposits they made, never from the token's private state.
abstract contract ShareTokenFixture is Test {
    uint256 internal constant CLUSTER_ID = 1;
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant MAX_DURATION = 3650 days;

    address internal op = makeAddr("operator");
    address internal gov = makeAddr("governance");
    address internal guardian = makeAddr("guardian");
    address internal offering = makeAddr("offering");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    RegistryStandIn internal reg;
    TestStablecoin internal usd;
    ShareToken internal impl;
    ShareToken internal token;

    function setUp() public virtual {
        vm.warp(START);
        reg = new RegistryStandIn(gov);
        reg.setCluster(CLUSTER_ID, op, IClusterRegistry.ClusterStatus.Attested);
        reg.setGuardian(guardian);
        usd = new TestStablecoin();
        impl = new ShareToken();
        token = _newToken(IERC20(address(usd)), SUPPLY, offering);
        vm.label(address(token), "ShareToken");
    }

    function _newToken(IERC20 coin, uint256 supply, address holder) internal returns (ShareToken t) {
        t = ShareToken(Clones.clone(address(impl)));
        t.initialize(IClusterRegistry(address(reg)), CLUSTER_ID, coin, "Rack One", "RACK1", supply, holder);
    }

    /// @dev Mints `amount` stablecoin to the operator and deposits it as the operator.
    function _deposit(uint256 amount, uint256 duration) internal {
        _depositAs(op, amount, duration);
    }

    /// @dev Mints `amount` stablecoin to `payer` and deposits it as `payer`.
    function _depositAs(address payer, uint256 amount, uint256 duration) internal {
        usd.mint(payer, amount);
        vm.startPrank(payer);
        usd.approve(address(token), amount);
        token.depositRevenue(amount, duration);
        vm.stopPrank();
    }

    /// @dev Mints and approves `amount` for the operator, so that the next call can be the deposit itself.
    function _fund(uint256 amount) internal {
        usd.mint(op, amount);
        vm.prank(op);
        usd.approve(address(token), type(uint256).max);
    }

    /// @dev Funds `who` with `amount` (minted and approved, left in place for a retry), expects
    /// `depositRevenue(amount, duration)` by `who` to revert with `err` and the stream to be left exactly as it was.
    function _expectDepositRevert(address who, uint256 amount, uint256 duration, bytes memory err) internal {
        IShareToken.StreamState memory before = token.stream();
        uint256 deposited = token.totalDeposited();
        usd.mint(who, amount);
        vm.prank(who);
        usd.approve(address(token), amount);
        vm.expectRevert(err);
        vm.prank(who);
        token.depositRevenue(amount, duration);
        IShareToken.StreamState memory afterwards = token.stream();
        assertEq(afterwards.ratePerSecond, before.ratePerSecond);
        assertEq(afterwards.end, before.end);
        assertEq(afterwards.lastUpdate, before.lastUpdate);
        assertEq(token.totalDeposited(), deposited);
    }

    function _send(address from, address to, uint256 amount) internal {
        vm.prank(from);
        token.transfer(to, amount);
    }

    /// @dev The precision shift of a token of `supply` share-wei: 30 + bitLength(supply).
    function _accShift(uint256 supply) internal pure returns (uint256 shift) {
        shift = 30;
        while (supply != 0) {
            ++shift;
            supply >>= 1;
        }
    }

    /// @dev `amount` base units in accumulator units per share-wei, rounded down (what a deposit adds).
    function _accAdded(uint256 amount, uint256 supply) internal pure returns (uint256) {
        return (amount << _accShift(supply)) / supply;
    }

    /// @dev The accumulator rate of a fresh stream (nothing running) of `amount` over `duration`.
    function _accRate(uint256 amount, uint256 duration, uint256 supply) internal pure returns (uint256) {
        return _accAdded(amount, supply) / duration;
    }

    /// @dev The longest duration a deposit of `amount` may take while a stream runs at accumulator rate `rate` with
    /// `left` seconds to go (the merge rule: the running rate kept for every second), before any other cap.
    function _keepsRate(uint256 rate, uint256 left, uint256 amount) internal pure returns (uint256) {
        return (rate * left + _accAdded(amount, SUPPLY)) / rate;
    }

    /// @dev The accumulator rate of `amount` merged into a stream running at `rate` with `left` seconds to go, over
    /// `duration` (`rate` 0 or `left` 0: nothing running).
    function _mergedRate(uint256 rate, uint256 left, uint256 amount, uint256 duration) internal pure returns (uint256) {
        return (rate * left + _accAdded(amount, SUPPLY)) / duration;
    }

    /// @dev Revenue streamed to the whole supply for an accumulator of `acc` (as `streamedTotal` rounds it).
    function _streamedFor(uint256 acc) internal pure returns (uint256) {
        return acc * SUPPLY >> _accShift(SUPPLY);
    }

    /// @dev An accumulator rate as `stream().ratePerSecond` reports it (whole supply, scaled by 1e18).
    function _wholeRate(uint256 accRate, uint256 supply) internal pure returns (uint256) {
        return accRate * supply * 1e18 >> _accShift(supply);
    }

    /// @dev What `balance` share-wei earn over `accDelta` accumulator units (one checkpoint, rounded down).
    function _earned(uint256 balance, uint256 accDelta, uint256 supply) internal pure returns (uint256) {
        return balance * accDelta >> _accShift(supply);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {TestStablecoin} from "../../src/dev/TestStablecoin.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {RegistryStandIn} from "./RegistryStandIn.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @title ShareTokenFixture
/// @notice Deploys a ShareToken implementation, one clone for cluster 1 initialized with the whole supply held by
/// `offering`, a TestStablecoin and a RegistryStandIn naming `op` operator and `gov` governance.
abstract contract ShareTokenFixture is Test {
    uint256 internal constant CLUSTER_ID = 1;
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint256 internal constant START = 1_700_000_000;

    address internal op = makeAddr("operator");
    address internal gov = makeAddr("governance");
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
        usd.mint(op, amount);
        vm.startPrank(op);
        usd.approve(address(token), amount);
        token.depositRevenue(amount, duration);
        vm.stopPrank();
    }

    function _send(address from, address to, uint256 amount) internal {
        vm.prank(from);
        token.transfer(to, amount);
    }
}

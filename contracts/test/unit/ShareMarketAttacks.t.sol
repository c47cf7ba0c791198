// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../src/Offering.sol";
import {RackshareFactory} from "../../src/RackshareFactory.sol";
import {ShareMarket} from "../../src/ShareMarket.sol";
import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IRackshareFactory} from "../../src/interfaces/IRackshareFactory.sol";
import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {IShareMarketErrors} from "../../src/interfaces/IShareMarketErrors.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {IMintableCoin} from "../utils/OfferingFixture.sol";
import {ReentrantStablecoin} from "../utils/ReentrantStablecoin.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";
import {SwitchableFeeStablecoin} from "../utils/SwitchableFeeStablecoin.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title ShareMarketAttacksTest
/// @notice Hostile stablecoins: one that re-enters the market from inside a transfer, and one whose dormant transfer
/// fee is switched on after deployment (USDT has such a switch). Each runs on a second setup: a factory and a market
/// for that coin, cluster 1 tokenized through it and its sale settled (alice holds 400 shares).
contract ShareMarketAttacksTest is ShareMarketFixture {
    ShareMarket internal coinMarket;
    IShareToken internal coinToken;

    function _setUpCoin(IERC20 coin) internal {
        RackshareFactory f =
            new RackshareFactory(registry, coin, address(tokenImpl), address(new Offering(registry, coin)));
        IRackshareFactory.TokenizeParams memory p = _params();
        p.start = uint32(block.timestamp);
        p.end = uint32(block.timestamp + 1 days);
        vm.prank(operator);
        (IShareToken t, IOffering o) = f.tokenize(clusterId, p);
        uint256 cost = o.quote(400 * SHARE);
        IMintableCoin(address(coin)).mint(alice, cost);
        vm.startPrank(alice);
        coin.approve(address(o), cost);
        o.buy(400 * SHARE, cost);
        vm.stopPrank();
        vm.warp(p.end);
        o.finalize();
        vm.prank(alice);
        o.withdrawShares();

        coinToken = t;
        coinMarket = new ShareMarket(f);
        IMintableCoin(address(coin)).mint(carol, 1_000_000 * USD);
        vm.prank(alice);
        t.approve(address(coinMarket), type(uint256).max);
        vm.prank(carol);
        coin.approve(address(coinMarket), type(uint256).max);
    }

    function _coinOffer() internal view returns (IShareMarket.Offer memory o) {
        o = _sellOffer(10 * SHARE);
        o.clusterId = clusterId;
    }

    function _signFor(IShareMarket.Offer memory o) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, coinMarket.hashOffer(o));
        return abi.encodePacked(r, s, v);
    }

    function test_RevertWhen_StablecoinReentersFill() public {
        ReentrantStablecoin coin = new ReentrantStablecoin();
        _setUpCoin(IERC20(address(coin)));
        IShareMarket.Offer memory o = _coinOffer();
        bytes memory signature = _signFor(o);
        // During the payment the coin fills the same offer again (as carol's transfer's callee): refused by the guard.
        coin.arm(address(coinMarket), abi.encodeCall(IShareMarket.fill, (o, signature, 5 * SHARE)));
        vm.prank(carol);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        coinMarket.fill(o, signature, 5 * SHARE);
        assertEq(coinMarket.remaining(o), o.amount);
    }

    function test_Fill_StablecoinReentersCancel_OnlyLaterFillsAffected() public {
        ReentrantStablecoin coin = new ReentrantStablecoin();
        _setUpCoin(IERC20(address(coin)));
        IShareMarket.Offer memory o = _coinOffer();
        bytes memory signature = _signFor(o);
        // A re-entered cancelUpTo (here by the coin itself, for itself) cannot undo the fill in progress.
        coin.arm(address(coinMarket), abi.encodeCall(IShareMarket.cancelUpTo, (1)));
        vm.prank(carol);
        coinMarket.fill(o, signature, 5 * SHARE);
        assertEq(coinMarket.remaining(o), o.amount - 5 * SHARE);
        assertEq(coinToken.balanceOf(carol), 5 * SHARE);
        assertEq(coinMarket.minNonce(address(coin)), 1);
    }

    function test_RevertWhen_FeeOnTransferSwitchedOn() public {
        SwitchableFeeStablecoin coin = new SwitchableFeeStablecoin();
        _setUpCoin(IERC20(address(coin)));
        IShareMarket.Offer memory o = _coinOffer();
        bytes memory signature = _signFor(o);
        // Plain transfers first: a fill goes through.
        vm.prank(carol);
        coinMarket.fill(o, signature, 5 * SHARE);
        coin.setFeeBps(10);
        vm.prank(carol);
        vm.expectRevert(IShareMarketErrors.FeeOnTransferNotSupported.selector);
        coinMarket.fill(o, signature, 5 * SHARE);
        assertEq(coinMarket.remaining(o), o.amount - 5 * SHARE);
    }
}

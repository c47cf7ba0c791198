// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareMarket} from "../../src/ShareMarket.sol";
import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {IShareMarketErrors} from "../../src/interfaces/IShareMarketErrors.sol";
import {ERC1271Wallet} from "../utils/ERC1271Wallet.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";

/// @title ShareMarketSignaturesTest
/// @notice Who can sign an offer: malleability (high s, short signatures), replay across markets and chains, and
/// EIP-1271 contract makers (including one that tries to re-enter from `isValidSignature`).
contract ShareMarketSignaturesTest is ShareMarketFixture {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function _expectInvalid(IShareMarket.Offer memory o, bytes memory signature) internal {
        vm.prank(carol);
        vm.expectRevert(IShareMarketErrors.InvalidSignature.selector);
        market.fill(o, signature, SHARE);
    }

    function test_RevertWhen_HighS() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, market.hashOffer(o));
        // The same signature's twin (n - s, flipped v) recovers alice too; OZ ECDSA refuses it.
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flipped = v == 27 ? 28 : 27;
        assertEq(ecrecover(market.hashOffer(o), flipped, r, highS), alice);
        _expectInvalid(o, abi.encodePacked(r, highS, flipped));
    }

    function test_RevertWhen_ShortSignature() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, market.hashOffer(o));
        // ERC-2098 compact form (r, yParity|s): refused, only 65-byte signatures.
        bytes32 vs = bytes32(uint256(v - 27) << 255 | uint256(s));
        _expectInvalid(o, abi.encodePacked(r, vs));
        _expectInvalid(o, "");
    }

    function test_RevertWhen_ReplayedOnAnotherMarket() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes memory signature = _signed(o);
        ShareMarket other = new ShareMarket(factory);
        vm.prank(alice);
        token.approve(address(other), type(uint256).max);
        vm.prank(carol);
        usd.approve(address(other), type(uint256).max);
        vm.prank(carol);
        vm.expectRevert(IShareMarketErrors.InvalidSignature.selector);
        other.fill(o, signature, SHARE);
    }

    function test_RevertWhen_ReplayedOnAnotherChain() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes memory signature = _signed(o);
        vm.chainId(block.chainid + 1);
        _expectInvalid(o, signature);
    }

    function test_Fill_Eip1271Maker() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("walletOwner");
        ERC1271Wallet wallet = new ERC1271Wallet(owner);
        vm.prank(alice);
        token.transfer(address(wallet), 10 * SHARE);
        wallet.approve(token, address(market), type(uint256).max);

        IShareMarket.Offer memory o = _offer(address(wallet), SELL, 10 * SHARE, OFFER_PRICE);
        _expectInvalid(o, _sign(daveKey, o));
        bytes memory signature = _sign(ownerKey, o);
        vm.prank(carol);
        market.fill(o, signature, 10 * SHARE);
        assertEq(token.balanceOf(carol), 10 * SHARE);
        assertEq(usd.balanceOf(address(wallet)), 600 * USD);
    }

    function test_RevertWhen_Eip1271MakerTriesToReenter() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("walletOwner");
        ERC1271Wallet wallet = new ERC1271Wallet(owner);
        vm.prank(alice);
        token.transfer(address(wallet), 10 * SHARE);
        wallet.approve(token, address(market), type(uint256).max);
        IShareMarket.Offer memory o = _offer(address(wallet), SELL, 10 * SHARE, OFFER_PRICE);
        bytes memory signature = _sign(ownerKey, o);
        // isValidSignature runs under STATICCALL: re-entering fill (a state change) cannot succeed.
        wallet.setHostile(address(market), abi.encodeCall(IShareMarket.fill, (o, signature, SHARE)));
        _expectInvalid(o, signature);
        assertEq(market.remaining(o), o.amount);
    }

    function test_RevertWhen_ZeroMakerAndGarbageSignature() public {
        IShareMarket.Offer memory o = _offer(address(0), SELL, 10 * SHARE, OFFER_PRICE);
        _expectInvalid(o, new bytes(65));
    }
}

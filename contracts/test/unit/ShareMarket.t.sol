// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareMarket} from "../../src/ShareMarket.sol";
import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {IShareMarketErrors} from "../../src/interfaces/IShareMarketErrors.sol";
import {IShareMarketEvents} from "../../src/interfaces/IShareMarketEvents.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

/// @title ShareMarketTest
/// @notice Construction, views, fills (both sides, partial and full, fees, rounding), cancellations and the fee setter.
contract ShareMarketTest is ShareMarketFixture {
    address internal treasury = makeAddr("treasury");

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTION
    //////////////////////////////////////////////////////////////*/

    function test_Constructor_ReadsTheFactory() public view {
        assertEq(address(market.factory()), address(factory));
        assertEq(address(market.registry()), address(registry));
        assertEq(address(market.stablecoin()), address(usd));
        assertEq(market.MAX_FEE_BPS(), 100);
        (uint16 feeBps, address recipient) = market.fee();
        assertEq(feeBps, 0);
        assertEq(recipient, address(0));
    }

    function test_Eip712Domain() public view {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            market.eip712Domain();
        assertEq(name, "Rackshare Market");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(market));
    }

    function test_HashOffer_IsTheEip712Digest() public view {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes32 typeHash = keccak256(
            "Offer(address maker,uint8 side,uint256 clusterId,uint256 amount,uint256 price,address taker,uint256 expiry,uint256 nonce)"
        );
        bytes32 structHash = keccak256(
            abi.encode(typeHash, o.maker, o.side, o.clusterId, o.amount, o.price, o.taker, o.expiry, o.nonce)
        );
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Rackshare Market"),
                keccak256("1"),
                block.chainid,
                address(market)
            )
        );
        assertEq(market.hashOffer(o), MessageHashUtils.toTypedDataHash(domain, structHash));
    }

    function test_TokenOf() public {
        assertEq(market.tokenOf(clusterId), address(token));
        assertEq(market.tokenOf(clusterId + 1), address(0));
        (address predicted,) = factory.predictAddresses(clusterId);
        assertEq(predicted, address(token));
        assertEq(address(factory.tokenOf(clusterId)), market.tokenOf(clusterId));
        vm.prank(stranger);
        assertEq(market.tokenOf(type(uint256).max), address(0));
    }

    /*//////////////////////////////////////////////////////////////
                                 FILLS
    //////////////////////////////////////////////////////////////*/

    function test_Fill_SellFull_MovesSharesAndPaysTheMaker() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        uint256 aliceUsd = usd.balanceOf(alice);
        uint256 carolUsd = usd.balanceOf(carol);
        bytes32 h = market.hashOffer(o);
        vm.expectEmit(address(market));
        emit IShareMarketEvents.OfferFilled(h, alice, carol, clusterId, SELL, 10 * SHARE, OFFER_PRICE, 600 * USD, 0);
        uint256 cost = _fill(carol, o, 10 * SHARE);
        assertEq(cost, 600 * USD);
        assertEq(token.balanceOf(carol), 10 * SHARE);
        assertEq(token.balanceOf(alice), 390 * SHARE);
        assertEq(usd.balanceOf(alice), aliceUsd + 600 * USD);
        assertEq(usd.balanceOf(carol), carolUsd - 600 * USD);
        assertTrue(market.nonceUsed(alice, o.nonce));
        assertEq(market.remaining(o), 0);
        assertEq(usd.balanceOf(address(market)), 0);
        assertEq(token.balanceOf(address(market)), 0);
    }

    function test_Fill_SellPartial_ThenTheRest() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        _fill(carol, o, 4 * SHARE);
        assertEq(market.remaining(o), 6 * SHARE);
        _fill(bob, o, 6 * SHARE);
        assertEq(market.remaining(o), 0);
        assertEq(token.balanceOf(carol), 4 * SHARE);
        assertEq(token.balanceOf(bob), 306 * SHARE);
        assertEq(token.balanceOf(alice), 390 * SHARE);
    }

    function test_Fill_MoreThanLeft_TakesTheRest() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        _fill(carol, o, 4 * SHARE);
        uint256 aliceUsd = usd.balanceOf(alice);
        uint256 bobUsd = usd.balanceOf(bob);
        // bob asks for the whole offer: he gets the 6 shares left, pays for them, and the event says 6.
        vm.expectEmit(address(market));
        emit IShareMarketEvents.OfferFilled(
            market.hashOffer(o), alice, bob, clusterId, SELL, 6 * SHARE, OFFER_PRICE, 360 * USD, 0
        );
        assertEq(_fill(bob, o, 10 * SHARE), 360 * USD);
        assertEq(token.balanceOf(bob), 306 * SHARE);
        assertEq(usd.balanceOf(bob), bobUsd - 360 * USD);
        assertEq(usd.balanceOf(alice), aliceUsd + 360 * USD);
        assertEq(market.remaining(o), 0);
    }

    function test_Fill_BuyMoreThanLeft_TakesTheRest() public {
        IShareMarket.Offer memory o = _buyOffer(10 * SHARE);
        _fill(bob, o, 7 * SHARE);
        uint256 daveUsd = usd.balanceOf(dave);
        // alice asks for any amount: she sells the 3 shares left.
        assertEq(_fill(alice, o, type(uint256).max), 180 * USD);
        assertEq(token.balanceOf(dave), 10 * SHARE);
        assertEq(usd.balanceOf(dave), daveUsd - 180 * USD);
        assertEq(market.remaining(o), 0);
    }

    function test_Fill_BuyFull_MakerPays() public {
        IShareMarket.Offer memory o = _buyOffer(10 * SHARE);
        uint256 daveUsd = usd.balanceOf(dave);
        uint256 bobUsd = usd.balanceOf(bob);
        vm.expectEmit(address(market));
        emit IShareMarketEvents.OfferFilled(
            market.hashOffer(o), dave, bob, clusterId, BUY, 10 * SHARE, OFFER_PRICE, 600 * USD, 0
        );
        uint256 cost = _fill(bob, o, 10 * SHARE);
        assertEq(cost, 600 * USD);
        assertEq(token.balanceOf(dave), 10 * SHARE);
        assertEq(token.balanceOf(bob), 290 * SHARE);
        assertEq(usd.balanceOf(dave), daveUsd - 600 * USD);
        assertEq(usd.balanceOf(bob), bobUsd + 600 * USD);
    }

    function test_Fill_SellRoundsUp_BuyRoundsDown() public {
        // 1 share-wei at 60 tUSD per share: exact cost 6e7 / 1e18, rounds to 1 (Sell) or 0 (Buy).
        IShareMarket.Offer memory s = _offer(alice, SELL, 10 * SHARE, OFFER_PRICE);
        (uint256 sellCost,) = market.quote(s, 1e11 + 1);
        assertEq(sellCost, 7); // ceil((1e11 + 1) * 6e7 / 1e18) = ceil(6.00000000006) = 7
        IShareMarket.Offer memory b = _offer(dave, BUY, 10 * SHARE, OFFER_PRICE);
        (uint256 buyCost,) = market.quote(b, 1e11 + 1);
        assertEq(buyCost, 6);
        assertEq(_fill(carol, s, 1e11 + 1), 7);
        assertEq(_fill(bob, b, 1e11 + 1), 6);
    }

    function test_Fill_WithFee_SellerPaysIt() public {
        _setFee(100, treasury);
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        uint256 aliceUsd = usd.balanceOf(alice);
        uint256 carolUsd = usd.balanceOf(carol);
        vm.expectEmit(address(market));
        emit IShareMarketEvents.OfferFilled(
            market.hashOffer(o), alice, carol, clusterId, SELL, 10 * SHARE, OFFER_PRICE, 600 * USD, 6 * USD
        );
        _fill(carol, o, 10 * SHARE);
        assertEq(usd.balanceOf(treasury), 6 * USD);
        assertEq(usd.balanceOf(alice), aliceUsd + 594 * USD);
        assertEq(usd.balanceOf(carol), carolUsd - 600 * USD);
    }

    function test_Fill_WithFee_BuyOffer_SellerIsTheTaker() public {
        _setFee(50, treasury);
        uint256 bobUsd = usd.balanceOf(bob);
        uint256 daveUsd = usd.balanceOf(dave);
        _fill(bob, _buyOffer(10 * SHARE), 10 * SHARE);
        assertEq(usd.balanceOf(treasury), 3 * USD);
        assertEq(usd.balanceOf(bob), bobUsd + 597 * USD);
        assertEq(usd.balanceOf(dave), daveUsd - 600 * USD);
    }

    function test_Fill_FeeRoundsDown() public {
        _setFee(100, treasury);
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        (uint256 cost, uint256 fee) = market.quote(o, 1e12 + 1); // cost ceil(60.00000006) = 61 base units
        assertEq(cost, 61);
        assertEq(fee, 0);
        (cost, fee) = market.quote(o, 5 * SHARE / 3);
        assertEq(cost, 100_000_000);
        assertEq(fee, 1_000_000);
    }

    function test_Fill_FeeRecipientIsTheBuyer() public {
        _setFee(100, carol);
        uint256 carolUsd = usd.balanceOf(carol);
        uint256 aliceUsd = usd.balanceOf(alice);
        _fill(carol, _sellOffer(10 * SHARE), 10 * SHARE);
        assertEq(usd.balanceOf(carol), carolUsd - 594 * USD);
        assertEq(usd.balanceOf(alice), aliceUsd + 594 * USD);
    }

    function test_Fill_FeeRecipientIsTheSeller() public {
        _setFee(100, alice);
        uint256 aliceUsd = usd.balanceOf(alice);
        _fill(carol, _sellOffer(10 * SHARE), 10 * SHARE);
        assertEq(usd.balanceOf(alice), aliceUsd + 600 * USD);
    }

    function test_Fill_ReservedForTheTaker() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.taker = carol;
        _fill(carol, o, 10 * SHARE);
        assertEq(token.balanceOf(carol), 10 * SHARE);
    }

    function test_Fill_UntilTheSecondBeforeExpiry() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        vm.warp(o.expiry - 1);
        _fill(carol, o, 10 * SHARE);
    }

    function test_Fill_NonceAtTheMinimum() public {
        vm.prank(alice);
        market.cancelUpTo(5);
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.nonce = 5;
        _fill(carol, o, 10 * SHARE);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function test_Remaining_ZeroWhenExpiredCancelledOrNonceCancelled() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        assertEq(market.remaining(o), 10 * SHARE);
        vm.warp(o.expiry);
        assertEq(market.remaining(o), 0);
        vm.warp(o.expiry - 1);
        vm.prank(alice);
        market.cancelUpTo(1);
        assertEq(market.remaining(o), 0);
        IShareMarket.Offer memory p = _sellOffer(10 * SHARE);
        p.nonce = 1;
        assertEq(market.remaining(p), 10 * SHARE);
        _cancel(alice, p);
        assertEq(market.remaining(p), 0);
    }

    function test_Quote_UsesTheCurrentFee() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        (uint256 cost, uint256 fee) = market.quote(o, 10 * SHARE);
        assertEq(cost, 600 * USD);
        assertEq(fee, 0);
        _setFee(25, treasury);
        (cost, fee) = market.quote(o, 10 * SHARE);
        assertEq(fee, 1_500_000);
    }

    function test_RevertWhen_QuoteInvalidSide() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.side = 2;
        vm.expectRevert(abi.encodeWithSelector(IShareMarketErrors.InvalidSide.selector, 2));
        market.quote(o, SHARE);
    }

    /*//////////////////////////////////////////////////////////////
                              CANCELLATION
    //////////////////////////////////////////////////////////////*/

    function test_Cancel_EndsAPartlyFilledOffer() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        _fill(carol, o, 4 * SHARE);
        bytes32 h = market.hashOffer(o);
        vm.expectEmit(address(market));
        emit IShareMarketEvents.OfferCancelled(h, alice);
        _cancel(alice, o);
        assertTrue(market.cancelled(h));
        assertTrue(market.nonceUsed(alice, o.nonce));
        assertEq(market.remaining(o), 0);
    }

    function test_Cancel_Several() public {
        IShareMarket.Offer[] memory offers = new IShareMarket.Offer[](2);
        offers[0] = _sellOffer(10 * SHARE);
        offers[1] = _sellOffer(20 * SHARE);
        vm.prank(alice);
        market.cancel(offers);
        assertTrue(market.cancelled(market.hashOffer(offers[0])));
        assertTrue(market.cancelled(market.hashOffer(offers[1])));
    }

    function test_RevertWhen_CancelNotMaker() public {
        IShareMarket.Offer[] memory offers = new IShareMarket.Offer[](1);
        offers[0] = _sellOffer(10 * SHARE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IShareMarketErrors.NotMaker.selector, alice));
        market.cancel(offers);
    }

    function test_CancelUpTo() public {
        vm.expectEmit(address(market));
        emit IShareMarketEvents.NoncesCancelled(alice, 7);
        vm.prank(alice);
        market.cancelUpTo(7);
        assertEq(market.minNonce(alice), 7);
        assertEq(market.minNonce(bob), 0);
    }

    function test_RevertWhen_CancelUpToNotIncreasing() public {
        vm.prank(alice);
        market.cancelUpTo(7);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IShareMarketErrors.NonceNotIncreasing.selector, 7, 7));
        market.cancelUpTo(7);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IShareMarketErrors.NonceNotIncreasing.selector, 0, 0));
        market.cancelUpTo(0);
    }

    /*//////////////////////////////////////////////////////////////
                                  FEE
    //////////////////////////////////////////////////////////////*/

    function test_SetFee() public {
        vm.expectEmit(address(market));
        emit IShareMarketEvents.FeeSet(100, treasury);
        _setFee(100, treasury);
        (uint16 feeBps, address recipient) = market.fee();
        assertEq(feeBps, 100);
        assertEq(recipient, treasury);
        _setFee(0, address(0));
        (feeBps, recipient) = market.fee();
        assertEq(feeBps, 0);
        assertEq(recipient, address(0));
    }

    function test_RevertWhen_SetFeeNotGovernance() public {
        vm.prank(operator);
        vm.expectRevert(IShareMarketErrors.NotGovernance.selector);
        market.setFee(10, treasury);
    }

    function test_RevertWhen_SetFeeTooHigh() public {
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(IShareMarketErrors.FeeTooHigh.selector, 101, 100));
        market.setFee(101, treasury);
    }

    function test_RevertWhen_SetFeeZeroRecipient() public {
        vm.prank(governance);
        vm.expectRevert(IShareMarketErrors.ZeroFeeRecipient.selector);
        market.setFee(1, address(0));
    }

    function test_SetFee_FollowsTheRegistryOwner() public {
        address next = makeAddr("nextGovernance");
        vm.prank(governance);
        registry.transferOwnership(next);
        vm.prank(next);
        registry.acceptOwnership();
        vm.prank(next);
        market.setFee(5, treasury);
        vm.prank(governance);
        vm.expectRevert(IShareMarketErrors.NotGovernance.selector);
        market.setFee(5, treasury);
    }

    function test_Constructor_SecondMarketHasItsOwnDomain() public {
        ShareMarket other = new ShareMarket(factory);
        assertTrue(other.hashOffer(_sellOffer(SHARE)) != market.hashOffer(_sellOffer(SHARE)));
    }
}

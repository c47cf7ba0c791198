// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareMarket} from "../../src/ShareMarket.sol";
import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {OfferingFixture} from "./OfferingFixture.sol";

/// @title ShareMarketFixture
/// @notice Shared setUp for ShareMarket tests, on the real contracts: cluster 1 tokenized through the factory, its sale
/// settled (alice holds 400 shares, bob 300), the market deployed for the factory, and every party's shares and tUSD
/// approved to the market without limit. alice and dave sign offers (`vm.sign` over the market's EIP-712 digest); dave
/// holds tUSD only, carol tUSD only.
abstract contract ShareMarketFixture is OfferingFixture {
    uint8 internal constant SELL = 0;
    uint8 internal constant BUY = 1;
    uint256 internal constant OFFER_PRICE = 60 * USD; // 60 tUSD per whole share

    ShareMarket internal market;
    address internal dave;
    uint256 internal daveKey;

    function setUp() public virtual override {
        super.setUp();
        (dave, daveKey) = makeAddrAndKey("dave");
        usd.mint(dave, 1_000_000 * USD);
        _tokenize();
        market = new ShareMarket(factory);
        _sellAndFinalize(400 * SHARE, 300 * SHARE);
        vm.prank(alice);
        offering.withdrawShares();
        vm.prank(bob);
        offering.withdrawShares();

        address[4] memory parties = [alice, bob, carol, dave];
        for (uint256 i = 0; i < parties.length; ++i) {
            vm.startPrank(parties[i]);
            token.approve(address(market), type(uint256).max);
            usd.approve(address(market), type(uint256).max);
            vm.stopPrank();
        }
    }

    /// @dev An open offer (anyone may fill) valid for 30 days, nonce 0.
    function _offer(address maker, uint8 side, uint256 amount, uint256 price)
        internal
        view
        returns (IShareMarket.Offer memory)
    {
        return IShareMarket.Offer({
            maker: maker,
            side: side,
            clusterId: clusterId,
            amount: amount,
            price: price,
            taker: address(0),
            expiry: block.timestamp + 30 days,
            nonce: 0
        });
    }

    /// @dev alice's Sell offer of `amount` shares at OFFER_PRICE.
    function _sellOffer(uint256 amount) internal view returns (IShareMarket.Offer memory) {
        return _offer(alice, SELL, amount, OFFER_PRICE);
    }

    /// @dev dave's Buy offer of `amount` shares at OFFER_PRICE.
    function _buyOffer(uint256 amount) internal view returns (IShareMarket.Offer memory) {
        return _offer(dave, BUY, amount, OFFER_PRICE);
    }

    /// @dev The 65-byte signature (r, s, v) of `key` over the offer's digest under `market`'s domain.
    function _sign(uint256 key, IShareMarket.Offer memory offer) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, market.hashOffer(offer));
        return abi.encodePacked(r, s, v);
    }

    /// @dev The maker's signature (alice or dave).
    function _signed(IShareMarket.Offer memory offer) internal view returns (bytes memory) {
        return _sign(offer.maker == alice ? aliceKey : daveKey, offer);
    }

    /// @dev `taker` fills `amount` of the offer with its maker's signature.
    function _fill(address taker, IShareMarket.Offer memory offer, uint256 amount) internal returns (uint256 cost) {
        bytes memory signature = _signed(offer);
        vm.prank(taker);
        cost = market.fill(offer, signature, amount);
    }

    /// @dev `who` cancels the one offer `o`.
    function _cancel(address who, IShareMarket.Offer memory o) internal {
        IShareMarket.Offer[] memory offers = new IShareMarket.Offer[](1);
        offers[0] = o;
        vm.prank(who);
        market.cancel(offers);
    }

    /// @dev Like `_fill`, expecting the revert `err`.
    function _expectFillRevert(address taker, IShareMarket.Offer memory offer, uint256 amount, bytes memory err)
        internal
    {
        bytes memory signature = _signed(offer);
        vm.prank(taker);
        vm.expectRevert(err);
        market.fill(offer, signature, amount);
    }

    /// @dev Governance sets the fee.
    function _setFee(uint16 feeBps, address recipient) internal {
        vm.prank(governance);
        market.setFee(feeBps, recipient);
    }

    function _noPermit() internal pure returns (IShareMarket.Permit memory) {
        return IShareMarket.Permit({value: 0, deadline: 0, v: 0, r: bytes32(0), s: bytes32(0)});
    }
}

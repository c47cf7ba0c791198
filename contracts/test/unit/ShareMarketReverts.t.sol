// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {IShareMarketErrors} from "../../src/interfaces/IShareMarketErrors.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @title ShareMarketRevertsTest
/// @notice Every revert path of `fill`: the market's own errors, then the token's rules surfacing with the token's
/// errors (the market is the spender of a plain `transferFrom`).
contract ShareMarketRevertsTest is ShareMarketFixture {
    function test_RevertWhen_ZeroAmount() public {
        _expectFillRevert(
            carol, _sellOffer(10 * SHARE), 0, abi.encodeWithSelector(IShareMarketErrors.ZeroAmount.selector)
        );
    }

    function test_RevertWhen_InvalidSide() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.side = 2;
        _expectFillRevert(carol, o, SHARE, abi.encodeWithSelector(IShareMarketErrors.InvalidSide.selector, 2));
    }

    function test_RevertWhen_OfferExpired() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        vm.warp(o.expiry);
        _expectFillRevert(carol, o, SHARE, abi.encodeWithSelector(IShareMarketErrors.OfferExpired.selector, o.expiry));
    }

    function test_RevertWhen_SelfTrade() public {
        _expectFillRevert(
            alice, _sellOffer(10 * SHARE), SHARE, abi.encodeWithSelector(IShareMarketErrors.SelfTrade.selector)
        );
    }

    function test_RevertWhen_NotTaker() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.taker = carol;
        _expectFillRevert(bob, o, SHARE, abi.encodeWithSelector(IShareMarketErrors.NotTaker.selector, carol));
    }

    function test_RevertWhen_NonceCancelled() public {
        vm.prank(alice);
        market.cancelUpTo(3);
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.nonce = 2;
        _expectFillRevert(carol, o, SHARE, abi.encodeWithSelector(IShareMarketErrors.NonceCancelled.selector, 2, 3));
    }

    function test_RevertWhen_OfferIsCancelled() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        IShareMarket.Offer[] memory offers = new IShareMarket.Offer[](1);
        offers[0] = o;
        vm.prank(alice);
        market.cancel(offers);
        _expectFillRevert(
            carol, o, SHARE, abi.encodeWithSelector(IShareMarketErrors.OfferIsCancelled.selector, market.hashOffer(o))
        );
    }

    function test_RevertWhen_FillExceedsRemaining_OnlyOnceNothingRemains() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        _fill(carol, o, 7 * SHARE);
        // More than the 3 shares left takes the 3 shares; only then does a fill revert.
        _fill(carol, o, 3 * SHARE + 1);
        assertEq(market.remaining(o), 0);
        _expectFillRevert(
            carol,
            o,
            3 * SHARE + 1,
            abi.encodeWithSelector(IShareMarketErrors.FillExceedsRemaining.selector, 3 * SHARE + 1, 0)
        );
    }

    function test_RevertWhen_FullyFilledOfferReplayed() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        _fill(carol, o, 10 * SHARE);
        // Filled whole at once: its nonce's bit is the only record.
        _expectFillRevert(bob, o, 1, abi.encodeWithSelector(IShareMarketErrors.NonceUsed.selector, o.nonce));
    }

    function test_RevertWhen_NonceUsed_ByAnotherOfferFilled() public {
        IShareMarket.Offer memory first = _sellOffer(10 * SHARE);
        IShareMarket.Offer memory sibling = _sellOffer(20 * SHARE);
        _fill(carol, first, 1 * SHARE);
        _expectFillRevert(bob, sibling, 1, abi.encodeWithSelector(IShareMarketErrors.NonceUsed.selector, sibling.nonce));
        // The first offer's own remainder stays fillable.
        _fill(bob, first, 9 * SHARE);
        assertEq(market.remaining(first), 0);
        assertEq(market.remaining(sibling), 0);
    }

    function test_RevertWhen_NonceUsed_ByAnotherOfferCancelled() public {
        IShareMarket.Offer memory first = _sellOffer(10 * SHARE);
        IShareMarket.Offer memory sibling = _sellOffer(20 * SHARE);
        _cancel(alice, first);
        assertEq(market.remaining(sibling), 0);
        _expectFillRevert(bob, sibling, 1, abi.encodeWithSelector(IShareMarketErrors.NonceUsed.selector, sibling.nonce));
    }

    function test_Fill_PartlyFilledOfferOutlivesASiblingCancel() public {
        IShareMarket.Offer memory first = _sellOffer(10 * SHARE);
        IShareMarket.Offer memory sibling = _sellOffer(20 * SHARE);
        _fill(carol, first, 4 * SHARE);
        _cancel(alice, sibling);
        assertEq(market.remaining(first), 6 * SHARE);
        _fill(bob, first, 6 * SHARE);
        assertEq(token.balanceOf(carol), 4 * SHARE);
    }

    function test_RevertWhen_ZeroCost() public {
        IShareMarket.Offer memory o = _offer(alice, SELL, 10 * SHARE, 0);
        _expectFillRevert(carol, o, SHARE, abi.encodeWithSelector(IShareMarketErrors.ZeroCost.selector));
        // A Buy offer's tiny fill rounds down to 0.
        _expectFillRevert(
            bob, _buyOffer(10 * SHARE), 1e10, abi.encodeWithSelector(IShareMarketErrors.ZeroCost.selector)
        );
    }

    function test_RevertWhen_DustRemainder() public {
        // Leaving 1e10 share-wei (0.6 base units at 60 tUSD per share) would leave a remainder nobody can fill.
        IShareMarket.Offer memory o = _buyOffer(10 * SHARE);
        _expectFillRevert(bob, o, 10 * SHARE - 1e10, abi.encodeWithSelector(IShareMarketErrors.DustRemainder.selector));
        // Leaving 1/60 of a base unit's worth more is fine.
        _fill(bob, o, 10 * SHARE - 1e11);
        assertEq(market.remaining(o), 1e11);
    }

    function test_Fill_SellRemainderNeverDust() public {
        // A Sell offer's remainder always costs >= 1 (rounded up): no DustRemainder.
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        _fill(carol, o, 10 * SHARE - 1);
        assertEq(_fill(carol, o, 1), 1);
    }

    function test_RevertWhen_NotTokenized() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.clusterId = clusterId + 1;
        _expectFillRevert(
            carol, o, SHARE, abi.encodeWithSelector(IShareMarketErrors.NotTokenized.selector, clusterId + 1)
        );
    }

    function test_RevertWhen_InvalidSignature_WrongSigner() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes memory signature = _sign(daveKey, o);
        vm.prank(carol);
        vm.expectRevert(IShareMarketErrors.InvalidSignature.selector);
        market.fill(o, signature, SHARE);
    }

    function test_RevertWhen_InvalidSignature_OfferChanged() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes memory signature = _signed(o);
        o.price -= 1;
        vm.prank(carol);
        vm.expectRevert(IShareMarketErrors.InvalidSignature.selector);
        market.fill(o, signature, SHARE);
    }

    /*//////////////////////////////////////////////////////////////
                          THE TOKEN'S OWN RULES
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TokenPausedByOperator() public {
        _operatorPause();
        _expectFillRevert(
            carol, _sellOffer(10 * SHARE), SHARE, abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector)
        );
    }

    function test_RevertWhen_TokenPausedByGovernance() public {
        _governancePause();
        _expectFillRevert(
            bob, _buyOffer(10 * SHARE), SHARE, abi.encodeWithSelector(IShareTokenErrors.TokenPaused.selector)
        );
    }

    function test_RevertWhen_BuyerFrozen() public {
        vm.prank(operator);
        token.setFrozen(carol, true);
        _expectFillRevert(
            carol,
            _sellOffer(10 * SHARE),
            SHARE,
            abi.encodeWithSelector(IShareTokenErrors.AccountFrozen.selector, carol)
        );
    }

    function test_RevertWhen_BuyerNotVerified() public {
        vm.prank(operator);
        token.setAllowlistEnabled(true);
        _expectFillRevert(
            carol,
            _sellOffer(10 * SHARE),
            SHARE,
            abi.encodeWithSelector(IShareTokenErrors.RecipientNotVerified.selector, carol)
        );
    }

    function test_RevertWhen_SellerLacksShares() public {
        _expectFillRevert(
            carol,
            _sellOffer(500 * SHARE),
            401 * SHARE,
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 400 * SHARE, 401 * SHARE)
        );
    }

    function test_RevertWhen_SellerRevokedTheAllowance() public {
        vm.prank(alice);
        token.approve(address(market), 0);
        _expectFillRevert(
            carol,
            _sellOffer(10 * SHARE),
            SHARE,
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, SHARE)
        );
    }

    function test_RevertWhen_BuyerLacksStablecoin() public {
        address poor = makeAddr("poor");
        vm.prank(poor);
        usd.approve(address(market), type(uint256).max);
        _expectFillRevert(
            poor,
            _sellOffer(10 * SHARE),
            SHARE,
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, poor, 0, 60 * USD)
        );
    }
}

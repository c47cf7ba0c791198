// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {IShareTokenEvents} from "../../src/interfaces/IShareTokenEvents.sol";
import {BlocklistStablecoin} from "../utils/BlocklistStablecoin.sol";
import {ClaimReenterer} from "../utils/ClaimReenterer.sol";
import {DecimalsStablecoin} from "../utils/DecimalsStablecoin.sol";
import {NoDecimalsStablecoin} from "../utils/NoDecimalsStablecoin.sol";
import {ReentrantStablecoin} from "../utils/ReentrantStablecoin.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {UsdtStyleStablecoin} from "../utils/UsdtStyleStablecoin.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The stablecoins a ShareToken accepts (L-4: at most 6 decimals, and `decimals()` must answer) and how it
/// behaves with real-world shapes of them: USDT without return values, a USDC-style blocklist, an ERC-777-style hook
/// re-entering `claim`.
contract ShareTokenStablecoinsTest is ShareTokenFixture {
    /// @dev The expected claim of `holder` holding `balance` for `secs` seconds of a fresh `amount`/`duration` stream.
    function _expected(uint256 balance, uint256 amount, uint256 duration, uint256 secs)
        internal
        pure
        returns (uint256)
    {
        return _earned(balance, _accRate(amount, duration, SUPPLY) * secs, SUPPLY);
    }

    function _initialize(IERC20 coin) internal returns (ShareToken t) {
        t = ShareToken(Clones.clone(address(impl)));
        t.initialize(IClusterRegistry(address(reg)), CLUSTER_ID, coin, "N", "S", SUPPLY, offering);
    }

    /// @dev Expects the initialization of a fresh clone with `coin` to revert with `err`.
    function _expectInitializeRevert(IERC20 coin, bytes memory err) internal {
        ShareToken t = ShareToken(Clones.clone(address(impl)));
        vm.expectRevert(err);
        t.initialize(IClusterRegistry(address(reg)), CLUSTER_ID, coin, "N", "S", SUPPLY, offering);
    }

    /*//////////////////////////////////////////////////////////////
                              L-4: DECIMALS
    //////////////////////////////////////////////////////////////*/

    /// L-4: an 18-decimal stablecoin would cap lifetime revenue at ~1.15 tokens: refused at initialization.
    function test_RevertWhen_Initialize_EighteenDecimalStablecoin() public {
        IERC20 coin = IERC20(address(new DecimalsStablecoin(18)));
        _expectInitializeRevert(
            coin, abi.encodeWithSelector(IShareTokenErrors.StablecoinDecimalsUnsupported.selector, 18, 6)
        );
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.StablecoinDecimalsUnsupported.selector, 18, 6));
        token.checkStablecoin(coin);
    }

    /// L-4: the limit is exactly `MAX_STABLECOIN_DECIMALS` = 6: 7 is refused, 6 and 0 are accepted.
    function test_CheckStablecoin_DecimalsBoundary() public {
        assertEq(token.MAX_STABLECOIN_DECIMALS(), 6);
        IERC20 seven = IERC20(address(new DecimalsStablecoin(7)));
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.StablecoinDecimalsUnsupported.selector, 7, 6));
        token.checkStablecoin(seven);
        _expectInitializeRevert(
            seven, abi.encodeWithSelector(IShareTokenErrors.StablecoinDecimalsUnsupported.selector, 7, 6)
        );
        IERC20 six = IERC20(address(new DecimalsStablecoin(6)));
        token.checkStablecoin(six);
        assertEq(address(_initialize(six).stablecoin()), address(six));
        IERC20 zero = IERC20(address(new DecimalsStablecoin(0)));
        token.checkStablecoin(zero);
        assertEq(address(_initialize(zero).stablecoin()), address(zero));
    }

    /// L-4: a coin whose `decimals()` reverts, or that has no such function, is refused with its own error.
    function test_RevertWhen_Initialize_StablecoinWithoutDecimals() public {
        IERC20 coin = IERC20(address(new NoDecimalsStablecoin()));
        _expectInitializeRevert(
            coin, abi.encodeWithSelector(IShareTokenErrors.StablecoinWithoutDecimals.selector, coin)
        );
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.StablecoinWithoutDecimals.selector, coin));
        token.checkStablecoin(coin);
        // A contract without the function at all (and without a fallback).
        IERC20 notACoin = IERC20(address(reg));
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.StablecoinWithoutDecimals.selector, notACoin));
        token.checkStablecoin(notACoin);
    }

    /// L-4: an address without code answers nothing: the same error, not an empty revert.
    function test_RevertWhen_CheckStablecoin_NoCode() public {
        IERC20 eoa = IERC20(makeAddr("eoa"));
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.StablecoinWithoutDecimals.selector, eoa));
        token.checkStablecoin(eoa);
        _expectInitializeRevert(eoa, abi.encodeWithSelector(IShareTokenErrors.StablecoinWithoutDecimals.selector, eoa));
    }

    /*//////////////////////////////////////////////////////////////
                        REAL-WORLD STABLECOIN SHAPES
    //////////////////////////////////////////////////////////////*/

    /// Catalogue: a USDT-style stablecoin (no return values) works for deposit and claim.
    function test_UsdtStyleStablecoin_DepositAndClaim() public {
        UsdtStyleStablecoin usdt = new UsdtStyleStablecoin();
        token = _initialize(IERC20(address(usdt)));
        _send(offering, alice, SUPPLY / 4);
        usdt.mint(op, 1000e6);
        vm.startPrank(op);
        usdt.approve(address(token), 1000e6);
        token.depositRevenue(1000e6, 1000);
        vm.stopPrank();
        assertEq(usdt.balanceOf(address(token)), 1000e6);
        assertEq(usdt.balanceOf(op), 0);
        assertEq(token.totalDeposited(), 1000e6);
        skip(600);
        uint256 expected = _expected(SUPPLY / 4, 1000e6, 1000, 600);
        vm.prank(alice);
        assertEq(token.claim(), expected);
        assertEq(usdt.balanceOf(alice), expected);
        vm.prank(alice);
        assertEq(token.claimTo(bob), 0);
        skip(400);
        uint256 rest = _expected(SUPPLY / 4, 1000e6, 1000, 400); // one checkpoint since the claim
        vm.prank(alice);
        assertEq(token.claimTo(bob), rest);
        assertEq(usdt.balanceOf(bob), rest);
        assertApproxEqAbs(expected + rest, 250e6, 2);
    }

    /// Catalogue: a holder blocklisted by the stablecoin cannot be paid itself (the coin reverts) but can `claimTo`
    /// another address of its own.
    function test_BlocklistedHolder_ClaimsToAnotherAddress() public {
        BlocklistStablecoin busd = new BlocklistStablecoin();
        token = _initialize(IERC20(address(busd)));
        _send(offering, alice, SUPPLY / 2);
        busd.mint(op, 1000e6);
        vm.startPrank(op);
        busd.approve(address(token), 1000e6);
        token.depositRevenue(1000e6, 1000);
        vm.stopPrank();
        skip(1000);
        busd.setBlocklisted(alice, true);
        uint256 expected = _expected(SUPPLY / 2, 1000e6, 1000, 1000);
        assertEq(token.claimable(alice), expected);
        vm.expectRevert(abi.encodeWithSelector(BlocklistStablecoin.Blocklisted.selector, alice));
        vm.prank(alice);
        token.claim();
        assertEq(token.claimable(alice), expected);
        vm.expectEmit(address(token));
        emit IShareTokenEvents.Claimed(alice, carol, expected);
        vm.prank(alice);
        assertEq(token.claimTo(carol), expected);
        assertEq(busd.balanceOf(carol), expected);
        assertEq(token.claimable(alice), 0);
    }

    /// Catalogue: an ERC-777-style hook that re-enters `claim` during the payout is paid once: the account is settled
    /// before the stablecoin moves, so the inner claim finds nothing.
    function test_ReentrantClaim_PaysOnce() public {
        ReentrantStablecoin rusd = new ReentrantStablecoin();
        token = _initialize(IERC20(address(rusd)));
        ClaimReenterer holder = new ClaimReenterer(token);
        _send(offering, address(holder), SUPPLY / 4);
        rusd.mint(op, 1000e6);
        vm.startPrank(op);
        rusd.approve(address(token), 1000e6);
        token.depositRevenue(1000e6, 1000);
        vm.stopPrank();
        skip(1000);
        uint256 expected = _expected(SUPPLY / 4, 1000e6, 1000, 1000);
        rusd.arm(address(holder), abi.encodeCall(ClaimReenterer.reenter, ()));
        assertEq(holder.claim(), expected);
        assertEq(holder.reentered(), 1);
        assertEq(holder.paidWhileReentering(), 0);
        assertEq(rusd.balanceOf(address(holder)), expected);
        assertEq(rusd.balanceOf(address(token)), 1000e6 - expected);
        assertEq(token.claimable(address(holder)), 0);
    }
}

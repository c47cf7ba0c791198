// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "../../src/interfaces/IShareMarket.sol";
import {ShareMarketFixture} from "../utils/ShareMarketFixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title ShareMarketPermitsTest
/// @notice `fillWithPermits`: the maker's permit covers the maker's asset, the taker's the other; a skipped (deadline
/// 0) or already-consumed (front-run) permit does not make the fill revert.
contract ShareMarketPermitsTest is ShareMarketFixture {
    address internal erin;
    uint256 internal erinKey;

    function setUp() public override {
        super.setUp();
        (erin, erinKey) = makeAddrAndKey("erin");
        usd.mint(erin, 10_000 * USD);
        // Start from no allowance at all: alice (seller) and dave (Buy maker) revoke theirs.
        vm.startPrank(alice);
        token.approve(address(market), 0);
        usd.approve(address(market), 0);
        vm.stopPrank();
        vm.prank(dave);
        usd.approve(address(market), 0);
    }

    function _permit(IERC20 asset, address owner, uint256 key, uint256 value)
        internal
        view
        returns (IShareMarket.Permit memory p)
    {
        IERC20Permit permitAsset = IERC20Permit(address(asset));
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, owner, address(market), value, permitAsset.nonces(owner), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", permitAsset.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        p = IShareMarket.Permit({value: value, deadline: deadline, v: v, r: r, s: s});
    }

    function test_FillWithPermits_Sell() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes memory signature = _signed(o);
        IShareMarket.Permit memory makerPermit = _permit(token, alice, aliceKey, 10 * SHARE);
        IShareMarket.Permit memory takerPermit = _permit(usd, erin, erinKey, 600 * USD);
        vm.prank(erin);
        uint256 cost = market.fillWithPermits(o, signature, 10 * SHARE, makerPermit, takerPermit);
        assertEq(cost, 600 * USD);
        assertEq(token.balanceOf(erin), 10 * SHARE);
        assertEq(token.allowance(alice, address(market)), 0);
        assertEq(usd.allowance(erin, address(market)), 0);
    }

    function test_FillWithPermits_Buy() public {
        IShareMarket.Offer memory o = _buyOffer(10 * SHARE);
        bytes memory signature = _signed(o);
        vm.prank(bob);
        token.transfer(erin, 10 * SHARE);
        IShareMarket.Permit memory makerPermit = _permit(usd, dave, daveKey, 600 * USD);
        IShareMarket.Permit memory takerPermit = _permit(token, erin, erinKey, 10 * SHARE);
        vm.prank(erin);
        market.fillWithPermits(o, signature, 10 * SHARE, makerPermit, takerPermit);
        assertEq(token.balanceOf(dave), 10 * SHARE);
        assertEq(usd.balanceOf(erin), 10_600 * USD);
    }

    function test_FillWithPermits_FrontRunPermitIsSkipped() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes memory signature = _signed(o);
        IShareMarket.Permit memory makerPermit = _permit(token, alice, aliceKey, 10 * SHARE);
        IShareMarket.Permit memory takerPermit = _permit(usd, erin, erinKey, 600 * USD);
        // Someone submits both permits first (they are public in the mempool).
        vm.startPrank(stranger);
        IERC20Permit(address(token))
            .permit(
                alice, address(market), 10 * SHARE, makerPermit.deadline, makerPermit.v, makerPermit.r, makerPermit.s
            );
        IERC20Permit(address(usd))
            .permit(erin, address(market), 600 * USD, takerPermit.deadline, takerPermit.v, takerPermit.r, takerPermit.s);
        vm.stopPrank();
        vm.prank(erin);
        market.fillWithPermits(o, signature, 10 * SHARE, makerPermit, takerPermit);
        assertEq(token.balanceOf(erin), 10 * SHARE);
    }

    function test_FillWithPermits_SizedForTheAskedAmountCoverWhatIsLeft() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes memory signature = _signed(o);
        // carol takes 1 wei first (alice approved just that).
        vm.prank(alice);
        token.approve(address(market), 1);
        _fill(carol, o, 1);
        // erin's permits were sized for all 10 shares: the fill takes the rest and the permits still apply.
        IShareMarket.Permit memory makerPermit = _permit(token, alice, aliceKey, 10 * SHARE);
        IShareMarket.Permit memory takerPermit = _permit(usd, erin, erinKey, 600 * USD);
        vm.prank(erin);
        uint256 cost = market.fillWithPermits(o, signature, 10 * SHARE, makerPermit, takerPermit);
        assertEq(cost, 600 * USD); // ceil((10e18 - 1) * 60e6 / 1e18)
        assertEq(token.balanceOf(erin), 10 * SHARE - 1);
        assertEq(token.allowance(alice, address(market)), 1);
        assertEq(usd.allowance(erin, address(market)), 0);
    }

    function test_FillWithPermits_DeadlineZeroIsSkipped() public {
        vm.prank(alice);
        token.approve(address(market), 10 * SHARE);
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        bytes memory signature = _signed(o);
        vm.prank(carol);
        market.fillWithPermits(o, signature, 10 * SHARE, _noPermit(), _noPermit());
        assertEq(token.balanceOf(carol), 10 * SHARE);
    }

    function test_RevertWhen_FillWithPermitsInvalidSide() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.side = 7;
        bytes memory signature = _signed(o);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSignature("InvalidSide(uint8)", uint8(7)));
        market.fillWithPermits(o, signature, SHARE, _noPermit(), _noPermit());
    }

    function test_RevertWhen_FillWithPermitsNotTokenized() public {
        IShareMarket.Offer memory o = _sellOffer(10 * SHARE);
        o.clusterId = clusterId + 1;
        bytes memory signature = _signed(o);
        IShareMarket.Permit memory makerPermit = _permit(token, alice, aliceKey, 10 * SHARE);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSignature("NotTokenized(uint256)", clusterId + 1));
        market.fillWithPermits(o, signature, SHARE, makerPermit, _noPermit());
    }
}

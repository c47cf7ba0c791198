// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Offering} from "../../src/Offering.sol";
import {RackshareFactory} from "../../src/RackshareFactory.sol";
import {TestStablecoin} from "../../src/dev/TestStablecoin.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IRackshareFactory} from "../../src/interfaces/IRackshareFactory.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {DecimalsStablecoin} from "../utils/DecimalsStablecoin.sol";
import {NoDecimalsStablecoin} from "../utils/NoDecimalsStablecoin.sol";
import {OfferingFixture} from "../utils/OfferingFixture.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract RackshareFactoryTest is OfferingFixture {
    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    function test_Constructor_SetsConfigAndEmits() public {
        vm.expectEmit();
        emit IRackshareFactory.FactoryConfigured(registry, usd, address(tokenImpl), address(offeringImpl));
        RackshareFactory f = new RackshareFactory(registry, usd, address(tokenImpl), address(offeringImpl));
        assertEq(address(f.registry()), address(registry));
        assertEq(address(f.stablecoin()), address(usd));
        assertEq(f.shareTokenImplementation(), address(tokenImpl));
        assertEq(f.offeringImplementation(), address(offeringImpl));
    }

    function test_RevertWhen_ConstructorRegistryHasNoCode() public {
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.InvalidImplementation.selector, stranger));
        new RackshareFactory(IClusterRegistry(stranger), usd, address(tokenImpl), address(offeringImpl));
    }

    function test_RevertWhen_ConstructorStablecoinHasNoCode() public {
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.InvalidImplementation.selector, address(0)));
        new RackshareFactory(registry, IERC20(address(0)), address(tokenImpl), address(offeringImpl));
    }

    function test_RevertWhen_ConstructorTokenImplementationHasNoCode() public {
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.InvalidImplementation.selector, stranger));
        new RackshareFactory(registry, usd, stranger, address(offeringImpl));
    }

    function test_RevertWhen_ConstructorOfferingImplementationHasNoCode() public {
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.InvalidImplementation.selector, stranger));
        new RackshareFactory(registry, usd, address(tokenImpl), stranger);
    }

    function test_RevertWhen_ConstructorOfferingBuiltForOtherStablecoin() public {
        Offering other = new Offering(registry, new TestStablecoin());
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.ImplementationMismatch.selector, address(other)));
        new RackshareFactory(registry, usd, address(tokenImpl), address(other));
    }

    function test_RevertWhen_ConstructorOfferingBuiltForOtherRegistry() public {
        Offering other = new Offering(IClusterRegistry(address(usd)), usd);
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.ImplementationMismatch.selector, address(other)));
        new RackshareFactory(registry, usd, address(tokenImpl), address(other));
    }

    /// L-4: an 18-decimal stablecoin would cap a token's lifetime revenue at about 1.15 dollars: refused up front.
    function test_RevertWhen_ConstructorStablecoinEighteenDecimals() public {
        _expectStablecoinRefused(
            new DecimalsStablecoin(18),
            abi.encodeWithSelector(IShareTokenErrors.StablecoinDecimalsUnsupported.selector, 18, 6)
        );
    }

    /// L-4: the bound is exact: 7 decimals are one too many.
    function test_RevertWhen_ConstructorStablecoinSevenDecimals() public {
        _expectStablecoinRefused(
            new DecimalsStablecoin(7),
            abi.encodeWithSelector(IShareTokenErrors.StablecoinDecimalsUnsupported.selector, 7, 6)
        );
    }

    /// L-4: a coin without `decimals()` cannot be checked, so it is refused too.
    function test_RevertWhen_ConstructorStablecoinWithoutDecimals() public {
        IERC20 coin = IERC20(address(new NoDecimalsStablecoin()));
        _expectStablecoinRefused(
            coin, abi.encodeWithSelector(IShareTokenErrors.StablecoinWithoutDecimals.selector, coin)
        );
    }

    /// L-4: 6 decimals and fewer are accepted, and tokenizing with them works.
    function test_Constructor_AcceptsUpToSixDecimals() public {
        assertEq(tokenImpl.MAX_STABLECOIN_DECIMALS(), 6);
        uint8[3] memory accepted = [6, 2, 0];
        for (uint256 i = 0; i < accepted.length; ++i) {
            IERC20 coin = new DecimalsStablecoin(accepted[i]);
            RackshareFactory f =
                new RackshareFactory(registry, coin, address(tokenImpl), address(new Offering(registry, coin)));
            assertEq(address(f.stablecoin()), address(coin));
        }
        IERC20 twoDecimals = new DecimalsStablecoin(2);
        (IShareToken t,) = _tokenizeWithCoin(twoDecimals);
        assertEq(address(t.stablecoin()), address(twoDecimals));
        assertEq(t.totalSupply(), SUPPLY);
    }

    /*//////////////////////////////////////////////////////////////
                                TOKENIZE
    //////////////////////////////////////////////////////////////*/

    function test_Tokenize_DeploysAtPredictedAddressesAndEmits() public {
        (address predictedToken, address predictedOffering) = factory.predictAddresses(clusterId);
        assertEq(address(factory.tokenOf(clusterId)), address(0));
        assertEq(address(factory.offeringOf(clusterId)), address(0));
        IRackshareFactory.TokenizeParams memory p = _params();
        p.perBuyerCap = uint96(50 * SHARE);

        vm.expectEmit(address(factory));
        emit IRackshareFactory.ClusterTokenized(
            clusterId,
            IShareToken(predictedToken),
            IOffering(predictedOffering),
            operator,
            p.name,
            p.symbol,
            SUPPLY,
            PRICE,
            START,
            END,
            SOFT_CAP,
            50 * SHARE
        );
        _tokenize(p);

        assertEq(address(token), predictedToken);
        assertEq(address(offering), predictedOffering);
        assertEq(address(factory.tokenOf(clusterId)), predictedToken);
        assertEq(address(factory.offeringOf(clusterId)), predictedOffering);
    }

    function test_Tokenize_InitializesTokenAndOffering() public {
        _tokenize();
        assertEq(token.name(), "Rackshare KR-SEL-01 H100");
        assertEq(token.symbol(), "RS-H100-1");
        assertEq(token.decimals(), 18);
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.balanceOf(address(offering)), SUPPLY, "whole supply to the offering");
        assertEq(token.clusterId(), clusterId);
        assertEq(address(token.registry()), address(registry));
        assertEq(address(token.stablecoin()), address(usd));
        assertEq(token.operator(), operator);
        // M-4: the Offering, the token's initial holder, is protected from the operator's controls from the start.
        assertTrue(token.isProtected(address(offering)));
        assertFalse(token.isProtected(operator));

        assertEq(address(offering.token()), address(token));
        assertEq(offering.supply(), SUPPLY);
        assertEq(offering.clusterId(), clusterId);
        IOffering.Terms memory t = offering.terms();
        assertEq(t.pricePerShare, PRICE);
        assertEq(t.softCap, SOFT_CAP);
        assertEq(t.perBuyerCap, 0);
        assertEq(t.start, START);
        assertEq(t.end, END);
    }

    function test_Tokenize_ClonesCannotBeReinitialized() public {
        _tokenize();
        IOffering.Terms memory t = offering.terms();
        vm.expectRevert(IOffering.AlreadyInitialized.selector);
        offering.initialize(token, SUPPLY, t);
        vm.expectRevert(Initializable.InvalidInitialization.selector); // the ShareToken's own initializer guard
        token.initialize(registry, clusterId, usd, "x", "x", SUPPLY, stranger);
    }

    function test_Tokenize_TwoClustersGetDistinctClones() public {
        _tokenize();
        vm.prank(bob);
        uint256 second = registry.registerCluster("H200", 8, "KR-SEL-02", keccak256("hw2"), "ipfs://2", bytes32(0));
        _attest(second, uint64(block.timestamp + 30 days));
        vm.prank(bob);
        (IShareToken token2, IOffering offering2) = factory.tokenize(second, _params());
        assertTrue(address(token2) != address(token));
        assertTrue(address(offering2) != address(offering));
        assertEq(token2.clusterId(), second);
        assertEq(offering2.operator(), bob);
        assertEq(address(factory.tokenOf(second)), address(token2));
    }

    function test_RevertWhen_TokenizeByNonOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.NotOperator.selector, clusterId, stranger));
        vm.prank(stranger);
        factory.tokenize(clusterId, _params());
    }

    function test_RevertWhen_TokenizeUnknownCluster() public {
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.NotOperator.selector, 99, operator));
        vm.prank(operator);
        factory.tokenize(99, _params());
    }

    function test_RevertWhen_TokenizeRegisteredNotAttested() public {
        vm.prank(operator);
        uint256 fresh = registry.registerCluster("H100", 8, "KR", keccak256("hw3"), "", bytes32(0));
        _expectNotAttested(fresh, IClusterRegistry.ClusterStatus.Registered);
    }

    function test_RevertWhen_TokenizeStale() public {
        vm.warp(block.timestamp + HEARTBEAT + 1);
        _expectNotAttested(clusterId, IClusterRegistry.ClusterStatus.Stale);
    }

    function test_RevertWhen_TokenizeSuspended() public {
        vm.prank(governance);
        registry.suspendCluster(clusterId);
        _expectNotAttested(clusterId, IClusterRegistry.ClusterStatus.Suspended);
    }

    function test_RevertWhen_TokenizeRetired() public {
        vm.prank(governance);
        registry.retireCluster(clusterId);
        _expectNotAttested(clusterId, IClusterRegistry.ClusterStatus.Retired);
    }

    function test_RevertWhen_TokenizeTwice() public {
        _tokenize();
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.AlreadyTokenized.selector, clusterId, token));
        vm.prank(operator);
        factory.tokenize(clusterId, _params());
    }

    function test_RevertWhen_TokenizeTwiceEvenByNewOperator() public {
        _tokenize();
        address newOperator = makeAddr("newOperator");
        vm.prank(operator);
        registry.transferOperator(clusterId, newOperator);
        vm.prank(newOperator);
        registry.acceptOperator(clusterId);
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.AlreadyTokenized.selector, clusterId, token));
        vm.prank(newOperator);
        factory.tokenize(clusterId, _params());
    }

    function test_RevertWhen_TokenizeInvalidTerms() public {
        IRackshareFactory.TokenizeParams memory p = _params();
        p.softCap = uint96(SUPPLY + 1);
        vm.expectRevert(IOffering.InvalidTerms.selector);
        vm.prank(operator);
        factory.tokenize(clusterId, p);
        // Nothing was left behind: the cluster can still be tokenized.
        assertEq(address(factory.tokenOf(clusterId)), address(0));
        _tokenize();
        assertEq(address(factory.tokenOf(clusterId)), address(token));
    }

    function test_RevertWhen_TokenizeSupplyOverTokenLimit() public {
        IRackshareFactory.TokenizeParams memory p = _params();
        p.supply = 2 ** 96; // over both supply caps; the Offering, initialized first, refuses it
        vm.expectRevert(abi.encodeWithSelector(IOffering.InvalidSupply.selector, p.supply));
        vm.prank(operator);
        factory.tokenize(clusterId, p);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function test_PredictAddresses_DependOnlyOnClusterId() public view {
        (address t1, address o1) = factory.predictAddresses(1);
        (address t2, address o2) = factory.predictAddresses(2);
        assertTrue(t1 != t2 && o1 != o2 && t1 != o1);
        (address t1Again, address o1Again) = factory.predictAddresses(1);
        assertEq(t1, t1Again);
        assertEq(o1, o1Again);
    }

    function _expectStablecoinRefused(IERC20 coin, bytes memory err) internal {
        Offering impl = new Offering(registry, coin);
        vm.expectRevert(err);
        new RackshareFactory(registry, coin, address(tokenImpl), address(impl));
    }

    function _expectNotAttested(uint256 id, IClusterRegistry.ClusterStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IRackshareFactory.ClusterNotAttested.selector, id, status));
        vm.prank(operator);
        factory.tokenize(id, _params());
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ClusterRegistry} from "../../src/ClusterRegistry.sol";
import {Offering} from "../../src/Offering.sol";
import {RackshareFactory} from "../../src/RackshareFactory.sol";
import {ShareToken} from "../../src/ShareToken.sol";
import {TestStablecoin} from "../../src/dev/TestStablecoin.sol";
import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {IOffering} from "../../src/interfaces/IOffering.sol";
import {IRackshareFactory} from "../../src/interfaces/IRackshareFactory.sol";
import {IShareToken} from "../../src/interfaces/IShareToken.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @dev The test coins of the second setups (BlocklistStablecoin, FeeOnTransferToken, ReentrantStablecoin) all have an
/// open faucet with this signature.
interface IMintableCoin {
    function mint(address to, uint256 amount) external;
}

/// @title OfferingFixture
/// @notice Shared setUp for Offering and RackshareFactory tests, on the real contracts: a ClusterRegistry with a 2-of-3
/// committee that attests cluster 1 with `vm.sign`ed EIP-712 signatures, the TestStablecoin, the ShareToken and
/// Offering implementations and the factory. `_tokenize` turns cluster 1 into a token and an offering.
abstract contract OfferingFixture is Test {
    uint256 internal constant SHARE = 1e18;
    uint256 internal constant USD = 1e6;
    uint256 internal constant T0 = 1_750_000_000;
    uint256 internal constant HEARTBEAT = 30 days;
    uint64 internal constant ATTESTED_FOR = 365 days;

    uint256 internal constant SUPPLY = 1000 * SHARE;
    uint96 internal constant PRICE = uint96(50 * USD); // 50 tUSD per whole share
    uint96 internal constant SOFT_CAP = uint96(400 * SHARE);
    uint32 internal constant START = uint32(T0 + 1 days);
    uint32 internal constant END = uint32(T0 + 8 days);

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    ClusterRegistry internal registry;
    TestStablecoin internal usd;
    ShareToken internal tokenImpl;
    Offering internal offeringImpl;
    RackshareFactory internal factory;

    address internal governance = makeAddr("governance");
    address internal guardian = makeAddr("guardian");
    address internal operator = makeAddr("operator");
    address internal stranger = makeAddr("stranger");
    address internal alice;
    uint256 internal aliceKey;
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    uint256[] internal committeeKeys;
    uint256 internal clusterId;

    IShareToken internal token;
    IOffering internal offering;

    function setUp() public virtual {
        vm.warp(T0);
        (alice, aliceKey) = makeAddrAndKey("alice");

        // 2-of-3 committee, keys ordered by ascending address.
        address[] memory committee = new address[](3);
        committeeKeys = new uint256[](3);
        for (uint256 i = 0; i < 3; ++i) {
            committeeKeys[i] = uint256(keccak256(abi.encode("offering.committee", i))) % 2 ** 200 + 1;
            committee[i] = vm.addr(committeeKeys[i]);
        }
        for (uint256 i = 1; i < 3; ++i) {
            for (uint256 j = i; j > 0 && committee[j - 1] > committee[j]; --j) {
                (committee[j - 1], committee[j]) = (committee[j], committee[j - 1]);
                (committeeKeys[j - 1], committeeKeys[j]) = (committeeKeys[j], committeeKeys[j - 1]);
            }
        }
        registry = new ClusterRegistry(governance, committee, 2, HEARTBEAT, guardian);

        vm.prank(operator);
        clusterId = registry.registerCluster(
            "NVIDIA H100 SXM5 80GB", 64, "KR-SEL-01", keccak256("hw"), "ipfs://meta", keccak256("meta")
        );
        _attest(clusterId, uint64(block.timestamp) + ATTESTED_FOR);

        usd = new TestStablecoin();
        tokenImpl = new ShareToken();
        offeringImpl = new Offering(registry, usd);
        factory = new RackshareFactory(registry, usd, address(tokenImpl), address(offeringImpl));

        address[3] memory buyers = [alice, bob, carol];
        for (uint256 i = 0; i < 3; ++i) {
            usd.mint(buyers[i], 1_000_000 * USD);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                REGISTRY
    //////////////////////////////////////////////////////////////*/

    /// @dev Attests `id` until `validUntil` with two committee signatures over the registry's EIP-712 digest.
    function _attest(uint256 id, uint64 validUntil) internal {
        IClusterRegistry.ClusterInfo memory info = registry.clusterOf(id);
        IClusterRegistry.Attestation memory a = IClusterRegistry.Attestation({
            clusterId: id,
            hardwareRoot: info.hardwareRoot,
            gpuCount: info.gpuCount,
            issuedAt: uint64(block.timestamp),
            validUntil: validUntil,
            nonce: info.attestationNonce,
            committeeVersion: registry.committeeVersion()
        });
        bytes32 digest = registry.hashAttestation(a);
        bytes[] memory signatures = new bytes[](2);
        for (uint256 i = 0; i < 2; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(committeeKeys[i], digest);
            signatures[i] = abi.encodePacked(r, s, v);
        }
        registry.submitAttestation(a, signatures);
    }

    /*//////////////////////////////////////////////////////////////
                               TOKENIZE
    //////////////////////////////////////////////////////////////*/

    function _params() internal pure returns (IRackshareFactory.TokenizeParams memory) {
        return IRackshareFactory.TokenizeParams({
            name: "Rackshare KR-SEL-01 H100",
            symbol: "RS-H100-1",
            supply: SUPPLY,
            pricePerShare: PRICE,
            start: START,
            end: END,
            softCap: SOFT_CAP,
            perBuyerCap: 0
        });
    }

    function _tokenize(IRackshareFactory.TokenizeParams memory p) internal {
        vm.prank(operator);
        (token, offering) = factory.tokenize(clusterId, p);
    }

    function _tokenize() internal {
        _tokenize(_params());
    }

    function _terms() internal pure returns (IOffering.Terms memory) {
        return IOffering.Terms({pricePerShare: PRICE, softCap: SOFT_CAP, perBuyerCap: 0, start: START, end: END});
    }

    /// @dev A second setup selling for `coin`: an Offering implementation and a factory built for it, and cluster 1
    /// tokenized through that factory (the fixture's own tUSD token and offering are left alone).
    function _tokenizeWithCoin(IERC20 coin) internal returns (IShareToken token_, IOffering offering_) {
        RackshareFactory f =
            new RackshareFactory(registry, coin, address(tokenImpl), address(new Offering(registry, coin)));
        vm.prank(operator);
        (token_, offering_) = f.tokenize(clusterId, _params());
    }

    function _freshClone() internal returns (IOffering) {
        return IOffering(Clones.clone(address(offeringImpl)));
    }

    /// @dev Replaces the fixture's offering by a fresh clone with `t`, selling a fresh token of the same cluster.
    function _retokenize(IOffering.Terms memory t) internal {
        _retokenize(SUPPLY, t);
    }

    /// @dev Same, with a `supply_` of its own. Wires the clones like the factory does, without its once-per-cluster rule.
    function _retokenize(uint256 supply_, IOffering.Terms memory t) internal {
        IShareToken freshToken = IShareToken(Clones.clone(address(tokenImpl)));
        IOffering fresh = _freshClone();
        fresh.initialize(freshToken, supply_, t);
        freshToken.initialize(registry, clusterId, usd, "Fresh", "FRESH", supply_, address(fresh));
        token = freshToken;
        offering = fresh;
    }

    /*//////////////////////////////////////////////////////////////
                                 SALE
    //////////////////////////////////////////////////////////////*/

    /// @dev `buyer` approves exactly the cost and buys `shares`.
    function _buy(address buyer, uint256 shares) internal returns (uint256 cost) {
        uint256 quoted = offering.quote(shares);
        vm.startPrank(buyer);
        usd.approve(address(offering), quoted);
        cost = offering.buy(shares, quoted);
        vm.stopPrank();
    }

    function _approve(address who, uint256 amount) internal {
        vm.prank(who);
        usd.approve(address(offering), amount);
    }

    /// @dev `buyer` approves without limit and buys one share, expecting the revert `err`.
    function _expectBuyRevert(address buyer, bytes memory err) internal {
        _approve(buyer, type(uint256).max);
        vm.prank(buyer);
        vm.expectRevert(err);
        offering.buy(SHARE, type(uint256).max);
    }

    function _expectBuyRevert(bytes memory err) internal {
        _expectBuyRevert(alice, err);
    }

    /// @dev alice's EIP-2612 permit of `value` tUSD to the offering.
    function _signPermit(uint256 value, uint256 deadline) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, alice, address(offering), value, usd.nonces(alice), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usd.DOMAIN_SEPARATOR(), structHash));
        (v, r, s) = vm.sign(aliceKey, digest);
    }

    /// @dev alice signs a permit of 500 tUSD and buys 10 shares (cost 500) with it, expecting the revert `err`.
    function _expectBuyWithPermitRevert(bytes memory err) internal {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(500 * USD, deadline);
        vm.prank(alice);
        vm.expectRevert(err);
        offering.buyWithPermit(10 * SHARE, 500 * USD, deadline, v, r, s);
    }

    /// @dev Sells `shares` to alice during the sale, then moves past the end.
    function _sellAndEnd(uint256 shares) internal {
        vm.warp(START);
        if (shares != 0) _buy(alice, shares);
        vm.warp(END);
    }

    /// @dev `_buy` for a second setup's `coin` (see `_tokenizeWithCoin`): mints the exact cost to `buyer` first.
    function _buyWithCoin(IERC20 coin, address buyer, uint256 shares) internal returns (uint256 cost) {
        cost = offering.quote(shares);
        IMintableCoin(address(coin)).mint(buyer, cost);
        vm.startPrank(buyer);
        coin.approve(address(offering), cost);
        offering.buy(shares, cost);
        vm.stopPrank();
    }

    /// @dev `_depositRevenue` for a second setup's `coin`.
    function _depositRevenueWithCoin(IERC20 coin, uint256 amount, uint256 duration) internal {
        IMintableCoin(address(coin)).mint(operator, amount);
        vm.startPrank(operator);
        coin.approve(address(token), amount);
        token.depositRevenue(amount, duration);
        vm.stopPrank();
    }

    /// @dev alice buys `aliceShares`, bob `bobShares` (together at least the soft cap), the sale ends and is finalized.
    function _sellAndFinalize(uint256 aliceShares, uint256 bobShares) internal {
        vm.warp(START);
        if (aliceShares != 0) _buy(alice, aliceShares);
        if (bobShares != 0) _buy(bob, bobShares);
        vm.warp(END);
        offering.finalize();
    }

    /// @dev The operator's pause of the token.
    function _operatorPause() internal {
        vm.prank(operator);
        token.pause();
    }

    /// @dev Governance's pause of the token.
    function _governancePause() internal {
        vm.prank(governance);
        token.governancePause();
    }

    /// @dev The operator streams `amount` of revenue over `duration` to the token's holders.
    function _depositRevenue(uint256 amount, uint256 duration) internal {
        usd.mint(operator, amount);
        vm.startPrank(operator);
        usd.approve(address(token), amount);
        token.depositRevenue(amount, duration);
        vm.stopPrank();
    }
}

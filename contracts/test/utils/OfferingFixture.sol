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
import {Test} from "forge-std/Test.sol";

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

    /// @dev Sells `shares` to alice during the sale, then moves past the end.
    function _sellAndEnd(uint256 shares) internal {
        vm.warp(START);
        if (shares != 0) _buy(alice, shares);
        vm.warp(END);
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

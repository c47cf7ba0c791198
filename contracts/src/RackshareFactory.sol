// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "./interfaces/IClusterRegistry.sol";
import {IOffering} from "./interfaces/IOffering.sol";
import {IRackshareFactory} from "./interfaces/IRackshareFactory.sol";
import {IShareToken} from "./interfaces/IShareToken.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title RackshareFactory
/// @notice Tokenizes attested clusters into a ShareToken and an Offering, both EIP-1167 clones.
/// @dev Stateless: addresses are CREATE2-derived from the cluster id and "tokenized" means the token clone has code,
/// which saves two storage writes per tokenization.
contract RackshareFactory is IRackshareFactory {
    /// @inheritdoc IRackshareFactory
    uint256 public constant override MAX_CLAIM_TOKENS = 64;

    IClusterRegistry internal immutable REGISTRY;
    IERC20 internal immutable STABLECOIN;
    address internal immutable SHARE_TOKEN_IMPLEMENTATION;
    address internal immutable OFFERING_IMPLEMENTATION;

    /// @param registry_ The cluster registry.
    /// @param stablecoin_ The stablecoin of every token and offering.
    /// @param shareTokenImplementation_ The ShareToken implementation (initializers disabled).
    /// @param offeringImplementation_ The Offering implementation, built for the same registry and stablecoin.
    constructor(
        IClusterRegistry registry_,
        IERC20 stablecoin_,
        address shareTokenImplementation_,
        address offeringImplementation_
    ) {
        if (address(registry_).code.length == 0) {
            revert InvalidImplementation(address(registry_));
        }
        if (address(stablecoin_).code.length == 0) revert InvalidImplementation(address(stablecoin_));
        if (shareTokenImplementation_.code.length == 0) revert InvalidImplementation(shareTokenImplementation_);
        if (offeringImplementation_.code.length == 0) revert InvalidImplementation(offeringImplementation_);
        IOffering offeringImpl = IOffering(offeringImplementation_);
        if (offeringImpl.registry() != registry_ || offeringImpl.stablecoin() != stablecoin_) {
            revert ImplementationMismatch(offeringImplementation_);
        }
        // Fail here, not at the first tokenization: every token would refuse this stablecoin.
        IShareToken(shareTokenImplementation_).checkStablecoin(stablecoin_);

        REGISTRY = registry_;
        STABLECOIN = stablecoin_;
        SHARE_TOKEN_IMPLEMENTATION = shareTokenImplementation_;
        OFFERING_IMPLEMENTATION = offeringImplementation_;

        emit FactoryConfigured(registry_, stablecoin_, shareTokenImplementation_, offeringImplementation_);
    }

    /// @inheritdoc IRackshareFactory
    function tokenize(uint256 clusterId, TokenizeParams calldata params)
        external
        returns (IShareToken token, IOffering offering)
    {
        address operator = REGISTRY.operatorOf(clusterId);
        if (msg.sender != operator) revert NotOperator(clusterId, msg.sender);
        IClusterRegistry.ClusterStatus status = REGISTRY.statusOf(clusterId);
        if (status != IClusterRegistry.ClusterStatus.Attested) revert ClusterNotAttested(clusterId, status);

        bytes32 salt = bytes32(clusterId);
        address predictedToken = Clones.predictDeterministicAddress(SHARE_TOKEN_IMPLEMENTATION, salt);
        if (predictedToken.code.length != 0) revert AlreadyTokenized(clusterId, IShareToken(predictedToken));

        token = IShareToken(Clones.cloneDeterministic(SHARE_TOKEN_IMPLEMENTATION, salt));
        offering = IOffering(Clones.cloneDeterministic(OFFERING_IMPLEMENTATION, salt));

        // The offering validates the terms; the token then mints the whole supply to it.
        offering.initialize(
            token,
            params.supply,
            IOffering.Terms({
                pricePerShare: params.pricePerShare,
                softCap: params.softCap,
                perBuyerCap: params.perBuyerCap,
                start: params.start,
                end: params.end
            })
        );
        token.initialize(REGISTRY, clusterId, STABLECOIN, params.name, params.symbol, params.supply, address(offering));

        _emitTokenized(clusterId, token, offering, operator, params);
    }

    /// @inheritdoc IRackshareFactory
    function claimAll(IShareToken[] calldata tokens) external returns (uint256 total) {
        uint256 n = tokens.length;
        if (n > MAX_CLAIM_TOKENS) revert TooManyTokens(n, MAX_CLAIM_TOKENS);
        for (uint256 i = 0; i < n; ++i) {
            IShareToken token = tokens[i];
            _checkGenuine(token);
            total += token.claimFor(msg.sender);
        }
    }

    /// @inheritdoc IRackshareFactory
    function registry() external view returns (IClusterRegistry) {
        return REGISTRY;
    }

    /// @inheritdoc IRackshareFactory
    function stablecoin() external view returns (IERC20) {
        return STABLECOIN;
    }

    /// @inheritdoc IRackshareFactory
    function shareTokenImplementation() external view returns (address) {
        return SHARE_TOKEN_IMPLEMENTATION;
    }

    /// @inheritdoc IRackshareFactory
    function offeringImplementation() external view returns (address) {
        return OFFERING_IMPLEMENTATION;
    }

    /// @inheritdoc IRackshareFactory
    function tokenOf(uint256 clusterId) external view returns (IShareToken) {
        address predicted = Clones.predictDeterministicAddress(SHARE_TOKEN_IMPLEMENTATION, bytes32(clusterId));
        return predicted.code.length == 0 ? IShareToken(address(0)) : IShareToken(predicted);
    }

    /// @inheritdoc IRackshareFactory
    function offeringOf(uint256 clusterId) external view returns (IOffering) {
        address predicted = Clones.predictDeterministicAddress(OFFERING_IMPLEMENTATION, bytes32(clusterId));
        return predicted.code.length == 0 ? IOffering(address(0)) : IOffering(predicted);
    }

    /// @inheritdoc IRackshareFactory
    function predictAddresses(uint256 clusterId) external view returns (address token, address offering) {
        bytes32 salt = bytes32(clusterId);
        token = Clones.predictDeterministicAddress(SHARE_TOKEN_IMPLEMENTATION, salt);
        offering = Clones.predictDeterministicAddress(OFFERING_IMPLEMENTATION, salt);
    }

    /// @dev Reverts with `UnknownToken` unless `token` is the clone this factory deployed for the cluster id it
    /// reports. A low-level call: an address without code (or a fallback) must give `UnknownToken`, not an empty revert.
    function _checkGenuine(IShareToken token) private view {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = address(token).staticcall(abi.encodeCall(IShareToken.clusterId, ()));
        if (
            !ok || ret.length < 32
                || Clones.predictDeterministicAddress(SHARE_TOKEN_IMPLEMENTATION, bytes32(abi.decode(ret, (uint256))))
                    != address(token)
        ) {
            revert UnknownToken(address(token));
        }
    }

    /// @dev Emits {ClusterTokenized} (a separate frame keeps `tokenize` within the stack limit).
    function _emitTokenized(
        uint256 clusterId,
        IShareToken token,
        IOffering offering,
        address operator,
        TokenizeParams calldata params
    ) private {
        emit ClusterTokenized(
            clusterId,
            token,
            offering,
            operator,
            params.name,
            params.symbol,
            params.supply,
            params.pricePerShare,
            params.start,
            params.end,
            params.softCap,
            params.perBuyerCap
        );
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IClusterRegistry} from "./IClusterRegistry.sol";
import {IOffering} from "./IOffering.sol";
import {IShareToken} from "./IShareToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IRackshareFactory
/// @notice Tokenizes attested clusters: one ShareToken and one Offering per cluster, both EIP-1167 clones.
/// @dev Both clones are deployed with CREATE2 and the salt `bytes32(clusterId)`, so their addresses depend only on the
/// factory, the implementations and the cluster id. The factory keeps no storage: a cluster is tokenized exactly when
/// code exists at its predicted token address.
interface IRackshareFactory {
    /// @notice What the operator chooses when tokenizing a cluster.
    /// @param name ERC-20 name of the share token.
    /// @param symbol ERC-20 symbol of the share token.
    /// @param supply Fixed share supply in 18-decimal base units, all minted to the Offering (fits in 96 bits).
    /// @param pricePerShare Stablecoin base units per 1e18 share base units (non-zero).
    /// @param start First second of the sale.
    /// @param end End of the sale (exclusive); after `start` and in the future.
    /// @param softCap Minimum shares to sell for the sale to succeed (<= supply).
    /// @param perBuyerCap Maximum shares one address may buy (0 = none; <= supply).
    struct TokenizeParams {
        string name;
        string symbol;
        uint256 supply;
        uint96 pricePerShare;
        uint32 start;
        uint32 end;
        uint96 softCap;
        uint96 perBuyerCap;
    }

    /// @notice Emitted once, at construction, with the factory's fixed configuration.
    /// @param registry The cluster registry.
    /// @param stablecoin The stablecoin of every token and offering.
    /// @param shareTokenImplementation The ShareToken implementation cloned per cluster.
    /// @param offeringImplementation The Offering implementation cloned per cluster.
    event FactoryConfigured(
        IClusterRegistry indexed registry,
        IERC20 indexed stablecoin,
        address shareTokenImplementation,
        address offeringImplementation
    );

    /// @notice Emitted once per cluster, with everything an indexer needs about the new token and its sale.
    /// @param clusterId The tokenized cluster.
    /// @param token The new ShareToken clone.
    /// @param offering The new Offering clone, holding the whole supply.
    /// @param operator The cluster operator who tokenized it.
    /// @param name ERC-20 name.
    /// @param symbol ERC-20 symbol.
    /// @param supply Share supply (18 decimals).
    /// @param pricePerShare Stablecoin base units per 1e18 share base units.
    /// @param start First second of the sale.
    /// @param end End of the sale (exclusive).
    /// @param softCap Minimum shares to sell.
    /// @param perBuyerCap Maximum shares per buyer (0 = none).
    event ClusterTokenized(
        uint256 indexed clusterId,
        IShareToken indexed token,
        IOffering indexed offering,
        address operator,
        string name,
        string symbol,
        uint256 supply,
        uint256 pricePerShare,
        uint256 start,
        uint256 end,
        uint256 softCap,
        uint256 perBuyerCap
    );

    /// @notice A constructor argument is the zero address or has no code.
    error InvalidImplementation(address implementation);

    /// @notice The Offering implementation was built for another registry or stablecoin.
    error ImplementationMismatch(address offeringImplementation);

    /// @notice The caller is not the cluster's operator.
    error NotOperator(uint256 clusterId, address caller);

    /// @notice The cluster is not Attested right now.
    error ClusterNotAttested(uint256 clusterId, IClusterRegistry.ClusterStatus status);

    /// @notice The cluster was tokenized before.
    error AlreadyTokenized(uint256 clusterId, IShareToken token);

    /// @notice `claimAll` was given more tokens than `MAX_CLAIM_TOKENS`.
    /// @param count The number of tokens given.
    /// @param max `MAX_CLAIM_TOKENS`.
    error TooManyTokens(uint256 count, uint256 max);

    /// @notice `claimAll` was given an address that is not a ShareToken this factory deployed.
    /// @param token The address given.
    error UnknownToken(address token);

    /// @notice Claims the caller's revenue of every token in `tokens`, to the caller, in one transaction.
    /// @dev Each token pays through `IShareToken.claimFor(msg.sender)`, which only this factory may call, and emits its
    /// usual `Claimed(caller, caller, amount)`; a token with nothing to claim pays nothing. Every entry must be a token
    /// this factory deployed (`UnknownToken`: no call to a stranger's code with the caller's name on it); a duplicate
    /// pays 0 the second time. Reentrancy: the factory keeps no state, and a token zeroes the holder's revenue before
    /// paying it, so a reentrant call (from the stablecoin) can only claim what is left, for its own caller. Works
    /// while tokens are paused and while the caller is frozen, like `claim`.
    /// @param tokens The tokens (at most `MAX_CLAIM_TOKENS`).
    /// @return total Base units paid in all.
    function claimAll(IShareToken[] calldata tokens) external returns (uint256 total);

    /// @notice The longest list `claimAll` takes (a bound on one transaction's gas).
    /// @return The bound.
    // solhint-disable-next-line func-name-mixedcase
    function MAX_CLAIM_TOKENS() external view returns (uint256);

    /// @notice Deploys and initializes the cluster's ShareToken and Offering; the whole supply goes to the Offering.
    /// @dev Only the cluster's operator, only while the cluster is Attested, only once per cluster. The terms are
    /// validated by the Offering (see {IOffering.initialize}).
    /// @param clusterId The cluster to tokenize.
    /// @param params Token metadata, supply and sale terms.
    /// @return token The new ShareToken.
    /// @return offering The new Offering.
    function tokenize(uint256 clusterId, TokenizeParams calldata params)
        external
        returns (IShareToken token, IOffering offering);

    /// @notice The cluster registry.
    /// @return The registry.
    function registry() external view returns (IClusterRegistry);

    /// @notice The stablecoin of every token and offering.
    /// @return The stablecoin.
    function stablecoin() external view returns (IERC20);

    /// @notice The ShareToken implementation cloned per cluster.
    /// @return The implementation.
    function shareTokenImplementation() external view returns (address);

    /// @notice The Offering implementation cloned per cluster.
    /// @return The implementation.
    function offeringImplementation() external view returns (address);

    /// @notice The cluster's ShareToken.
    /// @param clusterId The cluster.
    /// @return The token, or address(0) when the cluster is not tokenized.
    function tokenOf(uint256 clusterId) external view returns (IShareToken);

    /// @notice The cluster's Offering.
    /// @param clusterId The cluster.
    /// @return The offering, or address(0) when the cluster is not tokenized.
    function offeringOf(uint256 clusterId) external view returns (IOffering);

    /// @notice The addresses the cluster's ShareToken and Offering have or will have.
    /// @param clusterId The cluster.
    /// @return token The (future) token address.
    /// @return offering The (future) offering address.
    function predictAddresses(uint256 clusterId) external view returns (address token, address offering);
}

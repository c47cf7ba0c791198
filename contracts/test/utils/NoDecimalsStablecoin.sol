// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title NoDecimalsStablecoin
/// @notice Test double: a token with code and the ERC-20 balance views but without the optional `decimals()`.
contract NoDecimalsStablecoin {
    mapping(address account => uint256) public balanceOf;
    uint256 public totalSupply;
}

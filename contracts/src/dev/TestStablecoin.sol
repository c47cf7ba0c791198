// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestStablecoin
/// @notice A 6-decimal dollar stand-in with EIP-2612 permit and an open faucet, for local development chains only.
/// @dev The constructor refuses every chain but anvil's (31337), so it cannot be deployed to a real network by mistake.
contract TestStablecoin is ERC20, ERC20Permit {
    /// @notice Thrown when deployed on a chain other than the local development chain.
    error TestStablecoin__LocalChainOnly(uint256 chainId);

    uint256 internal constant LOCAL_CHAIN_ID = 31_337;

    constructor() ERC20("Test USD", "tUSD") ERC20Permit("Test USD") {
        if (block.chainid != LOCAL_CHAIN_ID) revert TestStablecoin__LocalChainOnly(block.chainid);
    }

    /// @notice Mints `amount` to `to`; anyone may call it on a local chain.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}

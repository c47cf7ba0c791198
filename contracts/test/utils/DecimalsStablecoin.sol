// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DecimalsStablecoin
/// @notice Test double: an ERC-20 with the decimals given at construction (18 for DAI/USDS-style dollars), open faucet.
contract DecimalsStablecoin is ERC20 {
    uint8 internal immutable DECIMALS;

    constructor(uint8 decimals_) ERC20("Decimals USD", "dUSD") {
        DECIMALS = decimals_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return DECIMALS;
    }
}

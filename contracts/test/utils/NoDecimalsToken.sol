// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title NoDecimalsToken
/// @notice Test-only ERC-20 whose `decimals()` reverts, standing in for a token that does not implement the optional
/// ERC-20 metadata call (ShareToken must refuse it with `StablecoinWithoutDecimals`).
contract NoDecimalsToken is ERC20 {
    /// @notice This token has no `decimals()`.
    error NoDecimals();

    constructor() ERC20("No Decimals", "NODEC") {}

    function decimals() public pure override returns (uint8) {
        revert NoDecimals();
    }
}

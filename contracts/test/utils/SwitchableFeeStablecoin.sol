// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title SwitchableFeeStablecoin
/// @notice Test double: a 6-decimal dollar with a dormant fee switch (like USDT's): transfers are plain until
/// `setFeeBps` turns a burn of `feeBps` of every transfer on.
contract SwitchableFeeStablecoin is ERC20 {
    uint256 public feeBps;

    constructor() ERC20("Switchable USD", "sUSD") {}

    /// @notice Open faucet.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Turns the fee on (or off).
    function setFeeBps(uint256 feeBps_) external {
        feeBps = feeBps_;
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0) || feeBps == 0) return super._update(from, to, value);
        uint256 fee = value * feeBps / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}

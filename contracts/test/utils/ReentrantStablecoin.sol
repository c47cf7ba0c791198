// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantStablecoin
/// @notice Test-only hostile ERC-20: once armed, every transfer first calls `target` with `data` and bubbles its
/// revert, to check that callers guard against reentrancy.
contract ReentrantStablecoin is ERC20 {
    address public target;
    bytes public data;

    constructor() ERC20("Reentrant USD", "rUSD") {}

    /// @dev A dollar's 6 decimals, like the product's stablecoin (ShareToken refuses more).
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        address t = target;
        if (t != address(0) && from != address(0)) {
            target = address(0);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = t.call(data);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(ret, 0x20), mload(ret))
                }
            }
        }
        super._update(from, to, value);
    }
}

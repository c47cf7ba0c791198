// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareToken} from "../../src/interfaces/IShareToken.sol";

/// @title ClaimReenterer
/// @notice Test-only share holder that claims, and re-enters `claim` from the stablecoin's transfer hook (an ERC-777
/// `tokensReceived`-style callback, driven by `ReentrantStablecoin.arm(address(this), abi.encodeCall(this.reenter, ()))`).
contract ClaimReenterer {
    IShareToken public immutable token;

    /// @notice How often the hook ran and what the re-entrant claims paid in total.
    uint256 public reentered;
    uint256 public paidWhileReentering;

    constructor(IShareToken token_) {
        token = token_;
    }

    /// @notice The outer claim.
    function claim() external returns (uint256) {
        return token.claim();
    }

    /// @notice The hook: claims again in the middle of the stablecoin transfer of the outer claim.
    function reenter() external {
        ++reentered;
        paidWhileReentering += token.claim();
    }
}

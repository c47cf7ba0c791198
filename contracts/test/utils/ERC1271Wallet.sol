// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title ERC1271Wallet
/// @notice Test double: a contract account whose owner key signs for it (EIP-1271). `approve` lets the owner approve a
/// spender for any token; `setHostile` makes `isValidSignature` try to re-enter `target` with `data` (a static call:
/// the attempt fails and the wallet then answers "invalid").
contract ERC1271Wallet is IERC1271 {
    address public immutable owner;
    address public target;
    bytes public data;

    constructor(address owner_) {
        owner = owner_;
    }

    function approve(IERC20 token, address spender, uint256 amount) external {
        token.approve(spender, amount);
    }

    function setHostile(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (target != address(0)) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok,) = target.staticcall(data);
            if (!ok) return bytes4(0);
        }
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(hash, signature);
        return err == ECDSA.RecoverError.NoError && signer == owner ? IERC1271.isValidSignature.selector : bytes4(0);
    }
}

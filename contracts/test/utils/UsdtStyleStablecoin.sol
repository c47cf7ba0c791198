// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title UsdtStyleStablecoin
/// @notice Test-only 6-decimal dollar shaped like Tether's USDT on Ethereum: `transfer`, `transferFrom` and `approve`
/// return NOTHING (a caller that decodes a bool reverts), and failures revert without data.
contract UsdtStyleStablecoin {
    /// @notice Balance or allowance too small (USDT reverts without a reason; a custom error keeps solhint happy).
    error Insufficient();

    uint256 public totalSupply;
    mapping(address account => uint256) public balanceOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function name() external pure returns (string memory) {
        return "Tether-style USD";
    }

    function symbol() external pure returns (string memory) {
        return "USDTs";
    }

    function decimals() external pure returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed < amount) revert Insufficient();
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
    }

    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
    }

    function _move(address from, address to, uint256 amount) internal {
        if (balanceOf[from] < amount) revert Insufficient();
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}

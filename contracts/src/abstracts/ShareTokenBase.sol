// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../interfaces/IClusterRegistry.sol";
import {IShareToken} from "../interfaces/IShareToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title ShareTokenBase
/// @notice The storage, the packed-word layout and the ERC-20 core of `ShareToken`: balances, allowances, the
/// accumulator and checkpoint arithmetic, and the one transfer path (`_move`) every move of shares takes.
/// @dev Minimal ERC-20 core with ONE storage slot per account so that a transfer costs about what a plain ERC-20
/// transfer costs. Packed words (bit ranges, low bits first):
///
///   account    = balance [0,96) | accrued [96,160) | snapshot [160,251) | protected [254] | frozen [255]
///   _stream    = acc [0,91) | rate [91,182) | lastUpdate [182,214) | end [214,246) | shift [246,253) |
///                governance pause [253] | operator pause [254] | allowlist [255]
///   _totals    = totalSupply [0,96) | totalDeposited [96,160) | streamStart [160,192)
///   _coin      = stablecoin [0,160)
///   _registry  = registry [0,160) | clusterId [160,256)
///
/// A transfer does not write the stream word: the current accumulator is derived from it (rate and lastUpdate only
/// change on deposit).
/// Storage order, kept from the single-file contract: EIP712's and Nonces' slots first, then the words below.
abstract contract ShareTokenBase is IShareToken, EIP712, Nonces {
    /*//////////////////////////////////////////////////////////////
                                LAYOUT
    //////////////////////////////////////////////////////////////*/

    uint256 internal constant MASK_7 = (1 << 7) - 1;
    uint256 internal constant MASK_32 = (1 << 32) - 1;
    uint256 internal constant MASK_64 = (1 << 64) - 1;
    uint256 internal constant MASK_91 = (1 << 91) - 1;
    uint256 internal constant MASK_96 = (1 << 96) - 1;

    // account word
    uint256 internal constant ACCRUED_SHIFT = 96;
    uint256 internal constant SNAPSHOT_SHIFT = 160;
    uint256 internal constant PROTECTED_BIT = 1 << 254;
    uint256 internal constant FROZEN_BIT = 1 << 255;

    // stream word
    uint256 internal constant RATE_SHIFT = 91;
    uint256 internal constant LAST_SHIFT = 182;
    uint256 internal constant END_SHIFT = 214;
    uint256 internal constant PREC_SHIFT = 246;
    uint256 internal constant GOVERNANCE_PAUSED_BIT = 1 << 253;
    uint256 internal constant OPERATOR_PAUSED_BIT = 1 << 254;
    uint256 internal constant PAUSED_BITS = GOVERNANCE_PAUSED_BIT | OPERATOR_PAUSED_BIT;
    uint256 internal constant ALLOWLIST_BIT = 1 << 255;

    // totals word
    uint256 internal constant DEPOSITED_SHIFT = 96;
    uint256 internal constant START_SHIFT = 160;

    // registry word
    uint256 internal constant CLUSTER_SHIFT = 160;

    /*//////////////////////////////////////////////////////////////
                               STORAGE
    //////////////////////////////////////////////////////////////*/

    mapping(address account => uint256 word) internal _accounts;
    mapping(address owner => mapping(address spender => uint256)) internal _allowances;
    mapping(address account => uint256) internal _verifiedUntil;
    /// @dev Horizon (seconds) of each payer an operator named; 0 = not a payer.
    mapping(address operator => mapping(address payer => uint256 horizon)) internal _revenuePayers;
    uint256 internal _stream;
    uint256 internal _totals;
    uint256 internal _coin;
    uint256 internal _registry;
    string internal _name;
    string internal _symbol;

    /*//////////////////////////////////////////////////////////////
                                ERC-20
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IERC20
    function transfer(address to, uint256 amount) external override returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 amount) external override returns (bool) {
        _spendAllowance(from, msg.sender, amount);
        _transfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 amount) external override returns (bool) {
        _approve(msg.sender, spender, amount);
        return true;
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Permit
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view override returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) external view override returns (uint256) {
        return _accounts[account] & MASK_96;
    }

    /// @inheritdoc IERC20
    function totalSupply() external view override returns (uint256) {
        return _totals & MASK_96;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view override returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20Metadata
    function name() external view override returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view override returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external pure override returns (uint8) {
        return 18;
    }

    /*//////////////////////////////////////////////////////////////
                                VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareToken
    function registry() external view override returns (IClusterRegistry) {
        return IClusterRegistry(address(uint160(_registry)));
    }

    /// @inheritdoc IShareToken
    function clusterId() external view override returns (uint256) {
        return _registry >> CLUSTER_SHIFT;
    }

    /// @inheritdoc IShareToken
    function stablecoin() external view override returns (IERC20) {
        return IERC20(address(uint160(_coin)));
    }

    /// @inheritdoc IShareToken
    function operator() external view override returns (address) {
        return _operator();
    }

    /// @inheritdoc IShareToken
    function isRevenuePayer(address payer) external view override returns (bool) {
        return _revenuePayers[_operator()][payer] != 0;
    }

    /// @inheritdoc IShareToken
    function revenuePayerHorizon(address payer) external view override returns (uint256) {
        return _revenuePayers[_operator()][payer];
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The accumulator now, derived from the stream word (rate and lastUpdate only change on deposit).
    function _accumulator(uint256 s) internal view returns (uint256 acc) {
        return _accumulatorAt(s, block.timestamp);
    }

    /// @dev The accumulator at `time`, for any time from the last deposit on (the stream word's rate holds since).
    function _accumulatorAt(uint256 s, uint256 time) internal pure returns (uint256 acc) {
        unchecked {
            acc = s & MASK_91;
            uint256 end = (s >> END_SHIFT) & MASK_32;
            uint256 t = time < end ? time : end;
            uint256 last = (s >> LAST_SHIFT) & MASK_32;
            // acc + rate * (t - last) < cumulative deposits * 2**31 < 2**91.
            if (t > last) acc += ((s >> RATE_SHIFT) & MASK_91) * (t - last);
        }
    }

    /// @dev Credits the revenue earned since the account word's snapshot and moves the snapshot to `acc`. `s` is the
    /// stream word (for the precision shift).
    function _checkpoint(uint256 w, uint256 acc, uint256 s) internal pure returns (uint256) {
        unchecked {
            uint256 earned = ((w & MASK_96) * (acc - ((w >> SNAPSHOT_SHIFT) & MASK_91))) >> (s >> PREC_SHIFT & MASK_7);
            // accrued + earned <= cumulative deposits < 2**60: the add cannot carry into the snapshot bits.
            return ((w + (earned << ACCRUED_SHIFT)) & ~(MASK_91 << SNAPSHOT_SHIFT)) | (acc << SNAPSHOT_SHIFT);
        }
    }

    function _transfer(address from, address to, uint256 amount) internal {
        _move(from, to, amount, false, false);
    }

    /// @dev Checkpoints both sides and moves `amount` (and, if `withRevenue`, all of `from`'s accrued revenue).
    /// `forced` (the operator's controls) skips the operator's pause and the sender's freeze, but not governance's
    /// pause, and never debits the protected account. Same checks, same order as `_transferRestriction`.
    function _move(address from, address to, uint256 amount, bool forced, bool withRevenue) internal {
        uint256 s = _stream;
        if (s & (forced ? GOVERNANCE_PAUSED_BIT : PAUSED_BITS) != 0) revert TokenPaused();
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
        uint256 acc = _accumulator(s);

        uint256 wf = _accounts[from];
        if (forced) {
            if (wf & PROTECTED_BIT != 0) revert ProtectedAccount(from);
        } else if (wf & FROZEN_BIT != 0) {
            revert AccountFrozen(from);
        }
        uint256 balance = wf & MASK_96;
        if (balance < amount) revert ERC20InsufficientBalance(from, balance, amount);
        wf = _checkpoint(wf, acc, s);
        uint256 revenue;
        unchecked {
            wf -= amount;
            if (withRevenue) {
                revenue = (wf >> ACCRUED_SHIFT) & MASK_64;
                wf &= ~(MASK_64 << ACCRUED_SHIFT);
            }
        }
        _accounts[from] = wf;

        // Read after writing `from`, so that a self-transfer sees its own update.
        uint256 wt = _accounts[to];
        if (wt & PROTECTED_BIT != 0) revert ERC20InvalidReceiver(to);
        // The escrow can always settle with the cluster's operator: its own freeze or allowlist must not let it hold
        // a sale unsettled (and the buyers' money with it). The operator is only read when a check would refuse.
        if ((wt & FROZEN_BIT != 0 || s & ALLOWLIST_BIT != 0) && !(wf & PROTECTED_BIT != 0 && to == _operator())) {
            if (wt & FROZEN_BIT != 0) revert AccountFrozen(to);
            if (s & ALLOWLIST_BIT != 0) {
                uint256 until = _verifiedUntil[to];
                if (until == 0) revert RecipientNotVerified(to);
                if (until < block.timestamp) revert RecipientVerificationExpired(to, until);
            }
        }
        wt = _checkpoint(wt, acc, s);
        unchecked {
            // balances sum to the supply <= 2**96 - 1 and accrued amounts to <= cumulative deposits < 2**60.
            wt += amount + (revenue << ACCRUED_SHIFT);
        }
        _accounts[to] = wt;

        emit Transfer(from, to, amount);
    }

    function _approve(address owner, address spender, uint256 amount) internal {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }

    function _spendAllowance(address owner, address spender, uint256 amount) internal {
        uint256 current = _allowances[owner][spender];
        if (current != type(uint256).max) {
            if (current < amount) revert ERC20InsufficientAllowance(spender, current, amount);
            unchecked {
                _allowances[owner][spender] = current - amount;
            }
        }
    }

    function _operator() internal view returns (address) {
        uint256 r = _registry;
        return IClusterRegistry(address(uint160(r))).operatorOf(r >> CLUSTER_SHIFT);
    }

    function _onlyOperator() internal view returns (address op) {
        op = _operator();
        if (msg.sender != op) revert NotOperator(msg.sender, op);
    }
}

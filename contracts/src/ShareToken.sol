// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "./interfaces/IClusterRegistry.sol";
import {IShareToken} from "./interfaces/IShareToken.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title ShareToken
/// @notice ERC-20 shares of one GPU cluster streaming rental revenue to holders per second.
/// @dev Minimal ERC-20 core with ONE storage slot per account so that a transfer costs about what a plain ERC-20
/// transfer costs. Packed words (bit ranges, low bits first):
///
///   account  = balance [0, 96) | accrued [96, 160) | snapshot [160, 255) | frozen [255]
///   _stream  = accumulator [0, 95) | rate [95, 190) | lastUpdate [190, 222) | end [222, 254) | paused [254] |
///              allowlist [255]
///   _totals  = totalSupply [0, 96) | totalDeposited [96, 160) | totalClaimed [160, 224) | streamStart [224, 256)
///   _coin    = stablecoin [0, 160) | clusterId [160, 256)
///
/// The accumulator counts revenue streamed to the WHOLE supply, scaled by RATE_SCALE = 2**32 (not per share, so the
/// precision does not depend on the supply). A holder of `b` share-wei earns `b * Δacc / (supply * 2**32)`, rounded
/// down at each checkpoint (< 1 base unit lost per holder per checkpoint). The rate is rounded down once per deposit
/// (< duration / 2**32 < 1 base unit lost per deposit, MAX_DURATION < 2**32) and the unstreamed rest of a running
/// stream is carried over exactly (scaled). Bounds, all enforced on entry:
/// - supply <= 2**96 - 1 share-wei, so balances fit 96 bits;
/// - cumulative deposits D <= 2**63 - 1 base units, so acc <= D * 2**32 < 2**95, rate <= D * 2**32 < 2**95,
///   accrued <= D < 2**64, totalDeposited and totalClaimed < 2**64;
/// - timestamps < 2**32 (2106), durations <= MAX_DURATION.
/// A transfer does not write the global stream word: the current accumulator is derived from it (rate and
/// lastUpdate only change on deposit), so a transfer reads 2 global words and writes only the two accounts.
contract ShareToken is IShareToken, Initializable, EIP712, Nonces {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareToken
    uint256 public constant override RATE_SCALE = 1 << 32;

    /// @inheritdoc IShareToken
    uint256 public constant override MAX_DURATION = 3650 days;

    uint256 internal constant RATE_SHIFT = 32;
    uint256 internal constant MAX_TOTAL_DEPOSITED = (1 << 63) - 1;
    uint256 internal constant MAX_SUPPLY = (1 << 96) - 1;

    uint256 internal constant MASK_32 = (1 << 32) - 1;
    uint256 internal constant MASK_64 = (1 << 64) - 1;
    uint256 internal constant MASK_95 = (1 << 95) - 1;
    uint256 internal constant MASK_96 = (1 << 96) - 1;
    uint256 internal constant MASK_160 = (1 << 160) - 1;

    // account word
    uint256 internal constant ACCRUED_SHIFT = 96;
    uint256 internal constant SNAPSHOT_SHIFT = 160;
    uint256 internal constant FROZEN_BIT = 1 << 255;

    // stream word
    uint256 internal constant STREAM_RATE_SHIFT = 95;
    uint256 internal constant LAST_SHIFT = 190;
    uint256 internal constant END_SHIFT = 222;
    uint256 internal constant PAUSED_BIT = 1 << 254;
    uint256 internal constant ALLOWLIST_BIT = 1 << 255;

    // totals word
    uint256 internal constant DEPOSITED_SHIFT = 96;
    uint256 internal constant CLAIMED_SHIFT = 160;
    uint256 internal constant START_SHIFT = 224;

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    mapping(address account => uint256 word) internal _accounts;
    mapping(address owner => mapping(address spender => uint256)) internal _allowances;
    mapping(address account => uint256) internal _verifiedUntil;
    mapping(address operator => mapping(address payer => bool)) internal _revenuePayers;
    uint256 internal _stream;
    uint256 internal _totals;
    uint256 internal _coin;
    IClusterRegistry internal _registry;
    string internal _name;
    string internal _symbol;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTION
    //////////////////////////////////////////////////////////////*/

    /// @dev The implementation is never initialized; clones share its immutable EIP-712 name and version, their
    /// domain separators differ by `verifyingContract`.
    constructor() EIP712("Rackshare Share", "1") {
        _disableInitializers();
    }

    /// @inheritdoc IShareToken
    function initialize(
        IClusterRegistry registry_,
        uint256 clusterId_,
        IERC20 stablecoin_,
        string calldata name_,
        string calldata symbol_,
        uint256 supply,
        address initialHolder
    ) external override initializer {
        if (address(registry_) == address(0) || address(stablecoin_) == address(0) || initialHolder == address(0)) {
            revert ZeroAddress();
        }
        if (clusterId_ > MASK_96) revert InvalidClusterId(clusterId_);
        if (supply == 0 || supply > MAX_SUPPLY) revert InvalidSupply(supply);

        _registry = registry_;
        _coin = uint256(uint160(address(stablecoin_))) | (clusterId_ << 160);
        _name = name_;
        _symbol = symbol_;
        _totals = supply;
        // The accumulator is 0, so the holder's snapshot is 0 too.
        _accounts[initialHolder] = supply;

        emit Transfer(address(0), initialHolder, supply);
        emit ShareTokenInitialized(registry_, clusterId_, stablecoin_, name_, symbol_, supply, initialHolder);
    }

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
    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        override
    {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        address signer = ECDSA.recover(_hashTypedDataV4(structHash), v, r, s);
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _approve(owner, spender, value);
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
                                REVENUE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareToken
    function depositRevenue(uint256 amount, uint256 duration) external override {
        address op = _operator();
        if (msg.sender != op && !_revenuePayers[op][msg.sender]) revert NotRevenuePayer(msg.sender);
        uint256 s = _stream;
        if (s & PAUSED_BIT != 0) revert TokenPaused();
        if (amount == 0) revert ZeroAmount();
        if (duration == 0 || duration > MAX_DURATION || block.timestamp + duration > MASK_32) {
            revert InvalidDuration(duration);
        }
        uint256 t = _totals;
        uint256 deposited = (t >> DEPOSITED_SHIFT) & MASK_64;
        if (amount > MAX_TOTAL_DEPOSITED - deposited) revert DepositCapExceeded(deposited, amount);

        uint256 acc = _accumulator(s);
        uint256 end = (s >> END_SHIFT) & MASK_32;
        uint256 restScaled;
        unchecked {
            // rate <= 2**95 and the remaining time <= MAX_DURATION: no overflow.
            if (end > block.timestamp) restScaled = ((s >> STREAM_RATE_SHIFT) & MASK_95) * (end - block.timestamp);
        }
        // rest + amount <= cumulative deposits < 2**63, so the rate stays < 2**95.
        uint256 rate = (restScaled + (amount << RATE_SHIFT)) / duration;
        uint256 newEnd = block.timestamp + duration;

        _stream = acc | (rate << STREAM_RATE_SHIFT) | (block.timestamp << LAST_SHIFT) | (newEnd << END_SHIFT)
            | (s & (PAUSED_BIT | ALLOWLIST_BIT));
        _totals = (t & ~(uint256(MASK_64) << DEPOSITED_SHIFT) & ~(MASK_32 << START_SHIFT))
            | ((deposited + amount) << DEPOSITED_SHIFT) | (block.timestamp << START_SHIFT);

        IERC20 coin = IERC20(address(uint160(_coin)));
        uint256 balanceBefore = coin.balanceOf(address(this));
        coin.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = coin.balanceOf(address(this)) - balanceBefore;
        if (received < amount) revert FeeOnTransferNotSupported(amount, received);

        emit RevenueDeposited(msg.sender, amount, duration, rate, newEnd, restScaled >> RATE_SHIFT);
    }

    /// @inheritdoc IShareToken
    function setRevenuePayer(address payer, bool allowed) external override {
        address op = _onlyOperator();
        _revenuePayers[op][payer] = allowed;
        emit RevenuePayerSet(op, payer, allowed);
    }

    /// @inheritdoc IShareToken
    function claimable(address account) external view override returns (uint256) {
        uint256 w = _checkpoint(_accounts[account], _accumulator(_stream), _totals & MASK_96);
        return (w >> ACCRUED_SHIFT) & MASK_64;
    }

    /// @inheritdoc IShareToken
    function claim() external override returns (uint256 amount) {
        return _claim(msg.sender);
    }

    /// @inheritdoc IShareToken
    function claimTo(address recipient) external override returns (uint256 amount) {
        if (recipient == address(0)) revert ZeroAddress();
        return _claim(recipient);
    }

    /*//////////////////////////////////////////////////////////////
                              RWA CONTROLS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareToken
    function setVerified(address account, uint256 validUntil) external override {
        _onlyOperator();
        _setVerified(account, validUntil);
    }

    /// @inheritdoc IShareToken
    function setVerifiedBatch(address[] calldata accounts, uint256[] calldata validUntils) external override {
        _onlyOperator();
        uint256 n = accounts.length;
        if (n != validUntils.length) revert LengthMismatch(n, validUntils.length);
        for (uint256 i; i < n; ++i) {
            _setVerified(accounts[i], validUntils[i]);
        }
    }

    /// @inheritdoc IShareToken
    function setAllowlistEnabled(bool enabled) external override {
        address op = _onlyOperator();
        _stream = enabled ? _stream | ALLOWLIST_BIT : _stream & ~ALLOWLIST_BIT;
        emit AllowlistEnabledSet(op, enabled);
    }

    /// @inheritdoc IShareToken
    function setFrozen(address account, bool frozen) external override {
        address op = _onlyOperator();
        uint256 w = _accounts[account];
        _accounts[account] = frozen ? w | FROZEN_BIT : w & ~FROZEN_BIT;
        emit FreezeSet(op, account, frozen);
    }

    /// @inheritdoc IShareToken
    function pause() external override {
        _onlyOperatorOrGovernance();
        _stream |= PAUSED_BIT;
        emit PauseSet(msg.sender, true);
    }

    /// @inheritdoc IShareToken
    function unpause() external override {
        _onlyOperatorOrGovernance();
        _stream &= ~PAUSED_BIT;
        emit PauseSet(msg.sender, false);
    }

    /// @inheritdoc IShareToken
    /// @dev Revenue accrued by `from` until now stays with `from`: both sides are checkpointed before the move, as
    /// in any transfer, so the forced transfer only redirects future revenue.
    function forcedTransfer(address from, address to, uint256 amount) external override {
        address op = _onlyOperator();
        _move(from, to, amount, true, false);
        emit ForcedTransfer(op, from, to, amount);
    }

    /// @inheritdoc IShareToken
    /// @dev Unlike `forcedTransfer`, the unclaimed revenue moves too: a lost wallet's key may be in someone else's
    /// hands, so nothing claimable is left behind.
    function recoverWallet(address lost, address replacement) external override {
        address op = _onlyOperator();
        if (lost == replacement) revert NothingToRecover(lost);
        uint256 w = _checkpoint(_accounts[lost], _accumulator(_stream), _totals & MASK_96);
        uint256 shares = w & MASK_96;
        uint256 revenue = (w >> ACCRUED_SHIFT) & MASK_64;
        if (shares == 0 && revenue == 0) revert NothingToRecover(lost);
        _move(lost, replacement, shares, true, true);
        emit WalletRecovered(op, lost, replacement, shares, revenue);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareToken
    function canTransfer(address from, address to, uint256 amount)
        external
        view
        override
        returns (bool ok, bytes4 reason)
    {
        uint256 s = _stream;
        uint256 wf = _accounts[from];
        if (s & PAUSED_BIT != 0) return (false, TokenPaused.selector);
        if (from == address(0)) return (false, ERC20InvalidSender.selector);
        if (to == address(0)) return (false, ERC20InvalidReceiver.selector);
        if (wf & FROZEN_BIT != 0) return (false, AccountFrozen.selector);
        if (wf & MASK_96 < amount) return (false, ERC20InsufficientBalance.selector);
        if (_accounts[to] & FROZEN_BIT != 0) return (false, AccountFrozen.selector);
        if (s & ALLOWLIST_BIT != 0) {
            uint256 until = _verifiedUntil[to];
            if (until == 0) return (false, RecipientNotVerified.selector);
            if (until < block.timestamp) return (false, RecipientVerificationExpired.selector);
        }
        return (true, bytes4(0));
    }

    /// @inheritdoc IShareToken
    function stream() external view override returns (StreamState memory) {
        uint256 s = _stream;
        return StreamState({
            ratePerSecond: (s >> STREAM_RATE_SHIFT) & MASK_95,
            start: _totals >> START_SHIFT,
            end: (s >> END_SHIFT) & MASK_32,
            lastUpdate: (s >> LAST_SHIFT) & MASK_32,
            accumulator: _accumulator(s)
        });
    }

    /// @inheritdoc IShareToken
    function totalDeposited() external view override returns (uint256) {
        return (_totals >> DEPOSITED_SHIFT) & MASK_64;
    }

    /// @inheritdoc IShareToken
    function totalClaimed() external view override returns (uint256) {
        return (_totals >> CLAIMED_SHIFT) & MASK_64;
    }

    /// @inheritdoc IShareToken
    function streamedTotal() external view override returns (uint256) {
        return _accumulator(_stream) >> RATE_SHIFT;
    }

    /// @inheritdoc IShareToken
    function registry() external view override returns (IClusterRegistry) {
        return _registry;
    }

    /// @inheritdoc IShareToken
    function clusterId() external view override returns (uint256) {
        return _coin >> 160;
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
        return _revenuePayers[_operator()][payer];
    }

    /// @inheritdoc IShareToken
    function verifiedUntil(address account) external view override returns (uint256) {
        return _verifiedUntil[account];
    }

    /// @inheritdoc IShareToken
    function isVerified(address account) external view override returns (bool) {
        return _verifiedUntil[account] >= block.timestamp;
    }

    /// @inheritdoc IShareToken
    function isFrozen(address account) external view override returns (bool) {
        return _accounts[account] & FROZEN_BIT != 0;
    }

    /// @inheritdoc IShareToken
    function paused() external view override returns (bool) {
        return _stream & PAUSED_BIT != 0;
    }

    /// @inheritdoc IShareToken
    function allowlistEnabled() external view override returns (bool) {
        return _stream & ALLOWLIST_BIT != 0;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The accumulator now, derived from the stream word (rate and lastUpdate only change on deposit).
    function _accumulator(uint256 s) internal view returns (uint256 acc) {
        unchecked {
            acc = s & MASK_95;
            uint256 end = (s >> END_SHIFT) & MASK_32;
            uint256 t = block.timestamp < end ? block.timestamp : end;
            uint256 last = (s >> LAST_SHIFT) & MASK_32;
            // acc + rate * (t - last) <= cumulative deposits * 2**32 < 2**95.
            if (t > last) acc += ((s >> STREAM_RATE_SHIFT) & MASK_95) * (t - last);
        }
    }

    /// @dev Credits the revenue earned since the account's snapshot and moves the snapshot to `acc`.
    function _checkpoint(uint256 w, uint256 acc, uint256 supply) internal pure returns (uint256) {
        unchecked {
            uint256 balance = w & MASK_96;
            uint256 earned = balance * (acc - ((w >> SNAPSHOT_SHIFT) & MASK_95)) / (supply << RATE_SHIFT);
            // accrued + earned <= cumulative deposits < 2**63: the add cannot carry into the snapshot bits.
            w = (w + (earned << ACCRUED_SHIFT)) & ~(MASK_95 << SNAPSHOT_SHIFT);
            return w | (acc << SNAPSHOT_SHIFT);
        }
    }

    function _transfer(address from, address to, uint256 amount) internal {
        if (_stream & PAUSED_BIT != 0) revert TokenPaused();
        _move(from, to, amount, false, false);
    }

    /// @dev Checkpoints both sides and moves `amount` (and, if `withRevenue`, all of `from`'s accrued revenue).
    /// `forced` skips the sender's freeze (pause is checked by the caller).
    function _move(address from, address to, uint256 amount, bool forced, bool withRevenue) internal {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        uint256 s = _stream;
        uint256 acc = _accumulator(s);
        uint256 supply = _totals & MASK_96;

        uint256 wf = _accounts[from];
        if (!forced && wf & FROZEN_BIT != 0) revert AccountFrozen(from);
        uint256 balance = wf & MASK_96;
        if (balance < amount) revert ERC20InsufficientBalance(from, balance, amount);
        wf = _checkpoint(wf, acc, supply);
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
        if (wt & FROZEN_BIT != 0) revert AccountFrozen(to);
        if (s & ALLOWLIST_BIT != 0) {
            uint256 until = _verifiedUntil[to];
            if (until == 0) revert RecipientNotVerified(to);
            if (until < block.timestamp) revert RecipientVerificationExpired(to, until);
        }
        wt = _checkpoint(wt, acc, supply);
        unchecked {
            // balances sum to the supply <= 2**96 - 1 and accrued amounts to <= cumulative deposits < 2**63.
            wt += amount + (revenue << ACCRUED_SHIFT);
        }
        _accounts[to] = wt;

        emit Transfer(from, to, amount);
    }

    function _claim(address recipient) internal returns (uint256 amount) {
        uint256 t = _totals;
        uint256 w = _checkpoint(_accounts[msg.sender], _accumulator(_stream), t & MASK_96);
        amount = (w >> ACCRUED_SHIFT) & MASK_64;
        if (amount == 0) {
            _accounts[msg.sender] = w;
            return 0;
        }
        _accounts[msg.sender] = w & ~(MASK_64 << ACCRUED_SHIFT);
        unchecked {
            // totalClaimed <= totalDeposited < 2**63.
            _totals = t + (amount << CLAIMED_SHIFT);
        }
        IERC20(address(uint160(_coin))).safeTransfer(recipient, amount);
        emit Claimed(msg.sender, recipient, amount);
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

    function _setVerified(address account, uint256 validUntil) internal {
        if (validUntil > MASK_32) revert InvalidValidUntil(validUntil);
        _verifiedUntil[account] = validUntil;
        emit VerificationSet(account, validUntil);
    }

    function _operator() internal view returns (address) {
        return _registry.operatorOf(_coin >> 160);
    }

    function _onlyOperator() internal view returns (address op) {
        op = _operator();
        if (msg.sender != op) revert NotOperator(msg.sender, op);
    }

    function _onlyOperatorOrGovernance() internal view {
        if (msg.sender != _operator() && msg.sender != _registry.owner()) revert NotOperatorOrGovernance(msg.sender);
    }
}

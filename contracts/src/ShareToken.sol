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
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ShareToken
/// @notice ERC-20 shares of one GPU cluster streaming rental revenue to holders per second.
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
/// Claimed totals are not stored (a claim would pay a second storage write for a figure no rule reads): they are the
/// sum of the `Claimed` events.
///
/// `acc` is the revenue streamed per share-wei since initialization, in base units scaled by 2**shift, where
/// shift = 30 + bitLength(totalSupply) is fixed at initialization. Hence 2**shift > supply * 2**30: the precision is
/// relative to the supply, and the hot paths never need the supply itself (transfer reads 3 words: the stream and the
/// two accounts; claim reads 3: the stream, the account and the coin word). A holder of `b` share-wei earns
/// `b * Δacc >> shift`, rounded down at each checkpoint (< 1 base unit lost per holder per checkpoint). Per deposit, the
/// rate is rounded down once (< duration * supply / 2**shift < duration / 2**30 < 1 base unit, since MAX_DURATION
/// < 2**29) and the unstreamed rest of a running stream is carried over exactly (in acc units).
/// Tranches: a deposit merges into the one running stream only when the merged rate is not below the running rate
/// and the merged end not before the running end (both compared exactly, in acc units). The merged stream then pays
/// every earlier deposit exactly its own schedule plus the new one on top, so no second of already-deposited revenue
/// moves, and deposits and transfers stay O(1) with no schedule to store (README, "Streaming math").
/// Bounds, all enforced on entry:
/// - 1 <= supply <= 2**96 - 1 share-wei, so balances fit 96 bits and shift <= 126 fits 7 bits;
/// - cumulative deposits D <= 2**60 - 1 base units, and Δacc per base unit < 2**31, so acc < D * 2**31 < 2**91 and
///   rate < 2**91 (duration >= 1); accrued <= D < 2**64; totalDeposited < 2**64;
///   balance * Δacc < 2**187 and amount << shift < 2**186: no intermediate overflows;
/// - timestamps < 2**32 (year 2106), durations <= MAX_DURATION.
/// A transfer does not write the stream word: the current accumulator is derived from it (rate and lastUpdate only
/// change on deposit).
contract ShareToken is IShareToken, Initializable, EIP712, Nonces {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareToken
    uint256 public constant override RATE_SCALE = 1e18;

    /// @inheritdoc IShareToken
    uint256 public constant override MAX_DURATION = 3650 days;

    /// @inheritdoc IShareToken
    /// @dev (2**60 - 1) / 10**6 ≈ 1.15e12 whole units; one more decimal would leave 1.15e11.
    uint8 public constant override MAX_STABLECOIN_DECIMALS = 6;

    uint256 internal constant PRECISION_BITS = 30;
    uint256 internal constant MAX_TOTAL_DEPOSITED = (1 << 60) - 1;
    uint256 internal constant MAX_SUPPLY = (1 << 96) - 1;

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

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

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
        if (initialHolder == address(this)) revert ERC20InvalidReceiver(initialHolder);
        _checkStablecoin(stablecoin_);

        _registry = uint256(uint160(address(registry_))) | (clusterId_ << CLUSTER_SHIFT);
        _coin = uint256(uint160(address(stablecoin_)));
        _name = name_;
        _symbol = symbol_;
        _totals = supply;
        // 2**shift > supply * 2**30 (bitLength(supply) = log2(supply) + 1).
        _stream = (PRECISION_BITS + Math.log2(supply) + 1) << PREC_SHIFT;
        // The accumulator is 0, so the holder's snapshot is 0 too. The initial holder (the Offering's escrow) is
        // protected from the operator's controls for good.
        _accounts[initialHolder] = supply | PROTECTED_BIT;

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
        _deposit(amount, duration);
    }

    /// @inheritdoc IShareToken
    function depositRevenueUntil(uint256 amount, uint256 end) external override {
        // A past or present end is no stream at all; 0 names no valid duration in the error.
        _deposit(amount, end > block.timestamp ? end - block.timestamp : 0);
    }

    /// @dev Both deposit entry points: the caller's right and horizon, the merge, then the pull (CEI: the stream is
    /// updated before the stablecoin is pulled).
    function _deposit(uint256 amount, uint256 duration) internal {
        address op = _operator();
        uint256 horizon = type(uint256).max;
        if (msg.sender != op) {
            horizon = _revenuePayers[op][msg.sender];
            if (horizon == 0) revert NotRevenuePayer(msg.sender);
        }
        (uint256 rate, uint256 newEnd, uint256 carriedOver) = _addTranche(amount, duration, horizon);

        IERC20 coin = IERC20(address(uint160(_coin)));
        uint256 balanceBefore = coin.balanceOf(address(this));
        coin.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = coin.balanceOf(address(this)) - balanceBefore;
        if (received < amount) revert FeeOnTransferNotSupported(amount, received);

        emit RevenueDeposited(msg.sender, amount, duration, rate, newEnd, carriedOver);
    }

    /// @inheritdoc IShareToken
    function depositLimits(address depositor, uint256 amount)
        external
        view
        override
        returns (uint256 minDuration, uint256 maxDuration)
    {
        address op = _operator();
        uint256 horizon = depositor == op ? type(uint256).max : _revenuePayers[op][depositor];
        uint256 s = _stream;
        // (0, 0) whenever no duration would do: not a depositor, either pause on, nothing to deposit, cap reached.
        if (horizon == 0 || s & PAUSED_BITS != 0 || amount == 0) return (0, 0);
        if (amount > MAX_TOTAL_DEPOSITED - ((_totals >> DEPOSITED_SHIFT) & MASK_64)) return (0, 0);
        (uint256 end,,, uint256 keepsRate) = _mergeBounds(s, _totals & MASK_96, amount);
        uint256 remaining = end > block.timestamp ? end - block.timestamp : 0;
        minDuration = remaining == 0 ? 1 : remaining;
        maxDuration = Math.min(Math.min(MAX_DURATION, MASK_32 - block.timestamp), keepsRate);
        maxDuration = Math.min(maxDuration, Math.max(horizon, remaining));
    }

    /// @inheritdoc IShareToken
    function setRevenuePayer(address payer, uint256 maxDuration) external override {
        address op = _onlyOperator();
        if (maxDuration > MAX_DURATION) revert InvalidDuration(maxDuration);
        _revenuePayers[op][payer] = maxDuration;
        emit RevenuePayerSet(op, payer, maxDuration);
    }

    /// @inheritdoc IShareToken
    function claimable(address account) external view override returns (uint256) {
        uint256 s = _stream;
        uint256 w = _checkpoint(_accounts[account], _accumulator(s), s);
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
        if (w & PROTECTED_BIT != 0) revert ProtectedAccount(account);
        _accounts[account] = frozen ? w | FROZEN_BIT : w & ~FROZEN_BIT;
        emit FreezeSet(op, account, frozen);
    }

    /// @inheritdoc IShareToken
    function pause() external override {
        _onlyOperator();
        _stream |= OPERATOR_PAUSED_BIT;
        emit PauseSet(msg.sender, false, true);
    }

    /// @inheritdoc IShareToken
    function unpause() external override {
        _onlyOperator();
        _stream &= ~OPERATOR_PAUSED_BIT;
        emit PauseSet(msg.sender, false, false);
    }

    /// @inheritdoc IShareToken
    function governancePause() external override {
        IClusterRegistry registry_ = IClusterRegistry(address(uint160(_registry)));
        if (msg.sender != registry_.owner() && msg.sender != registry_.guardian()) {
            revert NotGovernanceOrGuardian(msg.sender);
        }
        _stream |= GOVERNANCE_PAUSED_BIT;
        emit PauseSet(msg.sender, true, true);
    }

    /// @inheritdoc IShareToken
    function governanceUnpause() external override {
        if (msg.sender != IClusterRegistry(address(uint160(_registry))).owner()) revert NotGovernance(msg.sender);
        _stream &= ~GOVERNANCE_PAUSED_BIT;
        emit PauseSet(msg.sender, true, false);
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
        uint256 s = _stream;
        uint256 w = _checkpoint(_accounts[lost], _accumulator(s), s);
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
        (reason,) = _transferRestriction(from, to, amount);
        ok = reason == bytes4(0);
    }

    /// @inheritdoc IShareToken
    function checkTransfer(address from, address to, uint256 amount) external view override {
        (bytes4 reason, uint256 detail) = _transferRestriction(from, to, amount);
        if (reason == bytes4(0)) return;
        if (reason == TokenPaused.selector) revert TokenPaused();
        if (reason == ERC20InvalidSender.selector) revert ERC20InvalidSender(from);
        if (reason == ERC20InvalidReceiver.selector) revert ERC20InvalidReceiver(to);
        if (reason == ERC20InsufficientBalance.selector) revert ERC20InsufficientBalance(from, detail, amount);
        if (reason == RecipientNotVerified.selector) revert RecipientNotVerified(to);
        if (reason == RecipientVerificationExpired.selector) revert RecipientVerificationExpired(to, detail);
        // AccountFrozen: `detail` is the frozen account (sender or receiver).
        revert AccountFrozen(address(uint160(detail)));
    }

    /// @inheritdoc IShareToken
    function checkStablecoin(IERC20 stablecoin_) external view override {
        _checkStablecoin(stablecoin_);
    }

    /// @inheritdoc IShareToken
    function stream() external view override returns (StreamState memory) {
        uint256 s = _stream;
        uint256 t = _totals;
        uint256 supply = t & MASK_96;
        uint256 shift = (s >> PREC_SHIFT) & MASK_7;
        return StreamState({
            ratePerSecond: ((s >> RATE_SHIFT) & MASK_91) * supply * RATE_SCALE >> shift,
            start: (t >> START_SHIFT) & MASK_32,
            end: (s >> END_SHIFT) & MASK_32,
            lastUpdate: (s >> LAST_SHIFT) & MASK_32,
            accumulator: _accumulator(s) * supply * RATE_SCALE >> shift
        });
    }

    /// @inheritdoc IShareToken
    function totalDeposited() external view override returns (uint256) {
        return (_totals >> DEPOSITED_SHIFT) & MASK_64;
    }

    /// @inheritdoc IShareToken
    function streamedTotal() external view override returns (uint256) {
        uint256 s = _stream;
        return _accumulator(s) * (_totals & MASK_96) >> ((s >> PREC_SHIFT) & MASK_7);
    }

    /// @inheritdoc IShareToken
    function streamedTotalAt(uint256 timestamp) external view override returns (bool known, uint256 total) {
        uint256 s = _stream;
        if (timestamp < ((s >> LAST_SHIFT) & MASK_32) || timestamp > block.timestamp) return (false, 0);
        return (true, _accumulatorAt(s, timestamp) * (_totals & MASK_96) >> ((s >> PREC_SHIFT) & MASK_7));
    }

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
        return _stream & PAUSED_BITS != 0;
    }

    /// @inheritdoc IShareToken
    function pausedByGovernance() external view override returns (bool) {
        return _stream & GOVERNANCE_PAUSED_BIT != 0;
    }

    /// @inheritdoc IShareToken
    function pausedByOperator() external view override returns (bool) {
        return _stream & OPERATOR_PAUSED_BIT != 0;
    }

    /// @inheritdoc IShareToken
    function isProtected(address account) external view override returns (bool) {
        return _accounts[account] & PROTECTED_BIT != 0;
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

    /// @dev The merge rule in one place, for the deposit and for `depositLimits`: against the stream word `s`, a
    /// deposit of `amount` (<= the deposit cap) adds `added` (per share-wei, in acc units) to the unstreamed `rest` of
    /// the stream running until `end`; a duration above `keepsRate` would stream slower than the running rate. With no
    /// stream running, `rest` is 0 and `keepsRate` unbounded.
    function _mergeBounds(uint256 s, uint256 supply, uint256 amount)
        internal
        view
        returns (uint256 end, uint256 rest, uint256 added, uint256 keepsRate)
    {
        unchecked {
            // amount < 2**60 and shift <= 126: no overflow.
            added = (amount << ((s >> PREC_SHIFT) & MASK_7)) / supply;
            end = (s >> END_SHIFT) & MASK_32;
            if (end <= block.timestamp) return (end, 0, added, type(uint256).max);
            uint256 running = (s >> RATE_SHIFT) & MASK_91;
            // running < 2**91 and the remaining time <= MAX_DURATION: no overflow.
            rest = running * (end - block.timestamp);
            // A running stream has a rate >= 1 (added >= 2**30 > MAX_DURATION), so the division is safe. Exact:
            // (rest + added) / duration >= running  <=>  duration <= (rest + added) / running.
            keepsRate = (rest + added) / running;
        }
    }

    /// @dev Checkpoints the stream and merges a tranche of `amount` into it until `now + duration`, refusing any merge
    /// that would slow the running stream or end it earlier, and a payer's that would end it beyond both the running
    /// end and `horizon` seconds from now. Returns the new rate and the carried-over rest in whole-supply units (for
    /// the event).
    function _addTranche(uint256 amount, uint256 duration, uint256 horizon)
        internal
        returns (uint256 rateWhole, uint256 newEnd, uint256 carriedOver)
    {
        uint256 s = _stream;
        if (s & PAUSED_BITS != 0) revert TokenPaused();
        if (amount == 0) revert ZeroAmount();
        if (duration == 0 || duration > MAX_DURATION || block.timestamp + duration > MASK_32) {
            revert InvalidDuration(duration);
        }
        uint256 supply = _totals & MASK_96;
        uint256 deposited = (_totals >> DEPOSITED_SHIFT) & MASK_64;
        if (amount > MAX_TOTAL_DEPOSITED - deposited) revert DepositCapExceeded(deposited, amount);

        (uint256 rate, uint256 rest) = _mergedRate(s, supply, amount, duration, horizon);
        newEnd = block.timestamp + duration;
        _stream = _accumulator(s) | (rate << RATE_SHIFT) | (block.timestamp << LAST_SHIFT) | (newEnd << END_SHIFT)
            | (s & ~((uint256(1) << PREC_SHIFT) - 1));
        _totals = supply | ((deposited + amount) << DEPOSITED_SHIFT) | (block.timestamp << START_SHIFT);

        uint256 shift = (s >> PREC_SHIFT) & MASK_7;
        rateWhole = rate * supply * RATE_SCALE >> shift;
        carriedOver = rest * supply >> shift;
    }

    /// @dev The rate (per share-wei, acc units) of the stream merged with a tranche of `amount` over `duration`, and
    /// the unstreamed rest it carries; reverts unless the merge keeps the running stream at least as fast and no
    /// shorter, and, for a payer, ends no later than the later of the running end and `horizon` seconds from now.
    function _mergedRate(uint256 s, uint256 supply, uint256 amount, uint256 duration, uint256 horizon)
        internal
        view
        returns (uint256 rate, uint256 rest)
    {
        (uint256 end, uint256 unstreamed, uint256 added, uint256 keepsRate) = _mergeBounds(s, supply, amount);
        uint256 remaining = end > block.timestamp ? end - block.timestamp : 0;
        if (remaining != 0) {
            if (duration < remaining) revert StreamWouldEndEarlier(block.timestamp + duration, end);
            if (duration > keepsRate) revert StreamWouldSlowDown(duration, keepsRate);
        }
        if (duration > horizon && duration > remaining) {
            revert PayerHorizonExceeded(duration, Math.max(horizon, remaining));
        }
        unchecked {
            // Per share-wei, rest + added stays below cumulative deposits * 2**31 < 2**91, so the rate does too.
            rate = (unstreamed + added) / duration;
        }
        rest = unstreamed;
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

    function _claim(address recipient) internal returns (uint256 amount) {
        uint256 s = _stream;
        uint256 w = _checkpoint(_accounts[msg.sender], _accumulator(s), s);
        amount = (w >> ACCRUED_SHIFT) & MASK_64;
        if (amount == 0) return 0;
        _accounts[msg.sender] = w & ~(MASK_64 << ACCRUED_SHIFT);
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
        uint256 r = _registry;
        return IClusterRegistry(address(uint160(r))).operatorOf(r >> CLUSTER_SHIFT);
    }

    function _onlyOperator() internal view returns (address op) {
        op = _operator();
        if (msg.sender != op) revert NotOperator(msg.sender, op);
    }

    /// @dev Why a transfer would revert now: the custom error's selector (0 if it would not) and its numeric detail
    /// (the balance, the verification expiry or the frozen account). Mirrors `_move` check for check.
    function _transferRestriction(address from, address to, uint256 amount)
        internal
        view
        returns (bytes4 reason, uint256 detail)
    {
        uint256 s = _stream;
        if (s & PAUSED_BITS != 0) return (TokenPaused.selector, 0);
        if (from == address(0)) return (ERC20InvalidSender.selector, 0);
        if (to == address(0) || to == address(this)) return (ERC20InvalidReceiver.selector, 0);
        uint256 wf = _accounts[from];
        if (wf & FROZEN_BIT != 0) return (AccountFrozen.selector, uint160(from));
        if (wf & MASK_96 < amount) return (ERC20InsufficientBalance.selector, wf & MASK_96);
        uint256 wt = _accounts[to];
        if (wt & PROTECTED_BIT != 0) return (ERC20InvalidReceiver.selector, 0);
        if (wf & PROTECTED_BIT != 0 && to == _operator()) return (bytes4(0), 0);
        if (wt & FROZEN_BIT != 0) return (AccountFrozen.selector, uint160(to));
        if (s & ALLOWLIST_BIT != 0) {
            uint256 until = _verifiedUntil[to];
            if (until == 0) return (RecipientNotVerified.selector, 0);
            if (until < block.timestamp) return (RecipientVerificationExpired.selector, until);
        }
        return (bytes4(0), 0);
    }

    /// @dev The lifetime deposit cap must carry at least 10**12 whole units of the stablecoin. A low-level call, not
    /// try/catch: an address without code (or a fallback) answers no data, which the ABI decoder of a try/catch would
    /// turn into an empty revert in this contract instead of `StablecoinWithoutDecimals`.
    function _checkStablecoin(IERC20 stablecoin_) internal view {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = address(stablecoin_).staticcall(abi.encodeCall(IERC20Metadata.decimals, ()));
        if (!ok || ret.length < 32) revert StablecoinWithoutDecimals(stablecoin_);
        uint256 decimals_ = abi.decode(ret, (uint256));
        if (decimals_ > MAX_STABLECOIN_DECIMALS) {
            revert StablecoinDecimalsUnsupported(decimals_, MAX_STABLECOIN_DECIMALS);
        }
    }
}

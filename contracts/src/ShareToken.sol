// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareTokenControls} from "./abstracts/ShareTokenControls.sol";
import {IClusterRegistry} from "./interfaces/IClusterRegistry.sol";
import {IShareToken} from "./interfaces/IShareToken.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ShareToken
/// @notice ERC-20 shares of one GPU cluster streaming rental revenue to holders per second.
/// @dev This file holds the protocol's constants, initialization, permit and the revenue stream (deposits, tranches,
/// claims); the storage, its packed-word layout and the ERC-20 core are in `ShareTokenBase`, the operator's and
/// governance's controls in `ShareTokenControls`.
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
contract ShareToken is ShareTokenControls, Initializable {
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

    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @dev The implementation's own address, read by its clones (immutables live in the implementation's code): with
    /// it a clone recognises the factory that deployed it (`claimFor`).
    address internal immutable IMPLEMENTATION = address(this);

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
                                 PERMIT
    //////////////////////////////////////////////////////////////*/

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
        return _claim(msg.sender, msg.sender);
    }

    /// @inheritdoc IShareToken
    function claimTo(address recipient) external override returns (uint256 amount) {
        if (recipient == address(0)) revert ZeroAddress();
        return _claim(msg.sender, recipient);
    }

    /// @inheritdoc IShareToken
    function claimFor(address holder) external override returns (uint256 amount) {
        address deployed =
            Clones.predictDeterministicAddress(IMPLEMENTATION, bytes32(_registry >> CLUSTER_SHIFT), msg.sender);
        if (deployed != address(this)) revert NotFactory(msg.sender);
        return _claim(holder, holder);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

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

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

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

    /// @dev Every claim path: `holder`'s accrued revenue is zeroed before the stablecoin moves (CEI), so a reentrant
    /// claim during the transfer finds nothing left to pay.
    function _claim(address holder, address recipient) internal returns (uint256 amount) {
        uint256 s = _stream;
        uint256 w = _checkpoint(_accounts[holder], _accumulator(s), s);
        amount = (w >> ACCRUED_SHIFT) & MASK_64;
        if (amount == 0) return 0;
        _accounts[holder] = w & ~(MASK_64 << ACCRUED_SHIFT);
        IERC20(address(uint160(_coin))).safeTransfer(recipient, amount);
        emit Claimed(holder, recipient, amount);
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

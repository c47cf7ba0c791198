// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../interfaces/IClusterRegistry.sol";
import {IShareToken} from "../interfaces/IShareToken.sol";
import {ShareTokenBase} from "./ShareTokenBase.sol";

/// @title ShareTokenControls
/// @notice The operator's ERC-3643-like controls of `ShareToken` (allowlist with expiry, freeze, pause, forced
/// transfer, wallet recovery), governance's emergency pause, and the views that tell whether a transfer would pass.
/// @dev The flags live in the packed words of `ShareTokenBase` (allowlist and pauses in `_stream`, frozen and
/// protected in each account word); forced moves go through `_move`, like any transfer.
abstract contract ShareTokenControls is ShareTokenBase {
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

    function _setVerified(address account, uint256 validUntil) internal {
        if (validUntil > MASK_32) revert InvalidValidUntil(validUntil);
        _verifiedUntil[account] = validUntil;
        emit VerificationSet(account, validUntil);
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
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "./interfaces/IShareMarket.sol";

/// @title ShareMarketNonces
/// @notice The market's maker nonces: a minimum nonce per maker (`cancelUpTo` ends every offer below it) and
/// single-use nonces in a per-maker bitmap (Permit2's unordered nonces), one word per NONCES_PER_WORD nonces.
/// @dev A nonce is used by the first fill or the cancellation of an offer that carries it. A clear bit proves that no
/// offer of the maker with that nonce was ever filled or cancelled, which lets a fill skip the offer's own fill word.
/// With consecutive nonces a maker's offers share a word, so using a nonce mostly changes a word already written.
abstract contract ShareMarketNonces is IShareMarket {
    /// @notice Nonces per bitmap word: nonce `n` is bit `n % NONCES_PER_WORD` of word `n / NONCES_PER_WORD`.
    uint256 internal constant NONCES_PER_WORD = 256;

    /// @dev Maker => minimum nonce.
    mapping(address maker => uint256) internal _minNonces;

    /// @dev Maker => word position => bitmap of used nonces.
    mapping(address maker => mapping(uint256 wordPos => uint256)) internal _nonceBitmaps;

    /// @inheritdoc IShareMarket
    function cancelUpTo(uint256 minNonce_) external {
        uint256 current = _minNonces[msg.sender];
        if (minNonce_ <= current) revert NonceNotIncreasing(current, minNonce_);
        _minNonces[msg.sender] = minNonce_;
        emit NoncesCancelled(msg.sender, minNonce_);
    }

    /// @inheritdoc IShareMarket
    function minNonce(address maker) external view returns (uint256) {
        return _minNonces[maker];
    }

    /// @inheritdoc IShareMarket
    function nonceUsed(address maker, uint256 nonce) external view returns (bool) {
        return _nonceIsUsed(maker, nonce);
    }

    /// @inheritdoc IShareMarket
    function nonceBitmap(address maker, uint256 wordPos) external view returns (uint256) {
        return _nonceBitmaps[maker][wordPos];
    }

    /// @dev Uses `nonce` of `maker`; returns true when it was unused until now.
    function _useNonce(address maker, uint256 nonce) internal returns (bool wasUnused) {
        (uint256 wordPos, uint256 bit) = _noncePosition(nonce);
        mapping(uint256 => uint256) storage bitmaps = _nonceBitmaps[maker];
        uint256 word = bitmaps[wordPos];
        wasUnused = word & bit == 0;
        if (wasUnused) bitmaps[wordPos] = word | bit;
    }

    /// @dev Whether `nonce` of `maker` was used.
    function _nonceIsUsed(address maker, uint256 nonce) internal view returns (bool) {
        (uint256 wordPos, uint256 bit) = _noncePosition(nonce);
        return _nonceBitmaps[maker][wordPos] & bit != 0;
    }

    /// @dev Where a nonce's bit sits: the word's position and the bit within the word.
    function _noncePosition(uint256 nonce) private pure returns (uint256 wordPos, uint256 bit) {
        return (nonce / NONCES_PER_WORD, 1 << (nonce % NONCES_PER_WORD));
    }
}

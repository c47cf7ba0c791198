// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareMarketNonces} from "./ShareMarketNonces.sol";
import {IClusterRegistry} from "./interfaces/IClusterRegistry.sol";
import {IRackshareFactory} from "./interfaces/IRackshareFactory.sol";
import {IShareMarket} from "./interfaces/IShareMarket.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ShareMarket
/// @notice Signed-offer secondary market for every ShareToken the factory deployed (see {IShareMarket}).
/// @dev Gas: a fill of a fresh offer reads three words of this contract (the maker's minimum nonce, the maker's
/// nonce-bitmap word, the fee word) and writes the bitmap word (see {ShareMarketNonces}); a fill that leaves a
/// remainder also writes the offer's fill word. The token is found without a call: the factory's clones sit at CREATE2
/// addresses derived from the cluster id, and "tokenized" is "code at that address" (the same rule as
/// `RackshareFactory.tokenOf`); the cold account access of the code check is the one the transfer would pay anyway.
///
/// Storage per offer hash is one word, the fill word: the amount taken by fills that left a remainder and by the fill
/// that completed them, with bit 255 set once the maker cancelled the offer. A fill that takes a fresh offer whole
/// writes nothing there: its nonce is the record. A filled amount never reaches 2**255: each fill moves that many
/// shares, and a ShareToken's supply is below 2**96.
///
/// Fee-on-transfer stablecoins: the stablecoin is the factory's, fixed, and the factory refuses one without decimals;
/// a coin with a dormant fee switch (USDT) could still start charging. The seller's balance is read around the
/// payment to it (`FeeOnTransferNotSupported` when it received less): two warm balance reads, cheaper than any
/// registry of "known good" coins and exact for the party that would lose. The fee recipient's leg is not measured
/// (it can only lose its own fee).
///
/// Reentrancy: `fill` and `fillWithPermits` hold a transient guard. State is written before any external call (CEI),
/// so `cancel`, `cancelUpTo` and `setFee` re-entered from a token call only act on later fills.
contract ShareMarket is ShareMarketNonces, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareMarket
    uint16 public constant override MAX_FEE_BPS = 100;

    uint256 internal constant BPS_DENOMINATOR = 10_000;
    uint256 internal constant SHARE_UNIT = 1e18;

    bytes32 internal constant OFFER_TYPEHASH = keccak256(
        "Offer(address maker,uint8 side,uint256 clusterId,uint256 amount,uint256 price,address taker,uint256 expiry,uint256 nonce)"
    );

    /// @dev Set in an offer's fill word once its maker cancelled it.
    uint256 internal constant CANCELLED_BIT = 1 << 255;
    uint256 internal constant MASK_16 = (1 << 16) - 1;
    uint256 internal constant RECIPIENT_SHIFT = 16;

    IRackshareFactory internal immutable FACTORY;
    IClusterRegistry internal immutable REGISTRY;
    IERC20 internal immutable STABLECOIN;
    address internal immutable SHARE_TOKEN_IMPLEMENTATION;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev feeBps (bits 0-15) | recipient << 16: one read per fill.
    uint256 internal _feeWord;

    /// @dev Offer hash => amount filled by partial fills | CANCELLED_BIT.
    mapping(bytes32 offerHash => uint256) internal _fills;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTION
    //////////////////////////////////////////////////////////////*/

    /// @param factory_ The factory whose tokens are traded; the registry, the stablecoin and the token implementation
    /// are read from it once.
    constructor(IRackshareFactory factory_) EIP712("Rackshare Market", "1") {
        FACTORY = factory_;
        REGISTRY = factory_.registry();
        STABLECOIN = factory_.stablecoin();
        SHARE_TOKEN_IMPLEMENTATION = factory_.shareTokenImplementation();
    }

    /*//////////////////////////////////////////////////////////////
                                TRADING
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareMarket
    function fill(Offer calldata offer, bytes calldata signature, uint256 amount)
        external
        nonReentrant
        returns (uint256 cost)
    {
        (bytes32 offerHash, address token, bool sell, uint256 taken, uint256 cost_) = _check(offer, signature, amount);
        _settle(offerHash, offer, token, sell, taken, cost_);
        return cost_;
    }

    /// @inheritdoc IShareMarket
    function fillWithPermits(
        Offer calldata offer,
        bytes calldata signature,
        uint256 amount,
        Permit calldata makerPermit,
        Permit calldata takerPermit
    ) external nonReentrant returns (uint256 cost) {
        (bytes32 offerHash, address token, bool sell, uint256 taken, uint256 cost_) = _check(offer, signature, amount);
        // Sized from what this fill takes (at most the amount asked for): the maker gives shares (Sell) or stablecoin
        // (Buy), the taker the other asset. The fill is recorded before these calls (CEI).
        _applyPermit(sell ? IERC20(token) : STABLECOIN, offer.maker, sell ? taken : cost_, makerPermit);
        _applyPermit(sell ? STABLECOIN : IERC20(token), msg.sender, sell ? cost_ : taken, takerPermit);
        _settle(offerHash, offer, token, sell, taken, cost_);
        return cost_;
    }

    /// @inheritdoc IShareMarket
    function cancel(Offer[] calldata offers) external {
        for (uint256 i = 0; i < offers.length; ++i) {
            Offer calldata offer = offers[i];
            if (offer.maker != msg.sender) revert NotMaker(offer.maker);
            bytes32 offerHash = _hashOffer(offer);
            _useNonce(msg.sender, offer.nonce);
            _fills[offerHash] |= CANCELLED_BIT;
            emit OfferCancelled(offerHash, msg.sender);
        }
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareMarket
    function setFee(uint16 feeBps, address recipient) external {
        if (msg.sender != REGISTRY.owner()) revert NotGovernance();
        if (feeBps > MAX_FEE_BPS) revert FeeTooHigh(feeBps, MAX_FEE_BPS);
        if (feeBps != 0 && recipient == address(0)) revert ZeroFeeRecipient();
        _feeWord = uint256(feeBps) | (uint256(uint160(recipient)) << RECIPIENT_SHIFT);
        emit FeeSet(feeBps, recipient);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IShareMarket
    function hashOffer(Offer calldata offer) external view returns (bytes32) {
        return _hashOffer(offer);
    }

    /// @inheritdoc IShareMarket
    function filled(bytes32 offerHash) external view returns (uint256) {
        return _fills[offerHash] & ~CANCELLED_BIT;
    }

    /// @inheritdoc IShareMarket
    function cancelled(bytes32 offerHash) external view returns (bool) {
        return _fills[offerHash] & CANCELLED_BIT != 0;
    }

    /// @inheritdoc IShareMarket
    function remaining(Offer calldata offer) external view returns (uint256) {
        if (block.timestamp >= offer.expiry || offer.nonce < _minNonces[offer.maker]) return 0;
        if (!_nonceIsUsed(offer.maker, offer.nonce)) return offer.amount;
        uint256 word = _fills[_hashOffer(offer)];
        // A used nonce with no partial record: filled whole at once, or used by another offer of the maker.
        if (word == 0 || word & CANCELLED_BIT != 0 || word >= offer.amount) return 0;
        return offer.amount - word;
    }

    /// @inheritdoc IShareMarket
    function quote(Offer calldata offer, uint256 amount) external view returns (uint256 cost, uint256 fee_) {
        uint8 side = offer.side;
        if (side > uint8(Side.Buy)) revert InvalidSide(side);
        cost = _cost(side == uint8(Side.Sell), amount, offer.price);
        fee_ = cost * (_feeWord & MASK_16) / BPS_DENOMINATOR;
    }

    /// @inheritdoc IShareMarket
    function fee() external view returns (uint16 feeBps, address recipient) {
        uint256 word = _feeWord;
        return (uint16(word & MASK_16), address(uint160(word >> RECIPIENT_SHIFT)));
    }

    /// @inheritdoc IShareMarket
    function tokenOf(uint256 clusterId) external view returns (address) {
        address token = _tokenAt(clusterId);
        return token.code.length == 0 ? address(0) : token;
    }

    /// @inheritdoc IShareMarket
    function factory() external view returns (IRackshareFactory) {
        return FACTORY;
    }

    /// @inheritdoc IShareMarket
    function stablecoin() external view returns (IERC20) {
        return STABLECOIN;
    }

    /// @inheritdoc IShareMarket
    function registry() external view returns (IClusterRegistry) {
        return REGISTRY;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Moves the shares and the stablecoin of a fill `_check` recorded, and emits {OfferFilled}.
    function _settle(bytes32 offerHash, Offer calldata offer, address token, bool sell, uint256 amount, uint256 cost)
        private
    {
        (address seller, address buyer) = sell ? (offer.maker, msg.sender) : (msg.sender, offer.maker);
        uint256 feeWord = _feeWord;
        uint256 fee_ = cost * (feeWord & MASK_16) / BPS_DENOMINATOR;

        // The token's own rules apply (allowlist, freeze, pauses), with its own errors; it reverts on failure.
        // slither-disable-next-line unchecked-transfer
        IERC20(token).transferFrom(seller, buyer, amount);
        _pay(buyer, seller, cost - fee_);
        if (fee_ != 0) STABLECOIN.safeTransferFrom(buyer, address(uint160(feeWord >> RECIPIENT_SHIFT)), fee_);

        _emitFilled(offerHash, offer, amount, cost, fee_);
    }

    /// @dev Emits {OfferFilled} (its own frame keeps `_fill` within the stack limit).
    function _emitFilled(bytes32 offerHash, Offer calldata offer, uint256 amount, uint256 cost, uint256 fee_) private {
        emit OfferFilled(
            offerHash, offer.maker, msg.sender, offer.clusterId, offer.side, amount, offer.price, cost, fee_
        );
    }

    /// @dev Every check of a fill, and the fill's record: the offer's hash, its token, its side, the amount it takes
    /// (`amount`, or what is left when that is less: a fill ahead of this one cannot make it revert) and its cost.
    function _check(Offer calldata offer, bytes calldata signature, uint256 amount)
        private
        returns (bytes32 offerHash, address token, bool sell, uint256 taken, uint256 cost)
    {
        if (amount == 0) revert ZeroAmount();
        {
            uint8 side = offer.side;
            if (side > uint8(Side.Buy)) revert InvalidSide(side);
            sell = side == uint8(Side.Sell);
        }
        if (block.timestamp >= offer.expiry) revert OfferExpired(offer.expiry);
        {
            address maker = offer.maker;
            if (maker == msg.sender) revert SelfTrade();
            if (offer.taker != address(0) && offer.taker != msg.sender) revert NotTaker(offer.taker);
            uint256 makerMinNonce = _minNonces[maker];
            if (offer.nonce < makerMinNonce) revert NonceCancelled(offer.nonce, makerMinNonce);
        }

        offerHash = _hashOffer(offer);
        (taken, cost) = _record(offer, offerHash, sell, amount);

        _checkSignature(offer.maker, offerHash, signature);
        token = _tokenAt(offer.clusterId);
        if (token.code.length == 0) revert NotTokenized(offer.clusterId);
    }

    /// @dev Uses the offer's nonce and records the fill: the amount it takes (`amount`, or what is left when that is
    /// less) and its cost. A fill that takes the whole offer at once leaves only the nonce's bit as its record.
    function _record(Offer calldata offer, bytes32 offerHash, bool sell, uint256 amount)
        private
        returns (uint256 taken, uint256 cost)
    {
        uint256 word = _spendNonceOrReadFill(offer, offerHash);
        uint256 left = offer.amount > word ? offer.amount - word : 0;
        if (left == 0) revert FillExceedsRemaining(amount, 0);
        taken = amount < left ? amount : left;
        cost = _cost(sell, taken, offer.price);
        if (cost == 0) revert ZeroCost();
        // A Buy offer's remainder costs floor(rest * price / 1e18): a remainder that rounds to 0 could never be filled.
        if (!sell && taken != left && _cost(false, left - taken, offer.price) == 0) revert DustRemainder();
        if (word != 0 || taken != left) {
            unchecked {
                // word + taken <= offer.amount, and a fill moves that many shares (< 2**96): never reaches the bit.
                _fills[offerHash] = word + taken;
            }
        }
    }

    /// @dev Uses the offer's nonce on its first fill and returns its fill word: 0 without a read when the nonce was
    /// unused (the offer never filled nor cancelled), else the recorded word, which must hold a partial fill of this
    /// very offer.
    function _spendNonceOrReadFill(Offer calldata offer, bytes32 offerHash) private returns (uint256 word) {
        if (_useNonce(offer.maker, offer.nonce)) return 0;
        word = _fills[offerHash];
        if (word & CANCELLED_BIT != 0) revert OfferIsCancelled(offerHash);
        // Used, and no partial fill of this offer on record: filled whole at once, or another offer of the maker with
        // this nonce was filled or cancelled.
        if (word == 0) revert NonceUsed(offer.nonce);
    }

    /// @dev Pays the seller from the buyer and refuses a stablecoin that delivered less (fee on transfer). The first
    /// balance read warms the seller's balance slot for the transfer, so the check costs two warm calls.
    function _pay(address buyer, address seller, uint256 proceeds) private {
        uint256 before = _balanceOf(seller);
        STABLECOIN.safeTransferFrom(buyer, seller, proceeds);
        if (_balanceOf(seller) - before < proceeds) revert FeeOnTransferNotSupported();
    }

    /// @dev `STABLECOIN.balanceOf(account)` in scratch space (no memory expansion, no ABI helpers).
    function _balanceOf(address account) private view returns (uint256 amount) {
        IERC20 coin = STABLECOIN;
        assembly ("memory-safe") {
            mstore(0x00, 0x70a08231) // balanceOf(address)
            mstore(0x20, account)
            if iszero(and(gt(returndatasize(), 0x1f), staticcall(gas(), coin, 0x1c, 0x24, 0x00, 0x20))) {
                returndatacopy(0x00, 0x00, returndatasize())
                revert(0x00, returndatasize())
            }
            amount := mload(0x00)
        }
    }

    /// @dev An ECDSA signature by the maker first (no call, no account access for an EOA), then EIP-1271.
    function _checkSignature(address maker, bytes32 offerHash, bytes calldata signature) private view {
        (address recovered, ECDSA.RecoverError error_,) = ECDSA.tryRecoverCalldata(offerHash, signature);
        if (error_ == ECDSA.RecoverError.NoError && recovered == maker) return;
        if (!SignatureChecker.isValidERC1271SignatureNowCalldata(maker, offerHash, signature)) {
            revert InvalidSignature();
        }
    }

    /// @dev Applies `permit` when it is given (deadline != 0) and `owner`'s allowance is short of `needed`: a permit
    /// someone else already submitted (front-run) has set the allowance, and is skipped instead of reverting.
    function _applyPermit(IERC20 asset, address owner, uint256 needed, Permit calldata permit) private {
        if (permit.deadline == 0 || asset.allowance(owner, address(this)) >= needed) return;
        IERC20Permit(address(asset))
            .permit(owner, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s);
    }

    /// @dev The offer's EIP-712 hash: its eight fields are static, so the struct's calldata is its encodeData. Dirty
    /// upper bits in a field only change the hash (no valid signature), and the fields the checks read are validated
    /// by the ABI decoder on access.
    function _hashOffer(Offer calldata offer) private view returns (bytes32) {
        bytes32 typeHash = OFFER_TYPEHASH;
        bytes32 structHash;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            calldatacopy(add(ptr, 0x20), offer, 0x100)
            structHash := keccak256(ptr, 0x120)
        }
        return _hashTypedDataV4(structHash);
    }

    /// @dev The factory's CREATE2 address for the cluster's token (code there or not).
    function _tokenAt(uint256 clusterId) private view returns (address) {
        return Clones.predictDeterministicAddress(SHARE_TOKEN_IMPLEMENTATION, bytes32(clusterId), address(FACTORY));
    }

    /// @dev `amount * price / 1e18`, rounded up for a Sell offer (the taker pays) and down for a Buy offer (the maker
    /// pays): in the maker's favour either way. The 512-bit `mulDiv` only when the product overflows 256 bits.
    function _cost(bool sell, uint256 amount, uint256 price) private pure returns (uint256) {
        unchecked {
            uint256 product = amount * price;
            if (price == 0 || product / price == amount) {
                if (!sell || product == 0) return product / SHARE_UNIT;
                return (product - 1) / SHARE_UNIT + 1;
            }
        }
        return Math.mulDiv(amount, price, SHARE_UNIT, sell ? Math.Rounding.Ceil : Math.Rounding.Floor);
    }
}

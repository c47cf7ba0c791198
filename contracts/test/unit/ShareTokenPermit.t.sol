// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareToken} from "../../src/ShareToken.sol";
import {IShareTokenErrors} from "../../src/interfaces/IShareTokenErrors.sol";
import {ShareTokenFixture} from "../utils/ShareTokenFixture.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice EIP-2612 permit of ShareToken: nonce, deadline, signer, and the catalogue gaps (replay on another clone or
/// chain, malleable high-s signatures).
contract ShareTokenPermitTest is ShareTokenFixture {
    uint256 internal constant PK = 0xA11CE;
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    /// @dev secp256k1 group order.
    uint256 internal constant N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function _permitSig(uint256 pk, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        (v, r, s) = vm.sign(pk, _digest(token, vm.addr(pk), spender, value, nonce, deadline));
    }

    function test_Permit_SetsAllowanceAndUsesNonce() public {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(pk, bob, 42, 0, block.timestamp);
        token.permit(owner, bob, 42, block.timestamp, v, r, s);
        assertEq(token.allowance(owner, bob), 42);
        assertEq(token.nonces(owner), 1);
        // replay fails: the nonce moved on, so the recovered signer differs
        vm.expectPartialRevert(IShareTokenErrors.ERC2612InvalidSigner.selector);
        token.permit(owner, bob, 42, block.timestamp, v, r, s);
    }

    function test_RevertWhen_Permit_Expired() public {
        uint256 pk = 0xA11CE;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(pk, bob, 42, 0, block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ERC2612ExpiredSignature.selector, block.timestamp - 1));
        token.permit(vm.addr(pk), bob, 42, block.timestamp - 1, v, r, s);
    }

    function test_RevertWhen_Permit_WrongSigner() public {
        uint256 pk = 0xA11CE;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(pk, bob, 42, 0, block.timestamp);
        // A signature by pk over a permit naming another owner recovers some other address.
        vm.expectPartialRevert(IShareTokenErrors.ERC2612InvalidSigner.selector);
        token.permit(alice, bob, 42, block.timestamp, v, r, s);
    }

    function test_DomainSeparator_DiffersPerClone() public {
        ShareToken other = _newToken(usd, SUPPLY, offering);
        assertTrue(other.DOMAIN_SEPARATOR() != token.DOMAIN_SEPARATOR());
        (, string memory name,,, address verifying,,) = token.eip712Domain();
        assertEq(name, "Rackshare Share");
        assertEq(verifying, address(token));
    }

    /*//////////////////////////////////////////////////////////////
                    CATALOGUE: REPLAY AND MALLEABILITY
    //////////////////////////////////////////////////////////////*/

    function _digest(ShareToken t, address owner, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", t.DOMAIN_SEPARATOR(), structHash));
    }

    /// Catalogue: a permit signed for one clone cannot be replayed on another clone, nor on another chain; the error
    /// names the address the foreign digest recovers to.
    function test_RevertWhen_Permit_ReplayedOnOtherCloneOrChain() public {
        address owner = vm.addr(PK);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PK, _digest(token, owner, bob, 42, 0, deadline));

        ShareToken other = _newToken(usd, SUPPLY, offering);
        address recovered = ecrecover(_digest(other, owner, bob, 42, 0, deadline), v, r, s);
        assertTrue(recovered != owner);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ERC2612InvalidSigner.selector, recovered, owner));
        other.permit(owner, bob, 42, deadline, v, r, s);

        uint256 snap = vm.snapshotState();
        vm.chainId(1);
        recovered = ecrecover(_digest(token, owner, bob, 42, 0, deadline), v, r, s);
        assertTrue(recovered != owner);
        vm.expectRevert(abi.encodeWithSelector(IShareTokenErrors.ERC2612InvalidSigner.selector, recovered, owner));
        token.permit(owner, bob, 42, deadline, v, r, s);
        vm.revertToState(snap);

        // On its own clone and chain it works, once.
        token.permit(owner, bob, 42, deadline, v, r, s);
        assertEq(token.allowance(owner, bob), 42);
        assertEq(other.allowance(owner, bob), 0);
        assertEq(other.nonces(owner), 0);
    }

    /// Catalogue: the malleable twin of a valid permit signature (s in the upper half, v flipped) is rejected and
    /// consumes no nonce.
    function test_RevertWhen_Permit_HighS() public {
        address owner = vm.addr(PK);
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PK, _digest(token, owner, bob, 42, 0, deadline));
        bytes32 highS = bytes32(N - uint256(s));
        uint8 flipped = v == 27 ? 28 : 27;
        // The twin is a valid secp256k1 signature of the same digest.
        assertEq(ecrecover(_digest(token, owner, bob, 42, 0, deadline), flipped, r, highS), owner);
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureS.selector, highS));
        token.permit(owner, bob, 42, deadline, flipped, r, highS);
        assertEq(token.nonces(owner), 0);
        assertEq(token.allowance(owner, bob), 0);
        token.permit(owner, bob, 42, deadline, v, r, s);
        assertEq(token.allowance(owner, bob), 42);
    }
}

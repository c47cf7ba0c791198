// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClusterRegistry} from "../../src/interfaces/IClusterRegistry.sol";
import {Test} from "forge-std/Test.sol";

/// @title RegistrySigning
/// @notice Test helper: an oracle committee of `vm.addr` keys that signs ClusterRegistry attestations and epoch
/// reports with `vm.sign`. Digests are built here from the EIP-712 type strings, independently of the registry's own
/// `hashAttestation`/`hashReport`, so tests cross-check the contract against the standard.
abstract contract RegistrySigning is Test {
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string internal constant ATTESTATION_TYPE =
        "Attestation(uint256 clusterId,bytes32 hardwareRoot,uint32 gpuCount,uint64 issuedAt,uint64 validUntil,uint32 nonce,uint32 committeeVersion)";
    string internal constant EPOCH_REPORT_TYPE =
        "EpochReport(uint256 clusterId,uint64 epoch,uint64 gpuHoursMilli,uint16 utilizationBps,uint32 gpusOnline,uint256 revenue,bytes32 telemetryRoot,uint32 committeeVersion)";

    /// @dev secp256k1 group order; `n - s` turns a low-s signature into its malleated high-s twin.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    /// @dev Deterministic committee of `n` keys, sorted by ascending address.
    function _makeCommittee(uint256 n, uint256 seed)
        internal
        pure
        returns (address[] memory addrs, uint256[] memory keys)
    {
        addrs = new address[](n);
        keys = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            keys[i] = uint256(keccak256(abi.encode("rackshare.committee", seed, i))) % (SECP256K1_N - 1) + 1;
            addrs[i] = vm.addr(keys[i]);
        }
        _sortByAddress(addrs, keys);
    }

    /// @dev Insertion sort of (addr, key) pairs by address.
    function _sortByAddress(address[] memory addrs, uint256[] memory keys) internal pure {
        for (uint256 i = 1; i < addrs.length; ++i) {
            address a = addrs[i];
            uint256 k = keys[i];
            uint256 j = i;
            while (j > 0 && addrs[j - 1] > a) {
                addrs[j] = addrs[j - 1];
                keys[j] = keys[j - 1];
                --j;
            }
            addrs[j] = a;
            keys[j] = k;
        }
    }

    function _domainSeparator(address registry, uint256 chainId) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH, keccak256("Rackshare ClusterRegistry"), keccak256("1"), chainId, registry
            )
        );
    }

    function _attestationDigest(address registry, uint256 chainId, IClusterRegistry.Attestation memory a)
        internal
        pure
        returns (bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(bytes(ATTESTATION_TYPE)),
                a.clusterId,
                a.hardwareRoot,
                a.gpuCount,
                a.issuedAt,
                a.validUntil,
                a.nonce,
                a.committeeVersion
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(registry, chainId), structHash));
    }

    function _reportDigest(address registry, uint256 chainId, IClusterRegistry.EpochReport memory r)
        internal
        pure
        returns (bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(bytes(EPOCH_REPORT_TYPE)),
                r.clusterId,
                r.epoch,
                r.gpuHoursMilli,
                r.utilizationBps,
                r.gpusOnline,
                r.revenue,
                r.telemetryRoot,
                r.committeeVersion
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(registry, chainId), structHash));
    }

    /// @dev 65-byte `r ‖ s ‖ v` signature, as viem's signTypedData returns it.
    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Signs `digest` with every key, in the given order.
    function _signAll(uint256[] memory keys, bytes32 digest) internal pure returns (bytes[] memory sigs) {
        sigs = new bytes[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i) {
            sigs[i] = _sign(keys[i], digest);
        }
    }

    /// @dev The first `k` entries of `keys`.
    function _firstKeys(uint256[] memory keys, uint256 k) internal pure returns (uint256[] memory out) {
        out = new uint256[](k);
        for (uint256 i = 0; i < k; ++i) {
            out[i] = keys[i];
        }
    }

    /// @dev The malleated twin of a valid 65-byte signature: `s' = n - s`, `v' = v ^ 1` (recovers the same signer).
    function _malleate(bytes memory sig) internal pure returns (bytes memory) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
        return abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }
}

/**
 * The 2048-bit logs bloom of a block header (yellow paper, M3:2048): every log's address and each of its topics set
 * three bits, taken from the first three byte pairs of their keccak-256 hash. A clear bit proves that no log of that
 * block carries the item; a set bit only says "maybe". The indexer uses it to catch an `eth_getLogs` answer that left
 * logs out near the head, and to leave blocks out of a finalized range's stablecoin query (bloom-gate.ts); viem has
 * no helper for it.
 */
import { type Hex, hexToBytes, keccak256 } from 'viem';

export type BloomBits = readonly [number, number, number];

/** The three bit positions `item` (a 20-byte address or a 32-byte topic) sets in a logs bloom. */
export function bloomBits(item: Hex): BloomBits {
  const hash = hexToBytes(keccak256(item));
  const bit = (index: number) => ((hash[index]! << 8) | hash[index + 1]!) & 2047;
  return [bit(0), bit(2), bit(4)];
}

/** The header's bloom as bytes (big-endian: bit 0 is the lowest bit of the last byte). */
export function bloomBytes(logsBloom: Hex) {
  const bytes = hexToBytes(logsBloom);
  if (bytes.length !== 256) throw new Error(`a logs bloom has 256 bytes, not ${bytes.length}`);
  return bytes;
}

/** False when the bloom proves that no log of the block carries the item; true when it may. */
export function bloomMayContain(bloom: Uint8Array, bits: BloomBits) {
  return bits.every((bit) => (bloom[255 - (bit >> 3)]! & (1 << (bit & 7))) !== 0);
}

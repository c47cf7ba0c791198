/**
 * The bloom tests of a range read (read.ts): which blocks a logsBloom proves to hold no stablecoin transfer from or to
 * the protocol, so that a finalized range's stablecoin query can leave them out, and the same test for the by-hash
 * re-reads near the head.
 */
import type { Address, Hex } from 'viem';
import { pad, toEventSelector } from 'viem';
import { type BloomBits, bloomBits, bloomBytes, bloomMayContain } from './bloom';
import type { ChainLog } from './decode';
import type { Header } from './read';

const TRANSFER_TOPIC = toEventSelector('Transfer(address,address,uint256)');

/**
 * Chains whose block headers' logsBloom leaves some logs out, where a clear bit proves nothing: Polygon PoS and its
 * testnet Amoy, whose state-sync transactions (bridge deposits, a stablecoin minted to anyone) are not in the bloom.
 */
export const BLOOMS_LEAVE_LOGS_OUT = new Set([137, 80_002]);
/**
 * Protocol contracts above which a bloom that may hold the stablecoin's Transfer is not also tested against each of
 * them (three bit tests per contract and block): the block is asked about instead. Bounds the work per range.
 */
const MAX_BLOOM_PROTOCOL_TESTS = 256;

/** The bloom tests for `stablecoin`, with one cache of bloom bits per item for a reader's life. */
export function createBloomTests(stablecoin: Address) {
  const bitsCache = new Map<string, BloomBits>();
  const bitsOf = (item: Hex) => {
    const key = item.toLowerCase();
    let bits = bitsCache.get(key);
    if (!bits) {
      bits = bloomBits(item);
      bitsCache.set(key, bits);
    }
    return bits;
  };

  /**
   * False when `bloom` proves that its block holds no stablecoin Transfer from or to one of `protocol`. `protocolBits`:
   * their bits as topics, computed once for a range's every block (null: the stablecoin's Transfer alone decides).
   */
  function mayHoldProtocolTransfer(bloom: Uint8Array, protocol: Address[], protocolBits?: BloomBits[] | null) {
    if (!bloomMayContain(bloom, bitsOf(stablecoin)) || !bloomMayContain(bloom, bitsOf(TRANSFER_TOPIC))) {
      return false;
    }
    if (protocolBits === null) return true;
    if (protocolBits) return protocolBits.some((bits) => bloomMayContain(bloom, bits));
    return protocol.some((address) => bloomMayContain(bloom, bitsOf(pad(address))));
  }

  /**
   * The one span of `from`..`to` to ask the stablecoin about for transfers from or to `protocol` (undefined: none),
   * from the first to the last block that may hold one. A block's bloom is believed only when it vouches for itself:
   * the block has logs in `held` and the bloom holds each one's emitter (a zeroed or partial bloom, or one of a block
   * the answer has nothing of, proves nothing). So a block may hold one when its header is not at hand, its bloom is
   * missing or not believed, or the bloom may hold such a transfer. One span, not a request per run of blocks: a range
   * costs at most the queries it always cost.
   */
  function stablecoinSpan(
    from: bigint,
    to: bigint,
    headers: Map<bigint, Header>,
    protocol: Address[],
    held: ChainLog[],
  ) {
    const blooms = new Map<bigint, Uint8Array | undefined>();
    const bloomOf = (block: bigint) => {
      if (!blooms.has(block)) {
        const logsBloom = headers.get(block)?.logsBloom;
        blooms.set(block, logsBloom ? bloomBytes(logsBloom) : undefined);
      }
      return blooms.get(block);
    };
    const vouched = new Set<bigint>();
    const untrusted = new Set<bigint>();
    let previous: ChainLog | undefined;
    for (const log of held) {
      // A block's logs of one emitter in a row need one test (`held` is sorted lists joined: a repeat costs a test).
      if (previous?.blockNumber === log.blockNumber && previous.address === log.address) continue;
      previous = log;
      const bloom = bloomOf(log.blockNumber);
      if (bloom && bloomMayContain(bloom, bitsOf(log.address as Hex))) vouched.add(log.blockNumber);
      else untrusted.add(log.blockNumber);
    }
    const protocolBits =
      protocol.length <= MAX_BLOOM_PROTOCOL_TESTS ? protocol.map((address) => bitsOf(pad(address))) : null;
    let span: { fromBlock: bigint; toBlock: bigint } | undefined;
    for (let block = from; block <= to; block++) {
      const bloom = bloomOf(block);
      const believed = bloom !== undefined && vouched.has(block) && !untrusted.has(block);
      if (believed && !mayHoldProtocolTransfer(bloom, protocol, protocolBits)) continue;
      span = { fromBlock: span?.fromBlock ?? block, toBlock: block };
    }
    return span;
  }

  return { bitsOf, mayHoldProtocolTransfer, stablecoinSpan };
}

/**
 * stablecoinSpan on made-up headers: which blocks of a finalized range the stablecoin is asked about. A bloom is
 * believed only when its block has logs in the answer and the bloom holds their emitters; then it may rule the block
 * out. Everything it cannot rule out is inside the one span.
 */
import { type Address, bytesToHex, type Hex, pad, toEventSelector } from 'viem';
import { describe, expect, it } from 'vitest';
import { bloomBits } from './bloom';
import { createBloomTests } from './bloom-gate';
import type { ChainLog } from './decode';
import type { Header } from './read';

const stablecoin = '0x00000000000000000000000000000000000005c0' as Address;
const token = '0x0000000000000000000000000000000000000701' as Address;
const offering = '0x0000000000000000000000000000000000000702' as Address;
const stranger = '0x0000000000000000000000000000000000000bad' as Address;
const TRANSFER = toEventSelector('Transfer(address,address,uint256)');

/** A logsBloom with the bits of `items` (addresses and topics) set, as a block holding them would have. */
function bloomOf(items: Hex[]): Hex {
  const bytes = new Uint8Array(256);
  for (const item of items) for (const bit of bloomBits(item)) bytes[255 - (bit >> 3)]! |= 1 << (bit & 7);
  return bytesToHex(bytes);
}
const header = (number: bigint, logsBloom: Hex | null): Header => ({
  number,
  hash: `0x${number.toString(16).padStart(64, '0')}`,
  parentHash: `0x${(number - 1n).toString(16).padStart(64, '0')}`,
  timestamp: number,
  logsBloom,
});
/** A share transfer of `token` in `block`: the log that makes the block's header fetched, and vouches for its bloom. */
const shareTransfer = (block: bigint): ChainLog => ({
  address: token,
  topics: [TRANSFER, pad(stranger), pad(stranger)],
  data: '0x01',
  blockNumber: block,
  blockHash: header(block, null).hash,
  logIndex: 0,
  transactionHash: `0x${'11'.repeat(32)}`,
});
/** What a block with a share transfer only has in its bloom. */
const shareTransferBloom = bloomOf([token, TRANSFER, pad(stranger)]);

describe('stablecoinSpan', () => {
  const { stablecoinSpan } = createBloomTests(stablecoin);
  const protocol = [token, offering];
  const span = (headers: Header[], held: ChainLog[], contracts: Address[] = protocol) =>
    stablecoinSpan(10n, 14n, new Map(headers.map((entry) => [entry.number, entry])), contracts, held);
  const blocks = [10n, 11n, 12n, 13n, 14n];

  it('asks about nothing when every block has a believed bloom without the stablecoin', () => {
    expect(
      span(
        blocks.map((block) => header(block, shareTransferBloom)),
        blocks.map(shareTransfer),
      ),
    ).toBeUndefined();
  });

  it('asks from the first to the last block it cannot rule out: one without a header at hand', () => {
    const headers = blocks.filter((block) => block !== 12n).map((block) => header(block, shareTransferBloom));
    expect(span(headers, blocks.filter((block) => block !== 12n).map(shareTransfer))).toEqual({
      fromBlock: 12n,
      toBlock: 12n,
    });
  });

  it('does not believe a zeroed bloom, nor a missing one, of a block with logs', () => {
    const headers = blocks.map((block) =>
      header(block, block === 11n ? bloomOf([]) : block === 13n ? null : shareTransferBloom),
    );
    expect(span(headers, blocks.map(shareTransfer))).toEqual({ fromBlock: 11n, toBlock: 13n });
  });

  it('does not believe the bloom of a block the answer has no log in (it vouches for nothing)', () => {
    // Block 14's header is at hand (the range's last), its bloom clear of the stablecoin, but no log vouches for it.
    const headers = blocks.map((block) => header(block, block === 14n ? bloomOf([]) : shareTransferBloom));
    expect(span(headers, blocks.filter((block) => block !== 14n).map(shareTransfer))).toEqual({
      fromBlock: 14n,
      toBlock: 14n,
    });
  });

  it('asks about a block whose bloom may hold the stablecoin Transfer to a protocol contract, not to a stranger', () => {
    const toOffering = bloomOf([token, TRANSFER, pad(stranger), stablecoin, pad(offering)]);
    const toStranger = bloomOf([token, TRANSFER, pad(stranger), stablecoin]);
    const headers = blocks.map((block) =>
      header(block, block === 11n ? toStranger : block === 13n ? toOffering : shareTransferBloom),
    );
    expect(span(headers, blocks.map(shareTransfer))).toEqual({ fromBlock: 13n, toBlock: 13n });
  });

  it('past 256 protocol contracts, the stablecoin Transfer alone puts a block in (the work per block stays bounded)', () => {
    const many = Array.from({ length: 300 }, (_, n) => `0x${(n + 0x1000).toString(16).padStart(40, '0')}` as Address);
    const toStranger = bloomOf([token, TRANSFER, pad(stranger), stablecoin]);
    const headers = blocks.map((block) => header(block, block === 12n ? toStranger : shareTransferBloom));
    expect(span(headers, blocks.map(shareTransfer), [...protocol, ...many])).toEqual({ fromBlock: 12n, toBlock: 12n });
    expect(span(headers, blocks.map(shareTransfer))).toBeUndefined();
  });
});

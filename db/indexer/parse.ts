/**
 * viem's parseEventLogs for the indexer's ABI, fast enough for a backfill. viem scans every event of the ABI for each
 * log and checksums every address through a small LRU; at 10,000 share transfers per range that was most of the
 * indexer's CPU (about 185 µs per log). Here events are found by selector in a map built once, the ERC-20 Transfer
 * (almost every log of a busy chain) is decoded directly, and checksummed addresses are memoized. The result is what
 * parseEventLogs(strict) returns: logs that decode against no event of the ABI are left out.
 */
import {
  type Abi,
  type AbiEvent,
  type Address,
  decodeEventLog,
  getAddress,
  type Hex,
  type ParseEventLogsReturnType,
  toEventSelector,
} from 'viem';

type IndexedAbi = Abi;

export const TRANSFER = toEventSelector('Transfer(address,address,uint256)');
/** Checksummed addresses kept at most (a backfill meets every holder; the map is emptied when full). */
const MAX_CHECKSUMS = 100_000;
const checksums = new Map<string, Address>();

/**
 * The checksummed form of the address in the low 20 bytes of a 32-byte topic. Keyed by the topic itself: the hit
 * (nearly every call in a backfill) then allocates nothing, where slicing and lowercasing first made two strings.
 */
export function topicAddress(topic: Hex): Address {
  let address = checksums.get(topic);
  if (!address) {
    if (checksums.size >= MAX_CHECKSUMS) checksums.clear();
    address = getAddress(`0x${topic.slice(26).toLowerCase()}`);
    checksums.set(topic, address);
  }
  return address;
}

export function createLogParser<const TAbi extends IndexedAbi>(abi: TAbi) {
  const bySelector = new Map<Hex, AbiEvent[]>();
  for (const item of abi as readonly { type?: string }[]) {
    if (item.type !== 'event' || (item as AbiEvent).anonymous) continue;
    const selector = toEventSelector(item as AbiEvent);
    const items = bySelector.get(selector) ?? [];
    // The same event in two contracts' ABIs (Transfer) is one candidate.
    if (!items.some((known) => toEventSelector(known) === selector && sameShape(known, item as AbiEvent))) {
      items.push(item as AbiEvent);
    }
    bySelector.set(selector, items);
  }
  const erc20Transfer = bySelector
    .get(TRANSFER)
    ?.some((item) => item.inputs.filter((input) => input.indexed).length === 2);

  type Parsed = ParseEventLogsReturnType<TAbi extends Abi ? TAbi : Abi, undefined, true>;
  return function parseLogs(logs: readonly { topics: readonly Hex[]; data: Hex }[]): Parsed {
    const parsed: unknown[] = [];
    for (const log of logs) {
      const topics = log.topics;
      if (erc20Transfer && topics[0] === TRANSFER && topics.length === 3 && log.data.length === 66) {
        const args = { from: topicAddress(topics[1]!), to: topicAddress(topics[2]!), value: BigInt(log.data) };
        parsed.push({ ...log, eventName: 'Transfer', args });
        continue;
      }
      for (const item of bySelector.get(topics[0]!) ?? []) {
        try {
          const event = decodeEventLog({ abi: [item], data: log.data, topics: topics as [Hex], strict: true });
          parsed.push({ ...log, ...event });
          break;
        } catch {
          // Not this event (another indexed layout under the same selector): try the next one.
        }
      }
    }
    return parsed as Parsed;
  };
}

function sameShape(a: AbiEvent, b: AbiEvent) {
  return (
    a.inputs.length === b.inputs.length &&
    a.inputs.every((input, index) => input.type === b.inputs[index]!.type && input.indexed === b.inputs[index]!.indexed)
  );
}

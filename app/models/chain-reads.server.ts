/**
 * What the pages still read from the chain, made cheap enough for anonymous traffic (review M-8): one head read per
 * view (shared by the views that ask while it is in flight), every other read through one multicall (deployless: an
 * eth_call that carries Multicall3's bytecode, so no contract has to exist on the chain) pinned to that head, and
 * each answer kept per block in a bounded LRU, so a page viewed a thousand times within one block costs a thousand
 * block-number reads and one multicall, never a read per cluster.
 */
import type { AppLoadContext } from '@remix-run/node';
import { LRUCache } from 'lru-cache';
import type { Abi, ContractFunctionParameters } from 'viem';

type Chain = AppLoadContext['chain'];
export type HeadBlock = { number: bigint; hash: `0x${string}`; timestamp: bigint };

const heads = new WeakMap<object, Promise<HeadBlock>>();

/**
 * The latest block's number and time. Requests that arrive while a read is in flight share it; a settled read is
 * not reused, so a page reloaded right after the visitor's own transaction sees the block that holds it.
 */
export function headBlock(chain: Chain): Promise<HeadBlock> {
  const inFlight = heads.get(chain.publicClient);
  if (inFlight) return inFlight;
  const head = chain.publicClient
    .getBlock({ blockTag: 'latest' })
    .then((block) => ({ number: block.number, hash: block.hash, timestamp: block.timestamp }));
  heads.set(chain.publicClient, head);
  const settle = () => {
    if (heads.get(chain.publicClient) === head) heads.delete(chain.publicClient);
  };
  head.then(settle, settle);
  return head;
}

/**
 * A deployless multicall runs as contract creation: what it returns is taken as the new contract's code, which
 * EIP-170 caps at 24,576 bytes (anvil refuses more with CreateContractSizeLimit). Reads are packed by the caller's
 * estimate of each answer's ABI size so that every eth_call stays under this.
 */
const MULTICALL_RETURN_BYTES = 20_000;
/** What Multicall3 adds to each answer (success flag, offsets, length). */
const RESULT_OVERHEAD_BYTES = 128;

/**
 * Many contract reads in as few eth_calls as the return-size cap allows, at `blockNumber`; any revert fails them all.
 * `answerBytes` is the most one answer can take ABI-encoded (a word for a number or an address).
 */
export async function multiread(
  chain: Chain,
  contracts: readonly ContractFunctionParameters<Abi>[],
  blockNumber: bigint,
  answerBytes = 32,
): Promise<unknown[]> {
  const perCall = Math.max(1, Math.floor(MULTICALL_RETURN_BYTES / (answerBytes + RESULT_OVERHEAD_BYTES)));
  const chunks: (readonly ContractFunctionParameters<Abi>[])[] = [];
  for (let start = 0; start < contracts.length; start += perCall) chunks.push(contracts.slice(start, start + perCall));
  const answers = await Promise.all(
    chunks.map(
      (chunk) =>
        chain.publicClient.multicall({
          contracts: chunk as never,
          allowFailure: false,
          deployless: true,
          batchSize: 0,
          blockNumber,
        }) as Promise<unknown[]>,
    ),
  );
  return answers.flat();
}

/**
 * A bounded per-block memo: `read` runs once per (block, key) however many requests ask at once; answers of older
 * blocks are never asked for again and age out of the LRU.
 */
export function perBlock<T extends {}>(maxEntries: number) {
  const cache = new LRUCache<string, Promise<T>>({ max: maxEntries });
  return (chainId: number, blockNumber: bigint, key: string, read: () => Promise<T>): Promise<T> => {
    const entry = `${chainId}:${blockNumber}:${key}`;
    let answer = cache.get(entry);
    if (!answer) {
      answer = read();
      cache.set(entry, answer);
      answer.catch(() => {
        if (cache.get(entry) === answer) cache.delete(entry);
      });
    }
    return answer;
  };
}

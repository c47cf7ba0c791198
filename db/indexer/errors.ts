/**
 * The indexer's own failures, on the one error family (protocol/base-error.ts). Every failure of a step is retried
 * with backoff and never advances the cursor: those raised here are `UnavailableError`s (retryable) by nature, and
 * the RPC client's and the database driver's errors carry no retryable flag to decide on, so none of them stops the
 * loop. A configuration that cannot work is refused before the loop starts (ConfigError, MirrorMismatchError).
 */
import { BaseError, UnavailableError } from '#protocol/base-error';

export class RetryableIndexerError extends UnavailableError {
  override name = 'RetryableIndexerError';
}

/** The RPC answered something that cannot be a valid answer for the request (missing fields, out-of-range logs). */
export class MalformedRpcResponseError extends RetryableIndexerError {
  override name = 'MalformedRpcResponseError';
}

/** The chain moved under the indexer while it read a range (log block hashes disagree with the headers). */
export class ChainMovedError extends RetryableIndexerError {
  override name = 'ChainMovedError';
}

/** The code of IndexerLockLostError: the one failure of a step the indexer's loop does not retry. */
export const INDEXER_LOCK_LOST = 'indexer_lock_lost';

/**
 * A write transaction found the indexer lock no longer held by this indexer's session (lock.ts, `WriteFence`): another
 * indexer may already write, so this one must stop, never retry; the transaction wrote nothing. Not retryable in this
 * process's indexing loop; the process stands by again (or exits for its supervisor to restart it into standby).
 */
export class IndexerLockLostError extends BaseError {
  override name = 'IndexerLockLostError';
  constructor(shortMessage: string, parameters: { cause?: unknown } = {}) {
    super(shortMessage, { ...parameters, code: INDEXER_LOCK_LOST, retryable: false });
  }
}

/** True for an IndexerLockLostError (by its code: it may cross a module copy or a wrapper unchanged). */
export const isIndexerLockLost = (error: unknown) =>
  (error as { code?: unknown } | undefined)?.code === INDEXER_LOCK_LOST;

/** True for RPC errors that mean "the range asked for too many logs": the indexer halves its range and retries. */
export function isRangeTooLarge(error: unknown) {
  const text = `${(error as { details?: string }).details ?? ''} ${(error as Error).message ?? ''}`.toLowerCase();
  return /too many|range too large|block range|response size|limit exceeded|query returned more than|exceeded the size limit/.test(
    text,
  );
}

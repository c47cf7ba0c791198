/**
 * The indexer's two kinds of failure: a retryable one (RPC timeout, rate limit, malformed or inconsistent answer,
 * database unreachable) is retried with backoff and never advances the cursor; a fatal one (the configuration cannot
 * work) stops the indexer.
 */
export class RetryableIndexerError extends Error {
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

export class FatalIndexerError extends Error {
  override name = 'FatalIndexerError';
}

/** True for RPC errors that mean "the range asked for too many logs": the indexer halves its range and retries. */
export function isRangeTooLarge(error: unknown) {
  const text = `${(error as { details?: string }).details ?? ''} ${(error as Error).message ?? ''}`.toLowerCase();
  return /too many|range too large|block range|response size|limit exceeded|query returned more than|exceeded the size limit/.test(
    text,
  );
}

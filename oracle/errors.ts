/**
 * The oracle's error classes. Retryable errors (a peer or the chain is unreachable) are retried by their caller with
 * backoff; permanent errors are reported and never retried. A Rejection is a permanent error that the HTTP API returns
 * to the sender as `{ error: { code, message, ...details } }` with a 4xx status.
 */
export class RetryableError extends Error {
  override name = 'RetryableError';
}

export class PermanentError extends Error {
  override name = 'PermanentError';
}

/**
 * A journal write or sync failed: the file may end in a torn record and memory may be ahead of it, so the node stops
 * (fail-stop) and its supervisor restarts it from what the journal holds.
 */
export class JournalFailedError extends PermanentError {
  override name = 'JournalFailedError';
}

export class TelemetryFormatError extends PermanentError {
  override name = 'TelemetryFormatError';
}

export class Rejection extends PermanentError {
  override name = 'Rejection';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 422,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

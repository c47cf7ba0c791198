/**
 * The oracle's own error classes, on the one family of protocol/base-error.ts: a caller retries what is `retryable`
 * (UnavailableError: a peer, the chain or a telemetry source did not answer) and reports the rest. A refusal sent back
 * over HTTP is the protocol's `Rejection`.
 */
import { BaseError, type BaseErrorParameters } from '#protocol/base-error';

/**
 * A journal write or sync failed: the file may end in a torn record and memory may be ahead of it, so the node stops
 * (fail-stop) and its supervisor restarts it from what the journal holds.
 */
export class JournalFailedError extends BaseError {
  override name = 'JournalFailedError';
  constructor(shortMessage: string, parameters: Pick<BaseErrorParameters, 'cause' | 'details'> = {}) {
    super(shortMessage, { ...parameters, code: 'journal_failed', retryable: false });
  }
}

/** A telemetry source answered something that is not the documented format; asking again gives the same answer. */
export class TelemetryFormatError extends BaseError {
  override name = 'TelemetryFormatError';
  constructor(shortMessage: string, parameters: Pick<BaseErrorParameters, 'cause' | 'details'> = {}) {
    super(shortMessage, { ...parameters, code: 'telemetry_format', retryable: false });
  }
}

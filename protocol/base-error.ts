/**
 * The one error family of every runtime (app, indexer, oracle node and agent, the stack), in viem's style: a short
 * sentence for people (`shortMessage`), optional `details`, the error it wraps (`cause`, always passed on), a
 * machine-readable `code`, and whether trying again can help (`retryable`). Callers decide on `retryable` and `code`,
 * never on `instanceof` lists or message text. Browser-safe: the app's client code may throw and read these too.
 *
 * The wire shape of a refusal (`{ error: { code, message, ...details } }`) is `errorBodySchema` in ./wire.ts;
 * `Rejection.toBody()` writes it.
 */

export type BaseErrorParameters = {
  /** The error this one wraps; kept as the standard `cause` so loggers and `walk` see the whole chain. */
  cause?: unknown;
  /** A longer technical explanation, appended to `message` (not to `shortMessage`). */
  details?: string;
  /** Machine-readable reason, stable across releases (`snake_case` or the contract's error name). */
  code?: string;
  /** True when the same call may succeed later (a peer, the chain or the database was unreachable or busy). */
  retryable?: boolean;
};

export class BaseError extends Error {
  override name = 'BaseError';
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly code: string;
  readonly retryable: boolean;

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const { cause, details, code = 'internal', retryable = false } = parameters;
    super(
      details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage,
      cause === undefined ? undefined : { cause },
    );
    this.shortMessage = shortMessage;
    this.details = details;
    this.code = code;
    this.retryable = retryable;
  }

  /** The innermost cause (or the first one `match` accepts), following `cause` links. */
  walk(match?: (error: unknown) => boolean): unknown {
    return walkCauses(this, match);
  }
}

/** A setting or a deployment record cannot work; starting again without changing it fails the same way. */
export class ConfigError extends BaseError {
  override name = 'ConfigError';
  constructor(shortMessage: string, parameters: Omit<BaseErrorParameters, 'retryable'> = {}) {
    super(shortMessage, { code: 'config', ...parameters, retryable: false });
  }
}

/** Something this process depends on (RPC, database, a peer) did not answer, or answered nonsense; retry with backoff. */
export class UnavailableError extends BaseError {
  override name = 'UnavailableError';
  constructor(shortMessage: string, parameters: Omit<BaseErrorParameters, 'retryable'> = {}) {
    super(shortMessage, { code: 'unavailable', ...parameters, retryable: true });
  }
}

/**
 * A request was refused for what it is (never retried as is): the HTTP layer answers `status` with `toBody()`, and
 * nothing of the request was signed or stored.
 */
export class Rejection extends BaseError {
  override name = 'Rejection';
  readonly status: number;
  readonly extra: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    status = 422,
    extra: Record<string, unknown> = {},
    parameters: Pick<BaseErrorParameters, 'cause' | 'details'> = {},
  ) {
    super(message, { ...parameters, code, retryable: false });
    this.status = status;
    this.extra = extra;
  }

  /** The one wire shape of a refusal: `{ error: { code, message, ...extra } }` (./wire.ts `errorBodySchema`). */
  toBody() {
    return { error: { ...this.extra, code: this.code, message: this.shortMessage } };
  }
}

/** The innermost error of a `cause` chain, or the first one `match` accepts (bounded: a cyclic chain ends). */
export function walkCauses(error: unknown, match?: (error: unknown) => boolean): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 32; depth++) {
    if (match?.(current)) return current;
    const next = (current as { cause?: unknown } | null)?.cause;
    if (next === undefined || next === null || next === current) return match ? undefined : current;
    current = next;
  }
  return match ? undefined : current;
}

/** Whether trying again may help: the outermost BaseError of the chain decides (a wrapper may overrule its cause). */
export function isRetryable(error: unknown): boolean {
  const decider = walkCauses(error, (e) => e instanceof BaseError);
  return decider instanceof BaseError && decider.retryable;
}

/** The sentence to show a person for any thrown value: a BaseError's `shortMessage`, else the message, else the text. */
export function shortMessageOf(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}

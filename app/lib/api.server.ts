/**
 * The read-only JSON API's conventions: every answer is JSON; an error is the one wire shape of a refusal,
 * `{ "error": { "code", "message" } }` (protocol/base-error.ts `Rejection.toBody`, protocol/wire.ts `errorBodySchema`),
 * with 400 (invalid_parameter), 404 (not_found), 503 (unavailable) or 500 (internal, no details). Amounts are decimal
 * strings (uint256 does not fit a JSON number), times ISO 8601 or Unix seconds as named.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import { Rejection } from '#protocol/base-error';
import { isDataSourceUnavailable } from './http.server';

export class ApiError extends Rejection {
  override name = 'ApiError';
  constructor(
    status: 400 | 404 | 503,
    code: 'invalid_parameter' | 'not_found' | 'unavailable',
    message: string,
    parameters: { cause?: unknown } = {},
  ) {
    super(code, message, status, {}, parameters);
  }
}

export function apiParse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(400, 'invalid_parameter', `${issue.path.join('.') || 'parameter'}: ${issue.message}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

const headers = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };

const apiError = (rejection: Rejection) => Response.json(rejection.toBody(), { status: rejection.status, headers });

/**
 * Runs an API handler and turns its failures into JSON errors (never an HTML page, never a stack trace); an
 * unexpected one goes to the stack's log.
 */
export async function apiResponse(log: Logger, handler: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await handler(), { headers });
  } catch (error) {
    if (error instanceof Rejection) return apiError(error);
    if (isDataSourceUnavailable(error))
      return apiError(new ApiError(503, 'unavailable', 'A data source did not answer.', { cause: error }));
    log.error({ err: error }, 'an API request failed');
    return apiError(new Rejection('internal', 'Internal error.', 500));
  }
}

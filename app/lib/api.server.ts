/**
 * The read-only JSON API's conventions: every answer is JSON; an error is `{ "error": { "code", "message" } }` with
 * 400 (invalid_parameter), 404 (not_found), 503 (unavailable) or 500 (internal, no details). Amounts are decimal
 * strings (uint256 does not fit a JSON number), times ISO 8601 or Unix seconds as named.
 */
import type { z } from 'zod';
import { isDataSourceUnavailable } from './http.server';

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 503,
    readonly code: 'invalid_parameter' | 'not_found' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

export function apiParse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(400, 'invalid_parameter', `${issue.path.join('.') || 'parameter'}: ${issue.message}`);
  }
  return parsed.data;
}

const headers = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };

export function apiError(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status, headers });
}

/** Runs an API handler and turns its failures into JSON errors (never an HTML page, never a stack trace). */
export async function apiResponse(handler: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await handler(), { headers });
  } catch (error) {
    if (error instanceof ApiError) return apiError(error.status, error.code, error.message);
    if (isDataSourceUnavailable(error)) return apiError(503, 'unavailable', 'A data source did not answer.');
    console.error(error);
    return apiError(500, 'internal', 'Internal error.');
  }
}

import type { z } from 'zod';

/** Answers of the operator page's JSON actions: personal, so never kept by a browser or a shared cache. */
const NO_STORE = { 'cache-control': 'no-store' } as const;

export const privateJson = (body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) =>
  Response.json(body, { status: init.status, headers: { ...NO_STORE, ...init.headers } });

/** A refusal with its reason, as `{ error }`. */
export const refuse = (status: number, error: string) => privateJson({ error }, { status });

/** A 400 naming the first field zod refused and why. */
export function refuseInvalid(error: z.ZodError, what: string) {
  const issue = error.issues[0]!;
  return refuse(400, `Invalid ${issue.path.join('.') || what}: ${issue.message}`);
}

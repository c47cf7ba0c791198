import { errorBodySchema } from '#protocol/wire';

/** A form POST to one of the app's JSON actions; the refusal's message (the wire shape's `error.message`) when it refuses. */
export async function postForm(url: string, fields: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const refusal = errorBodySchema.safeParse(body);
  return { ok: response.ok, body, error: refusal.success ? refusal.data.error.message : response.statusText };
}

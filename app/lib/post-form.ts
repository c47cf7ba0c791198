/** A form POST to one of the app's JSON actions; the action's `error` sentence when it refuses. */
export async function postForm(url: string, fields: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: response.ok, body, error: typeof body.error === 'string' ? body.error : response.statusText };
}

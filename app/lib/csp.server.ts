/**
 * The Content Security Policy of every HTML response. Scripts run only with this response's nonce ('strict-dynamic'
 * lets those scripts load the app's modules); connections go to this origin and the public RPC only.
 */
export function contentSecurityPolicy(nonce: string, publicRpcUrl: string | undefined, development: boolean) {
  const connect = ["'self'"];
  if (publicRpcUrl) connect.push(new URL(publicRpcUrl).origin);
  if (development) connect.push('ws:');
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    // Remix's hydration data and React's style props need inline styles; never inline scripts.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

import { describe, expect, it } from 'vitest';
import { signedInAddress, signInCookie, signOutCookie } from './siwe-session.server';

const address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const web = { sessionSecret: 's'.repeat(32) };
const page = (origin: string, cookie?: string) =>
  new Request(`${origin}/operator`, { headers: cookie ? { cookie } : {} });
/** The name=value part of a Set-Cookie header, as a browser sends it back. */
const sentBack = (setCookie: string) => setCookie.split(';')[0]!;

describe('the sign-in session cookie', () => {
  it('carries the signed-in address for its chain only, httpOnly and sameSite=lax', async () => {
    const setCookie = await signInCookie(page('http://localhost:4550'), web, { address, chainId: 31_337 });
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const request = page('http://localhost:4550', sentBack(setCookie));
    expect(await signedInAddress(request, web, 31_337)).toBe(address);
    expect(await signedInAddress(request, web, 1)).toBeUndefined();
  });

  it('is secure over https', async () => {
    expect(await signInCookie(page('https://rackshare.example'), web, { address, chainId: 31_337 })).toMatch(/Secure/);
  });

  it('ends when the signed message expires', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const setCookie = await signInCookie(page('http://localhost:4550'), web, { address, chainId: 31_337, expiresAt });
    const request = page('http://localhost:4550', sentBack(setCookie));
    expect(await signedInAddress(request, web, 31_337, new Date(expiresAt.getTime() + 1))).toBeUndefined();
  });

  it('refuses a cookie whose content was altered', async () => {
    const setCookie = await signInCookie(page('http://localhost:4550'), web, { address, chainId: 31_337 });
    const [name, value] = sentBack(setCookie).split('=') as [string, string];
    const signed = decodeURIComponent(value);
    const cut = signed.lastIndexOf('.');
    const withPayload = (edit: (json: string) => string) => {
      const json = Buffer.from(signed.slice(0, cut), 'base64').toString();
      const payload = Buffer.from(edit(json)).toString('base64');
      return page('http://localhost:4550', `${name}=${encodeURIComponent(payload + signed.slice(cut))}`);
    };
    // Re-encoding the untouched payload keeps it valid, so the refusal below is the signature's doing.
    expect(
      await signedInAddress(
        withPayload((json) => json),
        web,
        31_337,
      ),
    ).toBe(address);
    const forged = withPayload((json) => json.replace(address.slice(2), '90F79bf6EB2c4f870365E785982E1f101E93b906'));
    expect(await signedInAddress(forged, web, 31_337)).toBeUndefined();
  });

  it('refuses a cookie signed with another secret (the secret comes from the settings)', async () => {
    const setCookie = await signInCookie(page('http://localhost:4550'), web, { address, chainId: 31_337 });
    const request = page('http://localhost:4550', sentBack(setCookie));
    expect(await signedInAddress(request, { sessionSecret: 't'.repeat(32) }, 31_337)).toBeUndefined();
  });

  it('is cleared by signing out', async () => {
    const setCookie = await signInCookie(page('http://localhost:4550'), web, { address, chainId: 31_337 });
    const cleared = await signOutCookie(page('http://localhost:4550', sentBack(setCookie)), web);
    expect(await signedInAddress(page('http://localhost:4550', sentBack(cleared)), web, 31_337)).toBeUndefined();
  });
});

/** Peer request authentication (H-2): only a committee member's fresh, untampered request for this node passes. */
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { devPrivateKey } from '../../devnet/accounts';
import { PEER_AUTH_FAILURE_BURST, PeerAuthenticator, signPeerRequest } from './peer-auth';

const context = { chainId: 31_337, registry: '0x00000000000000000000000000000000000000aa' as const };
const [self, peer, outsider] = [7, 8, 3].map((index) => ({
  key: devPrivateKey(index),
  address: privateKeyToAccount(devPrivateKey(index)).address,
}));
const NOW = 1_800_000_000_000;
const body = '{"items":[]}';

const signed = (overrides: { time?: number; recipient?: `0x${string}`; key?: `0x${string}`; path?: string } = {}) =>
  signPeerRequest(context, overrides.key ?? peer!.key, peer!.address, {
    method: 'POST',
    path: overrides.path ?? '/signatures',
    recipient: overrides.recipient ?? self!.address,
    body,
    time: overrides.time ?? NOW,
  });

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { code: string; status: number }) => `${error.status} ${error.code}`,
  );

describe('PeerAuthenticator', () => {
  const make = () => new PeerAuthenticator(context, self!.address, [self!.address, peer!.address], () => NOW);

  it('accepts a member request once, and refuses its replay', async () => {
    const auth = make();
    const headers = await signed();
    expect(await auth.verify('POST', '/signatures', headers, body)).toBe(peer!.address);
    expect(await code(auth.verify('POST', '/signatures', headers, body))).toBe('401 peer_auth_replayed');
  });

  it('refuses missing headers, an old request, a non-member, an impostor, another recipient, path or body', async () => {
    const auth = make();
    expect(await code(auth.verify('POST', '/signatures', {}, body))).toBe('401 peer_auth_missing');
    expect(await code(auth.verify('POST', '/signatures', await signed({ time: NOW - 61_000 }), body))).toBe(
      '401 peer_auth_expired',
    );
    const stranger = await signPeerRequest(context, outsider!.key, outsider!.address, {
      method: 'POST',
      path: '/signatures',
      recipient: self!.address,
      body,
      time: NOW,
    });
    expect(await code(auth.verify('POST', '/signatures', stranger, body))).toBe('401 peer_not_member');
    expect(await code(auth.verify('POST', '/signatures', await signed({ key: outsider!.key }), body))).toBe(
      '401 peer_auth_invalid',
    );
    expect(await code(auth.verify('POST', '/signatures', await signed({ recipient: outsider!.address }), body))).toBe(
      '401 peer_auth_invalid',
    );
    expect(
      await code(auth.verify('POST', '/signatures', await signed({ path: '/reports/1/60/signatures' }), body)),
    ).toBe('401 peer_auth_invalid');
    expect(await code(auth.verify('POST', '/signatures', await signed(), '{"items":[1]}'))).toBe(
      '401 peer_auth_invalid',
    );
  });

  it('answers 429 before any recovery once an IP used up its failed recoveries (#10)', async () => {
    const auth = make();
    const forged = await signed({ key: outsider!.key });
    for (let index = 0; index < PEER_AUTH_FAILURE_BURST; index++) {
      expect(await code(auth.verifyHeaders('POST', '/signatures', forged, '10.0.0.1'))).toBe('401 peer_auth_invalid');
    }
    // Even a genuine member request from that IP is refused unchecked now; another IP is not affected.
    expect(await code(auth.verifyHeaders('POST', '/signatures', await signed(), '10.0.0.1'))).toBe('429 rate_limited');
    expect(await code(auth.verifyHeaders('POST', '/signatures', await signed(), '10.0.0.2'))).toBe('accepted');
  });

  it('does not count refusals that cost no recovery: an outsider cannot lock out a member behind its IP', async () => {
    const auth = make();
    for (let index = 0; index < 3 * PEER_AUTH_FAILURE_BURST; index++) {
      expect(await code(auth.verifyHeaders('POST', '/signatures', {}, '10.0.0.3'))).toBe('401 peer_auth_missing');
    }
    expect(await code(auth.verifyHeaders('POST', '/signatures', await signed(), '10.0.0.3'))).toBe('accepted');
  });
});

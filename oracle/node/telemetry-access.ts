/**
 * Who may read a cluster's telemetry detail on a node (L-4). The detail (recent rejections: their messages quote GPU
 * UUIDs, sequences, what the agent got wrong) is the operator's; the counts stay public.
 *
 * A request proves its reader with an EIP-712 signature over (node, clusterId, issuedAt), sent in two headers. It is
 * accepted when `issuedAt` is within ±60 s of the node's clock and the signer is either
 * - the cluster's current on-chain operator (the node's cached registry read): an operator's own tools read directly
 *   with the operator key; or
 * - a configured trusted reader (`telemetryReaders`): the dashboard. The app never holds operators' keys, and asking
 *   the operator's wallet for a signature every minute the page is open is not a usable page, so the app signs with
 *   its own reader key after it has checked, itself, that the Sign-In-with-Ethereum session is the cluster's current
 *   on-chain operator (app/routes/operator_.telemetry.$clusterId.ts). A leaked reader key exposes diagnostics only
 *   (no counts or reports can be changed with it) and is removed from the node configuration to revoke it.
 * Naming the node keeps a captured request from being replayed against another node; the ±60 s window bounds its
 * replay against the same one to a minute of read access.
 */
import { type Address, getAddress, isHex } from 'viem';
import { Rejection } from '#protocol/base-error';
import { type ChainContext, recoverSigner } from '#protocol/eip712';
import {
  TELEMETRY_VIEW_WINDOW_SECONDS,
  telemetryViewDigest,
  VIEW_ISSUED_AT_HEADER,
  VIEW_SIGNATURE_HEADER,
} from '#protocol/telemetry-view';

/**
 * The verified reader of a request, or null when it carries no view signature (the public counts). A signature that
 * is malformed, out of its window, or from anyone but the operator or a trusted reader is refused, not downgraded:
 * the caller asked for the detail and must learn why it did not get it.
 */
export async function telemetryViewer(input: {
  context: ChainContext;
  node: Address;
  clusterId: bigint;
  headers: Record<string, string | string[] | undefined>;
  readers: ReadonlySet<Address>;
  operatorOf: (clusterId: bigint) => Promise<Address>;
  now?: number;
}): Promise<{ reader: Address; role: 'operator' | 'reader' } | null> {
  const signature = input.headers[VIEW_SIGNATURE_HEADER];
  const issuedAtText = input.headers[VIEW_ISSUED_AT_HEADER];
  if (signature === undefined && issuedAtText === undefined) return null;
  if (typeof signature !== 'string' || !isHex(signature) || signature.length > 300) {
    throw new Rejection('invalid_view_signature', `${VIEW_SIGNATURE_HEADER} must be one hex signature`, 400);
  }
  if (typeof issuedAtText !== 'string' || !/^\d{1,12}$/.test(issuedAtText)) {
    throw new Rejection('invalid_view_signature', `${VIEW_ISSUED_AT_HEADER} must be a Unix time in seconds`, 400);
  }
  const issuedAt = Number(issuedAtText);
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(now - issuedAt) > TELEMETRY_VIEW_WINDOW_SECONDS) {
    throw new Rejection(
      'view_expired',
      `the view signature is dated ${issuedAt}, more than ${TELEMETRY_VIEW_WINDOW_SECONDS} s from the node's clock (${now})`,
      401,
    );
  }
  const digest = telemetryViewDigest(input.context, { node: input.node, clusterId: input.clusterId, issuedAt });
  const signer = await recoverSigner(digest, signature).catch(() => undefined);
  if (!signer) throw new Rejection('invalid_view_signature', 'the view signature does not recover', 401);
  const reader = getAddress(signer);
  if (input.readers.has(reader)) return { reader, role: 'reader' };
  if (reader === getAddress(await input.operatorOf(input.clusterId))) return { reader, role: 'operator' };
  throw new Rejection('not_operator', 'only the cluster operator or a trusted reader sees the telemetry detail', 403, {
    signer: reader,
  });
}

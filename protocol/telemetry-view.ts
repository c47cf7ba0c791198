/**
 * The telemetry view signature (L-4): an EIP-712 message over (node, clusterId, issuedAt) sent in two headers, that
 * proves who reads a cluster's telemetry detail on an oracle node. The app signs it (its reader key) and the node
 * checks it (oracle/node/telemetry-access.ts), so the message and its headers live here, once.
 */
import { type Address, type Hex, hashTypedData } from 'viem';
import type { ChainContext } from './eip712';

export const TELEMETRY_VIEW_WINDOW_SECONDS = 60;
export const VIEW_SIGNATURE_HEADER = 'x-rackshare-view-signature';
export const VIEW_ISSUED_AT_HEADER = 'x-rackshare-view-issued-at';

export const telemetryViewTypes = {
  TelemetryView: [
    { name: 'node', type: 'address' },
    { name: 'clusterId', type: 'uint256' },
    { name: 'issuedAt', type: 'uint64' },
  ],
} as const;

export const telemetryViewDomain = ({ chainId, registry }: ChainContext) =>
  ({ name: 'Rackshare Oracle Node', version: '1', chainId, verifyingContract: registry }) as const;

export type TelemetryViewRequest = { node: Address; clusterId: bigint; issuedAt: number };

export function telemetryViewDigest(context: ChainContext, view: TelemetryViewRequest) {
  return hashTypedData({
    domain: telemetryViewDomain(context),
    types: telemetryViewTypes,
    primaryType: 'TelemetryView',
    message: { node: view.node, clusterId: view.clusterId, issuedAt: BigInt(view.issuedAt) },
  });
}

/** The headers that ask `view.node` for `view.clusterId`'s detail, signed by `sign` (a key or a wallet). */
export async function telemetryViewHeaders(
  context: ChainContext,
  view: TelemetryViewRequest,
  sign: (typed: {
    domain: ReturnType<typeof telemetryViewDomain>;
    types: typeof telemetryViewTypes;
    primaryType: 'TelemetryView';
    message: { node: Address; clusterId: bigint; issuedAt: bigint };
  }) => Promise<Hex>,
): Promise<Record<string, string>> {
  const signature = await sign({
    domain: telemetryViewDomain(context),
    types: telemetryViewTypes,
    primaryType: 'TelemetryView',
    message: { node: view.node, clusterId: view.clusterId, issuedAt: BigInt(view.issuedAt) },
  });
  return { [VIEW_SIGNATURE_HEADER]: signature, [VIEW_ISSUED_AT_HEADER]: String(view.issuedAt) };
}

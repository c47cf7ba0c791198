/**
 * What the /operator layout hands its children (the register form, one cluster's page): the connected wallet, whether
 * it is the signed-in one, its clusters as the layout loaded them, the UUID lists typed into the register form in this
 * tab (the attestation form of the new cluster starts from them, so they live in the layout and survive the move to
 * the cluster's page) and a reload of the loaders after a wallet transaction (a transaction is no Remix action, so
 * Remix cannot know it changed anything).
 */
import { useOutletContext } from '@remix-run/react';
import type { Address } from 'viem';
import type { ClusterListItem } from '~/models/clusters.server';

export type OperatorOutlet = {
  account: Address;
  signedIn: boolean;
  clusters: ClusterListItem[];
  inventories: Record<string, string>;
  rememberInventory: (clusterId: bigint, uuidText: string) => void;
  refresh: () => void;
};

export const useOperatorOutlet = () => useOutletContext<OperatorOutlet>();

/** What the cluster console (operator.$clusterId.tsx) hands its tabs: the operator outlet plus the cluster shown. */
export type OperatorClusterOutlet = OperatorOutlet & { cluster: ClusterListItem };

export const useOperatorClusterOutlet = () => useOutletContext<OperatorClusterOutlet>();

/**
 * The inventory the agent last attested for each cluster: the GPUs the nodes will take readings of. It is recorded
 * when an attestation of this agent lands on chain (`Agent.attest` / `Agent.setInventory`) and persisted beside the
 * spool, so it survives restarts. A cluster's `inventory` in the config seeds it until the agent has attested one
 * itself. The chain only holds the inventory's hash, so the agent cannot learn the UUIDs from it.
 *
 * The recorded inventory changes only with an attestation, never with `updateHardware`: until the new hardware is
 * attested the nodes refuse readings of a swapped-in GPU, so the agent keeps dropping them until then.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hex } from 'viem';
import { hardwareRoot } from '../hardware';

type Recorded = { uuids: string[]; hardwareRoot: Hex; recordedAt: number };

export class InventoryBook {
  private readonly inventories = new Map<bigint, { uuids: Set<string>; hardwareRoot: Hex }>();

  constructor(private readonly directory: string) {}

  private path(clusterId: bigint) {
    return join(this.directory, `inventory-${clusterId}.json`);
  }

  /** Loads the recorded inventory of a cluster, or seeds it from the config's list when none was recorded. */
  load(clusterId: bigint, configured: readonly string[] | undefined) {
    let recorded: Recorded | undefined;
    try {
      recorded = JSON.parse(readFileSync(this.path(clusterId), 'utf8')) as Recorded;
    } catch {}
    const uuids = recorded?.uuids ?? configured;
    if (uuids) this.inventories.set(clusterId, { uuids: new Set(uuids), hardwareRoot: hardwareRoot(uuids) });
  }

  get(clusterId: bigint): ReadonlySet<string> | undefined {
    return this.inventories.get(clusterId)?.uuids;
  }

  hardwareRoot(clusterId: bigint): Hex | undefined {
    return this.inventories.get(clusterId)?.hardwareRoot;
  }

  /** Records an attested inventory (atomically: written to a temporary file, then renamed). */
  record(clusterId: bigint, uuids: readonly string[]) {
    const root = hardwareRoot(uuids);
    const path = this.path(clusterId);
    const recorded: Recorded = { uuids: [...uuids], hardwareRoot: root, recordedAt: Date.now() };
    writeFileSync(`${path}.tmp`, JSON.stringify(recorded));
    renameSync(`${path}.tmp`, path);
    this.inventories.set(clusterId, { uuids: new Set(uuids), hardwareRoot: root });
  }
}

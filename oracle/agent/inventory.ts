/**
 * The inventory the agent last attested for each cluster: the GPUs the nodes will take readings of. It is recorded
 * when an attestation of this agent lands on chain (`Agent.attest` / `Agent.setInventory`) and persisted beside the
 * spool, so it survives restarts. A cluster's `inventory` in the config is the other source (for attestations made
 * elsewhere, e.g. the dashboard): the newer of the two wins, i.e. the config's list is taken when it changed since the
 * agent last recorded an inventory. The chain only holds the inventory's hash, so the agent cannot learn the UUIDs
 * from it.
 *
 * The recorded inventory changes only with an attestation, never with `updateHardware`: until the new hardware is
 * attested the nodes refuse readings of a swapped-in GPU, so the agent keeps dropping them until then.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hex } from 'viem';
import { hardwareRoot } from '#protocol/hardware';

type Recorded = {
  uuids: string[];
  hardwareRoot: Hex;
  recordedAt: number;
  /** The root of the config's list when this was recorded: a different one now means the config is newer. */
  configuredRoot: Hex | null;
};

export class InventoryBook {
  private readonly inventories = new Map<bigint, { uuids: Set<string>; hardwareRoot: Hex }>();
  private readonly configuredRoots = new Map<bigint, Hex | null>();

  constructor(private readonly directory: string) {}

  private path(clusterId: bigint) {
    return join(this.directory, `inventory-${clusterId}.json`);
  }

  /** Loads the recorded inventory of a cluster, or the config's list when it is newer (or nothing was recorded). */
  load(clusterId: bigint, configured: readonly string[] | undefined) {
    let recorded: Recorded | undefined;
    try {
      recorded = JSON.parse(readFileSync(this.path(clusterId), 'utf8')) as Recorded;
    } catch {}
    const configuredRoot = configured ? hardwareRoot(configured) : null;
    this.configuredRoots.set(clusterId, configuredRoot);
    if (configured && (!recorded || recorded.configuredRoot !== configuredRoot)) {
      this.record(clusterId, configured);
    } else if (recorded) {
      this.inventories.set(clusterId, { uuids: new Set(recorded.uuids), hardwareRoot: recorded.hardwareRoot });
    }
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
    const recorded: Recorded = {
      uuids: [...uuids],
      hardwareRoot: root,
      recordedAt: Date.now(),
      configuredRoot: this.configuredRoots.get(clusterId) ?? null,
    };
    writeFileSync(`${path}.tmp`, JSON.stringify(recorded));
    renameSync(`${path}.tmp`, path);
    this.inventories.set(clusterId, { uuids: new Set(uuids), hardwareRoot: root });
  }
}

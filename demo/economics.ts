/**
 * How the demo turns its simulated world into the figures an investor judges it by: the offering price of a
 * cluster's shares (its hardware cost) and the part of the reported revenue the operator deposits to the holders
 * (what is left after its cost share). The inputs and their sources are in model.ts.
 */
import { offeringConstants } from '#contracts';
import { DEMO_IDCS, GPU_MODELS, type GpuModel, type SimCluster } from '../oracle/simulator/model';

const BPS = 10_000n;

/** Every demo offering sells 10 000 whole shares. */
export const SHARE_SUPPLY = 10_000n * offeringConstants.SHARE_UNIT;

/** The demo sells each cluster for what its GPUs cost: the price of one whole share (`SHARE_UNIT`) in base units. */
export function offeringPricePerShare(cluster: SimCluster, supply: bigint) {
  const valuation = cluster.model.hardwarePrice * BigInt(cluster.gpus.length);
  return (valuation * offeringConstants.SHARE_UNIT) / supply;
}

/**
 * The holders' part of `reported` revenue: the operator keeps its cost share. Applied to the cumulative revenue (not
 * to each deposit), so a deposit run twice, or a week split differently, rounds to the same total.
 */
export function holdersShareOf(cluster: Pick<SimCluster, 'model'>, reported: bigint) {
  return (reported * (BPS - cluster.model.operatorCostShareBps)) / BPS;
}

/** The GPU model of the demo cluster keyed `key` (`<idc>-<position>`, as the simulator names them). */
export function demoModelOf(key: string): GpuModel {
  const [idcKey, position] = key.split('-');
  const spec = DEMO_IDCS.find((idc) => idc.key === idcKey)?.clusters[Number(position)];
  if (!spec) throw new Error(`no demo cluster ${key}`);
  return GPU_MODELS[spec.model];
}

/**
 * One calculator per figure. The pages, the CSV, the JSON API and the charts call these and nothing else to compute a
 * figure; FIGURES-LIST (handed to the audit) names each figure's test id and the function here that computes it.
 */

export { lifecycleOf, statusAt, unixSeconds } from '../status';
export { extrapolateClaimable, holderRatePerDay, rateAt, ratePerDay, streamRatePerDay } from '../stream';
export { networkAprBps, trailingAprBps } from './apr';
export { earned } from './earned';
export { epochEnd, epochLabel } from './epoch';
export { revenuePerGpuHour } from './gpu-hours';
export { holderExcludes } from './holders';
export { depositedShareBps, PAYOUT_LAPSE_DAYS, payoutReconciliation } from './payout';
export { soldBps } from './sold';
export { meanUtilizationBps, pooledUtilizationBps } from './utilization';
export { supplyValue, valueAtPrice, valueLocked } from './value';
export { TRAILING_WINDOW_DAYS, type TrailingWindow, thirtyDayWindow } from './window';

/**
 * The oracle's integration tests and benches on devnet's test chain, with the oracle's defaults: a 3-hour heartbeat,
 * and a chain that starts two hours in the past so clusters are attested before the telemetry the tests send (dated up
 * to an hour or two back); `catchUp()` then moves chain time to the wall clock.
 */
import {
  type ChainHandle,
  connectChain,
  startTestChain as startDevnetChain,
  type TestChainOptions,
} from '../../devnet/chain';

export { registerClusterOfUuids as registerCluster, simulatedUuids } from '../../devnet/actions';
export { testPort } from '../../devnet/ports';
export { type ChainHandle, connectChain };

/** devnet's `startTestChain` (same signature) with the oracle's defaults; `options` overrides them. */
export function startTestChain(port: number, options: TestChainOptions = {}) {
  return startDevnetChain(port, {
    heartbeatSeconds: 3 * 3_600,
    // Less than the 3-hour heartbeat, so clusters attested at the chain's start are not Stale after catchUp().
    historySeconds: 2 * 3_600,
    ...options,
  });
}

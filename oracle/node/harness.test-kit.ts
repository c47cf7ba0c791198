/**
 * The oracle's integration tests and benches on devnet's test chain: a committee given by dev account indices, a
 * 3-hour heartbeat, and a chain that starts `historySeconds` in the past so clusters are attested before the telemetry
 * the tests send (dated up to an hour or two back); `catchUp()` then moves chain time to the wall clock.
 */
import { type ChainHandle, connectChain, startTestChain as startDevnetChain } from '../../devnet/chain';

export { registerClusterOfUuids as registerCluster, simulatedUuids } from '../../devnet/actions';
export { testPort } from '../../devnet/ports';
export { type ChainHandle, connectChain };

export function startTestChain(
  port: number,
  committee = [7, 8, 9],
  threshold = 2,
  // Less than the test chain's 3-hour heartbeat, so clusters attested at its start are not Stale after catchUp().
  historySeconds = 2 * 3_600,
) {
  return startDevnetChain(port, { committee, threshold, heartbeatSeconds: 3 * 3_600, historySeconds });
}

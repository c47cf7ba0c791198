/**
 * The transactions the governance console sends, built in one place for the browser (use-governance.ts) and the
 * tests: schedule an act through the timelock, execute an operation exactly as it was scheduled (execute for a
 * single call, executeBatch with every call of a batch, in order), cancel one, and hand the registry to a new owner
 * (Ownable2Step: transferOwnership names it, and nothing changes until it calls acceptOwnership). An operation's id
 * is the timelock's own hash of its calls, so whether it was scheduled as a batch (a one-call batch has another id
 * than the same call scheduled alone) is told by hashing both ways, never guessed from the number of calls.
 * Browser-safe: no server module, no chain read.
 */
import { type Abi, type Address, encodeAbiParameters, encodeFunctionData, type Hex, keccak256, zeroHash } from 'viem';
import { clusterRegistryAbi, timelockControllerAbi } from '#contracts';

export type GovernanceCall = {
  address: Address;
  abi: Abi | readonly unknown[];
  functionName: string;
  args?: readonly unknown[];
};

/** One call of an operation as the timelock's CallScheduled event gives it (value in wei, as a decimal string). */
export type OperationCall = { target: Address; value: string; data: Hex };

/** What executing or hashing an operation needs: its calls in index order, predecessor, salt, and its kind. */
export type OperationCalls = { calls: readonly OperationCall[]; predecessor: Hex; salt: Hex; batch: boolean };

/** schedule(target, 0, data, 0, salt, delay): `call` made by the timelock no earlier than `delaySeconds` from now. */
export function scheduleCall(timelock: Address, call: GovernanceCall, delaySeconds: bigint, salt: Hex) {
  const data = encodeFunctionData({ abi: call.abi as Abi, functionName: call.functionName, args: call.args });
  return {
    address: timelock,
    abi: timelockControllerAbi,
    functionName: 'schedule' as const,
    args: [call.address, 0n, data, zeroHash, salt, delaySeconds] as const,
  };
}

/** execute for a single call, executeBatch for a batch: the very calls scheduled, or the timelock finds no operation. */
export function executeCall(timelock: Address, operation: OperationCalls) {
  const { calls, predecessor, salt } = operation;
  if (!operation.batch) {
    const [call] = calls;
    return {
      address: timelock,
      abi: timelockControllerAbi,
      functionName: 'execute' as const,
      args: [call!.target, BigInt(call!.value), call!.data, predecessor, salt] as const,
    };
  }
  return {
    address: timelock,
    abi: timelockControllerAbi,
    functionName: 'executeBatch' as const,
    args: [
      calls.map((call) => call.target),
      calls.map((call) => BigInt(call.value)),
      calls.map((call) => call.data),
      predecessor,
      salt,
    ] as const,
  };
}

/** cancel(id): takes the id only, so a batch is cancelled as a single call is. */
export function cancelCall(timelock: Address, id: Hex) {
  return { address: timelock, abi: timelockControllerAbi, functionName: 'cancel' as const, args: [id] as const };
}

/** The timelock's hashOperation (one call) or hashOperationBatch (a batch) of these calls. */
export function operationId(operation: OperationCalls): Hex {
  const { calls, predecessor, salt } = operation;
  if (!operation.batch) {
    const [call] = calls;
    return keccak256(
      encodeAbiParameters(
        [{ type: 'address' }, { type: 'uint256' }, { type: 'bytes' }, { type: 'bytes32' }, { type: 'bytes32' }],
        [call!.target, BigInt(call!.value), call!.data, predecessor, salt],
      ),
    );
  }
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address[]' }, { type: 'uint256[]' }, { type: 'bytes[]' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [
        calls.map((call) => call.target),
        calls.map((call) => BigInt(call.value)),
        calls.map((call) => call.data),
        predecessor,
        salt,
      ],
    ),
  );
}

/** The registry's transferOwnership(newOwner): only names the pending owner; the owner changes when it accepts. */
export function transferOwnershipCall(registry: Address, newOwner: Address): GovernanceCall {
  return { address: registry, abi: clusterRegistryAbi, functionName: 'transferOwnership', args: [newOwner] };
}

/** The registry's acceptOwnership(), sent by the pending owner itself (never scheduled by the current owner). */
export function acceptOwnershipCall(registry: Address): GovernanceCall {
  return { address: registry, abi: clusterRegistryAbi, functionName: 'acceptOwnership', args: [] };
}

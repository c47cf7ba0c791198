/**
 * How the console acts: with a timelock as registry owner every act is scheduled (schedule(target, 0, data, 0, salt,
 * delay) with a fresh random salt, so the same act twice is two operations), and executed (a batch with executeBatch
 * and exactly its scheduled calls) or cancelled later; with an account as owner the same call is sent directly. The
 * pending owner of a handover accepts with its own direct call. The transactions are built by
 * ~/models/governance-calls (shared with the tests). The guardian's two emergency acts (suspend, pause) go out at once
 * when the connected wallet is the guardian. Before a call is scheduled it is simulated as the timelock would send
 * it, so a refusal the chain would give at execution (a bad threshold, a cluster already retired) shows now, in words.
 */
import { useRevalidator } from '@remix-run/react';
import { useCallback } from 'react';
import { type Abi, type Address, type Hex, isAddressEqual, toHex } from 'viem';
import { useConfig, useReadContracts } from 'wagmi';
import { simulateContract } from 'wagmi/actions';
import { timelockControllerAbi } from '#contracts';
import { protocolErrorsAbi } from '#protocol/errors';
import { useTransactionFlow } from '~/lib/tx';
import type { GovernanceView, TimelockOperation, TimelockRole } from '~/models/governance.server';
import {
  acceptOwnershipCall,
  cancelCall,
  executeCall,
  type GovernanceCall,
  scheduleCall,
} from '~/models/governance-calls';

export type { GovernanceCall };

export type Authority = {
  /** May schedule (timelock proposer) or send (owner account). */
  canPropose: boolean;
  canExecute: boolean;
  canCancel: boolean;
  isGuardian: boolean;
};

/** A call as the console names it in its labels and its list of operations: `setThreshold(3)`. */
export function callSignature(functionName: string, args: readonly unknown[] = []): string {
  return `${functionName}(${args.join(', ')})`;
}

function randomSalt(): Hex {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

/** What the connected wallet may do: the timelock's roles read from the chain, or ownership of the registry. */
export function useAuthority(view: GovernanceView, account: Address | undefined): Authority {
  const timelock = view.timelock;
  // The roles the server read from the timelock (TIMELOCK_ROLES, in that order), asked of the connected wallet.
  const roleNames = (timelock ? Object.keys(timelock.roleIds) : []) as TimelockRole[];
  const roles = useReadContracts({
    contracts: roleNames.map((role) => ({
      address: timelock!.address,
      abi: timelockControllerAbi,
      functionName: 'hasRole' as const,
      args: [timelock!.roleIds[role], account!] as const,
    })),
    query: { enabled: Boolean(timelock && account) },
  });
  const isGuardian = Boolean(account && view.guardian && isAddressEqual(account, view.guardian));
  if (!account) return { canPropose: false, canExecute: false, canCancel: false, isGuardian };
  if (!timelock) {
    const owner = isAddressEqual(account, view.owner);
    return { canPropose: owner, canExecute: owner, canCancel: false, isGuardian };
  }
  const holds = (role: TimelockRole) => roles.data?.[roleNames.indexOf(role)]?.result === true;
  return {
    canPropose: holds('PROPOSER_ROLE'),
    canExecute: holds('EXECUTOR_ROLE'),
    canCancel: holds('CANCELLER_ROLE'),
    isGuardian,
  };
}

export function useGovernanceActs(view: GovernanceView, account: Address | undefined) {
  const config = useConfig();
  const flow = useTransactionFlow();
  const { revalidate } = useRevalidator();
  const timelock = view.timelock;

  const settle = useCallback(
    async (receipt: unknown) => {
      if (receipt) revalidate();
    },
    [revalidate],
  );

  /** Schedules `call` through the timelock, or sends it directly (an owner account, or the guardian's own act). */
  const propose = useCallback(
    async (call: GovernanceCall, label: string, options: { asGuardian?: boolean } = {}) => {
      if (!account) return;
      const receipt = await flow.run(async ({ send, setSigning }) => {
        if (!timelock || options.asGuardian) return send({ ...call, account }, label);
        setSigning(label);
        // The call as the timelock will make it: refused now, with the contract's reason, rather than at execution.
        await simulateContract(config, {
          ...call,
          abi: [...(call.abi as Abi), ...protocolErrorsAbi],
          account: timelock.address,
        } as never);
        return send(
          { account, ...scheduleCall(timelock.address, call, BigInt(timelock.delaySeconds), randomSalt()) },
          label,
        );
      });
      await settle(receipt);
    },
    [account, config, flow, settle, timelock],
  );

  /** A call the connected wallet sends itself, now (the timelock's execute or cancel, or accepting ownership). */
  const sendNow = useCallback(
    async (call: GovernanceCall, label: string) => {
      if (!account) return;
      const receipt = await flow.run(({ send }) => send({ account, ...call } as never, label));
      await settle(receipt);
    },
    [account, flow, settle],
  );
  /** execute for a single call, executeBatch with exactly the calls scheduled for a batch. */
  const execute = useCallback(
    async (operation: TimelockOperation, label: string) => {
      if (timelock) await sendNow(executeCall(timelock.address, operation), label);
    },
    [sendNow, timelock],
  );
  /** cancel takes the id only: a batch is cancelled as a single call is. */
  const cancel = useCallback(
    async (operation: TimelockOperation, label: string) => {
      if (timelock) await sendNow(cancelCall(timelock.address, operation.id), label);
    },
    [sendNow, timelock],
  );
  /** The pending owner's acceptOwnership(), sent directly: it is the new owner's own act, never scheduled. */
  const acceptOwnership = useCallback(
    (label: string) => sendNow(acceptOwnershipCall(view.registry), label),
    [sendNow, view.registry],
  );

  return { flow, propose, execute, cancel, acceptOwnership };
}

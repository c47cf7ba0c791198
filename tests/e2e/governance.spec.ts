/**
 * The governance console (/governance) on the e2e stack, whose registry is owned by a TimelockController (delay a
 * minute) that the deployer proposes to and executes: a threshold change is scheduled from the page, shown with the
 * timelock's own earliest execution time, executed once the chain's clock has passed it (and set back the same way:
 * every other spec relies on the committee threshold), the guardian is removed and named again the same way, and a sale
 * is cancelled into refunds; a batch a proposer scheduled shows every call, each on its own contract, and is cancelled
 * from the page, as is a handover of the registry (transferOwnership) scheduled there. Every figure is compared with
 * the chain.
 */
import { expect, type Page, test } from '@playwright/test';
import {
  type Address,
  encodeFunctionData,
  type Hex,
  keccak256,
  parseEventLogs,
  stringToBytes,
  zeroAddress,
  zeroHash,
} from 'viem';
import { clusterRegistryAbi, offeringAbi, offeringPhase, timelockControllerAbi } from '#contracts';
import { devAccount, devRoles } from '../../devnet/accounts';
import {
  buyShares,
  deployment,
  increaseTime,
  openOffering,
  publicClient,
  stablecoinBalance,
  walletOf,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { expectAccessible, fullPageShot, waitForHydration } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

const GOVERNANCE = devAccount(devRoles.deployer).address;
const OPERATOR_INDEX = devRoles.testWallets[21]!;
const BUYER_INDEX = devRoles.testWallets[22]!;
const buyer = TEST_ACCOUNTS[22]! as Address;

const timelock = () => deployment().contracts.timelock!;
const registry = () => deployment().contracts.clusterRegistry;

function readTimelock<T>(functionName: string, args: readonly unknown[] = []) {
  return publicClient.readContract({
    address: timelock(),
    abi: timelockControllerAbi,
    functionName,
    args,
  } as never) as Promise<T>;
}

const threshold = () =>
  publicClient.readContract({ address: registry(), abi: clusterRegistryAbi, functionName: 'threshold' });

async function openConsole(page: Page, path = '/governance') {
  await chooseWallet(page, GOVERNANCE);
  await page.goto(path);
  await waitForHydration(page);
  await connectWallet(page);
  await expect(page.getByTestId('governance-authority')).toHaveAttribute('data-can-propose', 'true');
}

/**
 * Runs `act` (a click that sends one wallet transaction) and waits until the page's status says that transaction, not
 * an earlier one, is mined; a refusal fails here with the reason the page shows. Returns its receipt.
 */
async function confirmedAfter(page: Page, act: () => Promise<void>) {
  const status = page.getByTestId('governance-status');
  const link = page.getByTestId('governance-status-link');
  const hrefNow = async () => ((await link.count()) > 0 ? await link.getAttribute('href') : null);
  const before = await hrefNow();
  await act();
  // Written by the poll below (a closure: a plain `let` would stay narrowed to null here).
  const seen = { href: null as string | null };
  await expect
    .poll(async () => {
      const step = await status.getAttribute('data-step');
      if (step === 'failed') return `failed: ${await status.textContent()}`;
      seen.href = await hrefNow();
      return step === 'confirmed' && seen.href !== before ? 'confirmed' : step;
    })
    .toBe('confirmed');
  return publicClient.getTransactionReceipt({ hash: seen.href!.slice('/tx/'.length) as Hex });
}

/** The operation the page's transaction scheduled (its CallScheduled event). */
async function scheduledOperation(page: Page, act: () => Promise<void>): Promise<Hex> {
  const receipt = await confirmedAfter(page, act);
  const [scheduled] = parseEventLogs({ abi: timelockControllerAbi, logs: receipt.logs, eventName: 'CallScheduled' });
  return scheduled!.args.id;
}

/**
 * The row of operation `id` waits until exactly the timelock's timestamp; the chain's clock is then moved by the
 * delay (a minute: the least that makes it executable) and the page executes it.
 */
async function waitAndExecute(page: Page, id: Hex) {
  const row = page.getByTestId(`operation-${id}`);
  await expect(row).toHaveAttribute('data-state', 'waiting');
  const readyAt = await readTimelock<bigint>('getTimestamp', [id]);
  await expect(row.getByTestId('operation-ready-at')).toHaveAttribute('data-value', readyAt.toString());
  await expect(row.getByRole('button', { name: 'Execute' })).toBeDisabled();
  const delay = await readTimelock<bigint>('getMinDelay');
  await increaseTime(Number(delay) + 1);
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(row).toHaveAttribute('data-state', 'ready');
  await confirmedAfter(page, () => row.getByRole('button', { name: 'Execute' }).click());
  await expect(row).toHaveAttribute('data-state', 'executed');
  expect(await readTimelock<boolean>('isOperationDone', [id])).toBe(true);
}

async function scheduleThreshold(page: Page, value: bigint) {
  await page.getByTestId('governance-threshold-input').fill(value.toString());
  return scheduledOperation(page, () => page.getByTestId('governance-set-threshold').click());
}

test('governance schedules a threshold change through the timelock, executes it after the delay, and sets it back', async ({
  page,
}, testInfo) => {
  // Two timelock rounds (schedule, move the clock, execute) of several transactions each.
  test.slow();
  const before = await threshold();
  const signers = await publicClient.readContract({
    address: registry(),
    abi: clusterRegistryAbi,
    functionName: 'signers',
  });
  // One more signature, still a strict majority of the committee (2k > n), then back.
  const raised = before + 1n;
  expect(raised <= BigInt(signers.length)).toBe(true);
  await openConsole(page);
  await expect(page.getByTestId('governance-owner')).toHaveText(timelock());
  await expect(page.getByTestId('governance-owner-kind')).toHaveAttribute('data-kind', 'timelock');
  await expect(page.getByTestId('governance-proposers')).toContainText(GOVERNANCE);
  await expect(page.getByTestId('governance-threshold')).toHaveAttribute('data-value', before.toString());

  const raise = await scheduleThreshold(page, raised);
  // Scheduled, not applied: the registry still has the old threshold.
  expect(await threshold()).toBe(before);
  await expect(page.getByTestId(`operation-${raise}`).getByTestId('operation-call')).toHaveText(
    `setThreshold(${raised})`,
  );
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'governance');
  await waitAndExecute(page, raise);
  expect(await threshold()).toBe(raised);
  await expect(page.getByTestId('governance-threshold')).toHaveAttribute('data-value', raised.toString());

  const restore = await scheduleThreshold(page, before);
  await waitAndExecute(page, restore);
  expect(await threshold()).toBe(before);
  await expect(page.getByTestId('governance-threshold')).toHaveAttribute('data-value', before.toString());
});

const guardian = () =>
  publicClient.readContract({ address: registry(), abi: clusterRegistryAbi, functionName: 'guardian' });

test('governance removes the guardian through the timelock and names it again; the page shows the chain’s guardian', async ({
  page,
}) => {
  // Two timelock rounds. The stack's guardian is the deployer, and asGovernance (support/chain.ts) pauses and suspends
  // as that guardian for the other specs: the second round puts it back.
  test.slow();
  const before = await guardian();
  expect(before).toBe(GOVERNANCE);
  await openConsole(page);
  const shown = page.getByTestId('governance-guardian');
  await expect(shown).toHaveAttribute('data-value', before);
  await expect(page.getByTestId('governance-guardian-act-effect')).toContainText(
    'may suspend any cluster and pause any share token at once',
  );

  // The guardian it already has is refused before anything is scheduled.
  await page.getByTestId('governance-guardian-input').fill(before.toLowerCase());
  await page.getByTestId('governance-set-guardian').click();
  await expect(page.getByTestId('governance-guardian-invalid')).toHaveText(
    'That is the guardian the registry already has: nothing would change.',
  );

  // None: address(0), said in words before the click.
  await page.getByTestId('governance-guardian-none').check();
  await expect(page.getByTestId('governance-guardian-act-effect')).toContainText('nobody holds that key');
  const remove = await scheduledOperation(page, () => page.getByTestId('governance-set-guardian').click());
  await expect(page.getByTestId(`operation-${remove}`).getByTestId('operation-call')).toHaveText(
    `setGuardian(${zeroAddress})`,
  );
  // Scheduled, not applied.
  expect(await guardian()).toBe(before);
  await expectAccessible(page);
  await waitAndExecute(page, remove);
  expect(await guardian()).toBe(zeroAddress);
  await expect(shown).toHaveAttribute('data-value', zeroAddress);
  await expect(shown).toHaveText('none');

  // Back to the deployer, typed as an address.
  await page.getByTestId('governance-guardian-none').uncheck();
  await page.getByTestId('governance-guardian-input').fill(GOVERNANCE);
  await expect(page.getByTestId('governance-guardian-act-effect')).toContainText(`${GOVERNANCE} holds that key`);
  const restore = await scheduledOperation(page, () => page.getByTestId('governance-set-guardian').click());
  await expect(page.getByTestId(`operation-${restore}`).getByTestId('operation-call')).toHaveText(
    `setGuardian(${GOVERNANCE})`,
  );
  await waitAndExecute(page, restore);
  expect(await guardian()).toBe(GOVERNANCE);
  await expect(shown).toHaveAttribute('data-value', GOVERNANCE);
});

test('governance cancels an open sale through the timelock; the buyer refunds exactly what it paid', async ({
  page,
}) => {
  // A cluster registered, attested and tokenized, a purchase, and a timelock round.
  test.slow();
  const { clusterId, offering } = await openOffering(OPERATOR_INDEX, { symbol: 'GOVC', supply: '10', price: '7' });
  const paid = await buyShares(BUYER_INDEX, offering, 3n);
  await openConsole(page, `/governance?cluster=${clusterId}`);
  await expect(page.getByTestId('governance-offering-phase')).toHaveAttribute('data-value', 'Open');
  const id = await scheduledOperation(page, () =>
    page.getByRole('button', { name: 'Cancel the sale into refunds' }).click(),
  );
  await expect(page.getByTestId(`operation-${id}`).getByTestId('operation-call')).toHaveText('cancel()');
  // Still open while the timelock waits.
  expect(await publicClient.readContract({ address: offering, abi: offeringAbi, functionName: 'phase' })).toBe(
    offeringPhase.Open,
  );
  await waitAndExecute(page, id);
  expect(await publicClient.readContract({ address: offering, abi: offeringAbi, functionName: 'phase' })).toBe(
    offeringPhase.Cancelled,
  );
  await expect(page.getByTestId('governance-offering-phase')).toHaveAttribute('data-value', 'Cancelled');
  await expectAccessible(page);

  const [, cost] = await publicClient.readContract({
    address: offering,
    abi: offeringAbi,
    functionName: 'purchasedOf',
    args: [buyer],
  });
  expect(cost).toBe(paid);
  const balance = await stablecoinBalance(buyer);
  const hash = await walletOf(BUYER_INDEX).writeContract({
    address: offering,
    abi: offeringAbi,
    functionName: 'refund',
  });
  expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  expect(await stablecoinBalance(buyer)).toBe(balance + cost);
});

test('governance shows every call of a batch, each by its own contract, and cancels it; a handover is scheduled in words and cancelled', async ({
  page,
}) => {
  // A batch scheduled outside the page (as any proposer may), then a handover scheduled from it; both cancelled, so
  // the stack's owner and heartbeat stay as the other specs expect.
  test.slow();
  const heartbeat = await publicClient.readContract({
    address: registry(),
    abi: clusterRegistryAbi,
    functionName: 'heartbeat',
  });
  const proposerRole = await readTimelock<Hex>('PROPOSER_ROLE');
  const stranger = TEST_ACCOUNTS[23]! as Address;
  const targets = [registry(), timelock()] as const;
  const payloads = [
    encodeFunctionData({ abi: clusterRegistryAbi, functionName: 'setHeartbeat', args: [heartbeat] }),
    encodeFunctionData({ abi: timelockControllerAbi, functionName: 'grantRole', args: [proposerRole, stranger] }),
  ] as const;
  const salt = keccak256(stringToBytes(`e2e batch ${Date.now()}`));
  const delay = await readTimelock<bigint>('getMinDelay');
  const hash = await walletOf(devRoles.deployer).writeContract({
    address: timelock(),
    abi: timelockControllerAbi,
    functionName: 'scheduleBatch',
    args: [[...targets], [0n, 0n], [...payloads], zeroHash, salt, delay],
  });
  expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  const id = await readTimelock<Hex>('hashOperationBatch', [[...targets], [0n, 0n], [...payloads], zeroHash, salt]);

  await openConsole(page);
  const row = page.getByTestId(`operation-${id}`);
  await expect(row).toHaveAttribute('data-state', 'waiting');
  await expect(row).toHaveAttribute('data-calls', '2');
  await expect(row.getByTestId('operation-call')).toHaveText([
    `setHeartbeat(${heartbeat})`,
    `grantRole(${proposerRole}, ${stranger})`,
  ]);
  await expect(row.getByTestId('operation-contract')).toHaveText(['on the cluster registry', 'on the timelock itself']);

  // The handover: said in words before the click, scheduled, shown, and nothing changes meanwhile.
  await expect(page.getByTestId('governance-pending-owner')).toHaveAttribute('data-value', zeroAddress);
  await expect(page.getByTestId('governance-ownership-act-effect')).toContainText(
    'the new owner must accept, and until it does nothing changes',
  );
  await page.getByTestId('governance-new-owner-input').fill(stranger);
  const handover = await scheduledOperation(page, () => page.getByTestId('governance-transfer-ownership').click());
  const handoverRow = page.getByTestId(`operation-${handover}`);
  await expect(handoverRow.getByTestId('operation-call')).toHaveText(`transferOwnership(${stranger})`);
  await expectAccessible(page);

  for (const [cancelled, cancelledRow] of [
    [id, row],
    [handover, handoverRow],
  ] as const) {
    await confirmedAfter(page, () => cancelledRow.getByRole('button', { name: 'Cancel' }).click());
    await expect(cancelledRow).toHaveAttribute('data-state', 'cancelled');
    expect(await readTimelock<boolean>('isOperation', [cancelled])).toBe(false);
  }
  expect(await readTimelock<boolean>('hasRole', [proposerRole, stranger])).toBe(false);
  expect(
    await publicClient.readContract({ address: registry(), abi: clusterRegistryAbi, functionName: 'pendingOwner' }),
  ).toBe(zeroAddress);
});

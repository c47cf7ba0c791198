import { createHash } from 'node:crypto';
import { type APIResponse, expect, test } from '@playwright/test';
import { decode } from 'turbo-stream';
import { type Address, parseUnits } from 'viem';
import { clusterRegistryAbi, rackshareFactoryAbi, shareTokenAbi } from '#contracts';
import { hardwareRoot } from '#protocol/hardware';
import { devAccount, devPrivateKey, devRoles } from '../../devnet/accounts';
import { signBatch } from '../../oracle/agent/signing';
import { E2E_ORACLE_NODE_BASE_PORT } from '../../playwright.config';
import { deployment, gpuUuids, mintStablecoin, publicClient, registerCluster } from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { expectAccessible, fullPageShot } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

const operator = TEST_ACCOUNTS[2]! as Address;

/** A route action's answer as the page's fetcher reads it: `POST <route>.data` answers in single fetch's turbo-stream. */
async function actionAnswer(response: APIResponse) {
  const decoded = await decode(new Response(new Uint8Array(await response.body())).body!);
  await decoded.done;
  return (decoded.value as { data: { error: { code: string; message: string } } }).data;
}

test('an operator registers a cluster, tokenizes it once attested, and deposits revenue at the exact rate the chain logged (review: top-up rate only greater)', async ({
  page,
}, testInfo) => {
  await mintStablecoin(operator, parseUnits('500', 6));
  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);

  // The hardware commitment is computed in the browser; it must equal the oracle module's in Node.
  const uuids = gpuUuids(4);
  await page.getByLabel('GPU model').fill('NVIDIA H200 SXM 141GB');
  await page.getByLabel('Location code').fill('SG-SIN-02');
  await page.getByLabel(/^GPU UUIDs/).fill(uuids.join('\n'));
  await expect(page.getByTestId('computed-gpu-count')).toHaveText('4');
  await expect(page.getByTestId('computed-commitment')).toHaveText(hardwareRoot(uuids));
  await page.getByLabel('Metadata URI').fill('https://example.org/sg-sin-02.json');
  await page.getByLabel(/^Metadata document/).fill('{"racks":1}');
  await fullPageShot(page, testInfo, 'operator-register-form');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByTestId('register-status')).toHaveAttribute('data-step', 'confirmed');
  const clusterId = BigInt((await page.getByTestId('registered-id').getAttribute('data-id'))!);
  const info = await publicClient.readContract({
    address: deployment().contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: 'clusterOf',
    args: [clusterId],
  });
  expect(info.operator).toBe(operator);
  expect(info.hardwareRoot).toBe(hardwareRoot(uuids));
  expect(info.gpuCount).toBe(4);

  await page.getByTestId(`operator-nav-${clusterId}`).getByRole('link').click();
  const card = page.getByTestId(`operator-cluster-${clusterId}`);
  await expect(card.getByTestId('operator-cluster-status')).toHaveText('Registered');
  await expect(card).toContainText('must attest');

  // The running oracle committee attests: each node issues a challenge, the wallet signs an inventory proof per node
  // (the UUIDs come from the registration form), the nodes sign, and the operator submits k of their signatures.
  await expect(card.getByLabel(/^GPU UUIDs of the cluster/)).toHaveValue(uuids.join('\n'));
  await card.getByRole('button', { name: 'Request attestation' }).click();
  await expect(card.getByTestId('operator-cluster-status')).toHaveText('Attested');
  const [attested] = await publicClient.getContractEvents({
    address: deployment().contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    eventName: 'ClusterAttested',
    args: { clusterId },
    fromBlock: 0n,
  });
  expect(attested!.args.hardwareRoot).toBe(hardwareRoot(uuids));
  expect(attested!.args.submitter).toBe(operator);
  const committee = devRoles.oracleNodes.map((index) => devAccount(index).address);
  const signers = attested!.args.signers ?? [];
  expect(signers.length).toBeGreaterThanOrEqual(2);
  for (const signer of signers) expect(committee).toContain(signer);

  // No agent runs for this cluster yet: each node says it holds the inventory but has no sample, and a batch naming a
  // GPU outside the inventory is counted for anyone; its reason is shown to the signed-in operator only (L-4).
  const telemetry = card.getByTestId(`telemetry-${clusterId}`);
  await expect(telemetry.getByTestId('telemetry-node-0')).toContainText('no sample received yet');
  await expect(telemetry.getByTestId('telemetry-detail-hidden')).toBeVisible();
  const reading = { utilizationPct: 50, memoryUsedMiB: 1000, memoryTotalMiB: 81559, temperatureC: 60, powerW: 500 };
  const batch = await signBatch(
    { chainId: 31_337, registry: deployment().contracts.clusterRegistry },
    devPrivateKey(devRoles.testWallets[2]!),
    clusterId,
    1,
    { snapshots: [{ t: Date.now() - 60_000, gpus: [{ uuid: gpuUuids(1)[0]!, ...reading }] }], leases: [] },
  );
  const refused = await fetch(`http://127.0.0.1:${E2E_ORACLE_NODE_BASE_PORT}/clusters/${clusterId}/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(batch),
  });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  const { error } = (await refused.json()) as { error: { code: string; message: string } };
  // The page asks the nodes again every 10 seconds.
  await expect(telemetry.getByTestId('telemetry-node-0')).toContainText('1 batch rejected', { timeout: 20_000 });
  await expect(telemetry.getByTestId('telemetry-rejections')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign in with Ethereum' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Signed in as');
  const rejections = telemetry.getByTestId('telemetry-rejections');
  await expect(rejections.locator(`tr[data-code="${error.code}"]`)).toContainText(error.message, { timeout: 20_000 });
  await expect(telemetry.getByTestId('telemetry-node-0')).toContainText('1 batch rejected');
  await fullPageShot(page, testInfo, 'operator-telemetry');

  await card.getByLabel('Token symbol').fill('SGH200');
  await card.getByRole('button', { name: 'Tokenize' }).click();
  await expect(card.getByTestId('operator-cluster-token')).toHaveText('Tokenized as SGH200');

  await card.getByLabel('Amount (tUSD)').fill('120.5');
  await card.getByLabel('Stream over (hours)').fill('48');
  await card.getByRole('button', { name: 'Approve and deposit' }).click();
  await expect(card.getByTestId(`deposit-status-${clusterId}`)).toHaveAttribute('data-step', 'confirmed');
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-deposited');

  const token = await publicClient.readContract({
    address: deployment().contracts.factory,
    abi: rackshareFactoryAbi,
    functionName: 'tokenOf',
    args: [clusterId],
  });
  const [deposited, stream] = await Promise.all([
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'totalDeposited' }),
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'stream' }),
  ]);
  expect(deposited).toBe(parseUnits('120.5', 6));
  expect(stream.end - stream.start).toBe(48n * 3_600n);

  // Revenue already deposited keeps its schedule: the form offers the token's own limits for the amount typed (to the
  // minute, inward), "until the running end" as one click, and a deposit that would stretch the running stream is
  // refused with its decoded reason (nothing is pulled).
  await card.getByLabel('Amount (tUSD)').fill('1');
  const hoursMinutes = (minutes: number) =>
    `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  await expect
    .poll(
      async () => {
        const [minSeconds, maxSeconds] = await publicClient.readContract({
          address: token,
          abi: shareTokenAbi,
          functionName: 'depositLimits',
          args: [operator, parseUnits('1', 6)],
        });
        const expected = `${hoursMinutes(Math.ceil(Number(minSeconds) / 60))} to ${hoursMinutes(Math.floor(Number(maxSeconds) / 60))}`;
        return (await card.getByTestId(`deposit-limits-${clusterId}`).textContent())?.includes(expected);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await card.getByLabel('Stream over (hours)').fill('8760');
  await card.getByRole('button', { name: 'Approve and deposit' }).click();
  await expect(card.getByTestId(`deposit-status-${clusterId}`)).toHaveAttribute('data-step', 'failed');
  await expect(card.getByTestId(`deposit-status-${clusterId}`)).toContainText('StreamWouldSlowDown(31536000');
  expect(await publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'totalDeposited' })).toBe(
    deposited,
  );
  // Until the running end: the dollar tops the stream up, sent as an absolute end, so the stream ends exactly when it
  // did however long the wallet and the block took.
  await card.getByTestId(`deposit-until-end-${clusterId}`).click();
  await card.getByRole('button', { name: 'Approve and deposit' }).click();
  await expect(card.getByTestId(`deposit-status-${clusterId}`)).toHaveAttribute('data-step', 'confirmed');
  const [toppedUp, after] = await Promise.all([
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'totalDeposited' }),
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'stream' }),
  ]);
  expect(toppedUp).toBe(deposited + parseUnits('1', 6));
  expect(after.end).toBe(stream.end);
  // The rate is the one this deposit set (review: rate only "greater"): the token's RevenueDeposited names the amount,
  // the duration (the seconds left to the running end at its block) and what earlier deposits still had to stream.
  const [topUp] = (
    await publicClient.getContractEvents({
      address: token,
      abi: shareTokenAbi,
      eventName: 'RevenueDeposited',
      fromBlock: 0n,
    })
  ).slice(-1);
  const [amount, duration, newRatePerSecond, streamEnd, carriedOver] = [
    topUp!.args.amount!,
    topUp!.args.duration!,
    topUp!.args.newRatePerSecond!,
    topUp!.args.streamEnd!,
    topUp!.args.carriedOver!,
  ];
  const block = await publicClient.getBlock({ blockNumber: topUp!.blockNumber });
  expect(amount).toBe(parseUnits('1', 6));
  expect(streamEnd).toBe(stream.end);
  expect(duration).toBe(stream.end - block.timestamp);
  expect(after.ratePerSecond).toBe(newRatePerSecond);
  // rate = (amount + carried over) × RATE_SCALE ÷ duration, RATE_SCALE read from the token. The token keeps the rate
  // per share-wei with 2^30 × supply of precision, so over the whole duration the stream pays the deposit to within
  // a base unit (two with the event's carried-over amount, itself rounded down).
  const rateScale = await publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'RATE_SCALE' });
  const owed = (amount + carriedOver) * rateScale;
  const paid = after.ratePerSecond * duration;
  expect(paid).toBeLessThanOrEqual(owed + rateScale);
  expect(paid).toBeGreaterThanOrEqual(owed - 2n * rateScale);
  expect(after.ratePerSecond).toBeGreaterThan(stream.ratePerSecond);
});

test('oracle nodes refuse an attestation of GPUs that another cluster holds, each with its reason', async ({
  page,
}) => {
  // A first cluster attested through the dashboard, then a second one registered with one of its GPUs.
  const uuids = gpuUuids(2);
  const operatorIndex = devRoles.testWallets[2]!;
  const first = await registerCluster(operatorIndex, { uuids, location: 'SG-SIN-03' });
  const secondInventory = [uuids[0]!, ...gpuUuids(1)];
  const second = await registerCluster(operatorIndex, { uuids: secondInventory, location: 'SG-SIN-04' });
  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);
  await page.getByTestId(`operator-nav-${first}`).getByRole('link').click();
  const firstCard = page.getByTestId(`operator-cluster-${first}`);
  await firstCard.getByLabel(/^GPU UUIDs of the cluster/).fill(uuids.join('\n'));
  await firstCard.getByRole('button', { name: 'Request attestation' }).click();
  await expect(firstCard.getByTestId('operator-cluster-status')).toHaveText('Attested');

  await page.getByTestId(`operator-nav-${second}`).getByRole('link').click();
  const secondCard = page.getByTestId(`operator-cluster-${second}`);
  const secondUuids = secondCard.getByLabel(/^GPU UUIDs of the cluster/);
  await secondUuids.fill(gpuUuids(2).join('\n'));
  await expect(secondCard).toContainText('do not hash to the hardware commitment');
  await expect(secondCard.getByRole('button', { name: 'Request attestation' })).toBeDisabled();
  await secondUuids.fill(secondInventory.join('\n'));
  await secondCard.getByRole('button', { name: 'Request attestation' }).click();
  await expect(secondCard.getByTestId(`attest-status-${second}`)).toHaveAttribute('data-step', 'failed');
  await expect(secondCard.getByTestId(`attest-status-${second}`)).toContainText('Only 0 of the 2');
  for (const node of [0, 1, 2]) {
    await expect(secondCard.getByTestId(`attest-node-${node}`)).toHaveAttribute('data-state', 'refused');
    await expect(secondCard.getByTestId(`attest-node-${node}`)).toContainText(`belongs to cluster ${first}`);
  }
  await expect(secondCard.getByTestId('operator-cluster-status')).toHaveText('Registered');
});

test('a failing transaction shows the decoded custom error', async ({ page }) => {
  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);
  // A tokenized cluster of this operator: depositing more than the wallet holds reverts in the stablecoin.
  await page
    .locator('[data-testid^="operator-nav-"]')
    .filter({ hasText: 'Tokenized as' })
    .first()
    .getByRole('link')
    .click();
  const card = page.locator('[data-testid^="operator-cluster-"]').first();
  await card.getByLabel('Amount (tUSD)').fill('99999999');
  await card.getByRole('button', { name: 'Approve and deposit' }).click();
  await expect(card.locator('[data-step="failed"]')).toContainText('ERC20InsufficientBalance');
});

test('an operator signs in with Ethereum and keeps a note and documents on its cluster; nobody else can write them', async ({
  page,
  browser,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  // The same-origin guard in front of Remix wants the Origin a browser would send.
  const sameOrigin = { origin: baseURL };
  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);
  await page.locator('[data-testid^="operator-nav-"]').first().getByRole('link').click();
  const card = page.locator('[data-testid^="operator-cluster-"]').first();
  const clusterId = (await card.getAttribute('data-testid'))!.replace('operator-cluster-', '');
  await expect(card.getByLabel(`Note for cluster #${clusterId}`)).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign in with Ethereum' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Signed in as');
  const note = 'Maintenance: Sundays 02:00 UTC\n<b>racks</b> <script>alert(1)</script>';
  await card.getByLabel(`Note for cluster #${clusterId}`).fill(note);
  await card.getByRole('button', { name: 'Save note' }).click();
  const shown = card.getByTestId(`cluster-note-${clusterId}`);
  await expect(shown).toContainText('<b>racks</b> <script>alert(1)</script>');
  // Text, never markup.
  await expect(shown.locator('b, script')).toHaveCount(0);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-note-saved');

  // A document: its SHA-256 is computed in the browser from the file; the passport lists it for investors.
  const report = Buffer.from('Rack audit 2026-11: 4 × H200, PDU A/B redundant\n');
  const reportDigest = createHash('sha256').update(report).digest('hex');
  await card.getByLabel('Document title').fill('Rack audit <i>2026-11</i>');
  await card.getByLabel(/^Public address/).fill('https://example.org/audit-2026-11.pdf');
  await card
    .getByLabel(/^The file itself/)
    .setInputFiles({ name: 'audit.txt', mimeType: 'text/plain', buffer: report });
  await expect(card.getByTestId(`document-digest-${clusterId}`)).toContainText(reportDigest);
  await card.getByRole('button', { name: 'Publish document' }).click();
  await expect(card.getByTestId('cluster-documents')).toContainText('Rack audit <i>2026-11</i>');
  await expect(card.getByTestId('document-sha256')).toHaveText(reportDigest);
  const badDocument = await page.request.post(`/operator/${clusterId}.data`, {
    form: { intent: 'addDocument', title: 'x', uri: 'javascript:alert(1)', sha256: `0x${reportDigest}` },
    headers: sameOrigin,
  });
  expect(badDocument.status()).toBe(400);
  expect((await actionAnswer(badDocument)).error.message).toContain('https://, ipfs:// or ar://');

  const tooLong = await page.request.post(`/operator/${clusterId}.data`, {
    form: { intent: 'saveNote', body: 'x'.repeat(2_001) },
    headers: sameOrigin,
  });
  expect(tooLong.status()).toBe(400);
  expect((await actionAnswer(tooLong)).error.message).toContain('at most 2000 characters');

  await page.goto(`/clusters/${clusterId}`);
  await expect(page.getByTestId('cluster-note')).toContainText('<b>racks</b>');
  await expect(page.getByTestId('cluster-note').locator('b, script')).toHaveCount(0);
  const listed = page.getByTestId('cluster-documents');
  await expect(listed.getByRole('link', { name: 'Rack audit <i>2026-11</i>' })).toHaveAttribute(
    'href',
    'https://example.org/audit-2026-11.pdf',
  );
  await expect(listed.locator('i')).toHaveCount(0);
  await expect(listed.getByTestId('document-sha256')).toHaveText(reportDigest);

  // Without a session: 401. Signed in as another account: 403, and the note stays.
  const anonymous = await browser.newContext({ baseURL });
  const unsigned = await anonymous.request.post(`/operator/${clusterId}.data`, {
    form: { intent: 'saveNote', body: 'hijacked' },
    headers: sameOrigin,
  });
  expect(unsigned.status()).toBe(401);
  await anonymous.close();

  const otherContext = await browser.newContext({ baseURL });
  const other = await otherContext.newPage();
  const stranger = TEST_ACCOUNTS[3]! as Address;
  await chooseWallet(other, stranger);
  await other.goto('/operator');
  await connectWallet(other);
  await other.getByRole('button', { name: 'Sign in with Ethereum' }).click();
  await expect(other.getByTestId('signed-in-as')).toContainText('Signed in as');
  const refused = await other.request.post(`/operator/${clusterId}.data`, {
    form: { intent: 'saveNote', body: 'hijacked' },
    headers: sameOrigin,
  });
  expect(refused.status()).toBe(403);
  expect((await actionAnswer(refused)).error.message).toContain(`Only the operator of cluster #${clusterId}`);
  const documentRefused = await other.request.post(`/operator/${clusterId}.data`, {
    form: { intent: 'addDocument', title: 'fake', uri: 'https://evil.example/x', sha256: `0x${reportDigest}` },
    headers: sameOrigin,
  });
  expect(documentRefused.status()).toBe(403);
  await otherContext.close();

  await page.reload();
  await expect(page.getByTestId('cluster-note')).toContainText('Maintenance: Sundays 02:00 UTC');
  await expect(page.getByTestId('cluster-documents')).toHaveCount(1);
  await expect(page.getByTestId('cluster-documents').locator('li')).toHaveCount(1);
});

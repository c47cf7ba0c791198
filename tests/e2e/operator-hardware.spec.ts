/**
 * The operator console's Hardware and Hand-over tabs: a GPU list update goes through re-attestation by the running
 * oracle committee, the listing document is pointed at a new URI and hash, and a cluster is handed to another account,
 * which accepts from its own /operator page (a cancel first). Every figure and status the page shows is compared with
 * the registry's.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { decode } from 'turbo-stream';
import { type Address, keccak256, stringToBytes, zeroAddress } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { hardwareRoot } from '#protocol/hardware';
import { clusterStatusName } from '#protocol/status-names';
import { devRoles } from '../../devnet/accounts';
import { deployment, gpuUuids, publicClient, registerCluster } from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { expectAccessible, fullPageShot } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

const OPERATOR_INDEX = devRoles.testWallets[18]!;
const operator = TEST_ACCOUNTS[18]! as Address;
const successor = TEST_ACCOUNTS[19]! as Address;
const declined = TEST_ACCOUNTS[20]! as Address;

// Two attestations through the running committee (a challenge and an inventory proof per node each) and a hand-over
// seen by three wallets: longer than the default minute on a loaded machine.
test.describe.configure({ timeout: 180_000 });

const registry = () => deployment().contracts.clusterRegistry;
const id = (clusterId: bigint) => clusterId.toString();
const clusterOf = (clusterId: bigint) =>
  publicClient.readContract({
    address: registry(),
    abi: clusterRegistryAbi,
    functionName: 'clusterOf',
    args: [clusterId],
  });

/**
 * The status the Hardware tab shows, once it equals the registry's statusOf read at the same moment (the page reads
 * the chain every few seconds; another spec may move the shared clock), returned so the caller checks which it is.
 */
async function agreedStatus(page: Page, clusterId: bigint) {
  let shown: string | null = null;
  await expect
    .poll(async () => {
      shown = await page.getByTestId('hardware-status').getAttribute('data-status');
      const onChain = await publicClient.readContract({
        address: registry(),
        abi: clusterRegistryAbi,
        functionName: 'statusOf',
        args: [clusterId],
      });
      return shown === clusterStatusName(onChain);
    })
    .toBe(true);
  return shown;
}

async function openOperatorPage(browser: Browser, baseURL: string, account: Address) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await chooseWallet(page, account);
  await page.goto('/operator');
  await connectWallet(page);
  return page;
}

/**
 * The clusters /operator offers `account` (its loader's answer, as the page's single fetch reads it). The offers come
 * from the indexer's mirror, a few seconds behind the chain: a spec waits for them before it opens the page.
 */
async function offeredTo(page: Page, account: Address): Promise<string[]> {
  const response = await page.request.get(`/operator.data?operator=${account}&_routes=routes/operator._index`);
  const decoded = await decode(new Response(new Uint8Array(await response.body())).body!);
  await decoded.done;
  const answer = decoded.value as Record<string, { data?: { offers: { id: bigint }[] } }>;
  return (answer['routes/operator._index']?.data?.offers ?? []).map((offer) => offer.id.toString());
}

test('an operator updates its GPU list from the Hardware tab and re-attests it through the oracle committee; the status follows the registry at each step', async ({
  page,
}, testInfo) => {
  const uuids = gpuUuids(2);
  const clusterId = await registerCluster(OPERATOR_INDEX, { uuids, location: 'NL-AMS-07' });
  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);
  await page.getByTestId(`operator-nav-${clusterId}`).getByRole('link').click();
  const card = page.getByTestId(`operator-cluster-${clusterId}`);

  // First attestation from the overview, through the running committee.
  await card.getByLabel(/^GPU UUIDs of the cluster/).fill(uuids.join('\n'));
  await card.getByRole('button', { name: 'Request attestation' }).click();
  await expect(card.getByTestId('operator-cluster-status')).toHaveText('Attested', { timeout: 60_000 });

  await card.getByTestId('operator-tab-hardware').click();
  const before = await clusterOf(clusterId);
  await expect(card.getByTestId('hardware-root')).toHaveText(before.hardwareRoot);
  await expect(card.getByTestId('hardware-gpu-count')).toHaveText(String(before.gpuCount));
  expect(await agreedStatus(page, clusterId)).toBe('Attested');

  // One GPU added: the commitment is computed in the browser and must equal the oracle module's.
  const updated = [...uuids, ...gpuUuids(1)];
  await card.getByLabel(/^New GPU UUIDs/).fill(updated.join('\n'));
  await expect(card.getByTestId('hardware-new-count')).toHaveText('3');
  const shownRoot = await card.getByTestId('hardware-new-root').textContent();
  expect(shownRoot).toBe(hardwareRoot(updated));
  await expect(card.getByTestId('hardware-effect')).toContainText('stays Registered until the oracle committee');
  await card.getByRole('button', { name: 'Update hardware' }).click();
  await expect(card.getByTestId('hardware-update-status')).toHaveAttribute('data-step', 'confirmed');

  const after = await clusterOf(clusterId);
  expect(after.hardwareRoot).toBe(shownRoot);
  expect(after.gpuCount).toBe(3);
  expect(after.attestedUntil).toBe(0);
  await expect(card.getByTestId('hardware-root')).toHaveText(after.hardwareRoot);
  await expect(card.getByTestId('hardware-gpu-count')).toHaveText('3');
  // Waiting for the committee: the registry cleared the attestation.
  expect(await agreedStatus(page, clusterId)).toBe('Registered');
  await expect(card.getByTestId('operator-cluster-status')).toHaveText('Registered');
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-hardware');

  // The re-attestation starts from the list just committed to; each node checks it against the new commitment.
  await expect(card.getByLabel(/^GPU UUIDs of the cluster/)).toHaveValue(updated.join('\n'));
  // Asked once, right after the update: a node whose cached registry read predates it reads the registry again
  // (oracle/node/attestation.ts), so no node refuses the new count.
  await card.getByRole('button', { name: 'Request attestation' }).click();
  await expect(card.getByTestId(`attest-status-${clusterId}`)).toHaveAttribute('data-step', 'confirmed', {
    timeout: 60_000,
  });
  expect(await agreedStatus(page, clusterId)).toBe('Attested');
  await expect(card.getByTestId('hardware-attested')).toBeVisible();
  const attestations = await publicClient.getContractEvents({
    address: registry(),
    abi: clusterRegistryAbi,
    eventName: 'ClusterAttested',
    args: { clusterId },
    fromBlock: 0n,
  });
  expect(attestations).toHaveLength(2);
  expect(attestations[1]!.args.hardwareRoot).toBe(hardwareRoot(updated));
  expect(attestations[1]!.args.gpuCount).toBe(3);
  expect(attestations[1]!.args.submitter).toBe(operator);
});

test('an operator points its listing at a new document from the Hardware tab; the tab and the public cluster page show the registry’s URI and hash', async ({
  page,
}, testInfo) => {
  const clusterId = await registerCluster(OPERATOR_INDEX, { uuids: gpuUuids(1), location: 'NL-AMS-09' });
  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);
  await page.getByTestId(`operator-nav-${clusterId}`).getByRole('link').click();
  const card = page.getByTestId(`operator-cluster-${clusterId}`);
  await card.getByTestId('operator-tab-hardware').click();
  const listing = card.getByTestId('operator-listing');
  const before = await clusterOf(clusterId);
  await expect(listing.getByTestId('listing-hash')).toHaveText(before.metadataHash);

  // The document's hash is computed in the browser by the registration rule: keccak256 of its UTF-8 bytes.
  const uri = `https://example.org/listings/${clusterId}-v2.json`;
  const document = JSON.stringify({ cluster: id(clusterId), rack: 'B-07', note: '机架 — second revision' });
  await listing.getByLabel(/^New document URI/).fill(uri);
  await listing.getByLabel(/^The new document’s content/).fill(document);
  await expect(listing.getByTestId('listing-new-hash')).toHaveText(keccak256(stringToBytes(document)));
  await expect(listing.getByTestId('listing-effect')).toContainText('Holders’ shares, their revenue');
  await listing.getByRole('button', { name: 'Update the listing' }).click();
  await expect(card.getByTestId('listing-update-status')).toHaveAttribute('data-step', 'confirmed');

  const after = await clusterOf(clusterId);
  expect([after.metadataURI, after.metadataHash]).toEqual([uri, keccak256(stringToBytes(document))]);
  // The attestation and the hardware are untouched by a listing update.
  expect([after.hardwareRoot, after.attestedUntil, after.status]).toEqual([
    before.hardwareRoot,
    before.attestedUntil,
    before.status,
  ]);
  await expect(listing.getByTestId('listing-uri')).toHaveText(after.metadataURI);
  await expect(listing.getByTestId('listing-hash')).toHaveText(after.metadataHash);
  await expect(listing.getByTestId('listing-recorded-uri')).toHaveText(after.metadataURI);
  await expect(listing.getByTestId('listing-recorded-hash')).toHaveText(after.metadataHash);
  // Sent again unchanged: the form says so instead of sending.
  await listing.getByLabel(/^New document URI/).fill(uri);
  await expect(listing).toContainText('nothing to update');
  await expect(listing.getByRole('button', { name: 'Update the listing' })).toBeDisabled();
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-listing');

  // The public cluster page reads the registry: the same URI (a link, it is https) and hash.
  await page.goto(`/clusters/${clusterId}`);
  await expect(page.getByTestId('passport-metadata-uri')).toHaveText(after.metadataURI);
  await expect(page.getByTestId('passport-metadata-uri').getByRole('link')).toHaveAttribute('href', uri);
  await expect(page.getByTestId('passport-metadata-hash')).toHaveText(after.metadataHash);
  await expectAccessible(page);
});

test('an operator offers its cluster, cancels, offers it again; the new operator accepts from /operator and gets its console', async ({
  page,
  browser,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const clusterId = await registerCluster(OPERATOR_INDEX, { uuids: gpuUuids(1), location: 'NL-AMS-08' });
  const id = clusterId.toString();
  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);
  await page.getByTestId(`operator-nav-${clusterId}`).getByRole('link').click();
  const card = page.getByTestId(`operator-cluster-${clusterId}`);
  await card.getByTestId('operator-tab-handover').click();
  await expect(card.getByTestId('handover-operator')).toHaveText(operator);
  await expect(card.getByTestId('handover-pending')).toHaveAttribute('data-pending', '');

  const newOperator = card.getByLabel('New operator’s address');
  await newOperator.fill(operator);
  await card.getByRole('button', { name: 'Offer the cluster' }).click();
  await expect(card).toContainText('That is the current operator.');
  await newOperator.fill(declined.toLowerCase());
  await expect(card.getByTestId('handover-effect')).toContainText('follow the registry’s operator');
  await card.getByRole('button', { name: 'Offer the cluster' }).click();
  await expect(card.getByTestId('handover-status')).toHaveAttribute('data-step', 'confirmed');
  expect((await clusterOf(clusterId)).pendingOperator).toBe(declined);
  await expect(card.getByTestId('handover-pending')).toHaveAttribute('data-pending', declined);

  // The offered account sees it on its own /operator page once the mirror has it.
  await expect.poll(() => offeredTo(page, declined), { timeout: 30_000 }).toContain(id);
  const declinedPage = await openOperatorPage(browser, baseURL, declined);
  await expect(declinedPage.getByTestId(`handover-offer-${id}`)).toBeVisible();

  // Cancelled: the registry has no pending operator, and the page stops offering it (the chain is read, not only
  // the mirror), so no Accept can revert.
  await card.getByRole('button', { name: 'Cancel the hand-over' }).click();
  await expect(card.getByTestId('handover-status')).toHaveAttribute('data-step', 'confirmed');
  expect((await clusterOf(clusterId)).pendingOperator).toBe(zeroAddress);
  await expect(card.getByTestId('handover-pending')).toHaveAttribute('data-pending', '');
  expect(await offeredTo(page, declined)).not.toContain(id);
  await declinedPage.context().close();

  await newOperator.fill(successor);
  await card.getByRole('button', { name: 'Offer the cluster' }).click();
  await expect(card.getByTestId('handover-status')).toHaveAttribute('data-step', 'confirmed');
  expect((await clusterOf(clusterId)).pendingOperator).toBe(successor);
  await expect(card.getByTestId('handover-pending')).toHaveAttribute('data-pending', successor);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-handover');

  await expect.poll(() => offeredTo(page, successor), { timeout: 30_000 }).toContain(id);
  const successorPage = await openOperatorPage(browser, baseURL, successor);
  const offer = successorPage.getByTestId(`handover-offer-${id}`);
  await expect(offer.getByTestId(`handover-offer-from-${id}`)).toHaveText(operator);
  await expectAccessible(successorPage);
  await fullPageShot(successorPage, testInfo, 'operator-handover-offered');
  await offer.getByRole('button', { name: `Accept cluster #${id}` }).click();
  await expect(successorPage.getByTestId('handover-accept-status')).toHaveAttribute('data-step', 'confirmed');
  const handedOver = await clusterOf(clusterId);
  expect(handedOver.operator).toBe(successor);
  expect(handedOver.pendingOperator).toBe(zeroAddress);
  // The cluster moves into the new operator's console (once the mirror lists it under its new operator).
  await expect(successorPage.getByTestId(`operator-cluster-${id}`)).toBeVisible({ timeout: 90_000 });
  await expect(successorPage.getByTestId(`operator-nav-${id}`)).toBeVisible();
  await successorPage.context().close();
});

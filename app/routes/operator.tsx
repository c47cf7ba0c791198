import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useNavigate, useRevalidator, useRouteLoaderData } from '@remix-run/react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Address,
  getAddress,
  isAddress,
  isAddressEqual,
  keccak256,
  parseEventLogs,
  parseUnits,
  stringToBytes,
} from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { useConfig, useConnection } from 'wagmi';
import { getBlock, signMessage } from 'wagmi/actions';
import { z } from 'zod';
import { clusterRegistryAbi, rackshareFactoryAbi } from '#contracts';
import { AttestPanel } from '~/components/AttestPanel';
import { DocumentsEditor } from '~/components/ClusterDocuments';
import { ConnectWallet } from '~/components/ConnectWallet';
import { DepositForm } from '~/components/DepositForm';
import { TelemetryPanel } from '~/components/TelemetryPanel';
import { TxStatus } from '~/components/TxStatus';
import { useCommitment } from '~/lib/commitment';
import { formatInteger, SHARE_DECIMALS, shortAddress } from '~/lib/format';
import { fromDataSources } from '~/lib/http.server';
import { postForm } from '~/lib/post-form';
import { signedInAddress } from '~/lib/siwe-session.server';
import { useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';
import { type ClusterListItem, listOperatorClusters } from '~/models/clusters.server';
import { clusterDocumentsByCluster } from '~/models/documents.server';
import { type ClusterNote, clusterNotesByCluster } from '~/models/notes.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Rackshare — operator' }];

/**
 * The list is the clusters of one operator, read from the mirror by its operator index: the connected wallet's (the
 * page puts it in `?operator=` once the wallet connects), else the signed-in address. No operator, no list.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const asked = new URL(request.url).searchParams.get('operator');
  const signedIn = await fromDataSources(() => signedInAddress(request, context));
  const operator = asked && isAddress(asked) ? getAddress(asked) : (signedIn ?? null);
  const clusters = operator ? await fromDataSources(() => listOperatorClusters(context, operator)) : [];
  const ids = clusters.map((cluster) => cluster.id);
  const [notes, documents] = await fromDataSources(() =>
    Promise.all([
      clusterNotesByCluster(context.db, context.chain.chainId, ids),
      clusterDocumentsByCluster(context.db, context.chain.chainId, ids),
    ]),
  );
  return { operator, clusters, notes, documents, signedIn: signedIn ?? null };
}

const decimalText = (decimals: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`));

const registerSchema = z.object({
  gpuModel: z.string().trim().min(1).max(100),
  location: z.string().trim().min(1).max(32),
  uuids: z
    .string()
    .transform((text) => text.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string()).min(1)),
  metadataURI: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9+.-]*:\/\/\S+$/i)
    .max(512),
  metadataContent: z.string(),
});

type FieldErrors = Partial<Record<string, string>>;

function RegisterForm({
  account,
  onRegistered,
}: {
  account: Address;
  /** The new cluster's id and the UUID list it was registered with (the attestation form starts from it). */
  onRegistered: (clusterId: bigint, uuidText: string) => void;
}) {
  const { t } = useTranslation();
  const flow = useTransactionFlow();
  const [uuidText, setUuidText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [registeredId, setRegisteredId] = useState<bigint>();
  const commitment = useCommitment(uuidText);
  const registry = useRouteLoaderData<typeof rootLoader>('root')?.contracts.clusterRegistry;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = registerSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    const fieldErrors: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        fieldErrors[field] =
          field === 'uuids'
            ? t('validation.uuids')
            : field === 'metadataURI'
              ? t('validation.uri')
              : t('validation.required');
      }
    }
    if (!commitment.root) fieldErrors.uuids = t('validation.uuids');
    setErrors(fieldErrors);
    if (!parsed.success || !commitment.root || !registry || Object.keys(fieldErrors).length > 0) return;
    const form = parsed.data;
    const receipt = await flow.run(({ send }) =>
      send({
        account,
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'registerCluster',
        args: [
          form.gpuModel,
          form.uuids.length,
          form.location,
          commitment.root!,
          form.metadataURI,
          keccak256(stringToBytes(form.metadataContent)),
        ],
      }),
    );
    if (receipt) {
      const [registered] = parseEventLogs({
        abi: clusterRegistryAbi,
        logs: receipt.logs,
        eventName: 'ClusterRegistered',
      });
      setRegisteredId(registered?.args.clusterId);
      if (registered) onRegistered(registered.args.clusterId, uuidText);
    }
  }

  return (
    <section className="card" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('operator.register')}</h2>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="gpuModel">{t('operator.gpuModel')}</label>
        <input id="gpuModel" name="gpuModel" required aria-invalid={Boolean(errors.gpuModel)} />
        {errors.gpuModel && <p className="error-text">{errors.gpuModel}</p>}
        <label htmlFor="location">{t('operator.location')}</label>
        <input id="location" name="location" required aria-invalid={Boolean(errors.location)} />
        {errors.location && <p className="error-text">{errors.location}</p>}
        <label htmlFor="uuids">{t('operator.gpuUuids')}</label>
        <textarea
          id="uuids"
          name="uuids"
          rows={5}
          spellCheck={false}
          value={uuidText}
          onChange={(event) => setUuidText(event.target.value)}
          aria-invalid={Boolean(errors.uuids || commitment.error)}
          aria-describedby="commitment-output"
        />
        {(errors.uuids || commitment.error) && <p className="error-text">{commitment.error ?? errors.uuids}</p>}
        <dl id="commitment-output" aria-live="polite">
          <dt>{t('operator.gpuCount')}</dt>
          <dd data-testid="computed-gpu-count">{commitment.count}</dd>
          <dt>{t('operator.commitment')}</dt>
          <dd data-testid="computed-commitment">{commitment.root ?? '—'}</dd>
        </dl>
        <label htmlFor="metadataURI">{t('operator.metadataUri')}</label>
        <input id="metadataURI" name="metadataURI" required aria-invalid={Boolean(errors.metadataURI)} />
        {errors.metadataURI && <p className="error-text">{errors.metadataURI}</p>}
        <label htmlFor="metadataContent">{t('operator.metadataContent')}</label>
        <textarea id="metadataContent" name="metadataContent" rows={3} />
        <button type="submit" disabled={flow.busy}>
          {t('operator.submitRegister')}
        </button>
      </form>
      <TxStatus state={flow.state} testId="register-status" />
      {registeredId !== undefined && (
        <p data-testid="registered-id" data-id={registeredId.toString()}>
          <Link to={`/clusters/${registeredId}`}>{t('operator.registered', { id: registeredId.toString() })}</Link>
        </p>
      )}
    </section>
  );
}

const tokenizeSchemaOf = (usdDecimals: number) =>
  z.object({
    name: z.string().trim().min(1).max(64),
    symbol: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{1,11}$/),
    supply: decimalText(SHARE_DECIMALS),
    price: decimalText(usdDecimals),
    startsIn: z.coerce.number().int().min(0).max(525_600),
    durationDays: z.coerce.number().int().min(1).max(365),
    softCap: decimalText(SHARE_DECIMALS),
    perBuyerCap: decimalText(SHARE_DECIMALS),
  });

function TokenizeForm({
  cluster,
  account,
  onDone,
}: {
  cluster: ClusterListItem;
  account: Address;
  onDone: () => void;
}) {
  const usdDecimals = useStablecoinDecimals();
  const { t } = useTranslation();
  const config = useConfig();
  const flow = useTransactionFlow();
  const factory = useRouteLoaderData<typeof rootLoader>('root')?.contracts.factory;
  const [invalid, setInvalid] = useState<string[]>([]);
  const prefix = `tokenize-${cluster.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = tokenizeSchemaOf(usdDecimals).safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    setInvalid(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0])));
    if (!parsed.success || !factory) return;
    const form = parsed.data;
    const receipt = await flow.run(async ({ send }) => {
      // Sale times from the chain's clock (a test chain may run ahead of the browser's).
      const head = await getBlock(config);
      const start = head.timestamp + BigInt(form.startsIn * 60);
      const end = start + BigInt(form.durationDays * 86_400);
      return send({
        account,
        address: factory,
        abi: rackshareFactoryAbi,
        functionName: 'tokenize',
        args: [
          cluster.id,
          {
            name: form.name,
            symbol: form.symbol,
            supply: parseUnits(form.supply, SHARE_DECIMALS),
            pricePerShare: parseUnits(form.price, usdDecimals),
            start: Number(start),
            end: Number(end),
            softCap: parseUnits(form.softCap, SHARE_DECIMALS),
            perBuyerCap: parseUnits(form.perBuyerCap, SHARE_DECIMALS),
          },
        ],
      });
    });
    if (receipt) onDone();
  }

  const field = (name: keyof z.infer<ReturnType<typeof tokenizeSchemaOf>>, label: string, defaultValue: string) => (
    <>
      <label htmlFor={`${prefix}-${name}`}>{label}</label>
      <input
        id={`${prefix}-${name}`}
        name={name}
        defaultValue={defaultValue}
        autoComplete="off"
        aria-invalid={invalid.includes(name)}
      />
      {invalid.includes(name) && (
        <p className="error-text">{name === 'symbol' ? t('validation.symbol') : t('validation.positive')}</p>
      )}
    </>
  );

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label={t('operator.tokenize')} noValidate>
      <h3>{t('operator.tokenize')}</h3>
      {field('name', t('operator.tokenName'), `Rackshare Cluster ${cluster.id}`)}
      {field('symbol', t('operator.tokenSymbol'), `RSC${cluster.id}`)}
      {field('supply', t('operator.supply'), '1000')}
      {field('price', t('operator.price'), '10')}
      {field('startsIn', t('operator.startsIn'), '0')}
      {field('durationDays', t('operator.durationDays'), '30')}
      {field('softCap', t('operator.softCap'), '100')}
      {field('perBuyerCap', t('operator.perBuyerCap'), '0')}
      <button type="submit" disabled={flow.busy}>
        {t('operator.tokenize')}
      </button>
      <TxStatus state={flow.state} testId={`tokenize-status-${cluster.id}`} />
    </form>
  );
}

/** Notes are plain text and short; the server enforces the same bound (operator_.notes.tsx). */
const NOTE_MAX_LENGTH = 2_000;

/** Sign-In with Ethereum: the server's nonce, a message for this site and chain, the wallet's signature. */
function SignInPanel({ account, signedIn, onChange }: { account: Address; signedIn: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const config = useConfig();
  const chainId = useRouteLoaderData<typeof rootLoader>('root')?.chain.id;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function run(step: () => Promise<string | undefined>) {
    setBusy(true);
    setError(undefined);
    try {
      setError(await step());
      onChange();
    } catch (failure) {
      setError((failure as { shortMessage?: string }).shortMessage ?? (failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const signIn = () =>
    run(async () => {
      if (chainId === undefined) return t('common.connectFirst');
      const issued = await postForm('/operator/session', { intent: 'nonce' });
      if (!issued.ok || typeof issued.body.nonce !== 'string') return issued.error;
      const issuedAt = new Date();
      const message = createSiweMessage({
        address: account,
        chainId,
        domain: window.location.host,
        uri: window.location.origin,
        nonce: issued.body.nonce,
        version: '1',
        issuedAt,
        expirationTime: new Date(issuedAt.getTime() + 8 * 3_600_000),
        statement: 'Sign in to Rackshare to edit the off-chain notes of your clusters.',
      });
      const signature = await signMessage(config, { account, message });
      const result = await postForm('/operator/session', { intent: 'signIn', message, signature });
      return result.ok ? undefined : result.error;
    });
  const signOut = () =>
    run(async () => {
      const result = await postForm('/operator/session', { intent: 'signOut' });
      return result.ok ? undefined : result.error;
    });

  return (
    <div className="wallet-line" data-testid="siwe">
      {signedIn ? (
        <p data-testid="signed-in-as">
          {t('operator.signedInAs', { address: shortAddress(account) })}{' '}
          <button type="button" className="secondary" onClick={() => void signOut()} disabled={busy}>
            {t('operator.signOut')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => void signIn()} disabled={busy}>
          {t('operator.signIn')}
        </button>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A cluster's off-chain note: shown as text to everyone, editable by its signed-in operator. */
function ClusterNoteEditor({
  cluster,
  note,
  editable,
  onSaved,
}: {
  cluster: ClusterListItem;
  note: ClusterNote | undefined;
  editable: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = cluster.id.toString();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = String(new FormData(event.currentTarget).get('body') ?? '');
    setBusy(true);
    setError(undefined);
    try {
      const result = await postForm('/operator/notes', { clusterId: id, body });
      if (result.ok) onSaved();
      else setError(result.error);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <h3>{t('operator.notes')}</h3>
      {note && (
        <p data-testid={`cluster-note-${id}`} style={{ whiteSpace: 'pre-wrap' }}>
          {note.body}
        </p>
      )}
      {editable && (
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
          <label htmlFor={`note-${id}`}>{t('operator.noteLabel', { id })}</label>
          <textarea
            id={`note-${id}`}
            name="body"
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            defaultValue={note?.body ?? ''}
            key={note?.updatedAt}
            aria-invalid={Boolean(error)}
          />
          <button type="submit" disabled={busy}>
            {t('operator.saveNote')}
          </button>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

export default function Operator() {
  const { operator, clusters, notes, documents, signedIn } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const account = connection.address;
  const listed = Boolean(account && operator && isAddressEqual(operator, account));
  // The loader lists one operator's clusters: ask for the connected wallet's when the page was loaded for another.
  useEffect(() => {
    if (account && !listed) navigate(`?operator=${account}`, { replace: true, preventScrollReset: true });
  }, [account, listed, navigate]);
  const mine = listed ? clusters.filter((cluster) => isAddressEqual(cluster.operator, account!)) : [];
  const refresh = () => revalidator.revalidate();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  // UUID lists typed into the registration form in this tab, by cluster id: the attestation form starts from them.
  const [inventories, setInventories] = useState<Record<string, string>>({});
  const signedInHere = Boolean(account && signedIn && isAddressEqual(signedIn, account));

  return (
    <>
      <h1>{t('operator.title')}</h1>
      <ConnectWallet />
      {!account ? (
        <p className="empty">{t('common.connectFirst')}</p>
      ) : (
        <div className="grid">
          <RegisterForm
            account={account}
            onRegistered={(clusterId, uuidText) => {
              setInventories((known) => ({ ...known, [clusterId.toString()]: uuidText }));
              refresh();
            }}
          />
          <section className="card" aria-labelledby="mine-heading">
            <h2 id="mine-heading">{t('operator.yourClusters')}</h2>
            <SignInPanel account={account} signedIn={signedInHere} onChange={refresh} />
            {mine.length === 0 ? (
              <p className="empty" data-testid="operator-empty">
                {t('operator.none')}
              </p>
            ) : (
              <ul className="plain-list">
                {mine.map((cluster) => (
                  <li key={cluster.id.toString()} data-testid={`operator-cluster-${cluster.id}`} className="subcard">
                    <p>
                      <Link to={`/clusters/${cluster.id}`}>{t('common.cluster', { id: cluster.id.toString() })}</Link> —{' '}
                      {cluster.gpuModel} × {formatInteger(cluster.gpuCount, i18n.language)} · {cluster.location}{' '}
                      <span className={`badge status-${cluster.status}`} data-testid="operator-cluster-status">
                        {t(`status.${cluster.status}`)}
                      </span>
                    </p>
                    {cluster.token ? (
                      <>
                        <p data-testid="operator-cluster-token">
                          {t('operator.tokenized', { symbol: cluster.token.symbol })}
                        </p>
                        <DepositForm cluster={cluster} account={account} onDone={refresh} />
                      </>
                    ) : cluster.status === 'Attested' ? (
                      <TokenizeForm cluster={cluster} account={account} onDone={refresh} />
                    ) : (
                      <>
                        <p className="muted">{t('operator.needsAttestation')}</p>
                        {(cluster.status === 'Registered' || cluster.status === 'Stale') && root && (
                          <AttestPanel
                            cluster={cluster}
                            account={account}
                            registry={root.contracts.clusterRegistry}
                            chainId={root.chain.id}
                            initialUuids={inventories[cluster.id.toString()]}
                            onDone={refresh}
                          />
                        )}
                      </>
                    )}
                    {cluster.status !== 'Registered' && <TelemetryPanel clusterId={cluster.id.toString()} />}
                    <ClusterNoteEditor
                      cluster={cluster}
                      note={notes[cluster.id.toString()]}
                      editable={signedInHere}
                      onSaved={refresh}
                    />
                    <DocumentsEditor
                      clusterId={cluster.id.toString()}
                      documents={documents[cluster.id.toString()] ?? []}
                      editable={signedInHere}
                      onChanged={refresh}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';

import { useRouteLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { useConfig } from 'wagmi';
import { signMessage } from 'wagmi/actions';
import { shortAddress } from '~/lib/format';
import { refusalMessage } from '~/lib/refusal';
import type { loader as rootLoader } from '~/root';

/**
 * One step of the sign-in exchange (app/routes/operator_.session.tsx): its JSON answer, or the refusal's message. A
 * plain fetch rather than a fetcher: the wallet signs a message that holds the nonce, so the nonce is needed here, in
 * the middle of the click, not on the next render.
 */
async function postSession(fields: Record<string, string>) {
  const response = await fetch('/operator/session', { method: 'POST', body: new URLSearchParams(fields) });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: response.ok, body, error: refusalMessage(body) ?? response.statusText };
}

/** Sign-In with Ethereum: the server's nonce, a message for this site and chain, the wallet's signature. */
export function SignInPanel({
  account,
  signedIn,
  onChange,
}: {
  account: Address;
  signedIn: boolean;
  onChange: () => void;
}) {
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
      const issued = await postSession({ intent: 'nonce' });
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
      const result = await postSession({ intent: 'signIn', message, signature });
      return result.ok ? undefined : result.error;
    });
  const signOut = () =>
    run(async () => {
      const result = await postSession({ intent: 'signOut' });
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

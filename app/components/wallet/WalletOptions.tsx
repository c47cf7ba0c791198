import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { BaseError } from 'viem';
import { type Connector, useConnect, useConnectors } from 'wagmi';
import { DEV_WALLET_ID } from '~/lib/dev-wallet';

const noSubscription = () => () => {};
/** A legacy extension that only sets window.ethereum (no EIP-6963 announcement); unknown while server-rendering. */
function useLegacyBrowserWallet(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => Boolean((window as { ethereum?: unknown }).ethereum),
    () => false,
  );
}

/** Only an image a wallet announced inline (EIP-6963 requires a data URI; the CSP allows nothing else). */
function WalletIcon({ connector }: { connector: Connector }) {
  if (!connector.icon?.startsWith('data:image/')) return null;
  return <img src={connector.icon} alt="" width={20} height={20} />;
}

/**
 * The wallet menu while disconnected: the development wallet (local chain only, see createWagmiConfig), every wallet
 * announced through EIP-6963 under its own name and icon, and the generic injected() entry as "Browser wallet" only
 * for a legacy window.ethereum that announced nothing.
 */
export function WalletOptions() {
  const { t } = useTranslation();
  const connectors = useConnectors();
  const connect = useConnect();
  const legacy = useLegacyBrowserWallet();
  const development = connectors.find((connector) => connector.id === DEV_WALLET_ID);
  const announced = connectors.filter((connector) => connector.type === 'injected' && connector.id !== 'injected');
  const fallback =
    announced.length === 0 && legacy ? connectors.find((connector) => connector.id === 'injected') : undefined;
  const pick = (connector: Connector) => connect.mutate({ connector });

  return (
    <div className="wallet-options" data-testid="wallet-menu">
      {development && (
        <div>
          <p className="wallet-line">
            <button type="button" onClick={() => pick(development)} disabled={connect.isPending}>
              <WalletIcon connector={development} /> {t('devWallet.connect')}
            </button>
            <span className="badge">{t('devWallet.badge')}</span>
          </p>
          <p className="muted">
            {t('devWallet.offer')} {t('devWallet.warning')}
          </p>
        </div>
      )}
      <p className="wallet-line">
        {announced.map((connector) => (
          <button key={connector.uid} type="button" onClick={() => pick(connector)} disabled={connect.isPending}>
            <WalletIcon connector={connector} /> {t('common.connect', { name: connector.name })}
          </button>
        ))}
        {fallback && (
          <button type="button" onClick={() => pick(fallback)} disabled={connect.isPending}>
            {t('common.connect', { name: t('devWallet.browserWallet') })}
          </button>
        )}
      </p>
      {!development && announced.length === 0 && !fallback && <p>{t('common.noWallet')}</p>}
      {connect.error && (
        <p className="error-text" role="alert">
          {(connect.error as BaseError).shortMessage ?? connect.error.message}
        </p>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { BaseError } from 'viem';
import { useConnect, useConnection, useConnectors, useDisconnect } from 'wagmi';
import { shortAddress } from '~/lib/format';

/** Connect buttons for every discovered wallet (EIP-6963 / injected), or the connected account with Disconnect. */
export function ConnectWallet({ showAccount = true }: { showAccount?: boolean }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  if (connection.isConnected && connection.address) {
    if (!showAccount) return null;
    return (
      <p className="wallet-line">
        {t('common.account')}: <code title={connection.address}>{shortAddress(connection.address)}</code>{' '}
        <button type="button" className="secondary" onClick={() => disconnect.mutate({})}>
          {t('common.disconnect')}
        </button>
      </p>
    );
  }
  return (
    <div className="wallet-line">
      {connectors.length === 0 && <p>{t('common.noWallet')}</p>}
      {connectors.map((connector) => (
        <button
          key={connector.uid}
          type="button"
          onClick={() => connect.mutate({ connector })}
          disabled={connect.isPending}
        >
          {t('common.connect', { name: connector.name })}
        </button>
      ))}
      {connect.error && (
        <p className="error-text" role="alert">
          {(connect.error as BaseError).shortMessage ?? connect.error.message}
        </p>
      )}
    </div>
  );
}

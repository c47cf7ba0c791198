import { useTranslation } from 'react-i18next';
import { useConnection, useDisconnect } from 'wagmi';
import { DevWalletMenu } from '~/components/wallet/DevWalletMenu';
import { WalletOptions } from '~/components/wallet/WalletOptions';
import { DEV_WALLET_ID } from '~/lib/dev-wallet';
import { shortAddress } from '~/lib/format';

/**
 * The wallet menu: the wallets to connect (the development wallet on the local chain, EIP-6963 wallets by name), or
 * the connected account with Disconnect — and, for the development wallet, its role switcher.
 */
export function ConnectWallet({ showAccount = true }: { showAccount?: boolean }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const disconnect = useDisconnect();
  if (connection.isConnected && connection.address) {
    if (!showAccount) return null;
    if (connection.connector?.id === DEV_WALLET_ID)
      return <DevWalletMenu account={connection.address} connector={connection.connector} />;
    return (
      <p className="wallet-line">
        {t('common.account')}: <code title={connection.address}>{shortAddress(connection.address)}</code>{' '}
        <button type="button" className="secondary" onClick={() => disconnect.mutate({})}>
          {t('common.disconnect')}
        </button>
      </p>
    );
  }
  return <WalletOptions />;
}

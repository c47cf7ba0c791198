/**
 * Freezes: a frozen account can neither send nor receive shares, but keeps them, keeps earning on them and may still
 * claim (ShareToken's setFrozen). The account typed is read from the chain (frozen or not, its balance) before the
 * button is offered; the list of frozen accounts is the mirror's.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, getAddress, isAddress } from 'viem';
import { useReadContracts } from 'wagmi';
import { shareTokenAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { formatShares } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';

export function FreezePanel({
  token,
  account,
  frozen,
  onDone,
}: {
  token: Address;
  account: Address;
  frozen: Address[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const flow = useTransactionFlow();
  const [typed, setTyped] = useState('');
  const target = isAddress(typed.trim(), { strict: true }) ? getAddress(typed.trim()) : undefined;
  const reads = useReadContracts({
    contracts: [
      { address: token, abi: shareTokenAbi, functionName: 'isFrozen', args: [target!] },
      { address: token, abi: shareTokenAbi, functionName: 'balanceOf', args: [target!] },
    ],
    allowFailure: false,
    query: { enabled: target !== undefined },
  });
  const [isFrozen, balance] = reads.data ?? [];

  async function setFrozen(who: Address, freeze: boolean) {
    const receipt = await flow.run(({ send }) =>
      send(
        { account, address: token, abi: shareTokenAbi, functionName: 'setFrozen', args: [who, freeze] },
        t(freeze ? 'investors.tx.freeze' : 'investors.tx.unfreeze'),
      ),
    );
    if (receipt) {
      await reads.refetch();
      onDone();
    }
  }

  return (
    <section className="stack" aria-labelledby="freeze-heading">
      <h3 id="freeze-heading">{t('investors.freeze.title')}</h3>
      <p className="muted" id="freeze-effect">
        {t('investors.freeze.effect')}
      </p>
      <label htmlFor="freeze-account">{t('investors.verify.account')}</label>
      <input
        id="freeze-account"
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        placeholder="0x…"
        autoComplete="off"
        aria-invalid={typed.trim() !== '' && target === undefined}
      />
      {typed.trim() !== '' && target === undefined && <p className="error-text">{t('investors.csv.errors.address')}</p>}
      {target && reads.data && (
        <>
          <p data-testid="freeze-target-state" data-value={String(isFrozen)}>
            {t(isFrozen ? 'investors.freeze.isFrozen' : 'investors.freeze.notFrozen', {
              shares: formatShares(balance!, i18n.language),
            })}
          </p>
          <button
            type="button"
            disabled={flow.busy}
            aria-describedby="freeze-effect"
            onClick={() => void setFrozen(target, !isFrozen)}
            data-testid="freeze-toggle"
          >
            {isFrozen ? t('investors.freeze.unfreeze') : t('investors.freeze.freeze')}
          </button>
        </>
      )}
      <TxStatus state={flow.state} testId="freeze-status" />
      <h4>{t('investors.freeze.listTitle')}</h4>
      {frozen.length === 0 ? (
        <p className="muted">{t('investors.freeze.none')}</p>
      ) : (
        <ul className="plain-list" data-testid="frozen-list">
          {frozen.map((address) => (
            <li key={address} data-testid={`frozen-${address}`}>
              <code>{address}</code>{' '}
              <button
                type="button"
                className="secondary"
                disabled={flow.busy}
                onClick={() => void setFrozen(address, false)}
                aria-label={t('investors.freeze.unfreezeAccount', { account: address })}
              >
                {t('investors.freeze.unfreeze')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The token-wide switches: the allowlist (receivers must be verified) and the operator's pause, with governance's
 * pause shown beside it (the operator cannot lift it). Each button says what it does to holders before it is sent;
 * the state is read from the chain, not the mirror, so it is right the moment the transaction is mined.
 */
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import { useReadContracts } from 'wagmi';
import { shareTokenAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { useTransactionFlow } from '~/lib/tx';

export function AllowlistControls({
  token,
  account,
  onDone,
}: {
  token: Address;
  account: Address;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const flow = useTransactionFlow();
  const reads = useReadContracts({
    contracts: [
      { address: token, abi: shareTokenAbi, functionName: 'allowlistEnabled' },
      { address: token, abi: shareTokenAbi, functionName: 'pausedByOperator' },
      { address: token, abi: shareTokenAbi, functionName: 'pausedByGovernance' },
    ],
    allowFailure: false,
  });
  const [allowlist, pausedByOperator, pausedByGovernance] = reads.data ?? [];

  async function send(functionName: 'setAllowlistEnabled' | 'pause' | 'unpause', args: readonly unknown[] = []) {
    const receipt = await flow.run(({ send }) =>
      send({ account, address: token, abi: shareTokenAbi, functionName, args }, t(`investors.tx.${functionName}`)),
    );
    if (receipt) {
      await reads.refetch();
      onDone();
    }
  }

  return (
    <section className="stack" aria-labelledby="token-controls-heading">
      <h3 id="token-controls-heading">{t('investors.controls.title')}</h3>
      {reads.data === undefined ? (
        <p className="muted">{t('investors.loading')}</p>
      ) : (
        <>
          <p data-testid="allowlist-state" data-value={String(allowlist)}>
            {allowlist ? t('investors.controls.allowlistOn') : t('investors.controls.allowlistOff')}
          </p>
          <p className="muted" id="allowlist-effect">
            {allowlist ? t('investors.controls.allowlistOffEffect') : t('investors.controls.allowlistOnEffect')}
          </p>
          <button
            type="button"
            disabled={flow.busy}
            aria-describedby="allowlist-effect"
            onClick={() => void send('setAllowlistEnabled', [!allowlist])}
            data-testid="allowlist-toggle"
          >
            {allowlist ? t('investors.controls.turnAllowlistOff') : t('investors.controls.turnAllowlistOn')}
          </button>
          <p data-testid="pause-state" data-value={String(pausedByOperator)}>
            {pausedByOperator ? t('investors.controls.pausedByOperator') : t('investors.controls.notPaused')}
          </p>
          {pausedByGovernance && (
            <p className="error-text" data-testid="governance-pause">
              {t('investors.controls.pausedByGovernance')}
            </p>
          )}
          <p className="muted" id="pause-effect">
            {pausedByOperator ? t('investors.controls.unpauseEffect') : t('investors.controls.pauseEffect')}
          </p>
          <button
            type="button"
            disabled={flow.busy}
            aria-describedby="pause-effect"
            onClick={() => void send(pausedByOperator ? 'unpause' : 'pause')}
            data-testid="pause-toggle"
          >
            {pausedByOperator ? t('investors.controls.unpause') : t('investors.controls.pause')}
          </button>
        </>
      )}
      <TxStatus state={flow.state} testId="token-controls-status" />
    </section>
  );
}

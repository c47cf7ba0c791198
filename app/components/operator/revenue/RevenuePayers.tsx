/**
 * The revenue payers the operator named (ShareToken.setRevenuePayer): listed from the mirror with each horizon as the
 * token has it, named with a horizon in days, removed with a horizon of 0 (the contract's revocation). What a payer
 * can do is said before either is sent.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, getAddress, isAddress } from 'viem';
import { shareTokenAbi, shareTokenConstants } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { formatDateTime, shortAddress } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';

export type PayerData = { payer: Address; horizon: bigint; since: Date };

const DAY = 86_400;
/** The longest horizon the token takes (setRevenuePayer refuses above MAX_DURATION), in whole days. */
const MAX_DAYS = Math.floor(Number(shareTokenConstants.MAX_DURATION) / DAY);

export function RevenuePayers({
  token,
  account,
  payers,
  onDone,
}: {
  token: Address;
  account: Address;
  payers: PayerData[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const flow = useTransactionFlow();
  const [payer, setPayer] = useState('');
  const [days, setDays] = useState('7');
  const [invalid, setInvalid] = useState(false);
  const dayCount = Number(days);
  const valid = isAddress(payer.trim()) && Number.isInteger(dayCount) && dayCount >= 1 && dayCount <= MAX_DAYS;

  async function setRevenuePayer(who: Address, seconds: bigint) {
    const receipt = await flow.run(({ send }) =>
      send({ account, address: token, abi: shareTokenAbi, functionName: 'setRevenuePayer', args: [who, seconds] }),
    );
    if (receipt) onDone();
    return receipt;
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setInvalid(!valid);
    if (!valid) return;
    if (await setRevenuePayer(getAddress(payer.trim()), BigInt(dayCount * DAY))) setPayer('');
  }

  return (
    <section className="stack" aria-labelledby="payers-heading" data-testid="revenue-payers">
      <h3 id="payers-heading">{t('console.payers.title')}</h3>
      <p className="muted">{t('console.payers.explain')}</p>
      {payers.length === 0 ? (
        <p className="empty" data-testid="revenue-payers-none">
          {t('console.payers.none')}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('console.payers.payer')}</th>
              <th scope="col">{t('console.payers.horizon')}</th>
              <th scope="col">{t('console.payers.since')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('console.payers.remove', { payer: '' })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {payers.map((row) => (
              <tr key={row.payer} data-testid={`revenue-payer-${row.payer}`}>
                <td title={row.payer}>{shortAddress(row.payer)}</td>
                <td data-value={row.horizon.toString()}>
                  {t('console.payers.days', {
                    days: (Number(row.horizon) / DAY).toFixed(row.horizon % BigInt(DAY) ? 2 : 0),
                  })}
                </td>
                <td>{formatDateTime(Math.floor(row.since.getTime() / 1000), i18n.language)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={flow.busy}
                    onClick={() => void setRevenuePayer(row.payer, 0n)}
                    aria-describedby="payers-remove-what"
                  >
                    {t('console.payers.remove', { payer: shortAddress(row.payer) })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {payers.length > 0 && (
        <p className="muted" id="payers-remove-what">
          {t('console.payers.removeWhat')}
        </p>
      )}
      <form className="stack" onSubmit={(event) => void add(event)} aria-label={t('console.payers.add')} noValidate>
        <label htmlFor="payer-address">{t('console.payers.address')}</label>
        <input
          id="payer-address"
          name="payer"
          autoComplete="off"
          value={payer}
          onChange={(event) => setPayer(event.currentTarget.value)}
          aria-invalid={invalid}
        />
        <label htmlFor="payer-days">{t('console.payers.horizonDays', { max: MAX_DAYS })}</label>
        <input
          id="payer-days"
          name="days"
          inputMode="numeric"
          value={days}
          onChange={(event) => setDays(event.currentTarget.value)}
          aria-invalid={invalid}
        />
        {valid && (
          <p className="muted" data-testid="payer-add-what">
            {t('console.payers.addWhat', { payer: shortAddress(payer.trim()), days: dayCount })}
          </p>
        )}
        {invalid && <p className="error-text">{t('console.payers.invalid', { max: MAX_DAYS })}</p>}
        <button type="submit" disabled={flow.busy}>
          {t('console.payers.add')}
        </button>
      </form>
      <TxStatus state={flow.state} testId="revenue-payer-status" />
    </section>
  );
}

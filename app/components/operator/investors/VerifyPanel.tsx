/**
 * Verification of investors: one account at a time (setVerified) or a CSV import (setVerifiedBatch, VERIFY_BATCH_SIZE
 * rows per transaction, as many transactions as the file needs). The import is read into a preview with each row's
 * error before anything is sent; only the valid rows go, and a refused batch stops the rest (the preview stays, so
 * the operator fixes and sends again: setting an expiry twice is harmless). The list below is the mirror's.
 */
import { Link } from '@remix-run/react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, getAddress, isAddress } from 'viem';
import { useBlock } from 'wagmi';
import { shareTokenAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { formatDateTime } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import type { VerifiedAccount } from '~/models/interventions-allowlist.server';
import {
  MAX_VALID_UNTIL,
  parseValidUntil,
  parseVerificationCsv,
  TOO_LARGE_CSV,
  VERIFY_BATCH_SIZE,
  VERIFY_CSV_MAX_CHARS,
  VERIFY_CSV_MAX_ROWS,
  type VerificationCsv,
  verificationBatches,
} from './verification-csv';

/** The chain's time in seconds (the latest block's), the clock the token compares expiries with. */
function useChainNow() {
  const block = useBlock({ query: { refetchInterval: 15_000 } });
  return block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1_000));
}

export function VerifyPanel({
  token,
  account,
  verified,
  page,
  onDone,
}: {
  token: Address;
  account: Address;
  verified: { accounts: VerifiedAccount[]; hasMore: boolean };
  page: number;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const now = useChainNow();
  const single = useTransactionFlow();
  const batch = useTransactionFlow();
  const [holder, setHolder] = useState('');
  const [until, setUntil] = useState('');
  const [singleError, setSingleError] = useState<string>();
  const [csvText, setCsvText] = useState('');
  const [preview, setPreview] = useState<VerificationCsv>();
  const [progress, setProgress] = useState<{ sent: number; total: number }>();

  async function verifyOne(event: FormEvent<HTMLFormElement>, revoke: boolean) {
    event.preventDefault();
    const validUntil = revoke ? 0n : parseValidUntil(until);
    if (!isAddress(holder.trim(), { strict: true })) return setSingleError(t('investors.csv.errors.address'));
    if (validUntil === undefined) return setSingleError(t('investors.csv.errors.date'));
    if (!revoke && validUntil <= now) return setSingleError(t('investors.csv.errors.past'));
    if (validUntil > MAX_VALID_UNTIL) return setSingleError(t('investors.csv.errors.too_late'));
    setSingleError(undefined);
    const receipt = await single.run(({ send }) =>
      send(
        {
          account,
          address: token,
          abi: shareTokenAbi,
          functionName: 'setVerified',
          args: [getAddress(holder.trim()), validUntil],
        },
        t('investors.tx.setVerified'),
      ),
    );
    if (receipt) onDone();
  }

  async function readFile(file: File | undefined) {
    if (!file) return;
    // A file's size is known before reading it: a wrong, huge file is refused unread (addresses and dates are ASCII,
    // one byte per character).
    if (file.size > VERIFY_CSV_MAX_CHARS) {
      setCsvText('');
      setPreview(TOO_LARGE_CSV);
      return;
    }
    const text = await file.text();
    setCsvText(text);
    setPreview(parseVerificationCsv(text, now));
  }

  async function sendBatches() {
    if (!preview || preview.valid.length === 0) return;
    const batches = verificationBatches(preview.valid);
    setProgress({ sent: 0, total: batches.length });
    const receipt = await batch.run(async ({ send }) => {
      let last: Awaited<ReturnType<typeof send>> | undefined;
      for (const [index, rows] of batches.entries()) {
        last = await send(
          {
            account,
            address: token,
            abi: shareTokenAbi,
            functionName: 'setVerifiedBatch',
            args: [rows.map((row) => row.account), rows.map((row) => row.validUntil)],
          },
          t('investors.csv.batchLabel', { index: index + 1, total: batches.length, rows: rows.length }),
        );
        setProgress({ sent: index + 1, total: batches.length });
      }
      return last!;
    });
    if (receipt) onDone();
  }

  const invalidRows = preview?.rows.filter((row) => !row.ok) ?? [];
  return (
    <section className="stack" aria-labelledby="verify-heading">
      <h3 id="verify-heading">{t('investors.verify.title')}</h3>
      <p className="muted" id="verify-effect">
        {t('investors.verify.effect')}
      </p>
      <form className="stack" onSubmit={(event) => void verifyOne(event, false)} noValidate>
        <label htmlFor="verify-account">{t('investors.verify.account')}</label>
        <input
          id="verify-account"
          value={holder}
          onChange={(event) => setHolder(event.currentTarget.value)}
          placeholder="0x…"
          autoComplete="off"
        />
        <label htmlFor="verify-until">{t('investors.verify.until')}</label>
        <input
          id="verify-until"
          value={until}
          onChange={(event) => setUntil(event.currentTarget.value)}
          placeholder="2027-06-30"
          aria-describedby="verify-until-hint"
        />
        <small className="muted" id="verify-until-hint">
          {t('investors.verify.untilHint')}
        </small>
        {singleError && (
          <p className="error-text" role="alert">
            {singleError}
          </p>
        )}
        <div>
          <button type="submit" disabled={single.busy} aria-describedby="verify-effect" data-testid="verify-one">
            {t('investors.verify.submit')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={single.busy}
            onClick={(event) => void verifyOne(event as unknown as FormEvent<HTMLFormElement>, true)}
            data-testid="revoke-one"
          >
            {t('investors.verify.revoke')}
          </button>
        </div>
        <TxStatus state={single.state} testId="verify-status" />
      </form>

      <h4>{t('investors.csv.title')}</h4>
      <p className="muted">{t('investors.csv.help', { batch: VERIFY_BATCH_SIZE, max: VERIFY_CSV_MAX_ROWS })}</p>
      <label htmlFor="verify-csv">{t('investors.csv.paste')}</label>
      <textarea
        id="verify-csv"
        rows={6}
        value={csvText}
        onChange={(event) => {
          setCsvText(event.currentTarget.value);
          setPreview(undefined);
        }}
        placeholder={'address,valid_until\n0x…,2027-06-30'}
        data-testid="verify-csv-text"
      />
      <label htmlFor="verify-csv-file">{t('investors.csv.upload')}</label>
      <input
        id="verify-csv-file"
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(event) => void readFile(event.currentTarget.files?.[0])}
      />
      <button
        type="button"
        className="secondary"
        onClick={() => setPreview(parseVerificationCsv(csvText, now))}
        data-testid="verify-csv-preview"
      >
        {t('investors.csv.preview')}
      </button>
      {preview && (
        <div className="stack" data-testid="verify-csv-result">
          <p data-testid="verify-csv-summary">
            {t('investors.csv.summary', {
              valid: preview.valid.length,
              invalid: invalidRows.length,
              batches: verificationBatches(preview.valid).length,
            })}
          </p>
          {preview.tooLarge && (
            <p className="error-text" data-testid="verify-csv-too-large">
              {t('investors.csv.tooLarge', { max: VERIFY_CSV_MAX_CHARS.toLocaleString(i18n.language) })}
            </p>
          )}
          {preview.truncated && (
            <p className="error-text">{t('investors.csv.truncated', { max: VERIFY_CSV_MAX_ROWS })}</p>
          )}
          <div className="table-scroll">
            <table data-testid="verify-csv-table">
              <caption className="visually-hidden">{t('investors.csv.previewCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('investors.csv.line')}</th>
                  <th scope="col">{t('investors.verify.account')}</th>
                  <th scope="col">{t('investors.verify.until')}</th>
                  <th scope="col">{t('investors.csv.check')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, VERIFY_CSV_MAX_ROWS).map((row) => (
                  <tr key={row.line} data-testid={`verify-csv-row-${row.line}`} data-ok={String(row.ok)}>
                    <td>{row.line}</td>
                    {row.ok ? (
                      <>
                        <td>
                          <code>{row.account}</code>
                        </td>
                        <td>{formatDateTime(row.validUntil, i18n.language)} UTC</td>
                        <td>{t('investors.csv.ok')}</td>
                      </>
                    ) : (
                      <>
                        <td colSpan={2}>
                          <code>{row.text}</code>
                        </td>
                        <td className="error-text">{t(`investors.csv.errors.${row.error}`)}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            disabled={batch.busy || preview.valid.length === 0}
            onClick={() => void sendBatches()}
            aria-describedby="verify-effect"
            data-testid="verify-csv-send"
          >
            {t('investors.csv.send', { count: preview.valid.length })}
          </button>
          {progress && (
            <p className="muted" data-testid="verify-csv-progress">
              {t('investors.csv.progress', progress)}
            </p>
          )}
        </div>
      )}
      <TxStatus state={batch.state} testId="verify-csv-status" />

      <h4>{t('investors.verified.title')}</h4>
      <p className="muted">{t('investors.mirrorLag')}</p>
      {verified.accounts.length === 0 ? (
        <p className="muted" data-testid="verified-empty">
          {t('investors.verified.none')}
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="verified-list">
            <thead>
              <tr>
                <th scope="col">{t('investors.verify.account')}</th>
                <th scope="col">{t('investors.verify.until')}</th>
                <th scope="col">{t('investors.verified.state')}</th>
              </tr>
            </thead>
            <tbody>
              {verified.accounts.map((row) => (
                <tr key={row.account} data-testid={`verified-${row.account}`}>
                  <td>
                    <code>{row.account}</code>
                  </td>
                  <td>{formatDateTime(BigInt(row.validUntil), i18n.language)} UTC</td>
                  <td>
                    {BigInt(row.validUntil) >= now ? t('investors.verified.valid') : t('investors.verified.expired')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(page > 0 || verified.hasMore) && (
        <nav aria-label={t('investors.verified.pages')}>
          {page > 0 && (
            <Link to={`?page=${page - 1}`} preventScrollReset>
              {t('investors.verified.previous')}
            </Link>
          )}
          {verified.hasMore && (
            <Link to={`?page=${page + 1}`} preventScrollReset>
              {t('investors.verified.next')}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

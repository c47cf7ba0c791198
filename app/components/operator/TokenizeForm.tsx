/** Tokenizing an attested cluster: the sale's terms, with its times taken from the chain's clock. */
import { useRouteLoaderData } from '@remix-run/react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, parseUnits } from 'viem';
import { useConfig } from 'wagmi';
import { getBlock } from 'wagmi/actions';
import { z } from 'zod';
import { rackshareFactoryAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { SHARE_DECIMALS } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';
import type { ClusterListItem } from '~/models/clusters.server';
import type { loader as rootLoader } from '~/root';

const decimalText = (decimals: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`));

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

export function TokenizeForm({
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

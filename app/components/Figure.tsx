/**
 * A figure that explains itself: the formatted value, its raw value in `data-value` (base units as a decimal string
 * for amounts, bps for rates, a plain count for counts) so the end-to-end audit compares both with the chain, and an
 * accessible "how is this computed" disclosure with the formula, its inputs with their values, the window and a link
 * to the source (a transaction, an epoch report, a deposit). A figure whose source is one record links to it instead.
 */
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type FigureExplain = {
  /** The rule, in words and symbols (the doc comment of the protocol/figures function that computes it). */
  formula: string;
  inputs?: readonly { label: string; value: string }[];
  /** The period the figure covers, e.g. "last 30 days to 2026-12-06 13:00 UTC". */
  window?: string;
  /** Where the inputs come from: a transaction, an epoch report, the chain read. */
  source?: { href: string; label: string };
};

export function Figure({
  testId,
  value,
  children,
  explain,
  href,
}: {
  testId: string;
  /** The raw figure (see above); undefined when there is none (rendered as "—"). */
  value: string | number | bigint | null | undefined;
  children: ReactNode;
  explain?: FigureExplain;
  /** The one record the figure comes from (then the value itself is the link). */
  href?: string;
}) {
  const raw = value === null || value === undefined ? undefined : value.toString();
  const shown = (
    <span data-testid={testId} data-value={raw}>
      {children}
    </span>
  );
  return (
    <span className="figure">
      {href ? <Link to={href}>{shown}</Link> : shown}
      {explain && <FigureHow testId={testId} explain={explain} />}
    </span>
  );
}

/** The "how is this computed" disclosure alone, for a figure whose cell already carries its test id and value. */
export function FigureHow({ testId, explain }: { testId: string; explain: FigureExplain }) {
  const { t } = useTranslation();
  return (
    <details className="figure-how" data-testid={`${testId}-how`}>
      <summary>{t('figure.how')}</summary>
      {/* One panel laid over the page (app/styles.css), so opening it never reflows the table or card around it. */}
      <div className="figure-how-panel">
        <p>
          <code data-testid={`${testId}-formula`}>{explain.formula}</code>
        </p>
        {explain.inputs && explain.inputs.length > 0 && (
          <dl className="figure-inputs">
            {explain.inputs.map((input) => (
              <div key={input.label}>
                <dt>{input.label}</dt>
                <dd>{input.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {explain.window && (
          <p className="muted">
            {t('figure.window')}: {explain.window}
          </p>
        )}
        {explain.source && (
          <p>
            {t('figure.source')}: <Link to={explain.source.href}>{explain.source.label}</Link>
          </p>
        )}
      </div>
    </details>
  );
}

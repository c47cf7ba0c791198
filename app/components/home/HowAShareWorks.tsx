/** Attest → tokenize → stream: how a share comes to be and pays, in three steps with where to see each. */
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

const STEPS = [
  ['attest', '/analytics'],
  ['tokenize', '/clusters?tokenized=yes'],
  ['stream', '/portfolio'],
] as const;

export function HowAShareWorks() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="how-heading">
      <h2 id="how-heading">{t('home.how')}</h2>
      <ol data-testid="how-steps">
        {STEPS.map(([step, href]) => (
          <li key={step}>
            <strong>{t(`home.steps.${step}.title`)}</strong> — {t(`home.steps.${step}.text`)}{' '}
            <Link to={href}>{t(`home.steps.${step}.link`)}</Link>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * What one governance act does, said before the button: its effect on holders' revenue and how it takes effect
 * (scheduled behind the timelock's delay, sent at once by the owner, or the guardian's own emergency act). The
 * sentence is the button's accessible description.
 */
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { GovernanceView } from '~/models/governance.server';
import { durationText } from './duration';

export function ActAs({
  view,
  effect,
  asGuardian = false,
  testId,
  children,
}: {
  view: GovernanceView;
  effect: string;
  asGuardian?: boolean;
  testId: string;
  children: (describedBy: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const mode = asGuardian
    ? t('governance.mode.guardian')
    : view.timelock
      ? t('governance.mode.scheduled', { delay: durationText(BigInt(view.timelock.delaySeconds)) })
      : t('governance.mode.direct');
  return (
    <div className="governance-act" data-testid={testId}>
      <p id={id} className="muted" data-testid={`${testId}-effect`}>
        {effect} {mode}
      </p>
      {children(id)}
    </div>
  );
}

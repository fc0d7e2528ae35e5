import type { GrantView, ProgressView } from './client-api.ts';
import type { Translate } from './messages.ts';

/**
 * Who must do what next, said plainly: the client's own steps, the invitations the agency must
 * accept (the client can do nothing for those), Latchkey still sharing. Nothing when all is done.
 */
export function NextSteps(props: {
  progress: ProgressView;
  agency: string;
  platformNames: Readonly<Record<string, string>>;
  t: Translate;
}) {
  const { t, agency, progress } = props;
  const yours = progress.grants.filter(
    (g) => g.status === 'needs_manual_step' && g.verification !== 'agency_confirmation',
  );
  const agencyByPlatform = new Map<string, number>();
  for (const g of progress.grants.filter(isAgencyTurn)) {
    agencyByPlatform.set(g.platform, (agencyByPlatform.get(g.platform) ?? 0) + 1);
  }
  const lines = [
    ...(yours.length > 0 ? [t('nextYou', { count: String(yours.length) })] : []),
    ...[...agencyByPlatform].map(([platform, count]) =>
      t('nextAgency', {
        agency,
        platform: props.platformNames[platform] ?? platform,
        count: String(count),
      }),
    ),
    ...(progress.working ? [t('nextWorking', { agency })] : []),
  ];
  if (lines.length === 0) return null;
  return (
    <div className="lk-next" data-testid="next-steps">
      <h3>{t('nextTitle')}</h3>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

/** The agency must act (accept an invitation, or mark a step it requested done), not the client. */
export function isAgencyTurn(grant: GrantView): boolean {
  return (
    grant.status === 'pending_acceptance' ||
    (grant.status === 'needs_manual_step' && grant.verification === 'agency_confirmation')
  );
}

/** The receipt's first line: what the agency holds now, that it was all removed, or nothing. */
export function receiptIntro(progress: ProgressView, agency: string, t: Translate): string {
  // The agency's businesses by name only: their ids mean nothing to the client.
  const names = [...new Set(progress.grantedTo.flatMap((g) => g.businessName ?? []))];
  const holder = names.length > 0 ? `${agency} (${names.join(', ')})` : agency;
  if (progress.grants.some((g) => g.status === 'granted'))
    return t('receiptIntro', { agency: holder, shared: t('status_granted') });
  if (progress.grants.some((g) => g.status === 'revoked')) return t('receiptRemoved', { agency });
  return t('receiptNothing', { agency });
}

import { formatWhen } from './labels.ts';
import { GrantStatusBadge } from './status-badges.tsx';
import type { GrantView } from './types.ts';

const agencyHints: Partial<Record<GrantView['status'], string>> = {
  pending_acceptance:
    'Accept the invitation on the platform (TikTok: Business Center › Notifications). Latchkey reads it back and marks it granted.',
  needs_manual_step:
    'Waiting for a person: the client sees the step below on their page and Latchkey picks up the result.',
  queued: 'Waiting for a worker.',
  running: 'Latchkey is granting this now.',
};

const inputLabels: Readonly<Record<string, string>> = {
  siteUrl: 'Search Console property',
  channel: 'YouTube channel',
  storeUrl: 'Store address',
  collaboratorCode: 'Collaborator request code',
};

/** Who said it is done when no API can read it; empty when Latchkey read it back. */
export function confirmationNote(grant: GrantView): string | undefined {
  if (grant.confirmedBy === 'client') return 'Confirmed by the client; not verified (no API can).';
  if (grant.confirmedBy === 'agency')
    return 'Marked done by your agency; not verified (no API can).';
  return undefined;
}

/** One asset of a request: status, what to do next, the manual step, the failure reason, history. */
export function GrantCard(props: {
  grant: GrantView;
  /** Marks a grant no API can read as done (Shopify); absent for viewers. */
  onMarkDone?: (grantId: string) => void;
  /** Reads a waiting grant back now instead of at the next re-check; absent for viewers. */
  onCheck?: (grantId: string) => void;
}) {
  const { grant } = props;
  const step = grant.manualStep;
  const input = grant.clientInput ? Object.entries(grant.clientInput) : [];
  const note = confirmationNote(grant);
  return (
    <li className={`rq-grant rq-grant-${grant.status}`} data-testid={`grant-${grant.assetId}`}>
      <div className="rq-grant-head">
        <span>
          <strong>{grant.assetName}</strong>{' '}
          <small className="rq-muted">
            {grant.assetTypeLabel} · {grant.levelLabel} · ID {grant.assetId}
          </small>
        </span>
        <GrantStatusBadge status={grant.status} />
      </div>
      {grant.platform === 'custom' &&
      grant.verification === 'agency_confirmation' &&
      grant.status === 'needs_manual_step' ? (
        <p className="rq-muted" data-testid={`custom-hint-${grant.assetId}`}>
          The client follows your steps for {grant.assetTypeLabel}. Once you see the access there,
          mark it done here: no {grant.assetTypeLabel} API can confirm it.
        </p>
      ) : grant.verification === 'agency_confirmation' && grant.status === 'needs_manual_step' ? (
        <p className="rq-muted">
          Request collaborator access from your Shopify Partner Dashboard (Stores › Add store ›
          Request access) with the store address and code below. Once the client has accepted it in
          Shopify, mark it done here: no Shopify API can confirm it.
        </p>
      ) : grant.platform === 'snapchat' && grant.status === 'pending_acceptance' ? (
        <p className="rq-muted" data-testid={`agency-accepts-${grant.assetId}`}>
          {grant.manualStep?.detail ??
            'The agency person invited to the client’s Snapchat organization accepts the invitation at Snapchat (Business Manager › Invitations), signed in with that email.'}{' '}
          Latchkey then gives the role on the ad account and marks it granted.
        </p>
      ) : grant.platform === 'business_profile' && grant.status === 'pending_acceptance' ? (
        <p className="rq-muted" data-testid={`agency-accepts-${grant.assetId}`}>
          {grant.manualStep?.detail ??
            'The client invited your Google account as an admin; your Google Business Profile connection accepts the invitation at the next check.'}{' '}
          No one needs to click the emailed invitation.
        </p>
      ) : (
        agencyHints[grant.status] && <p className="rq-muted">{agencyHints[grant.status]}</p>
      )}
      {input.length > 0 && (
        <dl className="rq-facts" data-testid={`client-input-${grant.assetId}`}>
          {input
            .filter(([key]) => key !== 'kind')
            .map(([key, value]) => (
              <div key={key}>
                <dt>{inputLabels[key] ?? key}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
      )}
      {note && grant.status === 'granted' && (
        <p className="rq-muted" data-testid={`confirmed-${grant.assetId}`}>
          {note}
        </p>
      )}
      {props.onMarkDone &&
        grant.verification === 'agency_confirmation' &&
        grant.status === 'needs_manual_step' && (
          <button
            type="button"
            onClick={() => props.onMarkDone?.(grant.id)}
            data-testid={`mark-done-${grant.assetId}`}
          >
            Mark done (the client accepted in Shopify)
          </button>
        )}
      {props.onCheck &&
        grant.verification === 'api' &&
        (grant.status === 'pending_acceptance' || grant.status === 'needs_manual_step') && (
          <button
            type="button"
            onClick={() => props.onCheck?.(grant.id)}
            data-testid={`check-${grant.assetId}`}
          >
            Check again
          </button>
        )}
      {grant.alreadyShared && <p className="rq-muted">This asset was already shared with you.</p>}
      {grant.failureReason && (
        <p className="rq-error" data-testid={`failure-${grant.assetId}`}>
          Failed: {grant.failureReason}
        </p>
      )}
      {step && grant.status !== 'granted' && (
        <div className="rq-step">
          {step.title && <strong>{step.title}</strong>}
          {step.detail && <p>{step.detail}</p>}
          {step.instructions.length > 0 && (
            <ol>
              {step.instructions.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ol>
          )}
          {step.actionUrl && (
            <a href={step.actionUrl} target="_blank" rel="noreferrer noopener">
              Open the page for this step
            </a>
          )}
          {step.qrCodeDataUrl && (
            <img src={step.qrCodeDataUrl} alt="QR code for this step" width={160} height={160} />
          )}
        </div>
      )}
      <p className="rq-small rq-muted">
        Last change {formatWhen(grant.updatedAt)} · {grant.attempts}{' '}
        {grant.attempts === 1 ? 'attempt' : 'attempts'}
      </p>
      {grant.steps && grant.steps.length > 0 && (
        <details>
          <summary>History</summary>
          <ol className="rq-history">
            {grant.steps.map((s, index) => (
              <li key={`${s.at}-${index}`}>
                {formatWhen(s.at)} — {s.name}
                {s.detail ? `: ${s.detail}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

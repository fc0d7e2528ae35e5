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

/** One asset of a request: status, what to do next, the manual step, the failure reason, history. */
export function GrantCard(props: { grant: GrantView }) {
  const { grant } = props;
  const step = grant.manualStep;
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
      {agencyHints[grant.status] && <p className="rq-muted">{agencyHints[grant.status]}</p>}
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

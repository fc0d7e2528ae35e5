import { useState } from 'react';
import type { GrantView } from './client-api.ts';
import type { Translate } from './messages.ts';

/** One line per asset with its live status, and the person's step (QR code, instructions). */
export function GrantProgress(props: {
  grants: GrantView[];
  agency: string;
  platformNames: Readonly<Record<string, string>>;
  /** Grants whose last check found nothing yet. */
  notYet: ReadonlySet<string>;
  t: Translate;
  onCheck: (grantId: string) => Promise<void>;
  onConfirm: (grantId: string) => Promise<void>;
}) {
  const { t } = props;
  return (
    <ul className="lk-grants" data-testid="grant-progress">
      {props.grants.map((grant) => (
        <li
          key={grant.id}
          className={`lk-grant lk-${grant.status}`}
          data-testid={`grant-${grant.assetId}`}
          data-status={grant.status}
        >
          <div className="lk-grant-head">
            <span>
              <strong>{grant.assetName}</strong>{' '}
              <small>
                {grant.assetTypeLabel} · {grant.levelLabel}
              </small>
            </span>
            <span className="lk-status">
              {t(`status_${grant.status}` as Parameters<Translate>[0], { agency: props.agency })}
            </span>
          </div>
          {grant.alreadyShared && (
            <p className="lk-note">{t('alreadyShared', { agency: props.agency })}</p>
          )}
          {grant.failureReason && <p className="lk-error">{grant.failureReason}</p>}
          {grant.status === 'granted' && grant.confirmedBy && (
            <p className="lk-note" data-testid={`confirmed-${grant.assetId}`}>
              {t(grant.confirmedBy === 'client' ? 'confirmedByClient' : 'confirmedByAgency', {
                agency: props.agency,
                platform: props.platformNames[grant.platform] ?? grant.platform,
              })}
            </p>
          )}
          {grant.status === 'pending_acceptance' && (
            <p className="lk-note" data-testid={`agency-turn-${grant.assetId}`}>
              {t('pendingAgency', {
                agency: props.agency,
                platform: props.platformNames[grant.platform] ?? grant.platform,
              })}
            </p>
          )}
          {grant.manualStep && grant.status === 'needs_manual_step' && (
            <ManualStep
              grant={grant}
              agency={props.agency}
              notYet={props.notYet.has(grant.id)}
              t={t}
              onCheck={props.onCheck}
              onConfirm={props.onConfirm}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

function ManualStep(props: {
  grant: GrantView;
  agency: string;
  notYet: boolean;
  t: Translate;
  onCheck: (id: string) => Promise<void>;
  onConfirm: (id: string) => Promise<void>;
}) {
  const step = props.grant.manualStep;
  const [checking, setChecking] = useState(false);
  if (!step) return null;
  const { verification } = props.grant;
  const guided = props.grant.grantMethod === 'guided';
  const check = async () => {
    setChecking(true);
    const act = verification === 'client_confirmation' ? props.onConfirm : props.onCheck;
    await act(props.grant.id).finally(() => setChecking(false));
  };
  return (
    <div className="lk-step">
      {step.title && (
        <p>
          <strong>{step.title}</strong>
        </p>
      )}
      {step.detail && <p>{step.detail}</p>}
      {step.instructions.length > 0 && (
        <ol>
          {step.instructions.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      )}
      {step.qrCodeDataUrl && (
        <figure>
          <figcaption>{props.t('scan')}</figcaption>
          <img
            src={step.qrCodeDataUrl}
            alt="QR code"
            width={200}
            height={200}
            data-testid="qr-code"
          />
        </figure>
      )}
      {step.actionUrl && (
        <p>
          <a href={step.actionUrl} target="_blank" rel="noreferrer noopener">
            {props.t('openLink')}
          </a>
        </p>
      )}
      {props.notYet && (
        <p className="lk-warning" data-testid={`not-yet-${props.grant.assetId}`}>
          {props.t('notThereYet', { agency: props.agency })}
        </p>
      )}
      {verification === 'agency_confirmation' ? (
        <p className="lk-note" data-testid={`waiting-agency-${props.grant.assetId}`}>
          {props.t('waitingForAgency', { agency: props.agency })}
        </p>
      ) : (
        <button
          type="button"
          onClick={() => void check()}
          disabled={checking}
          data-testid={`${verification === 'client_confirmation' ? 'confirm' : 'check'}-${props.grant.assetId}`}
        >
          {guided ? props.t('iHaveDoneThis') : props.t('checkAgain')}
        </button>
      )}
    </div>
  );
}

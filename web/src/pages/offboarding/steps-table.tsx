import {
  offboardingActionWords,
  offboardingStepWords,
  offboardingVerifiedWords,
} from '../../../../src/domain/offboarding-words.ts';
import { usePlatformWords } from '../../components/platform-words.ts';
import { PlatformLogo } from '../../components/platform-logo.tsx';
import { formatDateTime } from '../../format/date.ts';

/** One table for plan steps and report rows: asset, level, action and scope, result, verification. */
export interface Step {
  id?: string;
  assetName: string;
  platform: string;
  assetType: string;
  assetId: string;
  level: string;
  action: string;
  scope: string;
  explanation?: string;
  status?: string;
  verified?: string | null;
  doneAt?: string | null;
  detail?: string | null;
  manualStep?: { title: string; instructions: string[]; verification: string } | null;
  /** Done by hand where no API can check it: a member confirms it. */
  confirmable?: boolean;
}

/**
 * Renders steps; manual steps show their exact instructions and how they are verified, and one
 * that no API can check offers "I have removed it" when `onConfirm` is given.
 */
export function StepsTable(props: { steps: readonly Step[]; onConfirm?: (step: Step) => void }) {
  const words = usePlatformWords();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Asset</th>
          <th>Level</th>
          <th>Action (scope)</th>
          <th>Result</th>
          <th>Verified</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {props.steps.map((s) => (
          <tr
            key={`${s.platform}:${s.assetType}:${s.assetId}`}
            data-testid={`step-${s.assetId}`}
            data-action={s.action}
            data-status={s.status ?? ''}
            data-verified={s.verified ?? ''}
          >
            <td>
              <PlatformLogo platform={s.platform} /> {s.assetName}{' '}
              <small className="muted">
                {words.assetType(s.platform, s.assetType)} · ID {s.assetId}
              </small>
            </td>
            <td>{words.level(s.platform, s.assetType, s.level)}</td>
            <td>{offboardingActionWords(s.action, s.scope)}</td>
            <td>
              {s.status ? offboardingStepWords(s.status) : '—'}
              {s.doneAt ? <small> {formatDateTime(s.doneAt)}</small> : null}
            </td>
            <td>{offboardingVerifiedWords(s.verified)}</td>
            <td>
              {s.explanation ?? s.detail}
              {s.manualStep && (s.action === 'manual' || s.status === 'manual_pending') && (
                <details open>
                  <summary>{s.manualStep.title}</summary>
                  <ol>
                    {s.manualStep.instructions.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ol>
                  <small>{s.manualStep.verification}</small>
                </details>
              )}
              {s.confirmable && props.onConfirm && (
                <button
                  type="button"
                  data-testid={`confirm-${s.assetId}`}
                  onClick={() => props.onConfirm?.(s)}
                >
                  I have removed it
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

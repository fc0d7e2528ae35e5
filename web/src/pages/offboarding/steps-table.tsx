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

/** What the Verified column says: a confirmed removal was not verified by any API. */
function verifiedLabel(verified: string | null | undefined): string {
  if (verified === 'confirmed') return 'confirmed by a member, not verified';
  return verified ?? '—';
}

/**
 * Renders steps; manual steps show their exact instructions and how they are verified, and one
 * that no API can check offers "I have removed it" when `onConfirm` is given.
 */
export function StepsTable(props: { steps: readonly Step[]; onConfirm?: (step: Step) => void }) {
  return (
    <table>
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
              {s.assetName}{' '}
              <small>
                {s.platform} {s.assetType} {s.assetId}
              </small>
            </td>
            <td>{s.level}</td>
            <td>
              {s.action} ({s.scope})
            </td>
            <td>
              {s.status ?? '—'}
              {s.doneAt ? <small> {new Date(s.doneAt).toLocaleString()}</small> : null}
            </td>
            <td>{verifiedLabel(s.verified)}</td>
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

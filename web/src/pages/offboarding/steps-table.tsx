/** One table for plan steps and report rows: asset, level, action and scope, result, verification. */
export interface Step {
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
}

/** Renders steps; manual steps show their exact instructions and how they are verified. */
export function StepsTable(props: { steps: readonly Step[] }) {
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
            <td>{s.verified ?? '—'}</td>
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
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

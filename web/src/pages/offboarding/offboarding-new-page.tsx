import { useEffect, useState } from 'react';
import { apiFetch, describeError } from '../dashboard/api.ts';
import { DashboardLayout } from '../dashboard/layout.tsx';
import { StepsTable, type Step } from './steps-table.tsx';

/** /app/offboarding/new?client=…|request=…: the dry-run plan, then "Offboard" runs it. */
export function OffboardingNewPage() {
  const params = new URLSearchParams(window.location.search);
  const target = {
    ...(params.get('client') ? { clientId: params.get('client') } : {}),
    ...(params.get('request') ? { requestId: params.get('request') } : {}),
    ...(params.get('platform') ? { platform: params.get('platform') } : {}),
  };
  const [plan, setPlan] = useState<{ steps: Step[]; notes: string[] } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const body = JSON.stringify(target);
  useEffect(() => {
    apiFetch<{ plan: { steps: Step[]; notes: string[] } }>('/api/v1/offboardings/plan', {
      method: 'POST',
      body: JSON.parse(body) as unknown,
    })
      .then((r) => setPlan(r.plan))
      .catch((failure: unknown) => setProblem(describeError(failure)));
  }, [body]);
  const start = async () => {
    setBusy(true);
    try {
      const made = await apiFetch<{ offboarding: { id: string } }>('/api/v1/offboardings', {
        method: 'POST',
        body: target,
      });
      window.location.assign(`/app/offboarding/${made.offboarding.id}`);
    } catch (failure) {
      setProblem(describeError(failure));
      setBusy(false);
    }
  };
  return (
    <DashboardLayout title="Offboard">
      {(me) => (
        <>
          {problem && <p role="alert">{problem}</p>}
          {plan && (
            <>
              <p data-testid="dry-run-plan">Dry run: nothing has changed yet.</p>
              <ul>
                {plan.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
              <StepsTable steps={plan.steps} />
              {(me.user.role === 'owner' || me.user.role === 'manager') && (
                <button
                  type="button"
                  disabled={busy || plan.steps.every((s) => s.action === 'keep')}
                  onClick={() => void start()}
                  data-testid="offboard-confirm"
                >
                  {busy
                    ? 'Starting…'
                    : `Offboard: remove ${plan.steps.filter((s) => s.action !== 'keep').length} asset(s)`}
                </button>
              )}
            </>
          )}
        </>
      )}
    </DashboardLayout>
  );
}

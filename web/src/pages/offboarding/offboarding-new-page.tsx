import { useEffect, useRef, useState } from 'react';
import { apiFetch, describeError } from '../dashboard/api.ts';
import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';
import { OffboardingIndexPage } from './offboarding-index-page.tsx';
import { StepsTable, type Step } from './steps-table.tsx';

/**
 * /app/offboarding/new?client=…|request=…: the dry-run plan, then "Offboard" asks to confirm
 * before it runs. With no client or request it is the Offboarding page, which picks one.
 */
export function OffboardingNewPage() {
  const params = new URLSearchParams(window.location.search);
  if (!params.get('client') && !params.get('request')) return <OffboardingIndexPage />;
  return <OffboardingPlan params={params} />;
}

function OffboardingPlan(props: { params: URLSearchParams }) {
  const { params } = props;
  const target = {
    ...(params.get('client') ? { clientId: params.get('client') } : {}),
    ...(params.get('request') ? { requestId: params.get('request') } : {}),
    ...(params.get('platform') ? { platform: params.get('platform') } : {}),
  };
  const clients = useApi<{ clients: { id: string; name: string }[] }>('/api/v1/clients');
  const [plan, setPlan] = useState<{ steps: Step[]; notes: string[] } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // The dialog opens on Cancel, the safe choice (React's autoFocus acts on mount, not on open).
  const ask = () => {
    dialog.current?.showModal();
    cancel.current?.focus();
  };
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
      dialog.current?.close();
      setProblem(describeError(failure));
      setBusy(false);
    }
  };
  const removing = plan?.steps.filter((s) => s.action !== 'keep') ?? [];
  const who =
    clients.data?.clients.find((c) => c.id === target.clientId)?.name ??
    (target.requestId ? 'this request' : 'this client');
  return (
    <DashboardLayout title={`Offboard ${who}`}>
      {(me) => (
        <>
          {problem && <p role="alert">{problem}</p>}
          <p>
            <a href="/app/offboarding">Back to Offboarding</a>
          </p>
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
                  disabled={busy || removing.length === 0}
                  onClick={ask}
                  data-testid="offboard-start"
                >
                  Offboard: remove {removing.length} access(es)…
                </button>
              )}
              <dialog ref={dialog} aria-labelledby="offboard-confirm-title">
                <h2 id="offboard-confirm-title">
                  Remove {removing.length} access(es) from {who}?
                </h2>
                <p>
                  Latchkey removes the agency's access to these assets on each platform. To get it
                  back, you would send the client a new request.
                </p>
                <ul>
                  {removing.map((s) => (
                    <li key={`${s.platform}:${s.assetType}:${s.assetId}`}>
                      {s.assetName} ({s.platform})
                    </li>
                  ))}
                </ul>
                <div className="inline">
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void start()}
                    data-testid="offboard-confirm"
                  >
                    {busy ? 'Removing…' : `Yes, remove ${removing.length}`}
                  </button>
                  <button type="button" ref={cancel} onClick={() => dialog.current?.close()}>
                    Cancel
                  </button>
                </div>
              </dialog>
            </>
          )}
        </>
      )}
    </DashboardLayout>
  );
}

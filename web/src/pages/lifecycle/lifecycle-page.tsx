import { useState } from 'react';
import { apiFetch, describeError } from '../dashboard/api.ts';
import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { PlatformLogo } from '../../components/platform-logo.tsx';
import { usePlatformWords } from '../../components/platform-words.ts';
import { formatDateTime } from '../../format/date.ts';

interface AssetCheck {
  grantId: string;
  clientId: string | null;
  clientName: string | null;
  platform: string;
  assetType: string;
  assetId: string;
  assetName: string;
  level: string;
  grantStatus: string;
  outcome: string | null;
  levelFound: string | null;
  verifiedAt: string | null;
  lastError: string | null;
  /** Who said it is done where no API can read it (guided and custom tools). */
  confirmedBy?: 'client' | 'agency' | null;
}
interface Alert {
  id: string;
  clientName: string | null;
  createdAt: string;
  rerequestId: string | null;
  items: {
    grantId: string;
    platform: string;
    assetType: string;
    assetId: string;
    assetName: string;
    outcome: string;
    expectedLevel: string;
    levelFound: string | null;
  }[];
}

const outcomeWords: Record<string, string> = {
  holds: 'Holds',
  downgraded: 'Downgraded',
  lost: 'Lost',
  unknown: 'Unknown, retrying',
  not_checked: 'Not checked yet',
};

/** /app/lifecycle: verify now, drift alerts with the one-click re-request, every asset's last check. */
export function LifecyclePage() {
  const checks = useApi<{ assets: AssetCheck[] }>('/api/v1/grant-checks');
  const alerts = useApi<{ alerts: Alert[] }>('/api/v1/drift-alerts');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<string | undefined>();
  const words = usePlatformWords();
  const act = async (run: () => Promise<void>) => {
    setProblem(undefined);
    setBusy(true);
    try {
      await run();
      checks.reload();
      alerts.reload();
    } catch (failure) {
      setProblem(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  const verify = () =>
    act(async () => {
      await apiFetch('/api/v1/verifications', {
        method: 'POST',
        body: { source: 'dashboard', wait: true },
      });
    });
  const rerequest = (id: string) =>
    act(async () => {
      const made = await apiFetch<{ link: { url: string } }>(
        `/api/v1/drift-alerts/${id}/rerequest`,
        { method: 'POST', body: {} },
      );
      setLink(made.link.url);
    });
  const dismiss = (id: string) =>
    act(async () => {
      await apiFetch(`/api/v1/drift-alerts/${id}/dismiss`, { method: 'POST', body: {} });
    });
  return (
    <DashboardLayout title="Access">
      {(me) => (
        <>
          {problem && <p role="alert">{problem}</p>}
          {me.user.role !== 'viewer' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void verify()}
              data-testid="verify-now"
            >
              {busy ? 'Verifying…' : 'Verify all access now'}
            </button>
          )}
          {link && (
            <p role="status" data-testid="rerequest-link">
              New link (shown once): <code>{link}</code>
            </p>
          )}
          <section aria-label="Drift alerts">
            <h2>Alerts</h2>
            {alerts.data?.alerts.length === 0 && (
              <p className="muted">
                No access has changed since it was granted. Latchkey checks every day; press “Verify
                all access now” to check at once.
              </p>
            )}
            {alerts.data?.alerts.map((alert) => (
              <article key={alert.id} className="card" data-testid="drift-alert">
                <p>
                  Checked {formatDateTime(alert.createdAt)}: access changed on{' '}
                  {alert.items.length === 1 ? 'one asset' : `${alert.items.length} assets`}
                  {alert.clientName ? ` of ${alert.clientName}` : ''}.
                </p>
                <ul>
                  {alert.items.map((item) => (
                    <li key={item.grantId} data-testid={`drift-item-${item.assetId}`}>
                      <PlatformLogo platform={item.platform} /> {item.assetName}:{' '}
                      {item.outcome === 'lost'
                        ? `access lost (was ${words.level(item.platform, item.assetType, item.expectedLevel)})`
                        : `lowered from ${words.level(item.platform, item.assetType, item.expectedLevel)} to ${item.levelFound ? words.level(item.platform, item.assetType, item.levelFound) : 'an unknown level'}`}
                    </li>
                  ))}
                </ul>
                {me.user.role !== 'viewer' && !alert.rerequestId && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void rerequest(alert.id)}
                    data-testid="rerequest"
                  >
                    Send the client a new link for these assets
                  </button>
                )}
                {alert.rerequestId && (
                  <a href={`/app/requests/${alert.rerequestId}`}>New request sent</a>
                )}
                {me.user.role !== 'viewer' && (
                  <button type="button" disabled={busy} onClick={() => void dismiss(alert.id)}>
                    Dismiss
                  </button>
                )}
              </article>
            ))}
          </section>
          <section aria-label="Granted assets">
            <h2>Granted assets</h2>
            {checks.error && <p role="alert">{checks.error}</p>}
            {checks.data?.assets.length === 0 && (
              <EmptyState
                title="Nothing granted yet"
                action={
                  me.user.role === 'viewer'
                    ? undefined
                    : { href: '/app/requests/new', label: 'New request' }
                }
              >
                Once a client approves a request, each asset shows here with the last time Latchkey
                checked the access still holds.
              </EmptyState>
            )}
            <table className="table">
              <thead>
                <tr>
                  <th>Client</th>
                  <th>Asset</th>
                  <th>Level</th>
                  <th>Last check</th>
                  <th>Verified</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {checks.data?.assets.map((a) => (
                  <tr key={a.grantId} data-outcome={a.outcome ?? ''}>
                    <td>
                      {a.clientName ?? '—'}
                      {a.clientId && me.user.role !== 'viewer' && (
                        <>
                          {' '}
                          <a
                            href={`/app/offboarding/new?client=${a.clientId}`}
                            data-testid={`offboard-${a.clientId}`}
                          >
                            Offboard
                          </a>
                        </>
                      )}
                    </td>
                    <td>
                      <PlatformLogo platform={a.platform} /> {a.assetName}{' '}
                      <small className="muted">
                        {words.assetType(a.platform, a.assetType)} · ID {a.assetId}
                      </small>
                    </td>
                    <td>{words.level(a.platform, a.assetType, a.level)}</td>
                    <td title={a.lastError ?? undefined}>
                      {a.grantStatus === 'revoked'
                        ? 'Revoked'
                        : a.confirmedBy
                          ? `Confirmed by the ${a.confirmedBy}, not verified`
                          : (outcomeWords[a.outcome ?? ''] ?? a.outcome)}
                      {a.levelFound && a.outcome === 'downgraded'
                        ? ` (${words.level(a.platform, a.assetType, a.levelFound)})`
                        : ''}
                    </td>
                    <td>{formatDateTime(a.verifiedAt)}</td>
                    <td>
                      {words.explainsAccess(a.platform) && (
                        <a href={`/app/assets/${a.grantId}/access`}>Who has access?</a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </DashboardLayout>
  );
}

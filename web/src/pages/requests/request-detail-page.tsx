import { useState } from 'react';
import { apiFetch } from '../dashboard/api.ts';
import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';
import { explainError } from './explain-error.ts';
import { GrantCard } from './grant-card.tsx';
import { formatWhen, isInProgress, linkStateOf, requestStatusLabels } from './labels.ts';
import { PlatformLogo } from '../../components/platform-logo.tsx';
import { assetTypeName } from '../../format/names.ts';
import { Receipt } from './receipt.tsx';
import { LinkStateBadge, Loading } from './status-badges.tsx';
import type { Client, RequestDetail } from './types.ts';
import { useRefreshWhile } from './use-refresh.ts';
import './requests.css';

/**
 * /app/requests/:id: what was asked, each asset's status with its manual step or failure reason,
 * the receipt once done, and revoking the link. Refreshes while a grant is in progress.
 */
export function RequestDetailPage(props: { id: string }) {
  const { data, error, reload } = useApi<{ request: RequestDetail }>(
    `/api/v1/requests/${encodeURIComponent(props.id)}`,
  );
  const clients = useApi<{ clients: Client[] }>('/api/v1/clients');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const request = data?.request;
  const working =
    request?.onboarding?.status === 'approved' ||
    (request?.grants.some((g) => isInProgress(g.status)) ?? false);
  useRefreshWhile(working, reload);
  const revoke = async () => {
    if (!window.confirm('Revoke this link? The client will no longer be able to use it.')) return;
    setBusy(true);
    try {
      await apiFetch(`/api/v1/requests/${encodeURIComponent(props.id)}/revoke`, {
        method: 'POST',
      });
      setProblem(undefined);
      reload();
    } catch (failure) {
      setProblem(explainError(failure));
    } finally {
      setBusy(false);
    }
  };
  const grantAction = async (grantId: string, action: 'confirm' | 'check') => {
    setBusy(true);
    try {
      await apiFetch(
        `/api/v1/requests/${encodeURIComponent(props.id)}/grants/${encodeURIComponent(grantId)}/${action}`,
        { method: 'POST' },
      );
      setProblem(undefined);
      reload();
    } catch (failure) {
      setProblem(explainError(failure));
    } finally {
      setBusy(false);
    }
  };
  const client = clients.data?.clients.find((c) => c.id === request?.clientId);
  return (
    <DashboardLayout title={request?.title ?? 'Request'}>
      {(me) => {
        if (error) return <p role="alert">{error}</p>;
        if (!request) return <Loading what="the request" />;
        const state = linkStateOf(request);
        return (
          <div data-testid="request-detail">
            <p>
              <a href="/app/requests">← All requests</a>
            </p>
            <dl className="rq-facts">
              <dt>Client</dt>
              <dd>{client ? client.name : '—'}</dd>
              <dt>Created</dt>
              <dd>{formatWhen(request.createdAt)}</dd>
              <dt>Link</dt>
              <dd>
                <LinkStateBadge state={state} />{' '}
                <small className="rq-muted">
                  {state === 'revoked'
                    ? `since ${formatWhen(request.linkRevokedAt)}`
                    : `${state === 'expired' ? 'expired' : 'expires'} ${formatWhen(request.linkExpiresAt)}`}
                </small>
              </dd>
              <dt>Access ends</dt>
              <dd>{request.accessEndsAt ? formatWhen(request.accessEndsAt) : 'No end date'}</dd>
              <dt>Status</dt>
              <dd data-testid="request-status" data-status={request.status}>
                {requestStatusLabels[request.status]}
              </dd>
            </dl>
            {request.message && <blockquote className="rq-message">{request.message}</blockquote>}
            <h2>Asked for</h2>
            <ul className="rq-asked">
              {request.items.map((item) => (
                <li key={`${item.platform}|${item.assetType}`}>
                  <PlatformLogo platform={item.platform} />{' '}
                  {assetTypeName(item.platformName, item.assetTypeLabel)} — {item.levelLabel}
                </li>
              ))}
            </ul>
            <h2>Assets</h2>
            {request.grants.length === 0 ? (
              <p className="rq-muted">
                {request.onboarding
                  ? 'The client is choosing the assets to share.'
                  : 'The client has not opened the link yet.'}
              </p>
            ) : (
              <ul className="rq-grants" aria-label="Assets">
                {request.grants.map((grant) => (
                  <GrantCard
                    key={grant.id}
                    grant={grant}
                    {...(me.user.role !== 'viewer'
                      ? {
                          onMarkDone: (id: string) => void grantAction(id, 'confirm'),
                          onCheck: (id: string) => void grantAction(id, 'check'),
                        }
                      : {})}
                  />
                ))}
              </ul>
            )}
            {working && (
              <p className="rq-muted">Grants in progress: refreshing every few seconds.</p>
            )}
            <Receipt request={request} />
            {me.user.role !== 'viewer' && state !== 'revoked' && (
              <p>
                <button
                  type="button"
                  className="rq-danger"
                  disabled={busy}
                  onClick={() => void revoke()}
                  data-testid="revoke-link"
                >
                  {busy ? 'Revoking…' : 'Revoke link'}
                </button>
              </p>
            )}
            {problem && <p role="alert">{problem}</p>}
          </div>
        );
      }}
    </DashboardLayout>
  );
}

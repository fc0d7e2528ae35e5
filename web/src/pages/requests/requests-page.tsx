import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';
import { formatWhen, isInProgress, linkStateOf } from './labels.ts';
import { GrantStatusBadge, LinkStateBadge, Loading } from './status-badges.tsx';
import type { Client, RequestSummary } from './types.ts';
import { useRefreshWhile } from './use-refresh.ts';
import './requests.css';

/**
 * /app/requests: the agency's access requests with client, creation time, link state and each
 * asset's status; it refreshes every few seconds while a grant is still being worked on.
 */
export function RequestsPage() {
  const requests = useApi<{ requests: RequestSummary[] }>('/api/v1/requests');
  const clients = useApi<{ clients: Client[] }>('/api/v1/clients');
  const working =
    requests.data?.requests.some(
      (r) => r.onboardingStatus === 'approved' || r.assets.some((a) => isInProgress(a.status)),
    ) ?? false;
  useRefreshWhile(working, requests.reload);
  const clientName = (id: string | null) =>
    (id && clients.data?.clients.find((c) => c.id === id)?.name) ?? '—';
  return (
    <DashboardLayout title="Requests">
      {(me) => (
        <>
          <div className="rq-toolbar">
            <p className="rq-muted">
              {working ? 'Grants in progress: this list refreshes every few seconds.' : ''}
            </p>
            {me.user.role !== 'viewer' && (
              <a className="rq-button" href="/app/requests/new" data-testid="new-request">
                New request
              </a>
            )}
          </div>
          {requests.error && <p role="alert">{requests.error}</p>}
          {!requests.data && !requests.error && <Loading what="requests" />}
          {requests.data?.requests.length === 0 && (
            <p className="rq-empty">No requests yet. Make one to send your client a link.</p>
          )}
          {requests.data && requests.data.requests.length > 0 && (
            <table className="table rq-table" aria-label="Requests" data-testid="requests-table">
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Client</th>
                  <th scope="col">Created</th>
                  <th scope="col">Link</th>
                  <th scope="col">Assets</th>
                </tr>
              </thead>
              <tbody>
                {requests.data.requests.map((request) => (
                  <tr key={request.id} data-testid={`request-${request.id}`}>
                    <td>
                      <a href={`/app/requests/${request.id}`}>{request.title}</a>
                    </td>
                    <td>{clientName(request.clientId)}</td>
                    <td>{formatWhen(request.createdAt)}</td>
                    <td>
                      <LinkStateBadge state={linkStateOf(request)} />
                    </td>
                    <td>
                      <AssetStatuses request={request} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </DashboardLayout>
  );
}

function AssetStatuses(props: { request: RequestSummary }) {
  const { request } = props;
  if (request.assets.length === 0) {
    return (
      <span className="rq-muted">
        Asked: {request.items.map((i) => `${i.assetTypeLabel} (${i.levelLabel})`).join(', ')}
        {' · '}
        {request.onboardingStatus ? 'client is choosing' : 'waiting for the client'}
      </span>
    );
  }
  return (
    <ul className="rq-assets">
      {request.assets.map((asset) => (
        <li key={asset.id}>
          <span>{asset.assetName}</span> <GrantStatusBadge status={asset.status} />
          {asset.status === 'failed' && (
            <a className="rq-small" href={`/app/requests/${request.id}`}>
              {' '}
              why?
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

import { useState } from 'react';
import { DashboardLayout } from './layout.tsx';
import { useApi } from './use-api.ts';
import { formatDateTime } from '../../format/date.ts';
import { actionWords, humanize } from '../../format/names.ts';

interface AuditPage {
  events: {
    id: number;
    createdAt: string;
    actorKind: string;
    actorId: string | null;
    actorName: string;
    action: string;
    targetKind: string;
    targetId: string | null;
  }[];
  nextBefore: number | null;
}

/** /app/audit: the owner reads the audit log, page by page, and downloads it. */
export function AuditPage() {
  const [before, setBefore] = useState<number | undefined>();
  const { data, error } = useApi<AuditPage>(
    `/api/v1/audit-events?limit=50${before ? `&before=${before}` : ''}`,
  );
  return (
    <DashboardLayout title="Audit log">
      {() => (
        <>
          <p>
            Download: <a href="/api/v1/audit-events/export?format=csv">CSV</a> ·{' '}
            <a href="/api/v1/audit-events/export?format=ndjson">NDJSON</a>
          </p>
          {error && <p role="alert">{error}</p>}
          <table className="table">
            <thead>
              <tr>
                <th>When</th>
                <th>Action</th>
                <th>Actor</th>
                <th>Target</th>
              </tr>
            </thead>
            <tbody>
              {data?.events.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.createdAt)}</td>
                  <td>
                    <span title={event.action}>{actionWords(event.action)}</span>
                  </td>
                  <td data-testid="audit-actor">{event.actorName}</td>
                  <td>
                    {humanize(event.targetKind)}{' '}
                    {event.targetId && (
                      <small className="muted">{event.targetId.slice(0, 8)}</small>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data?.nextBefore && (
            <button type="button" onClick={() => setBefore(data.nextBefore ?? undefined)}>
              Older events
            </button>
          )}
        </>
      )}
    </DashboardLayout>
  );
}

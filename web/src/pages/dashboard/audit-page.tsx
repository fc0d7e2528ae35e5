import { useState } from 'react';
import { DashboardLayout } from './layout.tsx';
import { useApi } from './use-api.ts';

interface AuditPage {
  events: {
    id: number;
    createdAt: string;
    actorKind: string;
    actorId: string | null;
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
                <th>When (UTC)</th>
                <th>Action</th>
                <th>Actor</th>
                <th>Target</th>
              </tr>
            </thead>
            <tbody>
              {data?.events.map((event) => (
                <tr key={event.id}>
                  <td>{event.createdAt.replace('T', ' ').slice(0, 19)}</td>
                  <td>{event.action}</td>
                  <td>
                    {event.actorKind} {event.actorId?.slice(0, 8)}
                  </td>
                  <td>
                    {event.targetKind} {event.targetId?.slice(0, 8)}
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

import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';

interface Explained {
  asset: { platform: string; type: string; id: string; name: string | null };
  readAt: string;
  businessId: string;
  holding: { relation: string; status: string; levels: string[]; sourceName: string | null } | null;
  paths: {
    person: { id: string; name: string | null; email: string | null };
    businessRole: string;
    reason: string;
    levels: string[];
    why: string;
  }[];
  limits: string[];
}

/** /app/assets/:id/access: who reaches a client asset through the agency's business, and why. */
export function AssetAccessPage(props: { id: string }) {
  const { data, error } = useApi<Explained>(`/api/v1/assets/${props.id}/access`);
  return (
    <DashboardLayout title="Who has access">
      {() => (
        <>
          {error && <p role="alert">{error}</p>}
          {!data && !error && <p>Reading from the platform…</p>}
          {data && (
            <>
              <p>
                {data.asset.name ?? data.asset.id}{' '}
                <small>
                  {data.asset.platform} {data.asset.type} {data.asset.id}
                </small>
                , read {new Date(data.readAt).toLocaleString()}.
              </p>
              <p data-testid="holding">
                {data.holding
                  ? `The agency's business ${data.businessId} holds it through ${data.holding.relation.replace('_', ' ')}${data.holding.sourceName ? ` from ${data.holding.sourceName}` : ''}, level ${data.holding.levels.join(', ') || 'shared'} (${data.holding.status}).`
                  : `The agency's business ${data.businessId} does not hold it.`}
              </p>
              <table>
                <thead>
                  <tr>
                    <th>Person</th>
                    <th>Role</th>
                    <th>Why</th>
                    <th>Level</th>
                  </tr>
                </thead>
                <tbody>
                  {data.paths.map((p) => (
                    <tr key={`${p.person.id}`}>
                      <td>{p.person.name ?? p.person.email ?? p.person.id}</td>
                      <td>{p.businessRole}</td>
                      <td>{p.why}</td>
                      <td>{p.levels.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ul aria-label="What this read cannot see">
                {data.limits.map((limit) => (
                  <li key={limit}>
                    <small>{limit}</small>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </DashboardLayout>
  );
}

import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';
import { PlatformLogo } from '../../components/platform-logo.tsx';
import { usePlatformWords } from '../../components/platform-words.ts';
import { formatDateTime } from '../../format/date.ts';
import { humanize } from '../../format/names.ts';

interface Explained {
  asset: { platform: string; type: string; id: string; name: string | null };
  readAt: string;
  businessId: string;
  agencyIdentity: string;
  holdingSentence: string;
  holding: { relation: string; status: string; levels: string[]; sourceName: string | null } | null;
  paths: {
    person: { id: string; name: string | null; email: string | null };
    business: { id: string };
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
  const words = usePlatformWords();
  const levelsOf = (levels: readonly string[]) =>
    data ? levels.map((l) => words.level(data.asset.platform, data.asset.type, l)).join(', ') : '';
  return (
    <DashboardLayout title="Who has access">
      {() => (
        <>
          {error && <p role="alert">{error}</p>}
          {!data && !error && <p>Reading from the platform…</p>}
          {data && (
            <>
              <p>
                <PlatformLogo platform={data.asset.platform} /> {data.asset.name ?? data.asset.id}{' '}
                <small className="muted">
                  {words.assetType(data.asset.platform, data.asset.type)} · ID {data.asset.id}
                </small>
                , read {formatDateTime(data.readAt)}.
              </p>
              <p data-testid="holding">{data.holdingSentence}</p>
              <table className="table">
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
                    <tr
                      key={`${p.person.id} ${p.business.id} ${p.reason}`}
                      data-testid={`path-${p.person.id}`}
                    >
                      <td>{p.person.name ?? p.person.email ?? p.person.id}</td>
                      <td>{humanize(p.businessRole)}</td>
                      <td>{p.why}</td>
                      <td>{levelsOf(p.levels) || '—'}</td>
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

import { useApi } from '../dashboard/use-api.ts';
import { confirmationNote } from './grant-card.tsx';
import { formatWhen } from './labels.ts';
import type { RequestDetail } from './types.ts';

interface Connection {
  platform: string;
  businessName: string | null;
  businessId: string | null;
}

/** What was granted, to which of the agency's businesses, at which level: the request's receipt. */
export function Receipt(props: { request: RequestDetail }) {
  const connections = useApi<{ connections: Connection[] }>('/api/v1/agency/connections');
  const granted = props.request.grants.filter((g) => g.status === 'granted');
  const onboarding = props.request.onboarding;
  if (!onboarding || (onboarding.status !== 'completed' && onboarding.status !== 'partial'))
    return null;
  const holder = (platform: string) => {
    const c = connections.data?.connections.find((x) => x.platform === platform);
    return c?.businessName ? `${c.businessName} (${c.businessId ?? ''})` : 'your business';
  };
  return (
    <section className="rq-receipt" aria-labelledby="receipt-title" data-testid="receipt">
      <h2 id="receipt-title">Receipt</h2>
      <p>
        {onboarding.status === 'completed' ? 'Completed' : 'Partly completed'}{' '}
        {formatWhen(onboarding.completedAt)}; approved by the client{' '}
        {formatWhen(onboarding.approvedAt)}.
      </p>
      {granted.length === 0 ? (
        <p>Nothing was granted.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Level</th>
              <th scope="col">Granted to</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {granted.map((g) => (
              <tr key={g.id}>
                <td>
                  {g.assetName} <small className="rq-muted">{g.assetTypeLabel}</small>
                  {confirmationNote(g) && (
                    <>
                      <br />
                      <small className="rq-muted">{confirmationNote(g)}</small>
                    </>
                  )}
                </td>
                <td>{g.levelLabel}</td>
                <td>{holder(g.platform)}</td>
                <td>{formatWhen(g.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

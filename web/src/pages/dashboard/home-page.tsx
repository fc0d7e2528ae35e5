import type { ReactNode } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { PlatformLogo } from '../../components/platform-logo.tsx';
import { formatDateTime, formatRelative } from '../../format/date.ts';
import { actionWords, assetTypeName } from '../../format/names.ts';
import type { Attention } from './attention.ts';
import { DashboardLayout } from './layout.tsx';
import { useApi } from './use-api.ts';

const grantWords: Record<Attention['grantsWaiting']['items'][number]['status'], string> = {
  pending_acceptance: 'Accept the invitation on the platform',
  needs_manual_step: 'Waiting for a manual step',
  failed: 'Failed: see why',
};

/**
 * /app: what needs the agency's attention now (links the client has not finished, grants waiting
 * for someone, access that changed, access about to end) and what happened last.
 */
export function DashboardHomePage() {
  const { data, error } = useApi<Attention>('/api/v1/attention');
  return (
    <DashboardLayout title="Dashboard">
      {(me) => (
        <>
          <p className="muted">
            Signed in to {me.agency.name} as {me.user.name}.
          </p>
          {error && <p role="alert">{error}</p>}
          {!data && !error && <p role="status">Loading what needs attention…</p>}
          {data && <AttentionBoard data={data} canRequest={me.user.role !== 'viewer'} />}
        </>
      )}
    </DashboardLayout>
  );
}

function AttentionBoard(props: { data: Attention; canRequest: boolean }) {
  const { data } = props;
  const quiet =
    data.linksWaiting.total +
      data.grantsWaiting.total +
      data.driftAlerts.total +
      data.accessEnding.total ===
    0;
  return (
    <>
      {quiet && (
        <EmptyState
          title="Nothing needs your attention"
          action={
            props.canRequest ? { href: '/app/requests/new', label: 'New request' } : undefined
          }
        >
          No link is waiting for a client, no grant is waiting for a person and no access has
          changed. Send a client a request to get access to their accounts.
        </EmptyState>
      )}
      <div className="cards" data-testid="attention">
        <Card
          title="Grants waiting for someone"
          total={data.grantsWaiting.total}
          more="/app/requests"
          testId="attention-grants"
        >
          {data.grantsWaiting.items.map((g) => (
            <li key={g.grantId}>
              <a href={`/app/requests/${g.requestId}`}>
                <PlatformLogo platform={g.platform} /> {g.assetName}
              </a>{' '}
              <small className="muted">
                {assetTypeName(g.platformName, g.assetTypeLabel)}
                {g.clientName ? ` · ${g.clientName}` : ''}
              </small>
              <br />
              <span className={`badge badge-${g.status}`}>{grantWords[g.status]}</span>
            </li>
          ))}
        </Card>
        <Card
          title="Access that changed"
          total={data.driftAlerts.total}
          more="/app/lifecycle"
          testId="attention-drift"
        >
          {data.driftAlerts.items.map((a) => (
            <li key={a.alertId}>
              <a href="/app/lifecycle">{a.assetNames.join(', ')}</a>{' '}
              <small className="muted">found {formatRelative(a.createdAt)}</small>
            </li>
          ))}
        </Card>
        <Card
          title="Links waiting for the client"
          total={data.linksWaiting.total}
          more="/app/requests"
          testId="attention-links"
        >
          {data.linksWaiting.items.map((l) => (
            <li key={l.requestId}>
              <a href={`/app/requests/${l.requestId}`}>{l.title}</a>{' '}
              <small className="muted">
                {l.clientName ? `${l.clientName} · ` : ''}
                {l.linkOpenedAt ? 'opened' : 'not opened yet'} · link expires{' '}
                {formatRelative(l.linkExpiresAt)}
              </small>
            </li>
          ))}
        </Card>
        <Card
          title="Access ending soon"
          total={data.accessEnding.total}
          more="/app/requests"
          testId="attention-ending"
        >
          {data.accessEnding.items.map((e) => (
            <li key={e.requestId}>
              <a href={`/app/requests/${e.requestId}`}>{e.title}</a>{' '}
              <small className="muted">
                {e.clientName ? `${e.clientName} · ` : ''}ends {formatDateTime(e.accessEndsAt)}
              </small>
            </li>
          ))}
        </Card>
      </div>
      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">Recent activity</h2>
        {data.recentActivity.length === 0 ? (
          <p className="muted">Nothing has happened yet.</p>
        ) : (
          <ul className="list" data-testid="recent-activity">
            {data.recentActivity.map((e) => (
              <li key={e.id}>
                <span>
                  {actionWords(e.action)} <small className="muted">by {e.actorName}</small>
                </span>
                <small className="muted">{formatDateTime(e.createdAt)}</small>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Card(props: {
  title: string;
  total: number;
  more: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="card" data-testid={props.testId} aria-label={props.title}>
      <h2>
        {props.title} <span className="count">{props.total}</span>
      </h2>
      {props.total === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="plain">{props.children}</ul>
      )}
      {props.total > 0 && (
        <a href={props.more} className="more">
          See all
        </a>
      )}
    </section>
  );
}

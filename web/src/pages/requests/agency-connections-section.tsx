import { useState } from 'react';
import { apiFetch } from '../dashboard/api.ts';
import { useApi } from '../dashboard/use-api.ts';
import { explainError } from './explain-error.ts';
import { formatWhen } from './labels.ts';
import { Loading } from './status-badges.tsx';
import { BusinessPicker } from './business-picker.tsx';
import { PlatformName } from '../../components/platform-logo.tsx';

export interface Connection {
  platform: string;
  name: string;
  /** Where grants go on this platform: "Business Center", "manager account", ... */
  identityLabel: string;
  connected: boolean;
  ready: boolean;
  businessId: string | null;
  businessName: string | null;
  connectedAt: string | null;
  /** The platform refused to renew the stored token: only reconnecting brings it back. */
  needsReconnect?: boolean;
}

const results = (c: Connection): Readonly<Record<string, string>> => ({
  connected: `Connected. Now pick the ${c.identityLabel} that should receive the access.`,
  denied: 'The sign-in was cancelled: nothing was connected.',
  failed: 'The platform did not accept the sign-in: try again.',
});

/**
 * Settings: the agency's own identity on each platform (TikTok Business Center, Meta business
 * portfolio, Google Ads manager account, ...), connected once by OAuth; grants go to the chosen
 * one, so access lives in the platform and not in Latchkey.
 */
export function AgencyConnectionsSection(props: { canEdit: boolean }) {
  const { data, error, reload } = useApi<{ connections: Connection[] }>(
    '/api/v1/agency/connections',
  );
  const query = new URLSearchParams(window.location.search);
  return (
    <section className="stack rq-connections" aria-labelledby="connections-title">
      <h2 id="connections-title">Your platform accounts</h2>
      <p className="rq-muted">
        Connect your own account on each platform once. Clients share their assets with it, so the
        access stays in the platform even without Latchkey.
      </p>
      {error && <p role="alert">{error}</p>}
      {!data && !error && <Loading what="connections" />}
      {data?.connections.map((c) => {
        const result = query.get(c.platform);
        return (
          <div key={c.platform} className="rq-connection" data-testid={`connection-${c.platform}`}>
            {result && results(c)[result] && (
              <p role="status">
                {result === 'connected' && c.ready ? 'Connected.' : results(c)[result]}
              </p>
            )}
            <ConnectionRow connection={c} canEdit={props.canEdit} onChange={reload} />
          </div>
        );
      })}
    </section>
  );
}

function ConnectionRow(props: { connection: Connection; canEdit: boolean; onChange: () => void }) {
  const c = props.connection;
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (failure) {
      setProblem(explainError(failure));
    } finally {
      setBusy(false);
    }
  };
  const connect = () =>
    run(async () => {
      const { authorizationUrl } = await apiFetch<{ authorizationUrl: string }>(
        `/api/v1/agency/connections/${c.platform}/start`,
        { method: 'POST' },
      );
      window.location.assign(authorizationUrl);
    });
  const disconnect = () =>
    run(async () => {
      if (!window.confirm(`Disconnect ${c.name}? New grants will wait until you connect again.`))
        return;
      await apiFetch(`/api/v1/agency/connections/${c.platform}`, { method: 'DELETE' });
      props.onChange();
    });
  return (
    <>
      <h3>
        <PlatformName platform={c.platform} name={c.name} size={24} />
      </h3>
      {!c.connected && <p>Not connected.</p>}
      {c.connected && (
        <p data-testid={`connected-business-${c.platform}`}>
          {c.ready ? (
            <>
              Grants go to <strong>{c.businessName}</strong>{' '}
              <small className="rq-muted">(ID {c.businessId})</small>.
            </>
          ) : (
            `Connected, but no ${c.identityLabel} chosen yet: pick one below.`
          )}{' '}
          <small className="rq-muted">Connected {formatWhen(c.connectedAt)}.</small>
        </p>
      )}
      {c.needsReconnect && (
        <p className="rq-warning" data-testid={`needs-reconnect-${c.platform}`}>
          {c.name} no longer accepts this connection (it expired and could not be renewed): grants
          and checks on {c.name} stop until you reconnect it.
        </p>
      )}
      {props.canEdit && c.connected && <BusinessPicker connection={c} onChosen={props.onChange} />}
      {props.canEdit && (
        <div className="rq-actions">
          <button
            type="button"
            disabled={busy}
            onClick={() => void connect()}
            data-testid={`connect-${c.platform}`}
          >
            {c.connected ? `Reconnect ${c.name}` : `Connect ${c.name} ${c.identityLabel}`}
          </button>
          {c.connected && (
            <button
              type="button"
              className="rq-danger"
              disabled={busy}
              onClick={() => void disconnect()}
            >
              Disconnect
            </button>
          )}
        </div>
      )}
      {!props.canEdit && <p className="rq-muted">Owners and managers connect accounts.</p>}
      {problem && <p role="alert">{problem}</p>}
    </>
  );
}

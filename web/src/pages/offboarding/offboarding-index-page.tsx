import { useState, type FormEvent } from 'react';
import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';

interface Client {
  id: string;
  name: string;
}

interface Past {
  id: string;
  clientId: string | null;
  requestId: string | null;
  platform: string | null;
  status: string;
  createdAt: string;
}

/**
 * /app/offboarding (the menu's Offboarding): pick the client whose access ends, which leads to the
 * dry run; and the offboardings done so far, each with its report.
 */
export function OffboardingIndexPage() {
  const clients = useApi<{ clients: Client[] }>('/api/v1/clients');
  const past = useApi<{ offboardings: Past[] }>('/api/v1/offboardings');
  const [clientId, setClientId] = useState('');
  const nameOf = (id: string | null) =>
    clients.data?.clients.find((c) => c.id === id)?.name ?? 'one request';
  const choose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (clientId) window.location.assign(`/app/offboarding/new?client=${clientId}`);
  };
  return (
    <DashboardLayout title="Offboarding">
      {() => (
        <>
          {(clients.error ?? past.error) && <p role="alert">{clients.error ?? past.error}</p>}
          <p>
            Offboarding removes the access Latchkey granted for a client, on every platform. You see
            the plan first; nothing changes until you confirm.
          </p>
          {clients.data?.clients.length === 0 ? (
            <p>No clients yet: there is nothing to offboard.</p>
          ) : (
            <form className="inline" onSubmit={choose}>
              <label>
                Client{' '}
                <select
                  value={clientId}
                  onChange={(e) => setClientId(e.target.value)}
                  required
                  data-testid="offboard-client"
                >
                  <option value="">Choose a client…</option>
                  {clients.data?.clients.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={!clientId}>
                See what would be removed
              </button>
            </form>
          )}
          <h2>Past offboardings</h2>
          {past.data?.offboardings.length === 0 && <p>None yet.</p>}
          <ul className="list" aria-label="Past offboardings">
            {past.data?.offboardings.map((o) => (
              <li key={o.id}>
                <a href={`/app/offboarding/${o.id}`}>
                  {nameOf(o.clientId)}
                  {o.platform ? ` (${o.platform})` : ''}
                </a>
                <span>
                  {o.status} · {new Date(o.createdAt).toLocaleString()}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </DashboardLayout>
  );
}

import { useState, type FormEvent } from 'react';
import { apiFetch, describeError } from './api.ts';
import { DashboardLayout } from './layout.tsx';
import { useApi } from './use-api.ts';
import { EmptyState } from '../../components/empty-state.tsx';

interface Client {
  id: string;
  name: string;
  email: string | null;
}

/** /app/clients: the agency's clients; members and above add and delete. */
export function ClientsPage() {
  const { data, error, reload } = useApi<{ clients: Client[] }>('/api/v1/clients');
  const [problem, setProblem] = useState<string | undefined>();
  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const email = fields.get('email');
    try {
      await apiFetch('/api/v1/clients', {
        method: 'POST',
        body: {
          name: fields.get('name'),
          ...(typeof email === 'string' && email ? { email } : {}),
        },
      });
      form.reset();
      setProblem(undefined);
      reload();
    } catch (failure) {
      setProblem(describeError(failure));
    }
  };
  const remove = async (id: string) => {
    await apiFetch(`/api/v1/clients/${id}`, { method: 'DELETE' }).catch((failure: unknown) =>
      setProblem(describeError(failure)),
    );
    reload();
  };
  return (
    <DashboardLayout title="Clients">
      {(me) => (
        <>
          {error && <p role="alert">{error}</p>}
          <ul className="list" aria-label="Clients">
            {data?.clients.map((client) => (
              <li key={client.id}>
                <span>
                  {client.name} {client.email && <small>{client.email}</small>}
                </span>
                {me.user.role !== 'viewer' && (
                  <button type="button" onClick={() => void remove(client.id)}>
                    Delete
                  </button>
                )}
              </li>
            ))}
          </ul>
          {data?.clients.length === 0 && (
            <EmptyState title="No clients yet">
              {me.user.role === 'viewer'
                ? 'Members add the clients the agency works for.'
                : 'Add a client below with the email their link should go to; new requests can then name them.'}
            </EmptyState>
          )}
          {me.user.role !== 'viewer' && (
            <form className="inline" onSubmit={(event) => void add(event)}>
              <input name="name" placeholder="Client name" required aria-label="Client name" />
              <input
                name="email"
                type="email"
                placeholder="Contact email"
                aria-label="Contact email"
              />
              <button type="submit">Add client</button>
            </form>
          )}
          {problem && <p role="alert">{problem}</p>}
        </>
      )}
    </DashboardLayout>
  );
}

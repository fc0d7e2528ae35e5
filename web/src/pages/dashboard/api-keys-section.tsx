import { useState, type FormEvent } from 'react';
import { apiFetch, describeError } from './api.ts';
import { useApi } from './use-api.ts';

interface ApiKey {
  id: string;
  name: string;
  scope: 'read' | 'write';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** API keys: create (the key is shown once), list and revoke. */
export function ApiKeysSection() {
  const { data, reload } = useApi<{ apiKeys: ApiKey[] }>('/api/v1/api-keys');
  const [created, setCreated] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    try {
      const result = await apiFetch<{ key: string }>('/api/v1/api-keys', {
        method: 'POST',
        body: { name: fields.get('name'), scope: fields.get('scope') },
      });
      setCreated(result.key);
      form.reset();
      reload();
    } catch (failure) {
      setProblem(describeError(failure));
    }
  };
  const revoke = async (id: string) => {
    await apiFetch(`/api/v1/api-keys/${id}`, { method: 'DELETE' }).catch((failure: unknown) =>
      setProblem(describeError(failure)),
    );
    reload();
  };
  return (
    <section className="stack">
      <h2>API keys</h2>
      <p>
        Use a key as <code>Authorization: Bearer lk_…</code>. See the{' '}
        <a href="/api/docs">API docs</a>.
      </p>
      <ul className="list" aria-label="API keys">
        {data?.apiKeys.map((key) => (
          <li key={key.id}>
            <span>
              {key.name}{' '}
              <small>
                lk_{key.id} · {key.scope}
              </small>
              {key.revokedAt && <small> · revoked</small>}
            </span>
            {!key.revokedAt && (
              <button type="button" onClick={() => void revoke(key.id)}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="inline" onSubmit={(event) => void create(event)}>
        <input name="name" required placeholder="Key name" aria-label="Key name" />
        <select name="scope" aria-label="Scope" defaultValue="read">
          <option value="read">Read</option>
          <option value="write">Read and write</option>
        </select>
        <button type="submit">Create key</button>
      </form>
      {created && (
        <p className="notice">
          Copy this key now; it is not shown again: <code>{created}</code>
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { apiFetch, describeError, tokenFromFragment } from './dashboard/api.ts';

interface Invitation {
  agencyName: string;
  email: string;
  role: string;
}

/** /app/invite#token=…: a teammate accepts an invitation and chooses a password. */
export function InvitePage() {
  const [invitation, setInvitation] = useState<Invitation | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    apiFetch<Invitation>('/api/v1/invitations/lookup', {
      method: 'POST',
      body: { token: tokenFromFragment() },
    })
      .then(setInvitation)
      .catch((failure: unknown) => setError(describeError(failure)));
  }, []);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await apiFetch('/api/v1/invitations/accept', {
        method: 'POST',
        body: {
          token: tokenFromFragment(),
          name: form.get('name'),
          password: form.get('password'),
        },
      });
      window.location.assign('/app');
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <main className="page narrow">
      <h1>Join {invitation?.agencyName ?? 'your team'} on Latchkey</h1>
      {invitation && (
        <p>
          Invitation for {invitation.email} as {invitation.role}.
        </p>
      )}
      {invitation && (
        <form className="stack" onSubmit={(event) => void submit(event)}>
          <label>
            Your name <input name="name" required maxLength={120} autoComplete="name" />
          </label>
          <label>
            Password (12 characters or more)
            <input
              name="password"
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
            />
          </label>
          <button type="submit">Join</button>
        </form>
      )}
      {error && <p role="alert">{error}</p>}
    </main>
  );
}

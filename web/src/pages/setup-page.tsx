import { useState, type FormEvent } from 'react';
import { apiFetch, describeError, tokenFromFragment } from './dashboard/api.ts';

/** /app/setup#token=…: the one-time setup link creates the agency and its owner. */
export function SetupPage() {
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await apiFetch('/api/v1/setup', {
        method: 'POST',
        body: {
          token: tokenFromFragment(),
          agencyName: form.get('agencyName'),
          name: form.get('name'),
          email: form.get('email'),
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
      <h1>Set up Latchkey</h1>
      <p>Create your agency and its owner account. This link works once.</p>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <label>
          Agency name <input name="agencyName" required maxLength={120} />
        </label>
        <label>
          Your name <input name="name" required maxLength={120} autoComplete="name" />
        </label>
        <label>
          Email <input name="email" type="email" required autoComplete="email" />
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
        <button type="submit">Create agency</button>
        {error && <p role="alert">{error}</p>}
      </form>
    </main>
  );
}

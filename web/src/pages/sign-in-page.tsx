import { useState, type FormEvent } from 'react';
import { apiFetch, describeError } from './dashboard/api.ts';

/** /app/sign-in: email and password. */
export function SignInPage() {
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await apiFetch('/api/v1/auth/sign-in', {
        method: 'POST',
        body: { email: form.get('email'), password: form.get('password') },
      });
      window.location.assign('/app');
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <main className="page narrow">
      <h1>Sign in to Latchkey</h1>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <label>
          Email <input name="email" type="email" required autoComplete="email" />
        </label>
        <label>
          Password{' '}
          <input name="password" type="password" required autoComplete="current-password" />
        </label>
        <button type="submit">Sign in</button>
        {error && <p role="alert">{error}</p>}
      </form>
    </main>
  );
}

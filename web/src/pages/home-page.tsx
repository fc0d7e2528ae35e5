import { useEffect, useState } from 'react';

interface Health {
  status: string;
  database: string;
}

/** The landing page: what Latchkey is, and whether the server answers. */
export function HomePage() {
  const [health, setHealth] = useState<Health | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch('/healthz')
      .then((response) => response.json() as Promise<Health>)
      .then(setHealth)
      .catch(() => setFailed(true));
  }, []);
  return (
    <main className="page">
      <h1>Latchkey</h1>
      <p>One link to client access for marketing agencies.</p>
      <p>
        <a href="/app">Open the dashboard</a>
      </p>
      <p data-testid="health">
        {failed
          ? 'The server does not answer.'
          : health
            ? `Server ${health.status} on ${health.database}`
            : 'Checking the server…'}
      </p>
    </main>
  );
}

import { useEffect, useState } from 'react';

interface Health {
  status: string;
  database: string;
}

/** The shell of the web front end: it shows the server's health until the dashboard lands. */
export function App() {
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

import type { ReactNode } from 'react';
import { routes } from './routes.tsx';

/** Picks the page for the current path from the route table (first match wins). */
export function App(): ReactNode {
  const path = window.location.pathname;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) return route.render(match.groups ?? {});
  }
  return <NotFound />;
}

function NotFound() {
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        <a href="/">Back to Latchkey</a>
      </p>
    </main>
  );
}

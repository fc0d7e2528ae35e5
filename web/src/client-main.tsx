// The client's page (`/l/<token>`) as an entry of its own: a client downloads this page and
// React, not the agency's dashboard (the server sends client.html for `/l/*`).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OnboardingPage } from './pages/client/onboarding-page.tsx';
import './styles.css';

const token = /^\/l\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\/?$/.exec(window.location.pathname)?.[1];
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {token ? (
        <OnboardingPage token={token} />
      ) : (
        <main className="page">
          <h1>Page not found</h1>
        </main>
      )}
    </StrictMode>,
  );
}

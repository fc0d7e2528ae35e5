import { useEffect, useState, type ReactNode } from 'react';
import { apiFetch, ApiError } from './api.ts';

export interface Me {
  user: {
    id: string;
    name: string;
    email: string;
    role: 'owner' | 'manager' | 'member' | 'viewer';
  };
  agency: { id: string; name: string; slug: string };
}

/** The dashboard's sections; C2's Requests pages live at /app/requests. */
export const dashboardNav = [
  { href: '/app/requests', label: 'Requests' },
  { href: '/app/lifecycle', label: 'Access health' },
  { href: '/app/offboarding', label: 'Offboarding' },
  { href: '/app/clients', label: 'Clients' },
  { href: '/app/templates', label: 'Templates' },
  { href: '/app/tools', label: 'Other tools' },
  { href: '/app/team', label: 'Team' },
  { href: '/app/settings', label: 'Settings' },
  { href: '/app/audit', label: 'Audit log' },
] as const;

/**
 * The dashboard shell: agency name, navigation, sign-out, and the page. It loads who is signed in
 * and sends anonymous visitors to the sign-in page. Pages receive `me` to adapt to the role.
 */
export function DashboardLayout(props: { title: string; children: (me: Me) => ReactNode }) {
  const [me, setMe] = useState<Me | undefined>();
  useEffect(() => {
    apiFetch<Me>('/api/v1/me')
      .then(setMe)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          window.location.assign('/app/sign-in');
        }
      });
  }, []);
  const signOut = async () => {
    await apiFetch('/api/v1/auth/sign-out', { method: 'POST' }).catch(() => undefined);
    window.location.assign('/app/sign-in');
  };
  const path = window.location.pathname;
  return (
    <div className="dashboard">
      <header className="dashboard-header">
        <a href="/app" className="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <strong>{me?.agency.name ?? 'Latchkey'}</strong>
        </a>
        <nav aria-label="Dashboard">
          {dashboardNav.map((item) => (
            <a
              key={item.href}
              href={item.href}
              aria-current={path.startsWith(item.href) ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <span className="dashboard-user">
          {me ? `${me.user.name} (${me.user.role})` : ''}{' '}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <main className="page">
        <h1>{props.title}</h1>
        {me ? props.children(me) : <p>Loading…</p>}
      </main>
    </div>
  );
}

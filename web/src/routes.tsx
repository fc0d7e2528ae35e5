import type { ReactNode } from 'react';
import { HomePage } from './pages/home-page.tsx';
import { OnboardingPage } from './pages/client/onboarding-page.tsx';
import { AuditPage } from './pages/dashboard/audit-page.tsx';
import { ClientsPage } from './pages/dashboard/clients-page.tsx';
import { CustomPlatformsPage } from './pages/dashboard/custom-platforms-page.tsx';
import { DashboardHomePage } from './pages/dashboard/home-page.tsx';
import { SettingsPage } from './pages/dashboard/settings-page.tsx';
import { TeamPage } from './pages/dashboard/team-page.tsx';
import { TemplatesPage } from './pages/dashboard/templates-page.tsx';
import { InvitePage } from './pages/invite-page.tsx';
import { NewRequestPage } from './pages/requests/new-request-page.tsx';
import { RequestDetailPage } from './pages/requests/request-detail-page.tsx';
import { RequestsPage } from './pages/requests/requests-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { AssetAccessPage } from './pages/lifecycle/asset-access-page.tsx';
import { LifecyclePage } from './pages/lifecycle/lifecycle-page.tsx';
import { OffboardingIndexPage } from './pages/offboarding/offboarding-index-page.tsx';
import { OffboardingNewPage } from './pages/offboarding/offboarding-new-page.tsx';
import { OffboardingPage } from './pages/offboarding/offboarding-page.tsx';

export interface Route {
  readonly pattern: RegExp;
  readonly render: (params: Record<string, string>) => ReactNode;
}

/**
 * The route table of the web front end. Pages live in `pages/`, one file each; add one line here
 * per page. The server serves index.html for `/`, `/app/*` and `/l/*`.
 */
export const routes: readonly Route[] = [
  { pattern: /^\/$/, render: () => <HomePage /> },
  {
    pattern: /^\/l\/(?<token>[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\/?$/,
    render: (p) => <OnboardingPage token={p.token ?? ''} />,
  },
  { pattern: /^\/app\/setup\/?$/, render: () => <SetupPage /> },
  { pattern: /^\/app\/sign-in\/?$/, render: () => <SignInPage /> },
  { pattern: /^\/app\/invite\/?$/, render: () => <InvitePage /> },
  { pattern: /^\/app\/?$/, render: () => <DashboardHomePage /> },
  { pattern: /^\/app\/clients\/?$/, render: () => <ClientsPage /> },
  { pattern: /^\/app\/templates\/?$/, render: () => <TemplatesPage /> },
  { pattern: /^\/app\/tools\/?$/, render: () => <CustomPlatformsPage /> },
  { pattern: /^\/app\/team\/?$/, render: () => <TeamPage /> },
  { pattern: /^\/app\/settings(\/connections)?\/?$/, render: () => <SettingsPage /> },
  { pattern: /^\/app\/requests\/?$/, render: () => <RequestsPage /> },
  { pattern: /^\/app\/requests\/new\/?$/, render: () => <NewRequestPage /> },
  {
    pattern: /^\/app\/requests\/(?<id>[0-9a-f-]{36})\/?$/,
    render: (p) => <RequestDetailPage id={p.id ?? ''} />,
  },
  { pattern: /^\/app\/audit\/?$/, render: () => <AuditPage /> },
  { pattern: /^\/app\/lifecycle\/?$/, render: () => <LifecyclePage /> },
  {
    pattern: /^\/app\/assets\/(?<id>[0-9a-f-]{36})\/access\/?$/,
    render: (p) => <AssetAccessPage id={p.id ?? ''} />,
  },
  { pattern: /^\/app\/offboarding\/?$/, render: () => <OffboardingIndexPage /> },
  { pattern: /^\/app\/offboarding\/new\/?$/, render: () => <OffboardingNewPage /> },
  {
    pattern: /^\/app\/offboarding\/(?<id>[0-9a-f-]{36})\/?$/,
    render: (p) => <OffboardingPage id={p.id ?? ''} />,
  },
];

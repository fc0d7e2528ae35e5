import type { ReactNode } from 'react';
import { HomePage } from './pages/home-page.tsx';

export interface Route {
  readonly pattern: RegExp;
  readonly render: (params: Record<string, string>) => ReactNode;
}

/**
 * The route table of the web front end. Pages live in `pages/`, one file each; add one line here
 * per page. The server serves index.html for `/`, `/app/*` and `/l/*`.
 */
export const routes: readonly Route[] = [{ pattern: /^\/$/, render: () => <HomePage /> }];

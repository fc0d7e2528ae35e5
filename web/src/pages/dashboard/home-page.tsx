import { DashboardLayout, dashboardNav } from './layout.tsx';

/** /app: the dashboard's front page, a map of its sections. */
export function DashboardHomePage() {
  return (
    <DashboardLayout title="Dashboard">
      {(me) => (
        <>
          <p>
            Signed in to {me.agency.name} as {me.user.name}.
          </p>
          <ul className="list">
            {dashboardNav.map((item) => (
              <li key={item.href}>
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </DashboardLayout>
  );
}

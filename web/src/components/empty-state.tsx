import type { ReactNode } from 'react';

/** What a list shows when it is empty: what it is for and what to do next, with an action link. */
export function EmptyState(props: {
  title: string;
  children: ReactNode;
  action?: { href: string; label: string } | undefined;
}) {
  return (
    <div className="empty-state" role="note">
      <strong>{props.title}</strong>
      <p>{props.children}</p>
      {props.action && (
        <a className="button" href={props.action.href}>
          {props.action.label}
        </a>
      )}
    </div>
  );
}

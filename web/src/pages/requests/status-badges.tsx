import { grantStatusLabels, linkStateLabels, type LinkState } from './labels.ts';
import type { GrantStatus } from './types.ts';

/** A grant's status in plain words, coloured by outcome. */
export function GrantStatusBadge(props: { status: GrantStatus }) {
  return (
    <span className={`rq-badge rq-${props.status}`} data-status={props.status}>
      {grantStatusLabels[props.status]}
    </span>
  );
}

/** The client link's state (open, opened, expired, revoked). */
export function LinkStateBadge(props: { state: LinkState }) {
  return (
    <span className={`rq-badge rq-link-${props.state}`} data-link-state={props.state}>
      {linkStateLabels[props.state]}
    </span>
  );
}

/** The loading indicator of the request pages. */
export function Loading(props: { what?: string }) {
  return (
    <p role="status" aria-busy="true" className="rq-loading">
      Loading{props.what ? ` ${props.what}` : ''}…
    </p>
  );
}

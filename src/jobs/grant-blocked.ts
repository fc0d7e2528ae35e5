/** A problem that no retry fixes: the grant (or re-check, or offboarding step) fails with this message. */
export class GrantBlocked extends Error {
  override readonly name = 'GrantBlocked';
}

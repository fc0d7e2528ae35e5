/**
 * A problem that no retry fixes: the grant (or re-check, or offboarding step) fails with this
 * message. Its own module, so fresh-token.ts and grant-deps.ts can both throw it.
 */
export class GrantBlocked extends Error {
  override readonly name = 'GrantBlocked';
}

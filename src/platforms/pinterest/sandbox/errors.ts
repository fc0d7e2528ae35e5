// Pinterest's error answer: HTTP status plus `{code, message}` (pinterest-api.md §7). Codes are
// the HTTP status for generic refusals and the sandbox's own numbers for business rules (the
// contract lists both; Pinterest publishes no list of codes).

/** Business-rule codes used in 200 batch `exception`s and in refusals (pinterest-api.md §7). */
export const RULE = {
  partnerExists: 4301,
  inviteNotPending: 4302,
  inviteNotYours: 4303,
  assetNotOwned: 4304,
  permissionNotForType: 4305,
  partnerNotFound: 4306,
  invitePending: 4307,
  notModelled: 4308,
} as const;

export class PinterestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The answer body. */
  body(): { code: number; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A generic refusal whose code is its HTTP status. */
export const refuse = (status: number, message: string): PinterestError =>
  new PinterestError(status, status, message);

/**
 * The control token the test harnesses open their sandboxes with (a sandbox's control API is
 * closed unless given one), and the header every control call then carries.
 */
export const CONTROL_TOKEN = 'test-sandbox-control-token-0123456789';

/** The sandbox option opening its control API to CONTROL_TOKEN. */
export const openControl = { control: { token: CONTROL_TOKEN } } as const;

/** `Authorization: Bearer <token>` for control calls. */
export const controlAuth = { authorization: `Bearer ${CONTROL_TOKEN}` } as const;

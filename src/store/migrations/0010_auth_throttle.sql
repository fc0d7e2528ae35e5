-- Failed-attempt throttles shared by every process (OWASP Authentication Cheat Sheet: per-account
-- back-off, not a permanent lock). One row per key: `account:<sha256 of the email>`,
-- `ip:<sha256 of the address>`, `link:<link id>`, `link-ip:<sha256 of the address>`, and
-- `known:<sha256 of email and address>` (a pair that signed in successfully, exempt from both
-- sign-in locks). Keys hold no email or address in clear.

CREATE TABLE auth_throttles (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_at timestamptz NOT NULL
);
